package harness

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/network"
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

// TestWeightsByType: pages are grouped by the budget that covers them,
// the first that matches, or by their folder when none does, and each
// group is judged against its own budget.
func TestWeightsByType(t *testing.T) {
	pages := []PageReport{
		{File: "index.html", Path: "/", Weight: Weight{HTML: 3000, CSS: 5000, JS: 1000}},
		{File: "standards/a.html", Path: "/standards/a.html", Weight: Weight{HTML: 4000}},
		{File: "standards/b.html", Path: "/standards/b.html", Weight: Weight{HTML: 5000, Image: 70000}},
		{File: "standards/c.html", Path: "/standards/c.html", Weight: Weight{HTML: 6000}},
		{File: "charts/index.html", Path: "/charts/", Weight: Weight{HTML: 6000, JS: 20000}},
	}
	budgets := []Budget{{"charts/*", 30000}, {"*", 8000}}
	got := WeightsByType(pages, budgets, 60*1024)
	if len(got) != 3 || got[0].Type != "*" || got[1].Type != "charts/*" || got[2].Type != "standards" {
		t.Fatalf("types %+v", got)
	}
	if home := got[0]; home.Budget != 8000 || len(home.Over) != 1 || !strings.Contains(home.String(), "OVER BUDGET (7.8 KB)") {
		t.Errorf("home: %+v %q; 9000 bytes are over its budget of 8000", home, home.String())
	}
	if ch := got[1]; ch.Budget != 30000 || len(ch.Over) != 0 || !strings.Contains(ch.String(), "within 29.3 KB") {
		t.Errorf("charts: %+v %q; 26000 bytes are within its budget of 30000", ch, ch.String())
	}
	st := got[2]
	if st.Budget != 60*1024 || st.Pages != 3 || st.Median != 6000 || st.Max != 75000 || st.MaxPage != "/standards/b.html" || len(st.Over) != 1 {
		t.Errorf("standards summary %+v", st)
	}
}

func TestBudgetFor(t *testing.T) {
	budgets := []Budget{{"framework/*/self-assessment/index.html", 70}, {"framework/*/*/index.html", 50}, {"index.html", 40}}
	tests := []struct {
		file string
		want int
	}{
		{"framework/2021/self-assessment/index.html", 70},
		{"framework/2021/print/index.html", 50},
		{"framework/2021/standards/1-1/index.html", 10}, // * does not cross a slash
		{"index.html", 40},
		{"about/index.html", 10},
	}
	for _, tt := range tests {
		if got := BudgetFor(budgets, tt.file, 10); got != tt.want {
			t.Errorf("BudgetFor(%q) = %d, want %d", tt.file, got, tt.want)
		}
	}
}

// TestWeigh: what a reader on a slow connection downloads counts, each
// file once: the page, its stylesheet and scripts, the images and fonts
// they load and the data a script fetches; requests to other origins,
// failed ones and addresses outside the site do not.
func TestWeigh(t *testing.T) {
	const o = "http://127.0.0.1:9"
	files := map[string]string{"/": "index.html", "/a.css": "a.css", "/a.js": "a.js", "/i.svg": "i.svg", "/f.woff2": "f.woff2", "/s.json": "s.json"}
	sizes := map[string]int{"index.html": 1, "a.css": 10, "a.js": 100, "i.svg": 1000, "f.woff2": 10000, "s.json": 100000}
	req := func(p string, typ network.ResourceType, status int64) *request {
		return &request{URL: o + p, Type: typ, Status: status}
	}
	reqs := []*request{
		req("/", network.ResourceTypeDocument, 200),
		req("/a.css", network.ResourceTypeStylesheet, 200),
		req("/a.js", network.ResourceTypeScript, 200),
		req("/i.svg", network.ResourceTypeImage, 200),
		req("/i.svg", network.ResourceTypeImage, 200),
		req("/f.woff2", network.ResourceTypeFont, 200),
		req("/s.json", network.ResourceTypeFetch, 200),
		req("/gone.png", network.ResourceTypeImage, 404),
		{URL: "https://example.org/i.svg", Type: network.ResourceTypeImage, Status: 200},
	}
	got := weigh(reqs, o, func(p string) string { return files[p] }, func(f string) int { return sizes[f] })
	want := Weight{HTML: 1, CSS: 10, JS: 100, Image: 1000, Font: 10000, Data: 100000}
	if got != want || got.Total() != 111111 {
		t.Errorf("weight %+v, want %+v", got, want)
	}
	if s := got.String(); !strings.Contains(s, "images 1.0 KB") || !strings.Contains(s, "fonts 9.8 KB") || !strings.Contains(s, "data 97.7 KB") {
		t.Errorf("String() = %q names neither images, fonts nor data", s)
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
