package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

// funcMarker is what go-echarts wraps JavaScript in (opts.FuncOpts), for
// its own renderer to splice into an inline script.
const funcMarker = "__f__"

// echart is what the go-echarts chart types have in common here.
type echart interface {
	Validate()
	JSON() map[string]any
}

// build makes the go-echarts chart: the series and axes, which go-echarts
// has types for. A reference is not a series of a bar chart's: it is drawn
// as marks across the bars (notes.go).
func build(s Spec, d drawn) echart {
	global := []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true)}),
		charts.WithColorsOpts(colours(len(d.series))),
	}
	category := opts.XAxis{Type: "category"}
	value := opts.YAxis{Type: "value", Name: s.ValueName}
	if s.Kind == Line {
		c := charts.NewLine()
		c.SetGlobalOptions(append(global, charts.WithXAxisOpts(category), charts.WithYAxisOpts(value))...)
		c.SetXAxis(d.categories)
		for k, name := range d.series {
			data := make([]opts.LineData, len(d.categories))
			for i, cell := range d.cells[k] {
				data[i] = opts.LineData{Value: valueOf(cell)}
			}
			c.AddSeries(name, data, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}))
		}
		c.Validate()
		return c
	}
	c := charts.NewBar()
	if s.Horizontal {
		// go-echarts moves the categories to the y axis (Validate).
		c.SetGlobalOptions(append(global,
			charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: s.ValueName}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}))...)
		c.XYReversal()
	} else {
		c.SetGlobalOptions(append(global, charts.WithXAxisOpts(category), charts.WithYAxisOpts(value))...)
	}
	c.SetXAxis(d.categories)
	for _, k := range d.main() {
		data := make([]opts.BarData, len(d.categories))
		for i, cell := range d.cells[k] {
			data[i] = opts.BarData{Value: valueOf(cell)}
		}
		var series []charts.SeriesOpts
		if s.Kind == StackedBar {
			series = append(series, charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.Stack = "total" }))
		}
		c.AddSeries(d.series[k], data, series...)
	}
	c.Validate()
	return c
}

// null is a hidden figure: no value, drawn as a gap.
var null = json.RawMessage("null")

// valueOf is a cell as the chart draws it: the figure as published, or
// null for [c]. Never 0: a hidden figure is not nothing.
func valueOf(c anonymise.Cell) any {
	if _, ok := c.Value(); !ok {
		return null
	}
	// A json.Number keeps the figure exactly as published (45.3, not
	// 45.299999…).
	return json.Number(c.Plain())
}

// colours returns the colours of n series.
func colours(n int) opts.Colors {
	out := make(opts.Colors, n)
	for i := range out {
		out[i] = colourOf(i)
	}
	return out
}

// checkNoFunctions fails if any go-echarts function string (types.FuncStr)
// is set in the option tree: functions cannot travel in a data island, and
// go-echarts would need an inline script to run them.
func checkNoFunctions(v any) error {
	var path []string
	var walk func(v reflect.Value) error
	funcType := reflect.TypeFor[types.FuncStr]()
	seen := map[uintptr]bool{} // pointers followed, for cycles
	walk = func(v reflect.Value) error {
		if !v.IsValid() {
			return nil
		}
		if v.Type() == funcType && v.String() != "" {
			return fmt.Errorf("the chart option sets a JavaScript function at %v: charts may hold data only", path)
		}
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return nil
			}
			seen[v.Pointer()] = true
			return walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				return walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if !v.Type().Field(i).IsExported() {
					continue
				}
				path = append(path, v.Type().Field(i).Name)
				err := walk(v.Field(i))
				path = path[:len(path)-1]
				if err != nil {
					return err
				}
			}
		case reflect.Slice, reflect.Array:
			if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
				return nil // raw JSON
			}
			for i := range v.Len() {
				if err := walk(v.Index(i)); err != nil {
					return err
				}
			}
		case reflect.Map:
			iter := v.MapRange()
			for iter.Next() {
				path = append(path, fmt.Sprint(iter.Key().Interface()))
				err := walk(iter.Value())
				path = path[:len(path)-1]
				if err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(reflect.ValueOf(v))
}

// encode writes the option as JSON with Go's HTML escaping (<, >, & and
// U+2028/U+2029 as \u escapes), so that no label can end the data island's
// <script> element, and fails on go-echarts' function marker.
func encode(option any) ([]byte, error) {
	out, err := json.Marshal(option)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(out, []byte(funcMarker)) {
		return nil, fmt.Errorf("the chart option holds go-echarts' function marker %q: charts may hold data only", funcMarker)
	}
	return out, nil
}

// generic turns go-echarts' option into plain JSON values (maps, slices,
// strings, json.Number), for the settings go-echarts has no type for.
func generic(c echart) (map[string]any, error) {
	raw, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}
