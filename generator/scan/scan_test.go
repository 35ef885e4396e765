package scan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

var (
	parkOrigin     = diag.Pos{File: "data/providers.csv", Line: 12, Col: 7}
	hospitalOrigin = diag.Pos{File: "data/providers.csv", Line: 13, Col: 7}
	codeOrigin     = diag.Pos{File: "data/providers.csv", Line: 12, Col: 1}
)

func testScanner(t *testing.T, allow ...string) *Scanner {
	t.Helper()
	s, warnings := New([]Term{
		{Text: "Northwick Park", Origin: parkOrigin},
		{Text: "Northwick Park Hospital", Origin: hospitalOrigin},
		{Text: "ZZT01", Origin: codeOrigin},
		{Text: "St Mary’s Eastmere", Origin: diag.Pos{File: "data/providers.csv", Line: 14, Col: 7}},
		{Text: "Zoë Ashdown", Origin: diag.Pos{File: "data/providers.csv", Line: 15, Col: 7}},
	}, Options{Allow: allow})
	if len(warnings) != 0 {
		t.Fatalf("unexpected warnings: %v", warnings)
	}
	return s
}

// TestScanTerms plants identifying values in every kind of output file and
// in every disguise the normalisation undoes.
func TestScanTerms(t *testing.T) {
	tests := []struct {
		name, path, data string
		want             string // "text@origin" of each hit, "|"-separated; "" for none
	}{
		{"free text", "a/index.html", "<p>Learners at Northwick Park said the rota was late.</p>", "Northwick Park@" + parkOrigin.String()},
		{"upper case", "a/index.html", "<p>NORTHWICK PARK</p>", "NORTHWICK PARK@" + parkOrigin.String()},
		{"split across a line break", "a/index.html", "<p>at Northwick\n      Park today</p>", "Northwick Park@" + parkOrigin.String()},
		{"no-break space entity", "a/index.html", "<p>Northwick&nbsp;Park</p>", "Northwick Park@" + parkOrigin.String()},
		{"numeric entities", "a/index.html", "<p>Northwick&#32;Park and North&#x77;ick&#160;Park</p>", "Northwick Park@" + parkOrigin.String() + "x2"},
		{"soft hyphen and zero-width space", "a/index.html", "<p>North&shy;wick\u200b Park</p>", "Northwick Park@" + parkOrigin.String()},
		{"inline tags inside the name", "a/index.html", "<p>North<b>wick</b> <em>Park</em></p>", "Northwick Park@" + parkOrigin.String()},
		{"attribute", "a/index.html", `<img src="x.png" alt="Photo of Northwick Park">`, "Northwick Park@" + parkOrigin.String()},
		{"aria-label with entity", "a/index.html", `<a aria-label="Northwick&#x20;Park" href="/">x</a>`, "Northwick Park@" + parkOrigin.String()},
		{"percent-encoded URL", "a/index.html", `<a href="/search?q=Northwick%20Park">search</a>`, "Northwick Park@" + parkOrigin.String()},
		{"slug in a URL", "sitemap.xml", `<url><loc>https://example.org/providers/northwick-park/</loc></url>`, "northwick-park@" + parkOrigin.String()},
		{"HTML comment", "a/index.html", "<!-- TODO check Northwick Park -->", "Northwick Park@" + parkOrigin.String()},
		{"JSON", "search.json", `[{"title":"Rotas","body":"Northwick Park learners"}]`, "Northwick Park@" + parkOrigin.String()},
		{"JSON escapes", "search.json", `{"t":"Northwick\u0020Park","u":"North\u00adwick\nPark"}`, "Northwick Park@" + parkOrigin.String() + "x2"},
		{"JSON in a script block", "a/index.html", `<script type="application/json">{"n":"Northwick\u00a0Park"}</script>`, "Northwick Park@" + parkOrigin.String()},
		{"html/template JS escaping", "a/index.html", `<script>var p = "St Mary\u0027s Eastmere";</script>`, "St Mary's Eastmere@data/providers.csv:14:7"},
		{"curly apostrophe entity", "a/index.html", `<p>St Mary&rsquo;s Eastmere</p>`, "St Mary's Eastmere@data/providers.csv:14:7"},
		{"CSV output", "data/regions.csv", "region,count\nNorthwick Park,12\n", "Northwick Park@" + parkOrigin.String()},
		{"longest match only", "a/index.html", "<p>Northwick Park Hospital</p>", "Northwick Park Hospital@" + hospitalOrigin.String()},
		{"code", "a/index.html", "<td>ZZT01</td>", "ZZT01@" + codeOrigin.String()},
		{"non-ASCII letters fold", "a/index.html", "<p>ZOË ASHDOWN</p>", "ZOË ASHDOWN@data/providers.csv:15:7"},
		{"repeated: one hit with a count", "a/index.html", "<p>Northwick Park</p><p>Northwick Park</p>", "Northwick Park@" + parkOrigin.String() + "x2"},
		{"whole words only", "a/index.html", "<p>Northwick Parkway and ZZT015 and xZZT01</p>", ""},
		{"cell boundary is a word break", "a/index.html", "<td>Northwick</td><td>Park</td>", "Northwick Park@" + parkOrigin.String()},
		{"block tags separate words", "a/index.html", "<p>Northwick</p><p>Parkside</p>", ""},
		{"binary files are skipped", "img/x.png", "Northwick Park", ""},
		{"NUL bytes mark a binary file", "blob", "Northwick Park\x00", ""},
	}
	s := testScanner(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range s.File(site.File{Path: tt.path, Data: []byte(tt.data), Source: "content/a.md"}) {
				g := h.Text + "@" + h.Origin.String()
				if h.Pattern != 0 {
					g = h.Text + "@" + h.Pattern.String()
				}
				if h.Count > 1 {
					g += fmt.Sprintf("x%d", h.Count)
				}
				got = append(got, g)
			}
			if strings.Join(got, "|") != tt.want {
				t.Errorf("hits = %q, want %q", strings.Join(got, "|"), tt.want)
			}
		})
	}
}

