package pipeline

import (
	"bytes"
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The charts of the example site, read back from the built pages as a
// reader (or a scraper) gets them: the same numbers in the chart, its
// table, its summary and its open data, and no hidden figure anywhere.

// htmlFigure is one chart as a page publishes it.
type htmlFigure struct {
	id, heading, summary, label string
	options                     []byte
	table                       htmlTable
	downloads                   []string
}

// figuresIn returns the figures of a built page.
func figuresIn(t *testing.T, page []byte) []htmlFigure {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, key string) string {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val
			}
		}
		return ""
	}
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	var out []htmlFigure
	var walk func(n *html.Node, cur *htmlFigure)
	walk = func(n *html.Node, cur *htmlFigure) {
		if n.Type == html.ElementNode {
			class := attr(n, "class")
			switch {
			case n.Data == "section" && class == "plinth-figure":
				out = append(out, htmlFigure{id: attr(n, "id")})
				f := &out[len(out)-1]
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, f)
				}
				var buf bytes.Buffer
				html.Render(&buf, n)
				if tabs := tablesIn(t, buf.Bytes()); len(tabs) == 1 {
					f.table = tabs[0]
				} else {
					t.Errorf("figure %s holds %d tables, want 1", f.id, len(tabs))
				}
				return
			case cur == nil:
			case n.Data == "h2" || n.Data == "h3":
				cur.heading = strings.TrimSpace(text(n))
			case n.Data == "p" && class == "plinth-figure__summary":
				cur.summary = strings.TrimSpace(text(n))
			case n.Data == "div" && strings.HasPrefix(class, "plinth-chart"):
				cur.label = attr(n, "aria-label")
			case n.Data == "script" && class == "plinth-chart-options":
				cur.options = []byte(text(n))
			case n.Data == "a" && strings.Contains(attr(n, "href"), "/data/"):
				cur.downloads = append(cur.downloads, attr(n, "href"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, cur)
		}
	}
	walk(doc, nil)
	return out
}

// chartOption is the part of a chart's option these tests read.
type chartOption struct {
	BaseOption struct {
		Aria struct {
			Label struct{ Description string }
		}
		Series []struct {
			Name string
			Data []struct{ Value json.RawMessage }
		}
		XAxis []struct{ Data []string }
		YAxis []struct{ Data []string }
	}
}

var summaryNumber = regexp.MustCompile(`[0-9][0-9,.]*%?`)

// TestChartIslandsMatchTheirTables: in every chart of the example site,
// each value of the data island is the figure its table shows for the same
// series and category (a number as the table writes it without separators
// or % sign, or null where the table shows [c]); every number the summary
// names is one the table shows, or part of a label; the summary is the
// chart's accessible name and ECharts' aria description; and the figure
// links its table's open data.
func TestChartIslandsMatchTheirTables(t *testing.T) {
	files := exampleSite(t)
	var figures, values, gaps int
	ids := map[string]string{}
	for _, p := range sortedPaths(files) {
		if path.Ext(p) != ".html" {
			continue
		}
		for _, f := range figuresIn(t, files[p]) {
			figures++
			where := p + " " + f.id
			if prev, dup := ids[f.id]; dup {
				t.Errorf("%s: figure id also on %s", where, prev)
			}
			ids[f.id] = p
			if bytes.Contains(f.options, []byte("__f__")) || bytes.ContainsAny(f.options, "<>&") {
				t.Errorf("%s: the data island holds a function marker or unescaped HTML", where)
			}
			var opt chartOption
			if err := json.Unmarshal(f.options, &opt); err != nil {
				t.Errorf("%s: the data island is not JSON: %v", where, err)
				continue
			}
			b := opt.BaseOption
			if f.summary == "" || f.label != f.summary || b.Aria.Label.Description != f.summary {
				t.Errorf("%s: summary %q, aria-label %q, aria description %q: want the same text", where, f.summary, f.label, b.Aria.Label.Description)
			}
			cats := b.XAxis[0].Data
			if len(cats) == 0 {
				cats = b.YAxis[0].Data
			}
			for _, s := range b.Series {
				for i, d := range s.Data {
					cell, ok := f.table.at(s.Name, cats[i])
					if !ok {
						t.Errorf("%s: the chart draws %q, %q, which its table does not show", where, s.Name, cats[i])
						continue
					}
					if string(d.Value) == "null" {
						gaps++
						if cell != "[c]" {
							t.Errorf("%s: %q, %q is a gap in the chart but %s in the table", where, s.Name, cats[i], cell)
						}
						continue
					}
					values++
					if plain(cell) != string(d.Value) {
						t.Errorf("%s: %q, %q is %s in the chart but %s in the table", where, s.Name, cats[i], d.Value, cell)
					}
				}
			}
			shown := f.table.shown()
			for _, x := range summaryNumber.FindAllString(f.heading+" "+f.summary, -1) {
				if x = strings.TrimRight(x, ".,"); !shown[x] {
					t.Errorf("%s: the words name %s, which the table does not show:\n%s\n%s", where, x, f.heading, f.summary)
				}
			}
			if len(f.downloads) == 0 || !strings.HasSuffix(f.downloads[0], ".csv") {
				t.Errorf("%s: downloads %q, want the CSV first", where, f.downloads)
			}
		}
	}
	// 3 national, 3 on each of 7 region pages, 2 on each of 6 domain pages.
	if figures != 3+3*7+2*6 || gaps == 0 {
		t.Errorf("%d figures with %d values and %d gaps; want 36 figures, some with gaps", figures, values, gaps)
	}
	t.Logf("%d charts: %d values drawn, each the figure its table shows; %d hidden figures drawn as gaps", figures, values, gaps)
}

// at returns the cell a chart's series and category meet at, in either
// orientation of the table.
func (h htmlTable) at(series, category string) (string, bool) {
	for _, pair := range [][2]string{{category, series}, {series, category}} {
		col := slices.Index(h.header, pair[1])
		if col <= 0 {
			continue
		}
		for _, r := range h.rows {
			if len(r) > col && r[0] == pair[0] {
				return r[col], true
			}
		}
	}
	return "", false
}

// shown is everything a table shows as written: figures and the numbers in
// its labels.
func (h htmlTable) shown() map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		for _, x := range summaryNumber.FindAllString(s, -1) {
			out[strings.TrimRight(x, ".,")] = true
		}
	}
	add(h.caption)
	for _, c := range h.header {
		add(c)
	}
	for _, r := range h.rows {
		for _, c := range r {
			if c != "[c]" {
				add(c)
			}
		}
	}
	return out
}

func TestFigureHelpers(t *testing.T) {
	h := htmlTable{header: []string{"Status", "London", "England"}, rows: [][]string{{"Complete", "1,235", "5,000"}, {"Overdue", "[c]", "40"}}}
	for _, tt := range []struct{ s, c, want string }{{"London", "Complete", "1,235"}, {"Overdue", "England", "40"}, {"London", "Overdue", "[c]"}} {
		if got, ok := h.at(tt.s, tt.c); !ok || got != tt.want {
			t.Errorf("at(%q, %q) = %q, %v", tt.s, tt.c, got, ok)
		}
	}
	if _, ok := h.at("Paris", "Complete"); ok {
		t.Error("at found a column that is not there")
	}
	if s := h.shown(); !s["1,235"] || !s["40"] || s["[c]"] || len(s) != 3 {
		t.Errorf("shown = %v", s)
	}
}
