package svg

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// The part of ECharts' option format that Plinth's charts use, which is
// all this package draws: a grid (or several, for small multiples) with
// category and value axes, bar, line and scatter series, a legend and
// titles, and "media" rules that change the option for narrow drawings.
// Decoding is strict: a key the types below do not name is an error, so
// that an option asking for something the drawing would not show (a
// setting go-echarts or package chart starts to write one day) fails the
// build instead of being drawn without it.

// option is a chart's option, with its media rules applied for the width
// of the drawing.
type option struct {
	// Animation means nothing in a static drawing; package chart turns it
	// off, and it is accepted for that.
	Animation       *bool             `json:"animation"`
	BackgroundColor string            `json:"backgroundColor"`
	Color           []string          `json:"color"`
	TextStyle       textStyle         `json:"textStyle"`
	Legend          legendOption      `json:"legend"`
	Grid            list[gridOption]  `json:"grid"`
	XAxis           list[axisOption]  `json:"xAxis"`
	YAxis           list[axisOption]  `json:"yAxis"`
	Title           list[titleOption] `json:"title"`
	Series          []seriesOption    `json:"series"`
}

// textStyle is the style of some text; unset fields take the option's.
type textStyle struct {
	Color      string  `json:"color"`
	FontFamily string  `json:"fontFamily"`
	FontSize   float64 `json:"fontSize"`
	FontWeight string  `json:"fontWeight"`
	// Align is the name's alignment, in an axis's nameTextStyle only.
	Align string `json:"align"`
}

type legendOption struct {
	Show      *bool     `json:"show"`
	Data      []string  `json:"data"`
	Left      float64   `json:"left"`
	Top       float64   `json:"top"`
	ItemGap   *float64  `json:"itemGap"`
	TextStyle textStyle `json:"textStyle"`
}

type gridOption struct {
	Left, Right, Top, Bottom, Width, Height *float64
	// OuterBoundsMode "none" places the plot exactly where the bounds
	// say, with the axis labels outside it: the only way drawn here.
	OuterBoundsMode string `json:"outerBoundsMode"`
}

type titleOption struct {
	Text      string    `json:"text"`
	Left      float64   `json:"left"`
	Top       float64   `json:"top"`
	TextStyle textStyle `json:"textStyle"`
}

type axisOption struct {
	Type          string     `json:"type"`
	Data          []category `json:"data"`
	GridIndex     int        `json:"gridIndex"`
	Inverse       bool       `json:"inverse"`
	BoundaryGap   *bool      `json:"boundaryGap"`
	Min           *float64   `json:"min"`
	Max           *float64   `json:"max"`
	Interval      *float64   `json:"interval"`
	MinInterval   *float64   `json:"minInterval"`
	SplitNumber   *int       `json:"splitNumber"`
	Name          string     `json:"name"`
	NameLocation  string     `json:"nameLocation"`
	NameGap       *float64   `json:"nameGap"`
	NameTextStyle textStyle  `json:"nameTextStyle"`
	AxisLabel     axisLabel  `json:"axisLabel"`
	AxisLine      lineOption `json:"axisLine"`
	AxisTick      tickOption `json:"axisTick"`
	SplitLine     lineOption `json:"splitLine"`
}

// category is one label of a category axis, with its own style if any.
type category struct {
	Value     string
	TextStyle textStyle
}

func (c *category) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &c.Value)
	}
	var o struct {
		Value     string    `json:"value"`
		TextStyle textStyle `json:"textStyle"`
	}
	if err := strict(b, &o); err != nil {
		return err
	}
	c.Value, c.TextStyle = o.Value, o.TextStyle
	return nil
}

type axisLabel struct {
	Color    string  `json:"color"`
	FontSize float64 `json:"fontSize"`
	// Formatter is a template with {value} in it ("{value}%").
	Formatter string `json:"formatter"`
	// Interval shows every (Interval+1)th label; unset, as many as fit.
	Interval *int `json:"interval"`
	// Width and Overflow "truncate" cut a label short with an ellipsis.
	Width    *float64 `json:"width"`
	Overflow string   `json:"overflow"`
	// AlignMinLabel and AlignMaxLabel align the first and last labels of
	// a horizontal axis ("left", "right") so that they stay in the plot's
	// width; ShowMinLabel and ShowMaxLabel show them whatever Interval.
	AlignMinLabel string `json:"alignMinLabel"`
	AlignMaxLabel string `json:"alignMaxLabel"`
	ShowMinLabel  *bool  `json:"showMinLabel"`
	ShowMaxLabel  *bool  `json:"showMaxLabel"`
}

