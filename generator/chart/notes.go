package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

// The marks a chart draws beside its series: values written on the bars,
// England as a reference across them, and notes where a figure is hidden
// or zero. A hidden figure is never a bar, a point or a 0: it is a labelled
// "[c]" note at its place, named in the legend. A true zero in a stack of
// bars, which has no length to show, is a note labelled 0.

// HiddenName is the legend's name for the notes on hidden figures.
const HiddenName = anonymise.SymbolConfidential + " hidden figure"

// hiddenWords end the words of a hidden figure's note.
const hiddenWords = anonymise.SymbolConfidential + ", a figure hidden to protect those it describes"

// noteSize is a note's box: wide enough for "[c]" at labelFontSize.
var noteSize = []int{30, 20}

// stackLabelShare is the least share of the value axis a stacked bar needs
// for its value to be written on it, at either width.
const stackLabelShare = 20

// seriesOf returns the chart's series: the table's (from go-echarts' option
// m, styled), the reference, and the notes on hidden and zero figures; and
// the words of each mark, by series and data index.
func seriesOf(m obj, s Spec, d drawn, percent bool) ([]any, [][]string) {
	raw, _ := m["series"].([]any)
	var out []any
	var words [][]string
	format := "{c}"
	if percent {
		format = "{c}%"
	}
	// go-echarts' series: the main ones for bars, every one for lines.
	ks := d.main()
	if s.Kind == Line {
		ks = nil
		for k := range d.series {
			ks = append(ks, k)
		}
	}
	for p, k := range ks {
		sr, _ := raw[p].(obj)
		switch {
		case s.Kind == Line && k == d.reference:
			sr["symbol"], sr["symbolSize"] = "emptyCircle", 7
			sr["lineStyle"] = obj{"width": 2, "type": "dashed", "color": ReferenceColour}
			sr["itemStyle"] = obj{"color": ReferenceColour}
		case s.Kind == Line:
			sr["symbol"] = lineSymbols[k%len(lineSymbols)]
			sr["symbolSize"] = 9
			width, typ := 2, "solid"
			if k >= len(Palette) {
				typ = "dashed" // its colour is taken already
			}
			if k == d.totalSeries {
				// The national line stands out by its weight.
				width = 4
			}
			sr["lineStyle"] = obj{"width": width, "type": typ}
			zeroLabels(sr, d.cells[k], format)
		case s.Kind == StackedBar:
			sr["barWidth"] = stackWidth
			sr["label"] = obj{"show": false, "position": "inside", "formatter": format, "fontSize": labelFontSize,
				"fontWeight": "bold", "color": labelColour(colourOf(k))}
			stackLabels(sr, d.cells[k], stackMax(d, percent))
		default:
			sr["barWidth"] = barWidth
			position := "right"
			if !s.horizontal() {
				position = "top"
			}
			// A white edge keeps the value readable where the reference
			// crosses it.
			sr["label"] = obj{"show": true, "position": position, "formatter": format, "fontSize": labelFontSize, "color": TextColour,
				"textBorderColor": Background, "textBorderWidth": 3}
			if k == d.totalSeries {
				sr["itemStyle"] = obj{"borderColor": TextColour, "borderWidth": 1}
			}
		}
		// A static drawing has no emphasis; ECharts does less without.
		sr["emphasis"] = obj{"disabled": true}
		out = append(out, sr)
		words = append(words, seriesWords(d, k))
	}
	if s.Kind != Line && d.reference >= 0 {
		out = append(out, reference(s, d))
		words = append(words, seriesWords(d, d.reference))
	}
	hidden, zero := notes(s, d, percent)
	for _, n := range []noteSeries{hidden, zero} {
		if len(n.points) > 0 {
			out = append(out, n.series(s))
			words = append(words, n.words)
		}
	}
	return out, words
}

// ReferenceColour draws the reference (England) across a region's bars
// and as the grey line beside its line.
const ReferenceColour = SecondaryColour

// reference is the series that draws the reference's value on each
// category as a short bar across the region's: a scatter series of thin
// rectangles, taller than the bars, with a white edge.
func reference(s Spec, d drawn) obj {
	tick := []int{5, barWidth + 14}
	if !s.horizontal() {
		tick = []int{barWidth + 14, 5}
	}
	var data []any
	for i, c := range d.cells[d.reference] {
		data = append(data, point(s, i, valueOf(c)))
	}
	return obj{"type": "scatter", "name": d.series[d.reference], "data": data, "symbol": "rect", "symbolSize": tick,
		// Under the bars (z 2) and their values: its ends show above and
		// below a bar that reaches past it, and a value stays readable.
		"itemStyle": obj{"color": TextColour, "borderColor": Background, "borderWidth": 1.5, "opacity": 1}, "z": 1,
		"emphasis": obj{"disabled": true}}
}

// point is a data item of a scatter series on a category's place: [value,
// category] with the categories down the side, else [category, value].
func point(s Spec, category int, value any) []any {
	if s.horizontal() {
		return []any{value, category}
	}
	return []any{category, value}
}

