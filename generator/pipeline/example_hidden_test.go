package pipeline

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/internal/actiontruth"
	"golang.org/x/net/html"
)

// TestExampleHiddenFiguresHiddenEverywhere builds the example site and
// reads every file it publishes (pages, open data, chart drawings and
// their words, search documents, feeds) for the true value of each figure
// the tables hide, in context: a piece of text (a text node, an
// attribute such as a chart mark's title or aria-label, a sentence of a
// search document, a line of a data file) that names the figure's row
// and column and gives its count, or its share of the column's total as
// a percentage. The true values come from the SYNTHETIC data files,
// read here as plain CSV, not through the build. The archive of earlier
// releases is left out: its figures are the release files' own, and the
// true values here are today's.
func TestExampleHiddenFiguresHiddenEverywhere(t *testing.T) {
	files := exampleSite(t)
	truth := exampleTruth(t, filepath.Join("..", ".."))
	var cells []hiddenCell
	for name, rows := range truth {
		data, ok := files["action-plans/data/"+name+".csv"]
		if !ok {
			t.Fatalf("no open data for %s", name)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		head := recs[0]
		for _, rec := range recs[1:] {
			for j := 1; j < len(rec); j++ {
				if rec[j] != "[c]" {
					continue
				}
				n, ok := lookup(rows, rec[0], head[j])
				if !ok {
					t.Fatalf("%s: no true value for row %q, column %q", name, rec[0], head[j])
				}
				total, _ := lookup(rows, "Total", head[j])
				cells = append(cells, hiddenCell{name, rec[0], head[j], n, total, labelPattern(rec[0]), labelPattern(head[j])})
			}
		}
	}
	if len(cells) < 50 {
		t.Fatalf("only %d hidden figures found: the example should hide more", len(cells))
	}
	for _, f := range hiddenFiguresIn(files, cells) {
		t.Error(f)
	}
	// The scan must be able to fail: a chart mark and a search
	// sentence that give the first hidden figure are found.
	c := cells[0]
	planted := map[string][]byte{
		"planted/index.html":  fmt.Appendf(nil, "<svg><title>%s, %s: %d (%d actions)</title></svg>", c.row, c.col, c.n, c.n),
		"planted/search.json": fmt.Appendf(nil, `{"text":"Figures. In %s, %s stood at %d. More."}`, c.col, strings.ToLower(c.row), c.n),
	}
	if got := hiddenFiguresIn(planted, cells); len(got) < 2 {
		t.Errorf("the scan missed a planted figure: %q", got)
	}
	t.Logf("%d hidden figures looked for in %d files", len(cells), len(files))
}

// hiddenCell is a figure the published tables hide, with its true value
// and its column's true total.
type hiddenCell struct {
	table, row, col string
	n, total        int
	rowRe, colRe    *regexp.Regexp
}

var numberToken = regexp.MustCompile(`[0-9][0-9,]*(?:\.[0-9]+)?%?`)

// hiddenFiguresIn returns a line for each piece of text of files (bar the
// archive of earlier releases) that names a hidden figure's row and
// column and gives its true value or its share of the column's total.
func hiddenFiguresIn(files map[string][]byte, cells []hiddenCell) []string {
	var out []string
	for _, p := range sortedPaths(files) {
		if strings.HasPrefix(p, "action-plans/releases/") {
			continue
		}
		for _, piece := range textPieces(p, files[p]) {
			for _, c := range cells {
				rest := c.rowRe.ReplaceAllString(piece, " ")
				if rest == piece || !c.colRe.MatchString(rest) {
					continue
				}
				rest = c.colRe.ReplaceAllString(rest, " ")
				for _, tok := range numberToken.FindAllString(rest, -1) {
					tok = strings.ReplaceAll(tok, ",", "")
					leak := tok == strconv.Itoa(c.n)
					if pct, ok := strings.CutSuffix(tok, "%"); ok && c.total > 0 {
						share := 100 * float64(c.n) / float64(c.total)
						for _, v := range []float64{math.Floor(share), math.Round(share), math.Ceil(share)} {
							leak = leak || pct == strconv.Itoa(int(v))
						}
					}
					if leak {
						out = append(out, fmt.Sprintf("%s: %q gives %s, the hidden figure of %s row %q column %q (%d of %d)", p, piece, tok, c.table, c.row, c.col, c.n, c.total))
					}
				}
			}
		}
	}
	return out
}

// labelPattern matches a row or column label as a whole phrase, in any
// case; "England" does not match inside "East of England".
func labelPattern(label string) *regexp.Regexp {
	q := regexp.QuoteMeta(label)
	if label == "England" {
		// Go's regexp has no look-behind: match what may precede it.
		return regexp.MustCompile(`(?i)(^|[^a-z]|[^f] |[^o]f )England([^a-z]|$)`)
	}
	return regexp.MustCompile(`(?i)(^|[^a-z0-9.])` + q + `([^a-z0-9]|$)`)
}

// lookup finds a true value by its labels; a row given in the data by
// its leading number ("1." or "1.3") matches the table's full label.
func lookup(rows map[string]map[string]int, row, col string) (int, bool) {
	for label, cols := range rows {
		if label == row || strings.HasSuffix(label, " ") && strings.HasPrefix(row, label) {
			n := cols[col]
			return n, true
		}
	}
	return 0, false
}

// textPieces splits a published file into the pieces of text a reader
// takes one at a time: text nodes and attribute values of HTML and SVG,
// lines and quoted strings of other files, each then cut into sentences.
func textPieces(name string, data []byte) []string {
	var raw []string
	switch path.Ext(name) {
	case ".html", ".svg", ".xml":
		z := html.NewTokenizer(bytes.NewReader(data))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			switch tt {
			case html.TextToken:
				raw = append(raw, tok.Data)
			case html.StartTagToken, html.SelfClosingTagToken:
				for _, a := range tok.Attr {
					raw = append(raw, a.Val)
				}
			}
		}
	default:
		for line := range strings.SplitSeq(string(data), "\n") {
			raw = append(raw, strings.Split(line, `"`)...)
		}
	}
	var out []string
	for _, r := range raw {
		for _, s := range regexp.MustCompile(`\. |; |\n`).Split(r, -1) {
			if strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// exampleTruth counts the example's SYNTHETIC actions and providers into
// the tables of counts, by the labels the open data use (domains and
// standards by their leading number and a space).
func exampleTruth(t *testing.T, site string) map[string]map[string]map[string]int {
	t.Helper()
	d, err := actiontruth.Read(filepath.Join(site, "data"))
	if err != nil {
		t.Fatal(err)
	}
	out := d.Counts()
	if len(out) != 7 {
		t.Fatalf("%d tables counted, want 7", len(out))
	}
	return out
}
