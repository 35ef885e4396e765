package chart

import (
	"unicode/utf8"
)

// The house style and the layout, added to go-echarts' option as plain
// JSON values where go-echarts has no type for a setting (the grid's exact
// bounds, responsive "media" rules, a label on one data item) or types it
// as a JavaScript function (label formatters, which here are string
// templates only).
//
// Every chart is drawn twice (package svg): at wideWidth, shown from the
// theme's tablet breakpoint up at no more than its own size, and at
// narrowWidth, the column of a 320 px screen, where the option's media rule
// applies. Text is never smaller than labelFontSize at the size it is drawn.

// Text sizes in CSS pixels: NHS.UK frontend's small body text, axis labels
// a step below it, and the least any text may be on screen.
const (
	fontSize      = 16
	labelFontSize = 14
	minFontSize   = 12
	fontFamily    = "Arial, sans-serif" // the site's font (see docs/front-end.md)
)

// The two drawings' widths, and the media rule's query between them. The
// narrow one is the column of a 320 px screen less a scroll bar (320 − 15
// − 2 × 16 px of margin), so that it is never shown smaller than drawn.
const (
	wideWidth   = 720
	narrowWidth = 272
	narrowQuery = 480
)

const (
	// band is the height given to each category of a horizontal bar chart.
	band = 40
	// barWidth and stackWidth are the thickness of plain and stacked bars.
	barWidth   = 22
	stackWidth = 26
	legendGap  = 16
	// legendLine is the height of one line of the legend.
	legendLine = 24
	// axisRoom is the room under a horizontal chart for the value axis's
	// labels and its name.
	axisRoom = 52
)

// lineSymbols tell the lines of a line chart apart without colour: each
// series gets the next symbol, and after the palette's colours come round
// again, a dashed line.
var lineSymbols = []string{"circle", "rect", "triangle", "diamond", "emptyCircle", "emptyRect", "emptyTriangle", "emptyDiamond"}

// obj is a JSON object under construction.
type obj = map[string]any

// size is a drawing's size in CSS pixels.
type size struct{ w, h int }

// textWidth estimates the width of a label at labelFontSize in Arial: about
// 0.55 em a character, a little generous so that estimates err towards
// room.
func textWidth(s string) int { return utf8.RuneCountInString(s) * labelFontSize * 55 / 100 }

// legendRows estimates how many lines the legend takes in a drawing of the
// given width, wrapping as ECharts does: item by item, each an icon
// (25 px), a gap (5 px) and its text, with legendGap between items.
func legendRows(names []string, width int) int {
	if len(names) < 2 {
		return 0
	}
	rows, x := 1, 0
	for _, n := range names {
		w := 25 + 5 + textWidth(n)
		if x > 0 && x+legendGap+w > width {
			rows++
			x = 0
		}
		if x > 0 {
			x += legendGap
		}
		x += w
	}
	return rows
}

// categoryLabelWidth is the width allowed for the labels down the side of a
// horizontal chart: as much as the longest needs, up to 40% of the drawing.
func categoryLabelWidth(labels []string, width int) int {
	longest := 0
	for _, l := range labels {
		longest = max(longest, textWidth(l))
	}
	return min(longest, width*2/5)
}

// textStyle is the style of a chart's text at size px.
func textStyle(px int) obj {
	return obj{"fontFamily": fontFamily, "fontSize": px, "color": TextColour}
}

// horizontal reports whether the categories run down the side.
func (s Spec) horizontal() bool { return s.Horizontal && s.Kind != Line }

// grid is the plot's bounds in a drawing of the given width, with rows
// lines of legend above it; the drawing's height follows from them.
func (s Spec) grid(d drawn, width, rows int) (obj, size) {
	top := rows*legendLine + 8
	if rows > 0 {
		top += 8
	}
	if s.horizontal() {
		left := categoryLabelWidth(d.categories, width) + 12
		g := obj{"left": left, "right": 56, "top": top, "bottom": axisRoom, "outerBoundsMode": "none"}
		return g, size{width, top + len(d.categories)*band + axisRoom}
	}
	// A vertical chart names its value axis above the plot.
	if s.ValueName != "" {
		top += 28
	}
	plot := 300
	if width <= narrowWidth {
		plot = 220
	}
	g := obj{"left": 48, "right": 24, "top": top, "bottom": 36, "outerBoundsMode": "none"}
	return g, size{width, top + plot + 36}
}

