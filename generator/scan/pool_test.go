package scan

import (
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestLargeFileBuffersNotPooled: the buffers a file larger than
// pooledText needed are not kept for the files after it (at 50,000 pages
// the sitemap's would hold about 100 MB to the end of the build), while a
// page's are.
func TestLargeFileBuffersNotPooled(t *testing.T) {
	s, _ := New([]Term{{Text: "Northfield General Hospital"}}, Options{})
	tests := []struct {
		name   string
		file   site.File
		pooled bool
	}{
		{"page", site.File{Path: "a/index.html", Data: []byte("<p>" + strings.Repeat("word ", 1000) + "</p>")}, true},
		{"sitemap", site.File{Path: "sitemap.xml", Data: []byte("<urlset>" + strings.Repeat("<url><loc>https://example.org/a/</loc></url>", pooledText/40) + "</urlset>")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 3 { // empty the pool of what other tests left
				pool.Get()
			}
			s.File(tt.file)
			buf := pool.Get().(*buffers)
			if got := cap(buf.main.t) >= len(tt.file.Data); got != tt.pooled {
				t.Errorf("the file's buffers pooled: %v, want %v (room for %d bytes after a file of %d)", got, tt.pooled, cap(buf.main.t), len(tt.file.Data))
			}
		})
	}
}