// noteSeries gathers the notes of one kind: where they go and their words.
type noteSeries struct {
	name   string // the legend's name, or "" for none
	text   string // what the note says
	points []note
	words  []string
	near   func(a, b note) bool // whether two notes would be drawn over each other; nil: only at one place
}

// note is one note: its category, its place along the value axis, and how
// far to move it off that place (so that it is not cut by the axis).
type note struct {
	category int
	at       json.Number
	offset   []int
}

// notes finds the hidden figures, and for a stacked bar the zeros, and
// places a note on each: at the axis for a bar or a point, and for a
// stacked bar at the end of the segments before it, where its segment
// would begin. Notes that would overlap are one note, with all their
// words: two hidden figures of a stack with a short segment between them
// were drawn as "[c[c]" on a phone.
func notes(s Spec, d drawn, percent bool) (hidden, zero noteSeries) {
	sp := spacingOf(s, d, percent)
	hidden = noteSeries{name: HiddenName, text: anonymise.SymbolConfidential, near: sp.near}
	zero = noteSeries{text: "0", near: sp.near}
	off := []int{noteSize[0]/2 + 2, 0}
	if !s.horizontal() {
		off = []int{0, -(noteSize[1]/2 + 2)}
	}
	for i := range d.categories {
		var sum float64
		for k := range d.series {
			c := d.cells[k][i]
			v, shown := c.Value()
			switch {
			case !shown:
				at := json.Number("0")
				offset := off
				if s.Kind == StackedBar && sum > 0 {
					at, offset = number(sum), []int{0, 0}
				}
				hidden.add(note{i, at, offset}, words(d, k, i))
			case s.Kind == StackedBar && v == 0:
				offset := []int{0, 0}
				if sum == 0 {
					offset = off
				}
				zero.add(note{i, number(sum), offset}, words(d, k, i))
			}
			if shown && s.Kind == StackedBar {
				sum += v
			}
		}
	}
	// A zero and a hidden figure at, or close to, the same place of a
	// stack stand side by side rather than one over the other: the one
	// further along the axis moves on, the other back (the zero back when
	// they are at the same place).
	for i, z := range zero.points {
		for j, h := range hidden.points {
			if !sp.near(z, h) {
				continue
			}
			back, on := &zero.points[i], &hidden.points[j]
			if sp.pos(h) < sp.pos(z) {
				back, on = on, back
			}
			back.offset = []int{back.offset[0] - noteSize[0]/2 - 1, back.offset[1]}
			on.offset = []int{on.offset[0] + noteSize[0]/2 + 1, on.offset[1]}
		}
	}
	if !sp.horizontal {
		var all []*note
		for _, n := range []noteSeries{hidden, zero} {
			for i := range n.points {
				all = append(all, &n.points[i])
			}
		}
		// The narrow plot's width per category, as grid gives it.
		sp.stagger(all, float64(narrowWidth-48-24)/float64(max(len(d.categories), 1)))
	}
	return hidden, zero
}

// stagger raises notes of a vertical chart above their neighbours'. Its
// categories run across, and on a phone eight quarters leave 25 pixels
// each, less than a note's width: two hidden figures in quarters side by
// side were drawn over each other. Each note, from the first category on,
// goes up a step (a note's height) at a time until no note of a category
// close enough to touch it stands at its height. across is the narrow
// drawing's width from one category to the next.
func (sp spacing) stagger(notes []*note, across float64) {
	if across >= float64(noteSize[0]+2) {
		return
	}
	slices.SortStableFunc(notes, func(a, b *note) int { return a.category - b.category })
	for i, n := range notes {
		for {
			clash := false
			for _, m := range notes[:i] {
				if float64(n.category-m.category)*across < float64(noteSize[0]+2) &&
					math.Abs(sp.pos(*m)-sp.pos(*n)) < float64(noteSize[1]+2) {
					clash = true
					break
				}
			}
			if !clash {
				break
			}
			n.offset = []int{n.offset[0], n.offset[1] - noteSize[1] - 2}
		}
	}
}

// spacing tells where notes stand along the value axis of the narrow
// drawing, where they are closest, in pixels: perUnit pixels to one unit
// of the axis, and a note's length along it.
type spacing struct {
	perUnit    float64
	length     int
	horizontal bool
}

// spacingOf works out the narrow drawing's spacing from its layout (grid):
// the plot's length along the value axis over the axis's extent. The axis
// of shares runs to 100; that of counts to a round number above the
// longest stack, which ECharts chooses, at most about 1.8 times it with
// three steps, so twice the stack is taken: notes are then made one when
// they might be close, never left overlapping.
func spacingOf(s Spec, d drawn, percent bool) spacing {
	extent := 100.0
	if !percent {
		extent = 2 * stackMax(d, false)
	}
	sp := spacing{length: noteSize[1], horizontal: s.horizontal()}
	plot := 220 // the narrow plot's height, as grid gives it
	if sp.horizontal {
		sp.length = noteSize[0]
		plot = narrowWidth - categoryLabelWidth(d.categories, narrowWidth) - 12 - 56
	}
	if extent > 0 {
		sp.perUnit = float64(plot) / extent
	}
	return sp
}

