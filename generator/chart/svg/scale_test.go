package svg

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// TestValueScale: a value axis runs between round numbers around the data
// and zero, in about splitNumber round steps of at least minInterval,
// unless the option fixes its ends and step.
func TestValueScale(t *testing.T) {
	tests := []struct {
		name   string
		axis   axisOption
		lo, hi float64
		data   bool
		want   string // min max interval
	}{
		{"counts", axisOption{MinInterval: ptr(1.0)}, 170, 220, true, "0 250 50"},
		{"large counts", axisOption{MinInterval: ptr(1.0)}, 320, 1325, true, "0 1400 200"},
		{"three steps", axisOption{SplitNumber: ptr(3)}, 0, 1325, true, "0 1500 500"},
		{"small counts", axisOption{MinInterval: ptr(1.0)}, 0, 3, true, "0 3 1"},
		{"all zero", axisOption{MinInterval: ptr(1.0)}, 0, 0, true, "0 1 1"},
		{"no data", axisOption{}, 0, 0, false, "0 1 0.2"},
		{"fractions", axisOption{}, 0.1, 0.7, true, "0 0.7 0.1"},
		{"percent", axisOption{Min: ptr(0.0), Max: ptr(100.0), Interval: ptr(25.0)}, 3, 102, true, "0 100 25"},
		{"negative", axisOption{}, -30, 45, true, "-40 60 20"},
	}
	for _, tt := range tests {
		s, err := newValueScale(&tt.axis, tt.lo, tt.hi, tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := fmt.Sprint(s.min, " ", s.max, " ", s.interval); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
		if ticks := s.ticks(); ticks[0] != s.min || ticks[len(ticks)-1] != s.max {
			t.Errorf("%s: ticks %v do not run from %v to %v", tt.name, ticks, s.min, s.max)
		}
	}
	for _, bad := range []axisOption{{Min: ptr(10.0), Max: ptr(5.0)}, {Interval: ptr(0.0)}, {Min: ptr(0.0), Max: ptr(1e9), Interval: ptr(1.0)}} {
		if _, err := newValueScale(&bad, 0, 1, true); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1325: "1,325", 1234567.5: "1,234,567.5", 45.3: "45.3", -2500: "-2,500", 0.2: "0.2"} {
		if got := formatNumber(v); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestValuesInPlace draws bars and a line on axes with fixed ends and
// reads back where each mark is: a bar's length, and a point's height,
// are its value's share of the axis, measured from the right end.
func TestValuesInPlace(t *testing.T) {
	// A plot 500 px wide (100 to 600) and 200 px tall (20 to 220).
	const grid = `"grid": {"left": 100, "right": 100, "top": 20, "bottom": 80}`
	bars := `{"color": ["#12436D", "#28A197"], ` + grid + `,
 "xAxis": {"type": "value", "min": 0, "max": 100, "interval": 25},
 "yAxis": {"type": "category", "inverse": true, "data": ["A", "B"]},
 "series": [{"type": "bar", "stack": "s", "barWidth": 20, "data": [30, 50]}, {"type": "bar", "stack": "s", "barWidth": 20, "data": [60, null]}]}`
	out, err := render(Chart{Option: []byte(bars), Width: 700, Height: 300, ID: "c", Marks: [][]string{{"A1", "B1"}, {"A2", "B2"}}})
	if err != nil {
		t.Fatal(err)
	}
	// Category A is the upper band (inverse): 20 to 120, its middle 70.
	want := map[string]string{
		"A1": "M100 60h150v20h-150Z",  // 0 to 30
		"B1": "M100 160h250v20h-250Z", // 0 to 50, in the lower band
		"A2": "M250 60h300v20h-300Z",  // 30 to 90: stacked on A1
	}
	got := map[string]string{}
	for _, m := range regexp.MustCompile(`<path d="([^"]+)" fill="[^"]+" class="plinth-mark" data-series="\d" data-index="\d"><title>([^<]+)<`).FindAllStringSubmatch(out, -1) {
		got[m[2]] = m[1]
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("bars %v\nwant %v", got, want)
	}

	line := `{"color": ["#12436D"], ` + grid + `,
 "xAxis": {"type": "category", "boundaryGap": false, "data": ["Q1", "Q2", "Q3"]},
 "yAxis": {"type": "value", "min": 0, "max": 100},
 "series": [{"type": "line", "symbol": "rect", "symbolSize": 10, "data": [40, null, 75]}]}`
	out, err = render(Chart{Option: []byte(line), Width: 700, Height: 300, ID: "c", Marks: [][]string{{"Q1", "Q2", "Q3"}}})
	if err != nil {
		t.Fatal(err)
	}
	// Q1 at the left end, Q3 at the right; 40 is 80 px up from 220.
	centres := map[string][2]float64{}
	for _, m := range regexp.MustCompile(`<path d="M([\d.]+) ([\d.]+)h10v10h-10Z"[^>]*><title>([^<]+)<`).FindAllStringSubmatch(out, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		centres[m[3]] = [2]float64{x + 5, y + 5}
	}
	if fmt.Sprint(centres) != fmt.Sprint(map[string][2]float64{"Q1": {100, 140}, "Q3": {600, 70}}) {
		t.Errorf("points %v, want Q1 at (100, 140) and Q3 at (600, 70), and no Q2", centres)
	}
	if regexp.MustCompile(`<path d="M[^"]*L[^"]*" fill="none" stroke="#12436D"`).MatchString(out) {
		t.Error("a line drawn across the gap of a null")
	}
}
