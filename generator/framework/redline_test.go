package framework

import (
	"slices"
	"strings"
	"testing"
)

func TestRedline(t *testing.T) {
	tests := []struct {
		old, new string
		want     string // wdiff notation
	}{
		{"a b c", "a b c", "a b c"},
		{"", "a b", "{+a b+}"},
		{"a b", "", "[-a b-]"},
		{"the cat sat", "the dog sat", "the [-cat-] {+dog+} sat"},
		{"care that is safe.", "care that is safe and kind.", "care that is [-safe.-] {+safe and kind.+}"},
		{"a b c d", "a c d e", "a [-b-] c d {+e+}"},
		{"x y", "p q", "[-x y-] {+p q+}"},
		{"one  two\nthree", "one two three", "one two three"},
	}
	for _, tt := range tests {
		if got := wdiff(Redline(tt.old, tt.new), false); got != tt.want {
			t.Errorf("Redline(%q, %q) = %q, want %q", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestListDiff(t *testing.T) {
	got := wdiff(listDiff([]string{"Keep.", "Drop.", "Same."}, []string{"Keep.", "Same.", "New."}), true)
	if want := "Keep. | [-Drop.-] | Same. | {+New.+}"; got != want {
		t.Errorf("listDiff = %q, want %q", got, want)
	}
}

// FuzzRedline checks the redline's defining property: the kept and
// deleted words are the old text, the kept and inserted words the new one.
func FuzzRedline(f *testing.F) {
	f.Add("the cat sat on the mat", "the dog sat on a mat")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, old, new string) {
		segs := Redline(old, new)
		var a, b []string
		for _, s := range segs {
			words := strings.Fields(s.Text)
			if s.Op != Insert {
				a = append(a, words...)
			}
			if s.Op != Delete {
				b = append(b, words...)
			}
		}
		if !slices.Equal(a, strings.Fields(old)) || !slices.Equal(b, strings.Fields(new)) {
			t.Errorf("Redline(%q, %q) = %v does not rebuild both texts", old, new, segs)
		}
	})
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Learners are *safe*.\nPatients are **happy**.\n", "Learners are safe. Patients are happy."},
		{"See [the guidance](../guidance/x.md) and <https://example.org>.", "See the guidance and https://example.org."},
		{"One.\n\nTwo.", "One.\n\nTwo."},
		{"- first\n- second\n", "first\n\nsecond"},
		{"Raw <b>HTML</b> is dropped.", "Raw HTML is dropped."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := plainText([]byte(tt.in)); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