type lineOption struct {
	Show      *bool     `json:"show"`
	LineStyle lineStyle `json:"lineStyle"`
}

// tickOption is accepted for go-echarts' and package chart's settings, but
// the drawing has no ticks: Show true is refused, and how ticks would be
// placed and drawn means nothing.
type tickOption struct {
	Show           *bool     `json:"show"`
	AlignWithLabel bool      `json:"alignWithLabel"`
	LineStyle      lineStyle `json:"lineStyle"`
}

type lineStyle struct {
	Color string   `json:"color"`
	Width *float64 `json:"width"`
	Type  string   `json:"type"`
}

type seriesOption struct {
	Type       string     `json:"type"`
	Name       string     `json:"name"`
	Stack      string     `json:"stack"`
	Data       []dataItem `json:"data"`
	XAxisIndex int        `json:"xAxisIndex"`
	YAxisIndex int        `json:"yAxisIndex"`
	// Z orders the series: higher is drawn later, over the others.
	Z            *float64    `json:"z"`
	BarWidth     *float64    `json:"barWidth"`
	Symbol       string      `json:"symbol"`
	SymbolSize   *symbolSize `json:"symbolSize"`
	ShowSymbol   *bool       `json:"showSymbol"`
	ConnectNulls *bool       `json:"connectNulls"`
	Label        labelOption `json:"label"`
	ItemStyle    itemStyle   `json:"itemStyle"`
	LineStyle    lineStyle   `json:"lineStyle"`
	// Emphasis and Animation mean nothing in a static drawing.
	Emphasis  *struct{ Disabled bool } `json:"emphasis"`
	Animation *bool                    `json:"animation"`
}

type labelOption struct {
	Show     *bool  `json:"show"`
	Position string `json:"position"`
	// Formatter is the label's text, with {c} standing for the value.
	Formatter       string  `json:"formatter"`
	FontSize        float64 `json:"fontSize"`
	FontWeight      string  `json:"fontWeight"`
	Color           string  `json:"color"`
	TextBorderColor string  `json:"textBorderColor"`
	TextBorderWidth float64 `json:"textBorderWidth"`
}

// over returns l with the fields o sets replaced: a data item's label over
// its series'.
func (l labelOption) over(o *labelOption) labelOption {
	if o == nil {
		return l
	}
	if o.Show != nil {
		l.Show = o.Show
	}
	for _, f := range []struct{ to, from *string }{
		{&l.Position, &o.Position}, {&l.Formatter, &o.Formatter}, {&l.FontWeight, &o.FontWeight},
		{&l.Color, &o.Color}, {&l.TextBorderColor, &o.TextBorderColor},
	} {
		if *f.from != "" {
			*f.to = *f.from
		}
	}
	if o.FontSize != 0 {
		l.FontSize = o.FontSize
	}
	if o.TextBorderWidth != 0 {
		l.TextBorderWidth = o.TextBorderWidth
	}
	return l
}

type itemStyle struct {
	Color       string   `json:"color"`
	BorderColor string   `json:"borderColor"`
	BorderWidth float64  `json:"borderWidth"`
	Opacity     *float64 `json:"opacity"`
}

// symbolSize is a symbol's width and height: one number for both, or two.
type symbolSize [2]float64

func (s *symbolSize) UnmarshalJSON(b []byte) error {
	var one float64
	if err := json.Unmarshal(b, &one); err == nil {
		*s = symbolSize{one, one}
		return nil
	}
	var two []float64
	if err := json.Unmarshal(b, &two); err != nil || len(two) != 2 {
		return fmt.Errorf("a symbol size is a number or two, not %s", b)
	}
	*s = symbolSize{two[0], two[1]}
	return nil
}

// dataItem is one data item of a series: a value (null for none), or for
// a scatter series a point [x, y], with its own label and symbol offset.
type dataItem struct {
	// value holds one number for a bar or a line, two for a point; nil
	// for a null.
	value        []*float64
	label        *labelOption
	symbolOffset *[2]float64
}

