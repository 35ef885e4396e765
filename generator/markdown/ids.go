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
}

func newIDs(reserved []string) *ids {
	u := make(map[string]bool, len(reserved)+8)
	for _, r := range reserved {
		u[r] = true
	}
	return &ids{used: u}
}

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs; it records an ID an author chose with
// {#custom-id}.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
