package svg

import (
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden drawings in testdata/")

func readOption(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// charts are the test drawings: a stacked bar chart with a hidden figure
// (null) and a zero, and a line with a gap.
func charts(t testing.TB) []Chart {
	return []Chart{
		{Option: readOption(t, "bars"), Width: 480, Height: 220, ID: "chart-bars-wide", Class: "wide",
			Marks: [][]string{{"North, Open: 10", "South, Open: [c]", "East, Open: 30"}, {"North, Done: 20", "South, Done: 15", "East, Done: 0"}}},
		{Option: readOption(t, "line"), Width: 288, Height: 200, ID: "chart-line-narrow",
			Marks: [][]string{{"Q1: 40%", "Q2: [c]", "Q3: 75%"}}},
	}
}

func drawAll(t testing.TB, c *Cache, cs []Chart) []string {
	t.Helper()
	out, err := Draw(cs, c)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGolden compares the test drawings with the ones in testdata/, so
// that a change to how charts are drawn is seen in review
// (go test ./generator/chart/svg -update rewrites them).
func TestGolden(t *testing.T) {
	cs := charts(t)
	for i, s := range drawAll(t, nil, cs) {
		name := filepath.Join("testdata", cs[i].ID+".svg")
		if *update {
			if err := os.WriteFile(name, []byte(s+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if s+"\n" != string(want) {
			t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", cs[i].ID, name, s)
		}
	}
}

// TestDrawIsDeterministic: a chart's drawing is the same bytes whatever
// was drawn before it and beside it, once its ID is accounted for.
func TestDrawIsDeterministic(t *testing.T) {
	cs := charts(t)
	again := cs[0]
	again.ID = "chart-again-wide"
	first := drawAll(t, NewCache(), []Chart{cs[0], cs[1], again, cs[1]})
	if got := strings.ReplaceAll(first[2], "chart-again-wide", "chart-bars-wide"); got != first[0] {
		t.Errorf("the same chart drawn after another differs:\n%s\n%s", first[0], got)
	}
	second := drawAll(t, NewCache(), []Chart{cs[1], cs[0]})
	if second[1] != first[0] || second[0] != first[1] {
		t.Error("the same charts drawn afresh, in another order, differ")
	}
	if !strings.Contains(first[0], `id="chart-bars-wide-pattern-1"`) {
		t.Errorf("the drawing's IDs do not start with its ID:\n%s", first[0])
	}
}

// TestDrawingIsCSPSafe: nothing in a drawing needs 'unsafe-inline' or
// reaches outside it, every ID has the chart's prefix, and labels are
// escaped.
func TestDrawingIsCSPSafe(t *testing.T) {
	cs := charts(t)
	for i, s := range drawAll(t, nil, cs) {
		for _, bad := range []string{"style=", "<style", "<script", "javascript:", "<image", "<foreignObject", "href="} {
			if strings.Contains(s, bad) {
				t.Errorf("%s holds %q", cs[i].ID, bad)
			}
		}
		if m := regexp.MustCompile(`\son[a-z]+=`).FindString(s); m != "" {
			t.Errorf("%s has an event handler %q", cs[i].ID, m)
		}
		for _, m := range regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(s, -1) {
			if !strings.HasPrefix(m[1], cs[i].ID+"-") {
				t.Errorf("%s has the ID %q", cs[i].ID, m[1])
			}
		}
		for _, m := range regexp.MustCompile(`url\(([^)]*)\)`).FindAllStringSubmatch(s, -1) {
			if !strings.HasPrefix(m[1], "#"+cs[i].ID+"-") {
				t.Errorf("%s refers to %q", cs[i].ID, m[1])
			}
		}
		if !regexp.MustCompile(`<text dominant-baseline="central" text-anchor="[a-z]+" font-size="\d+px" font-family="Arial, sans-serif"`).MatchString(s) {
			t.Errorf("%s: the text styles are not presentation attributes", cs[i].ID)
		}
		if err := xml.Unmarshal([]byte(s), new(struct{})); err != nil {
			t.Errorf("%s is not well-formed: %v", cs[i].ID, err)
		}
		if !strings.HasPrefix(s, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `+fmt.Sprint(cs[i].Width, " ", cs[i].Height)+`"`) {
			t.Errorf("%s starts %.120s", cs[i].ID, s)
		}
		if i == 0 && !strings.Contains(s, "East &amp; West &lt;all&gt;") {
			t.Errorf("%s: a label with & and < is missing or not escaped", cs[i].ID)
		}
	}
}

// drawnMark is one mark of a drawing: its series, data item and words.
type drawnMark struct {
	series, index string
	title         string
}

// marksIn lists a drawing's marks.
func marksIn(s string) []drawnMark {
	var out []drawnMark
	re := regexp.MustCompile(`class="plinth-mark" data-series="(\d+)" data-index="(\d+)"><title>([^<]*)</title>`)
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, drawnMark{m[1], m[2], m[3]})
	}
	return out
}

// TestMarks: each drawn data item carries its words; an item with no
// value (a hidden figure) has no mark at all; a zero has one; the second
// bar series has a pattern over its bars and its legend icon, the first
// none.
func TestMarks(t *testing.T) {
	cs := charts(t)
	out := drawAll(t, nil, cs)
	got := map[string]string{}
	for _, m := range marksIn(out[0]) {
		got[m.series+"/"+m.index] = m.title
	}
	want := map[string]string{"0/0": "North, Open: 10", "0/2": "East, Open: 30", "1/0": "North, Done: 20", "1/1": "South, Done: 15", "1/2": "East, Done: 0"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("marks %v, want %v (no mark for the null)", got, want)
	}
	if n := strings.Count(out[0], `fill="url(#chart-bars-wide-pattern-1)"`); n != 4 {
		t.Errorf("%d marks carry the second series' pattern, want 3 bars and the legend icon", n)
	}
	if strings.Contains(out[0], "pattern-2") {
		t.Error("a pattern for a series that has none")
	}
	lines := marksIn(out[1])
	if len(lines) != 2 || lines[0].title != "Q1: 40%" || lines[1].title != "Q3: 75%" {
		t.Errorf("line marks %v", lines)
	}
	if strings.Contains(out[1], "pattern") {
		t.Error("a line chart with patterns")
	}
}

// TestCacheReused: a chart drawn before, with the same option, size and
// words, is taken from the cache and not drawn again.
func TestCacheReused(t *testing.T) {
	c := NewCache()
	cs := charts(t)
	first := drawAll(t, c, cs)
	second := drawAll(t, c, cs)
	if c.Hits() != len(cs) || c.Misses() != len(cs) {
		t.Errorf("two builds of %d charts: %d drawn, %d reused; want %d and %d", len(cs), c.Misses(), c.Hits(), len(cs), len(cs))
	}
	if strings.Join(first, "") != strings.Join(second, "") {
		t.Error("a reused drawing differs")
	}
	changed := cs[1]
	changed.Marks = [][]string{{"Q1: 41%", "Q2: [c]", "Q3: 75%"}}
	out := drawAll(t, c, []Chart{cs[0], changed})
	if c.Misses() != len(cs)+1 || !strings.Contains(out[1], "Q1: 41%") {
		t.Errorf("after one chart's words changed, %d drawn in all; want %d", c.Misses(), len(cs)+1)
	}
}

// BenchmarkDraw is the time to draw one chart (not cached):
// go test ./generator/chart/svg -run XXX -bench Draw.
func BenchmarkDraw(b *testing.B) {
	cs := charts(b)
	for i := 0; b.Loop(); i++ {
		if _, err := render(cs[i%len(cs)]); err != nil {
			b.Fatal(err)
		}
	}
}