func TestScanDiagnostics(t *testing.T) {
	s := testScanner(t, "quality-standards@example.org")
	files := []site.File{
		{Path: "providers/index.html", Source: "content/providers.md", Data: []byte("<h1>Providers</h1>\n<p>\n  Visit Northwick\n  Park.</p>\n")},
		{Path: "contact/index.html", Source: "content/contact.md", Data: []byte("<p>Write to quality-standards@example.org or QUALITY-STANDARDS@example.org.</p>\n<p>Call 020 7946 0958.</p>")},
		{Path: "sitemap.xml", Data: []byte("<loc>/p/zzt01/</loc>")},
	}
	l := s.Scan(files, nil)
	var b strings.Builder
	diag.Print(&b, l, 0)
	want := `content/contact.md: the built file contact/index.html (line 2, made from content/contact.md) contains "020 7946 0958", which looks like a UK telephone number
  hint: remove it from content/contact.md, or from the layout or data that produced the file. If it is meant to be public (a general enquiries address, say), add it exactly as written to the identifier scan's allow-list in the site configuration
content/providers.md: the built file providers/index.html (line 3, made from content/providers.md) contains "Northwick Park", an identifying value from data/providers.csv:12:7
  hint: remove it from content/providers.md, or from the layout or data that produced the file: private data may be published only as aggregated, disclosure-controlled figures. If this text is public on purpose, add it exactly as written to the identifier scan's allow-list in the site configuration
data/providers.csv:12:1: the built file sitemap.xml (line 1) contains "zzt01", an identifying value from data/providers.csv:12:1
  hint: remove it from the layout or data that produced the file: private data may be published only as aggregated, disclosure-controlled figures. If this text is public on purpose, add it exactly as written to the identifier scan's allow-list in the site configuration
`
	if b.String() != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestShortTerms(t *testing.T) {
	tests := []struct {
		text string
		skip bool
	}{
		{"Al", true},
		{"Kent", false},
		{"R1A", false},
		{"R1", true},
		{"12345", true},
		{"123456", false},
		{"  ", false}, // empty after folding: ignored without a warning
		{"St Ann", false},
		{"A & E", true},
	}
	for _, tt := range tests {
		_, w := New([]Term{{Text: tt.text, Origin: codeOrigin}}, Options{})
		if (len(w) == 1) != tt.skip {
			t.Errorf("New(%q) warnings = %v, want skipped = %v", tt.text, w, tt.skip)
		}
	}
}

// TestText checks the scan of one piece of plain text, as a feature uses it
// on a data file's cell: the same matching as for files, with each hit's
// byte offset in the text.
func TestText(t *testing.T) {
	s := testScanner(t)
	tests := []struct {
		name, text string
		want       []string // "text@offset/pattern"
	}{
		{"clean", "Learners said the rota arrived late.", nil},
		{"term", "Learners at Northwick Park said so.", []string{"Northwick Park@12/0"}},
		{"term across spaces and case", "Café learners at NORTHWICK\n  park", []string{"NORTHWICK park@18/0"}},
		{"character references decoded", "a &amp; Northwick Park", []string{"Northwick Park@8/0"}},
		{"pattern", "Call 020 7946 0958 or write to a.b@example.org.", []string{"020 7946 0958@5/" + fmt.Sprint(int(Phone)), "a.b@example.org@31/" + fmt.Sprint(int(Email))}},
		{"term and pattern", "ZZT01 SW1A 1AA", []string{"ZZT01@0/0", "SW1A 1AA@6/" + fmt.Sprint(int(Postcode))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range s.Text(tt.text) {
				got = append(got, fmt.Sprintf("%s@%d/%d", h.Text, h.Offset, int(h.Pattern)))
				first := strings.Fields(h.Text)[0]
				if at := tt.text[h.Offset:]; len(at) < len(first) || !strings.EqualFold(at[:len(first)], first) {
					t.Errorf("offset %d does not point at %q in %q", h.Offset, h.Text, tt.text)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Text(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestLongTerms: a value of megabytes is looked for by its first maxTermLen
// bytes, so the scanner stays small, and is still found wherever the whole
// value (or its start) appears, as a word.
func TestLongTerms(t *testing.T) {
	origin := diag.Pos{File: "data/actions.csv", Line: 5, Col: 10}
	long := "Ward " + strings.Repeat("X", 5<<20)
	s, warnings := New([]Term{{Text: long, Origin: origin}}, Options{})
	if len(warnings) != 0 {
		t.Fatalf("unexpected warnings: %v", warnings)
	}
	if states := len(s.ac.term); states > maxTermLen+1 {
		t.Errorf("the automaton has %d states for one long term", states)
	}
	tests := []struct {
		name, data string
		hit        bool
	}{
		{"the whole value", "<p>" + long + "</p>", true},
		{"its start, cut short later", "<p>" + long[:maxTermLen+50] + "</p>", true},
		{"less than the part looked for", "<p>" + long[:maxTermLen-50] + "</p>", false},
		{"inside a longer word", "<p>Sub" + strings.ToLower(long[:maxTermLen+5]) + "</p>", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits := s.File(site.File{Path: "a/index.html", Data: []byte(tc.data), Source: "content/a.md"})
			if got := len(hits) > 0; got != tc.hit {
				t.Errorf("found = %t, want %t", got, tc.hit)
			}
			for _, h := range hits {
				if h.Origin != origin {
					t.Errorf("hit at %s, want %s", h.Origin, origin)
				}
			}
		})
	}
}