// pos is where note n stands along the value axis, in pixels from zero.
func (sp spacing) pos(n note) float64 {
	v, _ := n.at.Float64()
	along := -n.offset[1] // a vertical chart's offsets count downwards
	if sp.horizontal {
		along = n.offset[0]
	}
	return v*sp.perUnit + float64(along)
}

// near reports whether notes a and b would touch: on one category, less
// than a note's length (and a pixel between) apart.
func (sp spacing) near(a, b note) bool {
	return a.category == b.category && math.Abs(sp.pos(a)-sp.pos(b)) < float64(sp.length+2)
}

// number writes a sum of published figures as JSON.
func number(v float64) json.Number { return json.Number(fmt.Sprint(v)) }

// add places a note, or adds its words to the note already at, or too
// close to, its place.
func (n *noteSeries) add(p note, w string) {
	for i, q := range n.points {
		if q.category == p.category && q.at == p.at || n.near != nil && n.near(q, p) {
			n.words[i] += "; " + w
			return
		}
	}
	n.points = append(n.points, p)
	n.words = append(n.words, w)
}

// series draws the notes: white boxes with a dark edge, labelled.
func (n noteSeries) series(s Spec) obj {
	var data []any
	for _, p := range n.points {
		data = append(data, obj{"value": point(s, p.category, p.at), "symbolOffset": p.offset})
	}
	o := obj{"type": "scatter", "data": data, "symbol": "roundRect", "symbolSize": noteSize, "z": 4,
		"itemStyle": obj{"color": Background, "borderColor": TextColour, "borderWidth": 1, "opacity": 1},
		"emphasis":  obj{"disabled": true},
		"label": obj{"show": true, "position": "inside", "formatter": n.text, "fontSize": labelFontSize,
			"fontWeight": "bold", "color": TextColour}}
	if n.name != "" {
		o["name"] = n.name
	} else {
		o["name"] = "0"
	}
	return o
}

// legendEntries are the legend's names: the table's series, the reference
// and the note on hidden figures, when any is drawn. A chart of one series
// needs no legend.
func legendEntries(s Spec, d drawn) []string {
	var out []string
	if !s.Panels {
		for _, k := range d.main() {
			out = append(out, d.series[k])
		}
	}
	if d.reference >= 0 {
		out = append(out, d.series[d.reference])
	}
	if d.hidden() {
		out = append(out, HiddenName)
	}
	return out
}

// stackMax is the longest stack of shown figures: 100 for shares.
func stackMax(d drawn, percent bool) float64 {
	if percent {
		return 100
	}
	var most float64
	for i := range d.categories {
		var sum float64
		for k := range d.series {
			if v, ok := d.cells[k][i].Value(); ok {
				sum += v
			}
		}
		most = max(most, sum)
	}
	return most
}

// stackLabels writes the value on the segments long enough to hold it.
func stackLabels(sr obj, cells []anonymise.Cell, most float64) {
	data, _ := sr["data"].([]any)
	for i, c := range cells {
		v, ok := c.Value()
		if !ok || most <= 0 || v*100/most < stackLabelShare || i >= len(data) {
			continue
		}
		item, _ := data[i].(obj)
		if item == nil {
			continue
		}
		item["label"] = obj{"show": true}
	}
}

// zeroLabels writes 0 beside a line's points that are zero: a point on the
// axis is easily missed.
func zeroLabels(sr obj, cells []anonymise.Cell, format string) {
	data, _ := sr["data"].([]any)
	for i, c := range cells {
		if v, ok := c.Value(); !ok || v != 0 || i >= len(data) {
			continue
		}
		if item, _ := data[i].(obj); item != nil {
			item["label"] = obj{"show": true, "position": "top", "formatter": format, "fontSize": labelFontSize, "color": TextColour}
		}
	}
}

// seriesWords are the words of every mark of series k.
func seriesWords(d drawn, k int) []string {
	out := make([]string, len(d.categories))
	for i := range d.categories {
		out[i] = words(d, k, i)
	}
	return out
}

// words say what one mark shows, as the table shows it: "London,
// Complete: 77% (325 actions)", or for a hidden figure "[c], a figure
// hidden to protect those it describes".
func words(d drawn, k, i int) string {
	c := d.cells[k][i]
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s: ", d.categories[i], d.series[k])
	if c.Suppressed() {
		b.WriteString(hiddenWords)
		return b.String()
	}
	b.WriteString(c.String())
	if d.counts != nil {
		if n := d.counts[k][i]; !n.Suppressed() {
			fmt.Fprintf(&b, " (%s)", strings.TrimSpace(n.String()+" "+d.unit))
		}
	}
	return b.String()
}
