package suggest

import (
	"strings"
	"testing"
)

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

// TestNearestPassesOverFarLengths: a candidate megabytes long (a hostile
// key in a reference file) is passed over without measuring its distance
// to a short word, which allocated its characters twice over for every
// misspelt cell: no allocation at all.
func TestNearestPassesOverFarLengths(t *testing.T) {
	huge := strings.Repeat("l", 5<<20)
	candidates := []string{huge, "london", "lon"}
	if got := Nearest("londn", candidates, 2); got != "london" {
		t.Fatalf("Nearest = %.10q, want london", got)
	}
	if allocs := testing.AllocsPerRun(3, func() { Nearest("londn", []string{huge}, 2) }); allocs != 0 {
		t.Errorf("Nearest allocated %v times for a candidate megabytes long", allocs)
	}
	long := strings.Repeat("é", 300)
	if got := Nearest(long, []string{"london", long + "ll", long + "lll"}, 2); got != long+"ll" {
		t.Errorf("a long word no longer finds a long candidate")
	}
}
