package harness

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
	"testing/fstest"
)

func TestGzipSizes(t *testing.T) {
	text := []byte(strings.Repeat("<p>The Quality Framework</p>\n", 200))
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(text)
	zw.Close()
	g := newGzipSizes(fstest.MapFS{"a.html": {Data: text}})
	if got := g.Of("a.html"); got != buf.Len() || got >= len(text) {
		t.Errorf("gzipped size %d, want %d (and less than the raw %d)", got, buf.Len(), len(text))
	}
	if got := g.Of("missing.css"); got != 0 {
		t.Errorf("a missing file weighs %d, want 0", got)
	}
}

func TestWeightsByType(t *testing.T) {
	pages := []PageReport{
		{File: "index.html", Path: "/", Weight: Weight{HTML: 3000, CSS: 5000, JS: 1000}},
		{File: "standards/a.html", Path: "/standards/a.html", Weight: Weight{HTML: 4000}},
		{File: "standards/b.html", Path: "/standards/b.html", Weight: Weight{HTML: 5000, JS: 70000}},
		{File: "standards/c.html", Path: "/standards/c.html", Weight: Weight{HTML: 6000}},
	}
	got := WeightsByType(pages, 60*1024)
	if len(got) != 2 || got[0].Type != "home" || got[1].Type != "standards" {
		t.Fatalf("types %+v", got)
	}
	st := got[1]
	if st.Pages != 3 || st.Median != 6000 || st.Max != 75000 || st.MaxPage != "/standards/b.html" || len(st.Over) != 1 {
		t.Errorf("standards summary %+v", st)
	}
	if line := st.String(60 * 1024); !strings.Contains(line, "OVER BUDGET") {
		t.Errorf("line %q should flag the page over budget", line)
	}
	if line := got[0].String(60 * 1024); !strings.Contains(line, "within 60.0 KB") {
		t.Errorf("line %q", line)
	}
}

func TestPagePathAndType(t *testing.T) {
	tests := []struct {
		prefix, file, path, typ string
	}{
		{"/", "index.html", "/", "home"},
		{"quality", "index.html", "/quality/", "home"},
		{"/quality/", "about/index.html", "/quality/about/", "about"},
		{"/quality/", "standards/2024/culture.html", "/quality/standards/2024/culture.html", "standards"},
		{"/", "404.html", "/404.html", "404"},
		{"/", "orphan.html", "/orphan.html", "top-level"},
	}
	for _, tt := range tests {
		if got := PagePath(tt.prefix, tt.file); got != tt.path {
			t.Errorf("PagePath(%q, %q) = %q, want %q", tt.prefix, tt.file, got, tt.path)
		}
		if got := PageType(tt.file); got != tt.typ {
			t.Errorf("PageType(%q) = %q, want %q", tt.file, got, tt.typ)
		}
	}
}

func TestListPages(t *testing.T) {
	got, err := ListPages(fstest.MapFS{
		"b/index.html": {}, "a.html": {}, "style.css": {}, "x.htm": {}, "index.html": {},
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "a.html b/index.html index.html" {
		t.Errorf("pages %v", got)
	}
}

// TestOverBudget: a page over the budget breaks the rule page-weight, in a
// message that gives its weight and the budget; a page at the budget does
// not.
func TestOverBudget(t *testing.T) {
	if _, over := overBudget("a.html", Weight{HTML: 10, CSS: 20, JS: 30}, 60); over {
		t.Error("a page at its budget is over it")
	}
	f, over := overBudget("charts/index.html", Weight{HTML: 8 * 1024, CSS: 30 * 1024, JS: 185 * 1024}, 60*1024)
	if !over || f.Rule != RulePageWeight || f.Pos.File != "charts/index.html" || !strings.Contains(f.Msg, "223.0 KB") || !strings.Contains(f.Msg, "budget of 60.0 KB") {
		t.Errorf("finding %+v, over %v", f, over)
	}
}
