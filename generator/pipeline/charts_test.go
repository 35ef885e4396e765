package pipeline

import (
	"bytes"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/plinth-ssg/plinth/generator/chart"
	"github.com/plinth-ssg/plinth/generator/chart/svg"
	"github.com/plinth-ssg/plinth/generator/site"
)

// The charts of the example site, read back from the built pages as a
// reader (or a scraper) gets them: the same numbers in the drawing, its
// table, its summary and its open data, and no hidden figure anywhere.

// htmlFigure is one chart as a page publishes it.
type htmlFigure struct {
	id, heading, summary, label string
	// drawings are the chart's <svg> elements, as written.
	drawings []string
	// tables are the figures the chart draws, then their counts if any.
	tables    []htmlTable
	downloads []string
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
				f.tables = tablesIn(t, buf.Bytes())
				return
			case cur == nil:
			case n.Data == "h2" || n.Data == "h3":
				cur.heading = strings.TrimSpace(text(n))
			case n.Data == "p" && class == "plinth-figure__summary":
				cur.summary = strings.TrimSpace(text(n))
			case n.Data == "div" && strings.HasPrefix(class, "plinth-chart"):
				cur.label = attr(n, "aria-label")
			case n.Data == "svg":
				var buf bytes.Buffer
				html.Render(&buf, n)
				cur.drawings = append(cur.drawings, buf.String())
				return
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

// markWords finds the words of each mark of a drawing.
var markWords = regexp.MustCompile(`class="plinth-mark" data-series="\d+" data-index="\d+"><title>([^<]*)</title>`)

// reading is one part of a mark's words: "London, Complete: 77% (325
// actions)" read as category, series, figure and count.
type reading struct{ category, series, figure, count string }

var readingParts = regexp.MustCompile(`^(.*), ([^,]*): (\[c\]|[0-9][0-9,.]*%?)(?: \(([0-9][0-9,]*)[^)]*\))?`)

// readMarks returns what a drawing's marks say, each note on hidden
// figures split into the figures it names.
func readMarks(t *testing.T, where, drawing string) []reading {
	t.Helper()
	var out []reading
	for _, m := range markWords.FindAllStringSubmatch(drawing, -1) {
		for part := range strings.SplitSeq(html.UnescapeString(m[1]), "; ") {
			p := readingParts.FindStringSubmatch(part)
			if p == nil {
				t.Errorf("%s: a mark says %q", where, part)
				continue
			}
			out = append(out, reading{p[1], p[2], p[3], p[4]})
		}
	}
	return out
}

var summaryNumber = regexp.MustCompile(`[0-9][0-9,.]*%?`)

// TestChartsMatchTheirTables reads every chart of the example site back
// from the built pages, as a reader (or a scraper) gets them. Each chart
// is drawn twice (wide and narrow) as SVG; every mark's words give the
// figure its table shows for the same series and category, and its count
// from the table of counts; every figure the table hides ([c]) is named by
// a [c] note and by no mark with a figure; every number of the heading and
// summary is one the tables show; the summary is the chart's accessible
// name; and the figure links its table's open data.
func TestChartsMatchTheirTables(t *testing.T) {
	files := exampleSite(t)
	var figures, figuresRead, hidden int
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
			if f.summary == "" || f.label != f.summary {
				t.Errorf("%s: summary %q, aria-label %q: want the same text", where, f.summary, f.label)
			}
			if len(f.drawings) != 2 || len(f.tables) == 0 {
				t.Errorf("%s: %d drawings and %d tables, want 2 and 1 or 2", where, len(f.drawings), len(f.tables))
				continue
			}
			drawn, counts := f.tables[0], htmlTable{}
			if len(f.tables) > 1 {
				counts = f.tables[1]
			}
			for _, d := range f.drawings {
				named, noted := map[string]bool{}, map[[2]string]bool{}
				for _, r := range readMarks(t, where, d) {
					named[r.category], named[r.series] = true, true
					if r.figure == "[c]" {
						noted[[2]string{r.category, r.series}], noted[[2]string{r.series, r.category}] = true, true
					}
					cell, ok := drawn.at(r.series, r.category)
					if !ok {
						t.Errorf("%s: the chart draws %q, %q, which its table does not show", where, r.series, r.category)
						continue
					}
					if cell != r.figure {
						t.Errorf("%s: %q, %q is %s in the chart but %s in the table", where, r.series, r.category, r.figure, cell)
					}
					if r.figure == "[c]" {
						hidden++
						continue
					}
					figuresRead++
					if r.count != "" {
						if n, ok := counts.at(r.series, r.category); !ok || n != r.count {
							t.Errorf("%s: %q, %q counts %s in the chart but %s in the table of counts", where, r.series, r.category, r.count, n)
						}
					}
				}
				// Every hidden figure among the drawn ones has its note.
				for _, row := range drawn.rows {
					for j, c := range row[1:] {
						if c == "[c]" && named[row[0]] && named[drawn.header[j+1]] && !noted[[2]string{row[0], drawn.header[j+1]}] {
							t.Errorf("%s: the hidden figure %q, %q has no note", where, row[0], drawn.header[j+1])
						}
					}
				}
			}
			shown := drawn.shown()
			maps.Copy(shown, counts.shown())
			for _, x := range summaryNumber.FindAllString(f.heading+" "+f.summary, -1) {
				if x = strings.TrimRight(x, ".,"); !shown[x] {
					t.Errorf("%s: the words name %s, which the tables do not show:\n%s\n%s", where, x, f.heading, f.summary)
				}
			}
			if len(f.downloads) == 0 || !strings.HasSuffix(f.downloads[0], ".csv") {
				t.Errorf("%s: downloads %q, want the CSV first", where, f.downloads)
			}
		}
	}
	// 3 national, 3 on each of 7 region pages, 2 on each of 6 domain pages.
	if figures != 3+3*7+2*6 || hidden == 0 {
		t.Errorf("%d figures, %d hidden figures noted; want 36 figures, some with hidden figures", figures, hidden)
	}
	t.Logf("%d charts, wide and narrow: %d marks read, each the figure its table shows; %d hidden figures named by [c] notes", figures, figuresRead, hidden)
}

