package content

import (
	"fmt"
	"testing"
	"testing/fstest"
)

// BenchmarkLoad loads 1,000 pages in 10 sections, shaped like
// bench/sitegen's: front matter with a title, description, date, weight and
// tags, then about 3 KB of Markdown.
func BenchmarkLoad(b *testing.B) {
	fsys := fstest.MapFS{}
	body := ""
	for len(body) < 3000 {
		body += "Training team education wellbeing assessment, supervision and [feedback](/area-1/).\n\n## A heading\n\n"
	}
	size := 0
	for i := range 1000 {
		data := fmt.Sprintf("+++\ntitle = \"Page %d: feedback workforce\"\ndescription = \"Synthetic page number %d.\"\ndate = 2024-01-%02d\nweight = %d\ntags = [\"tag-%d\"]\n+++\n%s", i, i, 1+i%28, i%50, i%20, body)
		fsys[fmt.Sprintf("content/area-%d/page-%d.md", i%10, i)] = &fstest.MapFile{Data: []byte(data)}
		size += len(data)
	}
	for s := range 10 {
		fsys[fmt.Sprintf("content/area-%d/_index.md", s)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\ntitle = \"Area %d\"\n+++\n", s))}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		res, diags := Load(fsys, Options{})
		if len(diags) != 0 || len(res.Pages) != 1010 {
			b.Fatalf("%d pages, %v", len(res.Pages), diags)
		}
	}
}
