package svg

import (
	"math"
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