// TestChartDrawingsRepeat: the charts of a build drawn again, afresh (a
// cache of their own, new runtimes, in another order), give the very bytes
// of the built pages' drawings.
func TestChartDrawingsRepeat(t *testing.T) {
	files := exampleSite(t)
	res, diags := Run(Options{Source: "../..", Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	figs := slices.Clone(res.Site.Figures)
	slices.Reverse(figs)
	if err := chart.Draw(figs, svg.NewCache()); err != nil {
		t.Fatal(err)
	}
	byID := map[string]*site.Figure{}
	for _, f := range figs {
		byID[f.ID] = f
	}
	drawings := 0
	for _, p := range sortedPaths(files) {
		if path.Ext(p) != ".html" {
			continue
		}
		for _, h := range figuresIn(t, files[p]) {
			f := byID[strings.TrimPrefix(h.id, "figure-")]
			if f == nil || len(h.drawings) != 2 {
				t.Fatalf("%s: figure %s with %d drawings is not one of the build's", p, h.id, len(h.drawings))
			}
			for j, again := range []string{string(f.Wide.SVG), string(f.Narrow.SVG)} {
				drawings++
				// The page's drawing went through html.Render, which
				// writes ' as &#39;.
				if html.UnescapeString(h.drawings[j]) != html.UnescapeString(again) {
					t.Errorf("%s %s: drawing %d differs when drawn again", p, h.id, j)
				}
			}
		}
	}
	if drawings != 2*(3+3*7+2*6) {
		t.Errorf("%d drawings compared, want 72", drawings)
	}
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
