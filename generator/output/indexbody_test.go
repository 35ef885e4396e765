package output

import (
	"bytes"
	"strings"
	"testing"
)

// TestIndexBody: indexBody finds a page's body where bytes.Index would,
// also when the body's first bytes stand earlier in the layout.
func TestIndexBody(t *testing.T) {
	long := "<p>" + strings.Repeat("A paragraph of the body. ", 8) + "</p>"
	tests := []struct{ page, body string }{
		{"<main>" + long + "</main>", long},
		{"<p>" + strings.Repeat("A paragraph of the body. ", 2) + "</p><main>" + long + "</main>", long}, // head repeated before
		{"<main>" + long, long},                       // at the very end
		{long[:40], long},                             // page shorter than the body
		{"<main><p>short</p></main>", "<p>short</p>"}, // shorter than the head
		{"<main><p>other</p></main>", long},           // absent
		{long + long, long},                           // twice: the first
	}
	for _, tt := range tests {
		if got, want := indexBody([]byte(tt.page), tt.body), bytes.Index([]byte(tt.page), []byte(tt.body)); got != want {
			t.Errorf("indexBody(%.30q…, %.30q…) = %d, want %d", tt.page, tt.body, got, want)
		}
	}
}

func FuzzIndexBody(f *testing.F) {
	f.Add([]byte("<main><p>body</p></main>"), "<p>body</p>")
	f.Add([]byte("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab")
	f.Fuzz(func(t *testing.T, page []byte, body string) {
		if body == "" {
			return
		}
		if got, want := indexBody(page, body), bytes.Index(page, []byte(body)); got != want {
			t.Errorf("indexBody = %d, bytes.Index = %d", got, want)
		}
	})
}