// style adds the house style and the layout to go-echarts' option m, the
// marks that are not series of the table (notes.go) and the panels of
// small multiples (panels.go). It returns the option to encode, the words
// of every mark, and the sizes of the wide and narrow drawings.
func style(m obj, s Spec, d drawn, percent bool) (obj, [][]string, size, size) {
	m["textStyle"] = textStyle(fontSize)
	m["backgroundColor"] = Background
	m["color"] = colours(len(d.series))
	delete(m, "title")
	delete(m, "toolbox")
	delete(m, "tooltip")

	entries := legendEntries(s, d)
	m["legend"] = obj{"show": len(entries) > 1, "data": entries, "top": 0, "left": 0, "itemGap": legendGap,
		"textStyle": textStyle(labelFontSize)}
	if s.Panels {
		wide, narrow, media, words := panels(m, s, d, percent, entries)
		return obj{"baseOption": m, "media": media}, words, wide, narrow
	}
	series, words := seriesOf(m, s, d, percent)
	m["series"] = series
	if s.horizontal() && d.totalCategory >= 0 {
		// The national bar's label is bold, as its row is in the table.
		for _, a := range axes(m, "yAxis") {
			if cats, ok := a["data"].([]any); ok && d.totalCategory < len(cats) {
				cats[d.totalCategory] = obj{"value": cats[d.totalCategory], "textStyle": obj{"fontWeight": "bold", "color": TextColour}}
			}
		}
	}

	valueAxis, categoryAxis := "yAxis", "xAxis"
	if s.horizontal() {
		valueAxis, categoryAxis = "xAxis", "yAxis"
	}
	for _, a := range axes(m, categoryAxis) {
		a["axisLabel"] = obj{"color": SecondaryColour, "fontSize": labelFontSize}
		a["axisLine"] = obj{"lineStyle": obj{"color": SecondaryColour}}
		a["axisTick"] = obj{"alignWithLabel": true, "lineStyle": obj{"color": SecondaryColour}}
		if s.horizontal() {
			// Long labels (regions, standards) are cut short with an
			// ellipsis rather than squeezing the bars; the table has them
			// in full.
			label := a["axisLabel"].(obj)
			label["width"], label["overflow"], label["interval"] = categoryLabelWidth(d.categories, wideWidth), "truncate", 0
		} else {
			// The first and last categories are always labelled, inside
			// the plot's ends.
			label := a["axisLabel"].(obj)
			label["alignMinLabel"], label["alignMaxLabel"] = "left", "right"
			label["showMinLabel"], label["showMaxLabel"] = true, true
		}
	}
	for _, a := range axes(m, valueAxis) {
		valueAxisStyle(a, percent)
		if s.horizontal() {
			a["nameLocation"], a["nameGap"] = "middle", 30
			a["nameTextStyle"].(obj)["align"] = "center"
		}
	}
	wideRows := legendRows(entries, wideWidth)
	grid, wide := s.grid(d, wideWidth, wideRows)
	m["grid"] = grid

	// The narrow drawing: the legend on more lines, less room for the
	// category labels, fewer steps on the value axis.
	narrowRows := legendRows(entries, narrowWidth)
	ngrid, narrow := s.grid(d, narrowWidth, narrowRows)
	rule := obj{"grid": ngrid}
	if s.horizontal() {
		rule[categoryAxis] = obj{"axisLabel": obj{"width": categoryLabelWidth(d.categories, narrowWidth)}}
	} else if n := len(d.categories); n > 2 {
		// Only the first and last categories are labelled, a step smaller
		// (12 px, the least, since the narrow drawing shows at its own
		// size on a 320 px screen), so that both fit.
		rule[categoryAxis] = obj{"axisLabel": obj{"interval": n - 2, "fontSize": minFontSize}}
	}
	steps := obj{"splitNumber": 3}
	if percent {
		steps = obj{"interval": 50}
	}
	if r, ok := rule[valueAxis].(obj); ok {
		for k, v := range steps {
			r[k] = v
		}
	} else {
		rule[valueAxis] = steps
	}
	media := []any{obj{"query": obj{"maxWidth": narrowQuery}, "option": rule}}
	return obj{"baseOption": m, "media": media}, words, wide, narrow
}

// valueAxisStyle styles a value axis: its labels, grid lines and name, and
// for percentages a fixed scale from 0 to 100.
func valueAxisStyle(a obj, percent bool) {
	label := obj{"color": SecondaryColour, "fontSize": labelFontSize}
	if percent {
		label["formatter"] = "{value}%"
		a["min"], a["max"], a["interval"] = 0, 100, 25
	} else {
		a["minInterval"] = 1 // counts are whole numbers
	}
	a["axisLabel"] = label
	a["splitLine"] = obj{"lineStyle": obj{"color": GridColour}}
	a["nameTextStyle"] = obj{"color": TextColour, "fontSize": labelFontSize, "align": "left"}
	a["nameLocation"] = "end"
}

// axes returns the axis objects under key (go-echarts writes a list).
func axes(m obj, key string) []obj {
	var out []obj
	switch v := m[key].(type) {
	case []any:
		for _, a := range v {
			if o, ok := a.(obj); ok {
				out = append(out, o)
			}
		}
	case obj:
		out = append(out, v)
	}
	return out
}

// labelColour is the colour of a label written on a bar of the given
// colour: white or the text colour, whichever contrasts more.
func labelColour(bar string) string {
	white, _ := Contrast(bar, "#FFFFFF")
	dark, _ := Contrast(bar, TextColour)
	if white >= dark {
		return "#FFFFFF"
	}
	return TextColour
}
