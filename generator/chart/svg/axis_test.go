package svg

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestCategoryLabels: a horizontal category axis shows every label that
// fits, skipping the same number between each; the last is shown when the
// option asks, in place of its neighbour when they would overlap; the
// first and last are aligned to stay within the plot; long labels of a
// vertical axis are cut short.
func TestCategoryLabels(t *testing.T) {
	quarters := `["Jan to Mar 2025", "Apr to Jun 2025", "Jul to Sep 2025", "Oct to Dec 2025", "Jan to Mar 2026", "Apr to Jun 2026", "Jul to Sep 2026", "Oct to Dec 2026"]`
	tests := []struct {
		name, axis string
		want       []string
	}{
		{"all fit", `{"type": "category", "data": ["Q1", "Q2", "Q3", "Q4"]}`, []string{"Q1", "Q2", "Q3", "Q4"}},
		{"every other", `{"type": "category", "data": ` + quarters + `}`, []string{"Jan to Mar 2025", "Jul to Sep 2025", "Jan to Mar 2026", "Jul to Sep 2026"}},
		{"last shown", `{"type": "category", "data": ` + quarters + `, "axisLabel": {"showMaxLabel": true, "alignMinLabel": "left", "alignMaxLabel": "right"}}`,
			[]string{"start Jan to Mar 2025", "Jul to Sep 2025", "Jan to Mar 2026", "end Oct to Dec 2026"}},
		{"first and last", `{"type": "category", "data": ` + quarters + `, "axisLabel": {"interval": 6, "showMaxLabel": true}}`, []string{"Jan to Mar 2025", "Oct to Dec 2026"}},
	}
	label := regexp.MustCompile(`<text dominant-baseline="central" text-anchor="([a-z]+)"[^>]*>([^<]*)</text>`)
	for _, tt := range tests {
		option := `{"color": ["#12436D"], "grid": {"left": 40, "right": 40, "top": 20, "bottom": 40}, "xAxis": ` + tt.axis + `,
 "yAxis": {"type": "value", "min": 0, "max": 100, "interval": 100, "axisLabel": {"formatter": "{value}%"}}, "series": []}`
		out, err := render(Chart{Option: []byte(option), Width: 720, Height: 200, ID: "c"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range label.FindAllStringSubmatch(out, -1) {
			if strings.HasSuffix(m[2], "%") {
				continue // the value axis's
			}
			if m[1] != "middle" {
				m[2] = m[1] + " " + m[2]
			}
			got = append(got, m[2])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: labels %q, want %q", tt.name, got, tt.want)
		}
	}

	option := `{"color": ["#12436D"], "grid": {"left": 120, "right": 40, "top": 20, "bottom": 40}, "xAxis": {"type": "value"},
 "yAxis": {"type": "category", "data": ["London", "North East and Yorkshire", {"value": "England", "textStyle": {"fontWeight": "bold"}}],
 "axisLabel": {"width": 100, "overflow": "truncate"}}, "series": []}`
	out, err := render(Chart{Option: []byte(option), Width: 400, Height: 200, ID: "c"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">London<", ">North East and…<", `font-weight="bold" x="112" y="43.33" fill="#212B32" pointer-events="none">England<`} {
		if !strings.Contains(out, want) {
			t.Errorf("the vertical axis lacks %s:\n%s", want, out)
		}
	}
}

// TestAxisFits: on a narrow axis, a value label that would overlap the one
// before it is left out, and a name wider than the plot stays within the
// drawing rather than run off its edge.
func TestAxisFits(t *testing.T) {
	option := `{"color": ["#12436D"], "grid": {"left": 120, "right": 60, "top": 20, "bottom": 60},
 "xAxis": {"type": "value", "min": 0, "max": 1500, "interval": 500, "name": "Percentage of the standard's actions", "nameLocation": "middle", "nameGap": 30,
  "axisLabel": {"fontSize": 14}, "nameTextStyle": {"fontSize": 14}},
 "yAxis": {"type": "category", "data": ["A"]}, "series": []}`
	out, err := render(Chart{Option: []byte(option), Width: 272, Height: 200, ID: "c"})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, m := range regexp.MustCompile(`text-anchor="middle"[^>]*>([0-9,]+)<`).FindAllStringSubmatch(out, -1) {
		labels = append(labels, m[1])
	}
	if strings.Join(labels, " ") != "0 500 1,000" {
		t.Errorf("value labels %q, want 0 500 1,000 (1,500 would overlap 1,000 on a plot 92 px wide)", labels)
	}
	m := regexp.MustCompile(`x="([0-9.]+)" y="[0-9.]+" fill="[^"]+" pointer-events="none">Percentage`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no axis name in %s", out)
	}
	x, _ := strconv.ParseFloat(m[1], 64)
	w := textWidth("Percentage of the standard's actions", 14, false)
	if x-w/2 < 0 || x+w/2 > 272 {
		t.Errorf("the axis name, %.0f px wide, runs from %.1f to %.1f, outside the drawing", w, x-w/2, x+w/2)
	}
}
