package linkcheck

import (
	"bytes"
	"sync"
)

// URLs keeps one copy of each URL that the Readers of one pass over a
// site's files find, for the pages to point to: a site repeats its URLs
// on every page (the menu's, the stylesheet's, each section's), and a
// build keeps every page's until the links are checked. Looked up with
// the attribute's bytes, a URL seen before costs no allocation.
// (unique.Make did this job at several times the cost: a string made for
// every lookup, and for each new URL, most of them a page's own
// fragments, a cleanup registered with the runtime.) A nil *URLs copies
// every URL. It is safe for use by several goroutines.
type URLs struct {
	mu sync.Mutex
	m  map[string]*string
}

// maxURLs bounds what a URLs keeps: past it the map starts again, so that
// a pass kept by `plinth serve` from edit to edit, or a site of very many
// pages with fragments of their own, holds no more than a few megabytes
// for it. A URL found again after that is copied again, which costs
// memory only: links are compared by value.
const maxURLs = 1 << 16

// url returns the URL that an attribute value gives, character references
// decoded.
func (u *URLs) url(b []byte) *string {
	if u == nil {
		s := unescape(b)
		return &s
	}
	u.mu.Lock()
	p, ok := u.m[string(b)] // no string is made for a lookup
	u.mu.Unlock()
	if ok {
		return p
	}
	s := unescape(b)
	p = &s
	key := s // shares the URL's bytes, unless decoding changed them
	if bytes.IndexByte(b, '&') >= 0 {
		key = string(b)
	}
	u.mu.Lock()
	if u.m == nil || len(u.m) >= maxURLs {
		u.m = make(map[string]*string)
	}
	u.m[key] = p
	u.mu.Unlock()
	return p
}
