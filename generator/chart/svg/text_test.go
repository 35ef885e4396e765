package svg

import (
	"math"
	"regexp"
	"strings"
	"testing"
)

// TestTextWidth: widths are Arial's, bold is wider, and a character the
// tables do not list counts as wide.
func TestTextWidth(t *testing.T) {
	tests := []struct {
		s    string
		size float64
		bold bool
		want float64
	}{
		{"London", 14, false, (556 + 556 + 556 + 556 + 556 + 556) * 14.0 / 1000}, // L o n d o n
		{"London", 14, true, (611 + 611 + 611 + 611 + 611 + 611) * 14.0 / 1000},
		{"[c]", 14, true, (333 + 556 + 333) * 14.0 / 1000},
		{"Ysgol Gymraeg", 10, false, (667 + 500 + 556 + 556 + 222 + 278 + 778 + 500 + 833 + 333 + 556 + 556 + 556) / 100.0},
		{"Café – “ok”", 10, false, (722 + 556 + 278 + 556 + 278 + 556 + 278 + 333 + 556 + 500 + 333) / 100.0},
		{"Ωmega", 10, false, 7.78 + 5.56*2 + 8.33 + 5.56},
		{"東京", 10, false, 20},
		{"", 14, false, 0},
	}
	for _, tt := range tests {
		if got := textWidth(tt.s, tt.size, tt.bold); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("textWidth(%q, %v, bold %v) = %.2f, want %.2f", tt.s, tt.size, tt.bold, got, tt.want)
		}
	}
}

// TestTruncate: a label that does not fit is cut at a character, and ends
// with an ellipsis, within the width; one that fits is kept whole.
func TestTruncate(t *testing.T) {
	tests := []struct {
		s     string
		width float64
		want  string
	}{
		{"London", 100, "London"},
		{"North East and Yorkshire", 100, "North East an…"},
		{"2. Educational governance and commitment to quality", 200, "2. Educational governance an…"},
		{"London", 5, "…"},
		{"London", 0, "London"}, // no width: no limit
	}
	for _, tt := range tests {
		got := truncate(tt.s, tt.width, 14, false)
		if got != tt.want {
			t.Errorf("truncate(%q, %v) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
		if got != tt.s && textWidth(got, 14, false) > tt.width && got != ellipsis {
			t.Errorf("truncate(%q, %v) = %q, %.1f px wide", tt.s, tt.width, got, textWidth(got, 14, false))
		}
	}
}

// TestEscaping: labels are text, whatever they hold: markup is escaped and
// what XML cannot carry is replaced.
func TestEscaping(t *testing.T) {
	var b strings.Builder
	n := el("text", "x", `1"2`)
	n.children = []*node{{text: "</svg><script>alert(1)</script> & \x01\xff"}}
	n.write(&b)
	want := `<text x="1&quot;2">&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ` + "\uFFFD\uFFFD</text>"
	if b.String() != want {
		t.Errorf("wrote %s\nwant  %s", b.String(), want)
	}
}

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
