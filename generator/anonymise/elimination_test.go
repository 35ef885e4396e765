package anonymise

import (
	"slices"
	"testing"
)

func TestDerivable(t *testing.T) {
	tests := []struct {
		name string
		a    [][]int
		cols int
		want []bool
	}{
		{"one equation, two unknowns", [][]int{{1, 1}}, 2, []bool{false, false}},
		{"single unknown in a line", [][]int{{1, 0}, {1, 1}}, 2, []bool{true, true}},
		{"full rank", [][]int{{1, 1, 0}, {0, 1, 1}, {1, 0, 1}}, 3, []bool{true, true, true}},
		{"chain", [][]int{{1, -1, 0}, {0, 1, -1}}, 3, []bool{false, false, false}},
		{"difference isolates one", [][]int{{1, 1, 0}, {1, 1, 1}}, 3, []bool{false, false, true}},
		{"rectangle", [][]int{{1, 1, 0, 0}, {0, 0, 1, 1}, {1, 0, 1, 0}, {0, 1, 0, 1}}, 4, []bool{false, false, false, false}},
		{"zero rows and an unused unknown", [][]int{{0, 0, 0}, {2, 0, 0}}, 3, []bool{true, false, false}},
		{"no equations", nil, 2, []bool{false, false}},
	}
	for _, tt := range tests {
		if got := derivable(tt.a, tt.cols); !slices.Equal(got, tt.want) {
			t.Errorf("%s: derivable = %v, want %v", tt.name, got, tt.want)
		}
	}
}
