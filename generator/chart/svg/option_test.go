package svg

import (
	"encoding/json"
	"strings"
	"testing"
)

// base is a small option that draws, for the tests to change.
const base = `"color": ["#12436D"], "grid": {"left": 40, "right": 20, "top": 20, "bottom": 30},
 "xAxis": {"type": "category", "data": ["A", "B"]}, "yAxis": {"type": "value"}`

// TestRefuses: an option that asks for something the drawing does not do
// is an error naming it, rather than a chart drawn without it.
func TestRefuses(t *testing.T) {
	tests := []struct{ option, want string }{
		{`{` + base + `, "tooltip": {"show": true}, "series": []}`, `unknown field "tooltip"`},
		{`{` + base + `, "series": [{"type": "pie", "data": [1, 2]}]}`, `"pie"`},
		{`{` + base + `, "series": [{"type": "bar", "data": [1, 2], "itemStyle": {"shadowBlur": 4}}]}`, `unknown field "shadowBlur"`},
		{`{` + base + `, "series": [{"type": "line", "symbol": "pin", "data": [1, 2]}]}`, `symbol "pin"`},
		{`{` + base + `, "series": [{"type": "bar", "data": [1, 2], "label": {"show": true, "formatter": "{b}: {c}"}}]}`, "only {c}"},
		{`{` + base + `, "series": [{"type": "bar", "data": [1, 2], "label": {"show": true, "position": "insideLeft"}}]}`, `"insideLeft"`},
		{`{` + base + `, "series": [{"type": "line", "data": [1, null], "connectNulls": true}]}`, "hidden figure"},
		{`{` + base + `, "series": [{"type": "bar", "data": [1, 2, 3]}]}`, "3 data items for 2 categories"},
		{`{` + base + `, "series": [{"type": "bar", "data": [1, 2], "yAxisIndex": 1}]}`, "an axis the option does not have"},
		{`{"grid": {"left": 40, "top": 20, "bottom": 30}, "xAxis": {"type": "category", "data": ["A"]}, "yAxis": {}, "series": []}`, "two of them are needed"},
		{`{"grid": {"left": 40, "right": 20, "top": 20, "bottom": 30, "outerBoundsMode": "same"}, "series": []}`, `outerBoundsMode "same"`},
		{`{"grid": {"left": 40, "right": 20, "top": 20, "bottom": 30}, "xAxis": {"type": "time"}, "series": []}`, `type "time"`},
		{`{"grid": {"left": 40, "right": 20, "top": 20, "bottom": 30}, "xAxis": {}, "yAxis": {}, "series": [{"type": "bar", "data": [1, 2]}]}`, "needs a category axis"},
		{`{` + strings.Replace(base, `"color": ["#12436D"], `, "", 1) + `, "series": [{"type": "bar", "data": [1, 2]}]}`, "no palette"},
		{`{"baseOption": {` + base + `, "series": []}, "media": [{"query": {"maxHeight": 300}, "option": {}}]}`, "only minWidth and maxWidth"},
		{`{"baseOption": {` + base + `, "series": []}, "media": [], "title": {}}`, `"title" beside baseOption`},
		{`{` + base + `, "series": [], "media": [{"query": {"maxWidth": 300}, "option": {}}]}`, "no baseOption"},
		{`{"color": ["#12436D"], "grid": {"left": 40, "right": 20, "top": 20, "bottom": 30}, "xAxis": {"type": "category", "data": ["A"], "axisTick": {"show": true}}, "yAxis": {}, "series": []}`, "ticks"},
		{`[1, 2]`, "not a JSON object"},
	}
	for _, tt := range tests {
		_, err := render(Chart{Option: []byte(tt.option), Width: 300, Height: 200, ID: "c"})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s:\nerr = %v, want it to say %q", tt.option, err, tt.want)
		}
	}
	if _, err := render(Chart{Option: []byte(`{` + base + `, "series": []}`), Width: 300, Height: 0}); err == nil || !strings.Contains(err.Error(), "no size") {
		t.Errorf("a drawing of no height: err = %v", err)
	}
}

// TestMedia: the rules whose query the drawing's width meets change the
// option, in order: an object onto a component given as one object or
// onto the first of a list, a list item by item; other rules do not.
func TestMedia(t *testing.T) {
	option := `{"baseOption": {"grid": {"left": 40, "right": 20}, "xAxis": [{"name": "a"}, {"name": "b"}], "legend": {"itemGap": 16}},
 "media": [
  {"query": {"maxWidth": 480}, "option": {"grid": {"left": 10}, "xAxis": {"name": "narrow"}, "legend": {"top": 4}}},
  {"query": {"maxWidth": 300}, "option": {"xAxis": [{}, {"name": "narrowest"}]}},
  {"query": {"minWidth": 481}, "option": {"grid": {"right": 99}}}]}`
	tests := []struct {
		width       int
		left, right float64
		names       string
		top         float64
		gap         float64
	}{
		{720, 40, 99, "a b", 0, 16},
		{480, 10, 20, "narrow b", 4, 16},
		{272, 10, 20, "narrow narrowest", 4, 16},
	}
	for _, tt := range tests {
		o, err := decodeOption([]byte(option), tt.width)
		if err != nil {
			t.Fatal(err)
		}
		g := o.Grid[0]
		names := o.XAxis[0].Name + " " + o.XAxis[1].Name
		if *g.Left != tt.left || *g.Right != tt.right || names != tt.names || o.Legend.Top != tt.top || *o.Legend.ItemGap != tt.gap {
			t.Errorf("at %d px: grid %v–%v, axes %q, legend top %v gap %v; want %v–%v, %q, %v, %v",
				tt.width, *g.Left, *g.Right, names, o.Legend.Top, *o.Legend.ItemGap, tt.left, tt.right, tt.names, tt.top, tt.gap)
		}
	}
}

// TestDataItems: a data item is a number, null, a point, or an object
// with one of those as its value.
func TestDataItems(t *testing.T) {
	tests := []struct {
		item string
		want []string // each number, or "null"
	}{
		{`12.5`, []string{"12.5"}},
		{`null`, []string{"null"}},
		{`{"value": null}`, []string{"null"}},
		{`{"value": 3, "label": {"show": true}}`, []string{"3"}},
		{`[4, null]`, []string{"4", "null"}},
		{`{"value": [null, 2], "symbolOffset": [0, -12]}`, []string{"null", "2"}},
	}
	for _, tt := range tests {
		var d dataItem
		if err := json.Unmarshal([]byte(tt.item), &d); err != nil {
			t.Errorf("%s: %v", tt.item, err)
			continue
		}
		var got []string
		for k := range d.value {
			if v, ok := d.at(k); ok {
				got = append(got, formatNumber(v))
			} else {
				got = append(got, "null")
			}
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s = %v, want %v", tt.item, got, tt.want)
		}
	}
	for _, bad := range []string{`"12"`, `{"label": {}}`, `{"value": 1, "colour": "red"}`, `true`} {
		var d dataItem
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
