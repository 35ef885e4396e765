package chart

import (
	"encoding/xml"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// element is an SVG element as the tests read it back.
type element struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Title    string     `xml:"title"`
	Text     string     `xml:",chardata"`
	Children []element  `xml:",any"`
}

func (e element) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// reading is what a drawing shows: its marks by option series and data
// index (their words), and the text of every <text> element.
type reading struct {
	marks map[[2]int]string
	texts []string
}

func read(t *testing.T, doc string) reading {
	t.Helper()
	var root element
	if err := xml.Unmarshal([]byte(doc), &root); err != nil {
		t.Fatalf("the drawing does not parse: %v", err)
	}
	r := reading{marks: map[[2]int]string{}}
	var walk func(e element)
	walk = func(e element) {
		if e.XMLName.Local == "text" {
			r.texts = append(r.texts, strings.TrimSpace(e.Text))
		}
		if slices.Contains(strings.Fields(e.attr("class")), "plinth-mark") {
			s, err1 := strconv.Atoi(e.attr("data-series"))
			i, err2 := strconv.Atoi(e.attr("data-index"))
			if err1 != nil || err2 != nil {
				t.Fatalf("a mark without its series and index: %v", e.Attrs)
			}
			if _, dup := r.marks[[2]int{s, i}]; dup && e.XMLName.Local == "path" {
				t.Errorf("two marks for series %d, item %d", s, i)
			}
			r.marks[[2]int{s, i}] = e.Title
		}
		for _, c := range e.Children {
			walk(c)
		}
	}
	walk(root)
	return r
}

// TestHiddenIsNotZero draws each test chart as SVG, wide and narrow, and
// reads the drawings back. A hidden figure ([c]) is never drawn as a bar
// of any length, a point or a 0: no mark draws its data item, and a note
// labelled [c], whose words name it, stands at its place. A true zero is
// drawn: a mark whose words say 0, labelled 0 on a plain bar, and in a
// stack, where it has no length, a note labelled 0.
func TestHiddenIsNotZero(t *testing.T) {
	hidden, zeros := 0, 0
	for _, name := range []string{"stacked-shares", "stacked-zero", "stacked-near", "bar-reference", "bar-zero", "line-panels", "line-regions", "line-quarters", "panels-quarters"} {
		tc := specs(t)[name]
		f, err := New(tc.table, tc.spec, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := Draw([]*site.Figure{f}, nil); err != nil {
			t.Fatal(err)
		}
		d, _ := tc.spec.pick(tc.table)
		series := optionSeries(t, f)
		for _, drawing := range []site.Drawing{f.Wide, f.Narrow} {
			got := read(t, string(drawing.SVG))
			where := fmt.Sprintf("%s (%d px)", name, drawing.Width)
			var notes []string // the words of the notes on hidden figures
			var zeroNotes []string
			for p, s := range series {
				for i := range s.Data {
					switch s.Name {
					case HiddenName:
						notes = append(notes, got.marks[[2]int{p, i}])
					case "0":
						zeroNotes = append(zeroNotes, got.marks[[2]int{p, i}])
					}
				}
			}
			labels := map[string]int{}
			for _, x := range got.texts {
				labels[x]++
			}
			if labels["[c]"] < len(notes) {
				t.Errorf("%s: %d notes on hidden figures, %d labelled [c]", where, len(notes), labels["[c]"])
			}
			for p, s := range series {
				k := slices.Index(d.series, s.Name)
				if k < 0 {
					continue
				}
				for i, cell := range d.cells[k] {
					words, drawn := got.marks[[2]int{p, i}]
					who := fmt.Sprintf("%s: %s, %s", where, d.categories[i], d.series[k])
					switch v, shown := cell.Value(); {
					case !shown:
						hidden++
						if drawn {
							t.Errorf("%s is hidden but drawn as a mark (%q)", who, words)
						}
						want := d.categories[i] + ", " + d.series[k] + ": [c]"
						if !slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, want) }) {
							t.Errorf("%s is hidden and no [c] note names it (notes: %q)", who, notes)
						}
					case v == 0:
						zeros++
						if !drawn || !strings.Contains(words+" ", ": 0 ") && !strings.Contains(words, ": 0%") {
							t.Errorf("%s is 0 but not drawn as 0 (%q, drawn %v)", who, words, drawn)
						}
						switch {
						case tc.spec.Kind == StackedBar && !slices.ContainsFunc(zeroNotes, func(n string) bool { return strings.Contains(n, words) }):
							t.Errorf("%s is 0 in a stack and no note labelled 0 names it", who)
						case tc.spec.Kind == Bar && labels["0"] == 0 && labels["0%"] == 0:
							t.Errorf("%s is 0 and no label says so", who)
						}
					default:
						if !drawn || !strings.Contains(words, ": "+cell.String()) {
							t.Errorf("%s is %s but drawn as %q (drawn %v)", who, cell, words, drawn)
						}
					}
				}
			}
		}
	}
	if hidden == 0 || zeros == 0 {
		t.Errorf("the test charts drew %d hidden figures and %d zeros; want some of each", hidden, zeros)
	}
	t.Logf("%d hidden figures drawn as [c] notes and no mark, %d zeros drawn as 0", hidden, zeros)
}

// TestNotesApart draws each test chart, wide and narrow, and checks that no
// two notes (a hidden figure's [c] or a stack's 0) are drawn over each
// other: on a phone, two hidden figures of one stack with a short segment
// between them read "[c[c]".
func TestNotesApart(t *testing.T) {
	for name, tc := range specs(t) {
		f, err := New(tc.table, tc.spec, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := Draw([]*site.Figure{f}, nil); err != nil {
			t.Fatal(err)
		}
		for _, drawing := range []site.Drawing{f.Wide, f.Narrow} {
			var root element
			if err := xml.Unmarshal([]byte(drawing.SVG), &root); err != nil {
				t.Fatalf("%s: the drawing does not parse: %v", name, err)
			}
			type at struct{ x, y float64 }
			var placed []at
			var walk func(e element)
			walk = func(e element) {
				text := strings.TrimSpace(e.Text)
				if e.XMLName.Local == "text" && (text == "[c]" || text == "0" && tc.spec.Kind == StackedBar) {
					x, err1 := strconv.ParseFloat(e.attr("x"), 64)
					y, err2 := strconv.ParseFloat(e.attr("y"), 64)
					if err1 != nil || err2 != nil {
						t.Fatalf("%s: a note's label without its place: %v", name, e.Attrs)
					}
					for _, p := range placed {
						if math.Abs(p.x-x) < float64(noteSize[0]) && math.Abs(p.y-y) < float64(noteSize[1]) {
							t.Errorf("%s (%d px): notes at (%g, %g) and (%g, %g) overlap", name, drawing.Width, p.x, p.y, x, y)
						}
					}
					placed = append(placed, at{x, y})
				}
				for _, c := range e.Children {
					walk(c)
				}
			}
			walk(root)
		}
	}
}
