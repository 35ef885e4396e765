package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{{"titel", "title", 2}, {"", "ab", 2}, {"abc", "abc", 0}, {"Zürich", "Zurich", 1}, {"insett", "inset", 1}}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"title", "description", "weight"}
	if got := Nearest("Titel", keys, 2); got != "title" {
		t.Errorf("Nearest(Titel) = %q", got)
	}
	if got := Nearest("colour", keys, 2); got != "" {
		t.Errorf("Nearest(colour) = %q, want none", got)
	}
}
