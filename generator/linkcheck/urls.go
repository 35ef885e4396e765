package linkcheck

import (
	"bytes"
	"sync"
	"unique"
)

// URLs gives the Readers of one pass over a site's files the handles of
// the URLs they find. unique.Make costs several hundred nanoseconds even
// for a URL it already holds (a string made from the attribute's bytes,
// then a lookup through weak pointers), and a site repeats its URLs on
// every page: the menu's, the stylesheet's, each section's. A map looked
// up with the attribute's bytes makes no string for a URL seen before,
// and is about ten times faster. A nil *URLs calls unique.Make each time.
// It is safe for use by several goroutines.
type URLs struct {
	mu sync.Mutex
	m  map[string]unique.Handle[string]
}

// maxURLs bounds what a URLs keeps: past it the map starts again, so that
// a pass kept by `plinth serve` from edit to edit, or a site of very many
// pages with fragments of their own, holds no more than a few megabytes
// for it. The handles in pages are not affected.
const maxURLs = 1 << 16

// handle returns the handle of an attribute value, character references
// decoded.
func (u *URLs) handle(b []byte) unique.Handle[string] {
	if u == nil || bytes.IndexByte(b, '&') >= 0 {
		return unique.Make(unescape(b))
	}
	u.mu.Lock()
	h, ok := u.m[string(b)] // no string is made for a lookup
	u.mu.Unlock()
	if ok {
		return h
	}
	h = unique.Make(string(b))
	u.mu.Lock()
	if u.m == nil || len(u.m) >= maxURLs {
		u.m = make(map[string]unique.Handle[string])
	}
	u.m[h.Value()] = h // the handle's own copy, which the pages keep anyway
	u.mu.Unlock()
	return h
}
