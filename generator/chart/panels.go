package chart

import "github.com/plinth-ssg/plinth/generator/anonymise"

// Small multiples: a line chart of many series drawn as a panel for each,
// on the same scale, each with the reference line (England) in grey, as
// the Analysis Function's chart guidance advises for more than four lines.
// The panels stand in two columns on the wide drawing and one on the
// narrow.

// Panel sizes in CSS pixels: its title, the plot, and the room under it
// for the category labels; gaps between panels; and the room at the left
// of each plot for its value labels.
const (
	panelTitle  = 24
	panelPlot   = 120
	panelAxis   = 30
	panelGap    = 24
	panelLabels = 44
)

// panelCols is the number of columns of panels at a width.
func panelCols(width int) int {
	if width <= narrowWidth {
		return 1
	}
	return 2
}

// panelLayout places n panels in a drawing of the given width under a
// legend of the given lines: each panel's title and grid, and the
// drawing's size.
func panelLayout(n, width, rows int) (titles, grids []any, sz size) {
	cols := panelCols(width)
	w := (width - panelGap*(cols-1)) / cols
	top := rows*legendLine + 8
	if rows > 0 {
		top += 8
	}
	height := panelTitle + panelPlot + panelAxis
	for p := range n {
		x := (p % cols) * (w + panelGap)
		y := top + (p/cols)*(height+panelGap/2)
		titles = append(titles, obj{"left": x, "top": y})
		// Room at the right for a note on the last point.
		grids = append(grids, obj{"left": x + panelLabels, "top": y + panelTitle, "width": w - panelLabels - noteSize[0]/2 - 4,
			"height": panelPlot, "outerBoundsMode": "none"})
	}
	rowsOfPanels := (n + cols - 1) / cols
	return titles, grids, size{width, top + rowsOfPanels*height + (rowsOfPanels-1)*panelGap/2 + 4}
}

// panels turns go-echarts' line chart m into small multiples: a grid,
// axes, title and series for each of the table's series (not the
// reference), the reference's line repeated in every panel, and the notes
// on each panel's hidden figures. It returns the sizes of the drawings and
// the media rule for the narrow one, and sets the words of every mark.
func panels(m obj, s Spec, d drawn, percent bool, entries []string) (size, size, []any, [][]string) {
	format := "{c}"
	if percent {
		format = "{c}%"
	}
	main := d.main()
	n := len(main)
	titles, grids, wide := panelLayout(n, wideWidth, legendRows(entries, wideWidth))
	ntitles, ngrids, narrow := panelLayout(n, narrowWidth, legendRows(entries, narrowWidth))
	var xs, ys, series []any
	var marks [][]string
	for p, k := range main {
		title := titles[p].(obj)
		title["text"] = d.series[k]
		title["textStyle"] = obj{"fontSize": labelFontSize, "fontWeight": "bold", "color": TextColour}
		x := obj{"type": "category", "data": d.categories, "gridIndex": p, "boundaryGap": false,
			"axisLabel": obj{"color": SecondaryColour, "fontSize": labelFontSize, "interval": max(len(d.categories)-2, 0),
				"alignMinLabel": "left", "alignMaxLabel": "right", "showMinLabel": true, "showMaxLabel": true},
			"axisLine": obj{"lineStyle": obj{"color": SecondaryColour}}, "axisTick": obj{"show": false}}
		y := obj{"type": "value", "gridIndex": p}
		valueAxisStyle(y, percent)
		if percent {
			y["interval"] = 50
		} else {
			y["splitNumber"] = 2
		}
		xs, ys = append(xs, x), append(ys, y)

		line := obj{"type": "line", "name": d.series[k], "xAxisIndex": p, "yAxisIndex": p, "data": lineData(d, k),
			"symbol": "circle", "symbolSize": 7, "connectNulls": false, "z": 3, "emphasis": obj{"disabled": true},
			"lineStyle": obj{"width": 2, "color": Palette[0]}, "itemStyle": obj{"color": Palette[0]}}
		zeroLabels(line, d.cells[k], format)
		series = append(series, line)
		marks = append(marks, seriesWords(d, k))
		if d.reference >= 0 {
			series = append(series, obj{"type": "line", "name": d.series[d.reference], "xAxisIndex": p, "yAxisIndex": p,
				"data": lineData(d, d.reference), "symbol": "emptyCircle", "symbolSize": 5, "connectNulls": false, "z": 2, "emphasis": obj{"disabled": true},
				"lineStyle": obj{"width": 2, "type": "dashed", "color": ReferenceColour}, "itemStyle": obj{"color": ReferenceColour}})
			marks = append(marks, seriesWords(d, d.reference))
		}
		hidden := noteSeries{name: HiddenName, text: anonymise.SymbolConfidential}
		for i := range d.categories {
			for _, kk := range []int{k, d.reference} {
				if kk >= 0 && d.cells[kk][i].Suppressed() {
					hidden.add(note{i, "0", []int{0, -(noteSize[1]/2 + 2)}}, words(d, kk, i))
				}
			}
		}
		if len(hidden.points) > 0 {
			// Notes of quarters side by side must not touch on a phone:
			// the narrow panel's plot, from one point to the next.
			var all []*note
			for i := range hidden.points {
				all = append(all, &hidden.points[i])
			}
			across := float64(narrowWidth-panelLabels-noteSize[0]/2-4) / float64(max(len(d.categories)-1, 1))
			spacing{length: noteSize[1]}.stagger(all, across)
			ns := hidden.series(s)
			ns["xAxisIndex"], ns["yAxisIndex"] = p, p
			series = append(series, ns)
			marks = append(marks, hidden.words)
		}
	}
	m["title"], m["grid"], m["xAxis"], m["yAxis"], m["series"] = titles, grids, xs, ys, series
	delete(m, "color")
	// On the narrow drawing the quarters' labels are a step smaller (12 px,
	// the least), so that the first and last fit a panel's width.
	var nxs []any
	for range main {
		nxs = append(nxs, obj{"axisLabel": obj{"fontSize": minFontSize}})
	}
	rule := obj{"title": ntitles, "grid": ngrids, "xAxis": nxs}
	media := []any{obj{"query": obj{"maxWidth": narrowQuery}, "option": rule}}
	return wide, narrow, media, marks
}

// lineData is series k's data items, null where hidden.
func lineData(d drawn, k int) []any {
	out := make([]any, len(d.categories))
	for i, c := range d.cells[k] {
		out[i] = obj{"value": valueOf(c)}
	}
	return out
}
