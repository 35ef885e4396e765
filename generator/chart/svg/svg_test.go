package svg

import (
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// site is the repository's root, whose node_modules holds ECharts (npm ci).
const site = "../../.."

func option(t testing.TB, name string) []byte {
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
		{Option: option(t, "bars"), Width: 480, Height: 220, ID: "chart-bars-wide", Class: "wide",
			Marks: [][]string{{"North, Open: 10", "South, Open: [c]", "East, Open: 30"}, {"North, Done: 20", "South, Done: 15", "East, Done: 0"}}},
		{Option: option(t, "line"), Width: 288, Height: 200, ID: "chart-line-narrow",
			Marks: [][]string{{"Q1: 40%", "Q2: [c]", "Q3: 75%"}}},
	}
}

func drawAll(t testing.TB, c *Cache, cs []Chart) []string {
	t.Helper()
	out, err := Start(site, c).Draw(cs)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDrawIsDeterministic: a chart's drawing is the same bytes whatever
// was drawn before it, in whichever runtime, once its ID is accounted
// for. zrender numbers IDs and class names by the charts drawn before.
func TestDrawIsDeterministic(t *testing.T) {
	cs := charts(t)
	again := cs[0]
	again.ID = "chart-again-wide"
	first := drawAll(t, NewCache(), []Chart{cs[0], cs[1], again, cs[1]})
	if got := strings.ReplaceAll(first[2], "chart-again-wide", "chart-bars-wide"); got != first[0] {
		t.Errorf("the same chart drawn after another differs:\n%s\n%s", first[0], got)
	}
	// A fresh cache and runtime, in another order.
	second := drawAll(t, NewCache(), []Chart{cs[1], cs[0]})
	if second[1] != first[0] || second[0] != first[1] {
		t.Error("the same charts drawn in a fresh runtime, in another order, differ")
	}
	if !strings.Contains(first[0], `id="chart-bars-wide-pattern-1"`) {
		t.Errorf("the drawing's IDs do not start with its ID:\n%s", first[0])
	}
}

// TestDrawingIsCSPSafe: nothing in a drawing needs 'unsafe-inline' or
// reaches outside it, and every ID has the chart's prefix.
func TestDrawingIsCSPSafe(t *testing.T) {
	cs := charts(t)
	for i, s := range drawAll(t, NewCache(), cs) {
		for _, bad := range []string{"style=", "<style", "<script", "javascript:", "<image", "<foreignObject", "ecmeta", "zr0-", "class=\"zr"} {
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
		if !strings.Contains(s, `<text dominant-baseline="central" text-anchor=`) || !regexp.MustCompile(`<text[^>]* font-size="\d+px" font-family="Arial, sans-serif"`).MatchString(s) {
			t.Errorf("%s: the text styles did not become presentation attributes", cs[i].ID)
		}
		if err := xml.Unmarshal([]byte(s), new(struct{})); err != nil {
			t.Errorf("%s is not well-formed: %v", cs[i].ID, err)
		}
		if !strings.HasPrefix(s, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `+fmt.Sprint(cs[i].Width, " ", cs[i].Height)+`"`) {
			t.Errorf("%s starts %.120s", cs[i].ID, s)
		}
		if !strings.Contains(s, "East &amp; West &lt;all&gt;") && i == 0 {
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
	out := drawAll(t, NewCache(), cs)
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
	r := Start(site, c)
	second, err := r.Draw(cs)
	if err != nil {
		t.Fatal(err)
	}
	if r.Drawn.Load() != 0 || c.Hits() != len(cs) {
		t.Errorf("the second build drew %d charts and reused %d; want 0 and %d", r.Drawn.Load(), c.Hits(), len(cs))
	}
	if strings.Join(first, "") != strings.Join(second, "") {
		t.Error("a reused drawing differs")
	}
	changed := cs[1]
	changed.Marks = [][]string{{"Q1: 41%", "Q2: [c]", "Q3: 75%"}}
	r = Start(site, c)
	if _, err := r.Draw([]Chart{cs[0], changed}); err != nil || r.Drawn.Load() != 1 {
		t.Errorf("after one chart's words changed, %d drawn (err %v); want 1", r.Drawn.Load(), err)
	}
}

// TestNotInstalled: a site without npm packages draws nothing; one with
// packages but not ECharts is told so.
func TestNotInstalled(t *testing.T) {
	dir := t.TempDir()
	if r := Start(dir, NewCache()); r != nil {
		t.Error("a site without node_modules got a renderer")
	}
	if err := os.Mkdir(filepath.Join(dir, "node_modules"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Start(dir, NewCache()).Draw(charts(t))
	if !errors.Is(err, ErrNotInstalled) {
		t.Errorf("err = %v, want ErrNotInstalled", err)
	}
}

// TestLinkedPackages: node_modules may be a link to a folder elsewhere, as
// it is in the pipeline's tests; esbuild then names the files by their
// real path, which is still the site's own packages.
func TestLinkedPackages(t *testing.T) {
	dir := t.TempDir()
	abs, err := filepath.Abs(filepath.Join(site, "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	if _, err := Start(dir, NewCache()).Draw(charts(t)[:1]); err != nil {
		t.Error(err)
	}
}

// TestFinishRefuses: anything but drawing elements and attributes is an
// error rather than silently kept or dropped.
func TestFinishRefuses(t *testing.T) {
	head := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">`
	tests := []struct{ svg, want string }{
		{head + `<script>alert(1)</script></svg>`, "element <script>"},
		{head + `<image href="https://example.org/x.png"></image></svg>`, "element <image>"},
		{head + `<path d="M0 0" onclick="alert(1)"></path></svg>`, "attribute onclick"},
		{head + `<text style="font-size:12px;position:absolute">x</text></svg>`, `style property "position"`},
		{head + `<style>.a{fill:red}</style></svg>`, "rules other than hover"},
		{head + `<path d="M0 0" class="mine"></path></svg>`, `the class "mine"`},
		{head + `<path d="M0 0" fill="url(https://example.org/#p)"></path></svg>`, "the value"},
		{head + `<path d="M0 0" fill="url(#nowhere)"></path></svg>`, "did not define"},
		{`<html></html>`, "no <svg>"},
	}
	for _, tt := range tests {
		_, err := finish(tt.svg, Chart{ID: "c"}, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.svg, err, tt.want)
		}
	}
	got, err := finish(head+`<style><![CDATA[.zr3-cls-1:hover { cursor:pointer; }]]></style><text style="font-size:12px;font-family:Arial;cursor:pointer" class="zr3-cls-1" id="zr3-c0">a</text></svg>`, Chart{ID: "c"}, nil)
	want := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" aria-hidden="true" focusable="false"><text font-size="12px" font-family="Arial" id="c-1" pointer-events="none">a</text></svg>`
	if err != nil || got != want {
		t.Errorf("finish = %s, %v\nwant %s", got, err, want)
	}
}

// BenchmarkDraw is the time to draw one chart (not cached), with the
// engine loaded: go test ./generator/chart/svg -run XXX -bench Draw.
func BenchmarkDraw(b *testing.B) {
	cs := charts(b)
	c := NewCache()
	drawAll(b, c, cs[:1]) // load the engine and a runtime
	for i := 0; b.Loop(); i++ {
		ch := cs[i%len(cs)]
		ch.ID = fmt.Sprintf("bench-%d", i)
		drawAll(b, c, []Chart{ch})
	}
}

// TestDiskCache: a cache with a folder keeps ECharts' drawings there, and a
// new cache of the same folder (a new process) draws nothing again and
// gives the same bytes; a damaged file is drawn again.
func TestDiskCache(t *testing.T) {
	dir := t.TempDir()
	cs := charts(t)
	first := drawAll(t, NewDiskCache(dir), cs)
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.svg"))
	if len(files) != len(cs) {
		t.Fatalf("%d files in the folder, want %d", len(files), len(cs))
	}
	r := Start(site, NewDiskCache(dir))
	again, err := r.Draw(cs)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(again, "") != strings.Join(first, "") || r.Rendered.Load() != 0 || r.Drawn.Load() != int64(len(cs)) {
		t.Errorf("from the folder: ECharts drew %d of %d charts (want 0); same bytes %v", r.Rendered.Load(), r.Drawn.Load(), strings.Join(again, "") == strings.Join(first, ""))
	}
	if err := os.WriteFile(files[0], []byte("<svg"), 0o644); err != nil {
		t.Fatal(err)
	}
	if third := drawAll(t, NewDiskCache(dir), cs); strings.Join(third, "") != strings.Join(first, "") {
		t.Error("a damaged file gave a different drawing")
	}
}
