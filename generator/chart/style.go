package chart

import (
	"unicode/utf8"
)

// The house style, added to go-echarts' option as plain JSON values where
// go-echarts has no type for a setting (the tooltip's render mode, the
// grid's bounds, responsive "media" rules) or types it as a JavaScript
// function (label formatters, which here are string templates only).

// Text sizes in CSS pixels: NHS.UK frontend's small body text, and axis
// labels a step below it.
const (
	fontSize      = 16
	labelFontSize = 14
	fontFamily    = "Arial, sans-serif" // the site's font (see docs/front-end.md)
)

// lineSymbols tell the lines of a line chart apart without colour: each
// series gets the next symbol, and after the palette's colours come round
// again, a dashed line.
var lineSymbols = []string{"circle", "rect", "triangle", "diamond", "emptyCircle", "emptyRect", "emptyTriangle", "emptyDiamond"}

// obj is a JSON object under construction.
type obj = map[string]any

// style adds the house style to go-echarts' option m and returns the
// option to encode: a base option, and "media" rules that give the legend
// room at narrower widths.
func style(m obj, s Spec, d drawn, percent bool) obj {
	m["textStyle"] = obj{"fontFamily": fontFamily, "fontSize": fontSize, "color": TextColour}
	m["backgroundColor"] = Background
	m["color"] = colours(len(d.series))
	m["tooltip"] = obj{
		"show": true, "trigger": "axis", "confine": true,
		// Rich text is drawn in the canvas; the default HTML tooltip
		// writes style attributes, which the site's CSP blocks.
		"renderMode":  "richText",
		"axisPointer": obj{"type": map[bool]string{true: "line", false: "shadow"}[s.Kind == Line]},
		"textStyle":   obj{"fontFamily": fontFamily, "fontSize": labelFontSize, "color": TextColour},
	}
	legend, _ := m["legend"].(obj)
	if legend == nil {
		legend = obj{}
	}
	legend["top"], legend["left"], legend["itemGap"] = 0, 0, legendGap
	legend["textStyle"] = obj{"fontSize": labelFontSize, "color": TextColour}
	m["legend"] = legend

	valueAxis, categoryAxis := "yAxis", "xAxis"
	if s.Horizontal && s.Kind != Line {
		valueAxis, categoryAxis = "xAxis", "yAxis"
	}
	for _, a := range axes(m, categoryAxis) {
		a["axisLabel"] = obj{"color": SecondaryColour, "fontSize": labelFontSize, "hideOverlap": true}
		a["axisLine"] = obj{"lineStyle": obj{"color": SecondaryColour}}
		a["axisTick"] = obj{"alignWithLabel": true, "lineStyle": obj{"color": SecondaryColour}}
		if s.Horizontal && s.Kind != Line {
			// Long labels (regions, standards) are cut short with an
			// ellipsis rather than squeezing the bars; the table has them
			// in full.
			label := a["axisLabel"].(obj)
			label["width"], label["overflow"], label["interval"] = categoryLabelWidth(d.categories, wideWidth), "truncate", 0
		}
	}
	for _, a := range axes(m, valueAxis) {
		label := obj{"color": SecondaryColour, "fontSize": labelFontSize, "hideOverlap": true}
		if percent {
			label["formatter"] = "{value}%"
			a["min"], a["max"], a["interval"] = 0, 100, 25
		}
		a["axisLabel"] = label
		a["splitLine"] = obj{"lineStyle": obj{"color": GridColour}}
		a["nameTextStyle"] = obj{"color": TextColour, "fontSize": labelFontSize, "align": "left"}
		a["nameLocation"] = "end"
		if s.Horizontal && s.Kind != Line {
			a["nameLocation"], a["nameGap"] = "middle", 28
			a["nameTextStyle"].(obj)["align"] = "center"
		}
	}

	series, _ := m["series"].([]any)
	for k, raw := range series {
		sr, _ := raw.(obj)
		if sr == nil {
			continue
		}
		switch s.Kind {
		case Line:
			sr["symbol"] = lineSymbols[k%len(lineSymbols)]
			sr["symbolSize"] = 9
			width, typ := 2, "solid"
			if k >= len(Palette) {
				typ = "dashed" // its colour is taken already
			}
			if k == d.totalSeries {
				// The national line stands out by its weight.
				width, typ = 4, "solid"
			}
			sr["lineStyle"] = obj{"width": width, "type": typ}
		default:
			sr["barMaxWidth"] = 56
			if k == d.totalSeries {
				sr["itemStyle"] = obj{"borderColor": TextColour, "borderWidth": 1}
			}
		}
		sr["emphasis"] = obj{"focus": "series"}
	}

	// ECharts keeps the axes' labels inside the box (outerBoundsMode
	// "auto"); the bottom margin leaves room for labels along a line
	// chart's axis, which it does not always count.
	bottom := 8
	if s.Kind == Line {
		bottom = 28
	}
	grid := obj{"left": 8, "right": 24, "bottom": bottom, "top": topFor(legendRows(d.series, wideWidth), s), "containLabel": false,
		"outerBoundsMode": "auto", "outerBoundsClampWidth": "40%"}
	m["grid"] = grid
	delete(m, "title")
	delete(m, "toolbox")

	// Narrower boxes wrap the legend onto more lines and have less room
	// for category labels: one rule per step, widest first, so that the
	// narrowest matching rule is applied last and wins.
	var media []any
	for i, maxWidth := range breakpoints {
		from := minWidth
		if i+1 < len(breakpoints) {
			from = breakpoints[i+1] + 1
		}
		rule := obj{"grid": obj{"top": topFor(legendRows(d.series, from), s)}}
		if s.Horizontal && s.Kind != Line {
			rule[categoryAxis] = obj{"axisLabel": obj{"width": categoryLabelWidth(d.categories, from)}}
		}
		if maxWidth <= narrowWidth && !percent {
			// Fewer, wider steps on the value axis: long figures
			// ("1,200") would otherwise run into each other, and
			// hiding some leaves uneven steps.
			steps := 3
			if maxWidth == breakpoints[len(breakpoints)-1] {
				steps = 2
			}
			rule[valueAxis] = obj{"splitNumber": steps}
		}
		media = append(media, obj{"query": obj{"maxWidth": maxWidth}, "option": rule})
	}
	return obj{"baseOption": m, "media": media}
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

// Widths of the chart's box, in CSS pixels, at which the layout steps: the
// widest box the theme gives a chart, the steps below it, and the
// narrowest (a 320 px screen less the page's margins).
var breakpoints = []int{960, 720, 560, 420}

const (
	wideWidth   = 960
	narrowWidth = 560
	minWidth    = 280
	legendGap   = 16
	// legendLine is the height of one line of the legend.
	legendLine = 24
)

// textWidth estimates the width of a label at labelFontSize in Arial: about
// 0.55 em a character, a little generous so that estimates err towards
// room.
func textWidth(s string) int { return utf8.RuneCountInString(s) * labelFontSize * 55 / 100 }

// legendRows estimates how many lines the legend takes in a box of the
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

// topFor is the grid's top margin: room for the legend's lines and for the
// value axis's name above a vertical chart.
func topFor(rows int, s Spec) int {
	top := rows*legendLine + 8
	if (s.Kind == Line || !s.Horizontal) && s.ValueName != "" {
		top += 28
	}
	return max(top, 16)
}

// categoryLabelWidth is the width allowed for the labels down the side of a
// horizontal chart: as much as the longest needs, up to 40% of the box.
func categoryLabelWidth(labels []string, box int) int {
	longest := 0
	for _, l := range labels {
		longest = max(longest, textWidth(l))
	}
	return min(longest, box*2/5)
}
