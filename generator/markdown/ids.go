package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/plinth-ssg/plinth/generator/slug"
)

// ids generates heading IDs with slug.Make, made unique within the page by a
// numeric suffix and never equal to an ID the layouts use.
type ids struct {
	used map[string]bool
	// next is, for each base that has needed a suffix, the suffix to try
	// first: every smaller one is taken, and IDs are never given back.
	// Counting up from 1 each time made a page of thousands of headings
	// with one title ("## Notes") quadratic, minutes for 20,000.
	next map[string]int
}

func newIDs(reserved []string) *ids {
	u := make(map[string]bool, len(reserved)+8)
	for _, r := range reserved {
		u[r] = true
	}
	return &ids{used: u, next: map[string]int{}}
}

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	if s.used[id] {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs; it records an ID an author chose with
// {#custom-id}.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
