package linkcheck

import (
	"fmt"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// BenchmarkCheckFiles checks the links of 1,000 pages shaped like
// bench/sitegen's: a menu of ten sections on every page, a table of
// contents of fragments, and links to other pages.
func BenchmarkCheckFiles(b *testing.B) {
	var files []File
	for i := range 1000 {
		var h strings.Builder
		h.WriteString("<nav><ul>")
		for s := range 10 {
			fmt.Fprintf(&h, `<li><a href="/area-%d/">Area %d</a></li>`, s, s)
		}
		h.WriteString(`</ul></nav><main id="maincontent"><nav class="toc"><ol>`)
		for k := range 4 {
			fmt.Fprintf(&h, `<li><a href="#heading-%d">Heading %d</a></li>`, k, k)
		}
		h.WriteString("</ol></nav>")
		for k := range 4 {
			other, near := (i+k)%1000, (i+10*(k+1))%1000 // near is in the same section
			fmt.Fprintf(&h, `<h2 id="heading-%d">Heading %d</h2><p>See <a href="/area-%d/page-%d/">a page</a> and <a href="../page-%d/#heading-1">another</a>.</p>`, k, k, other%10, other, near)
		}
		h.WriteString("</main>")
		f := site.File{Path: fmt.Sprintf("area-%d/page-%d/index.html", i%10, i), Data: []byte(h.String())}
		files = append(files, File{Path: f.Path, Source: fmt.Sprintf("content/area-%d/page-%d.md", i%10, i), Page: Read(f.Data)})
	}
	for s := range 10 {
		files = append(files, File{Path: fmt.Sprintf("area-%d/index.html", s), Page: Read(nil)})
	}
	b.ReportAllocs()
	for b.Loop() {
		if l := CheckFiles(files, Site{Origin: "https://example.org", BasePath: "/"}); len(l) != 0 {
			b.Fatalf("%d broken links, the first: %v", len(l), l[0])
		}
	}
}