func (d *dataItem) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var o struct {
			Value        json.RawMessage `json:"value"`
			Label        *labelOption    `json:"label"`
			SymbolOffset *[2]float64     `json:"symbolOffset"`
		}
		if err := strict(b, &o); err != nil {
			return err
		}
		d.label, d.symbolOffset = o.Label, o.SymbolOffset
		if o.Value == nil {
			return errors.New("a data item with no value")
		}
		b = o.Value
	}
	if b[0] == '[' {
		return json.Unmarshal(b, &d.value)
	}
	var v *float64
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("a data item's value is a number, null or a point, not %s", b)
	}
	d.value = []*float64{v}
	return nil
}

// at returns the item's k-th number, and false for a null or none.
func (d dataItem) at(k int) (float64, bool) {
	if k >= len(d.value) || d.value[k] == nil {
		return 0, false
	}
	return *d.value[k], true
}

// list is a component that an option gives as one object or a list of
// them (grid, xAxis, title).
type list[T any] []T

func (l *list[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var one T
		if err := strict(b, &one); err != nil {
			return err
		}
		*l = list[T]{one}
		return nil
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*l = make(list[T], len(raw))
	for i, r := range raw {
		if err := strict(r, &(*l)[i]); err != nil {
			return err
		}
	}
	return nil
}

// strict decodes JSON into v, failing on keys v has no field for.
func strict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// decodeOption reads an option as JSON, either plain or as a baseOption
// with media rules, and applies the rules whose query the drawing's width
// meets, in order, as ECharts does: a rule's component given as one object
// changes the first of the base option's, a list changes them by index.
func decodeOption(b []byte, width int) (*option, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("the option is not a JSON object: %w", err)
	}
	merged := top
	if base, ok := top["baseOption"].(map[string]any); ok {
		for k := range top {
			if k != "baseOption" && k != "media" {
				return nil, fmt.Errorf("the option sets %q beside baseOption", k)
			}
		}
		merged = base
		media, _ := top["media"].([]any)
		for _, m := range media {
			rule, _ := m.(map[string]any)
			applies, err := queryMeets(rule["query"], width)
			if err != nil {
				return nil, err
			}
			if opt, ok := rule["option"].(map[string]any); ok && applies {
				merged = mergeJSON(merged, opt).(map[string]any)
			}
		}
	} else if _, ok := top["media"]; ok {
		return nil, errors.New("the option has media rules but no baseOption")
	}
	again, err := json.Marshal(merged)
	if err != nil {
		return nil, err
	}
	var o option
	if err := strict(again, &o); err != nil {
		return nil, fmt.Errorf("the option has %w, which the drawing does not support", err)
	}
	return &o, nil
}

// queryMeets reports whether a media query holds at the given width. Only
// widths are asked about: the drawing's height follows from its layout.
func queryMeets(q any, width int) (bool, error) {
	query, ok := q.(map[string]any)
	if !ok {
		return false, errors.New("a media rule without a query")
	}
	meets := true
	for _, k := range slices.Sorted(maps.Keys(query)) {
		n, ok := query[k].(json.Number)
		v, err := n.Float64()
		if !ok || err != nil {
			return false, fmt.Errorf("the media query's %s is not a number", k)
		}
		switch k {
		case "maxWidth":
			meets = meets && float64(width) <= v
		case "minWidth":
			meets = meets && float64(width) >= v
		default:
			return false, fmt.Errorf("the media query asks about %s; only minWidth and maxWidth are supported", k)
		}
	}
	return meets, nil
}

// mergeJSON lays over onto base: objects key by key, lists item by item
// (and an object over a list onto its first item), anything else
// replaced.
func mergeJSON(base, over any) any {
	switch o := over.(type) {
	case map[string]any:
		switch b := base.(type) {
		case map[string]any:
			out := maps.Clone(b)
			for k, v := range o {
				out[k] = mergeJSON(b[k], v)
			}
			return out
		case []any:
			if len(b) > 0 {
				out := slices.Clone(b)
				out[0] = mergeJSON(b[0], o)
				return out
			}
		}
	case []any:
		if b, ok := base.([]any); ok {
			out := slices.Clone(b)
			for i, v := range o {
				if i < len(out) {
					out[i] = mergeJSON(out[i], v)
				} else {
					out = append(out, v)
				}
			}
			return out
		}
	}
	return over
}
