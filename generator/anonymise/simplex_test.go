package anonymise

import (
	"errors"
	"math/big"
	"testing"
)

func TestSimplexBounds(t *testing.T) {
	tests := []struct {
		name     string
		a        [][]int
		b, upper []int
		v        int    // variable to bound
		min, max string // rationals; max "inf" for unbounded
	}{
		{"one equation", [][]int{{1, 1}}, []int{5}, []int{3, 4}, 0, "1", "3"},
		{"upper bound binds", [][]int{{1, 1}}, []int{5}, []int{3, 4}, 1, "2", "4"},
		{"unbounded", [][]int{{1, -1}}, []int{0}, []int{unbounded, unbounded}, 0, "0", "inf"},
		{"negative right-hand side", [][]int{{1, -1}}, []int{-3}, []int{unbounded, 10}, 0, "0", "7"},
		{"fractional vertex", [][]int{{2, 1}}, []int{3}, []int{unbounded, 2}, 0, "1/2", "3/2"},
		{"redundant rows", [][]int{{1, 1, 0}, {1, 1, 0}, {0, 1, 1}}, []int{4, 4, 6}, []int{unbounded, unbounded, 5}, 0, "0", "3"},
		{"fixed variable", [][]int{{1, 1}}, []int{2}, []int{0, unbounded}, 1, "2", "2"},
		{"no equations touch it", [][]int{{1, 0}}, []int{1}, []int{unbounded, 9}, 1, "0", "9"},
		// Beale's example, the classic cycling problem for the textbook
		// pivoting rule, written with an objective variable z (x0):
		//   100z − 75x4 + 15000x5 − 2x6 + 600x7 = 0
		//   25x4 − 6000x5 − 4x6 + 900x7 + 100x1 = 0
		//   50x4 − 9000x5 − 2x6 + 300x7 + 100x2 = 0
		//   x6 + x3 = 1
		// whose maximum of z is 1/20.
		{"Beale", [][]int{
			{100, 0, 0, 0, -75, 15000, -2, 600},
			{0, 100, 0, 0, 25, -6000, -4, 900},
			{0, 0, 100, 0, 50, -9000, -2, 300},
			{0, 0, 0, 1, 0, 0, 1, 0},
		}, []int{0, 0, 0, 1}, []int{unbounded, unbounded, unbounded, unbounded, unbounded, unbounded, unbounded, unbounded}, 0, "0", "1/20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newSimplex(tt.a, tt.b, tt.upper)
			if err != nil {
				t.Fatal(err)
			}
			// Solve twice in both orders: each solve starts from the
			// last optimum, and the answers must not depend on it.
			for range 2 {
				mx, ok, err := s.maximise(tt.v)
				if err != nil {
					t.Fatal(err)
				}
				got := "inf"
				if ok {
					got = mx.RatString()
				}
				if got != tt.max {
					t.Errorf("max = %s, want %s", got, tt.max)
				}
				mn, err := s.minimise(tt.v)
				if err != nil {
					t.Fatal(err)
				}
				if mn.RatString() != tt.min {
					t.Errorf("min = %s, want %s", mn.RatString(), tt.min)
				}
			}
		})
	}
}

func TestSimplexInfeasible(t *testing.T) {
	_, err := newSimplex([][]int{{1, 1}}, []int{10}, []int{3, 4})
	if !errors.Is(err, errInfeasible) {
		t.Fatalf("err = %v, want errInfeasible", err)
	}
	_, err = newSimplex([][]int{{1, 1}, {1, 1}}, []int{2, 3}, []int{unbounded, unbounded})
	if !errors.Is(err, errInfeasible) {
		t.Fatalf("inconsistent rows: err = %v, want errInfeasible", err)
	}
}

// TestSimplexAgainstEnumeration checks the solver against brute force on
// random small problems with whole-number bounds: for a totally unimodular
// matrix (here: one +1 and one −1 per column, a network) the LP extremes
// are the extremes over whole numbers.
func TestSimplexAgainstEnumeration(t *testing.T) {
	rng := newRand(7)
	for range 300 {
		nodes, arcs := 2+rng.IntN(3), 2+rng.IntN(4)
		a := make([][]int, nodes)
		for i := range a {
			a[i] = make([]int, arcs)
		}
		upper := make([]int, arcs)
		x := make([]int, arcs) // a feasible point, to set b
		for k := range arcs {
			from, to := rng.IntN(nodes), rng.IntN(nodes-1)
			if to >= from {
				to++
			}
			a[from][k]--
			a[to][k]++
			upper[k] = rng.IntN(4)
			x[k] = rng.IntN(upper[k] + 1)
		}
		b := make([]int, nodes)
		for i := range nodes {
			for k := range arcs {
				b[i] += a[i][k] * x[k]
			}
		}
		s, err := newSimplex(a, b, upper)
		if err != nil {
			t.Fatal(err)
		}
		// Enumerate every whole-number point in the box.
		lo, hi := make([]int, arcs), make([]int, arcs)
		for k := range arcs {
			lo[k], hi[k] = 1<<30, -1
		}
		y := make([]int, arcs)
		var walk func(k int)
		walk = func(k int) {
			if k == arcs {
				for i := range nodes {
					sum := 0
					for j := range arcs {
						sum += a[i][j] * y[j]
					}
					if sum != b[i] {
						return
					}
				}
				for j := range arcs {
					lo[j], hi[j] = min(lo[j], y[j]), max(hi[j], y[j])
				}
				return
			}
			for v := 0; v <= upper[k]; v++ {
				y[k] = v
				walk(k + 1)
			}
		}
		walk(0)
		for k := range arcs {
			mn, err := s.minimise(k)
			if err != nil {
				t.Fatal(err)
			}
			mx, _, err := s.maximise(k)
			if err != nil {
				t.Fatal(err)
			}
			if mn.Cmp(big.NewRat(int64(lo[k]), 1)) != 0 || mx.Cmp(big.NewRat(int64(hi[k]), 1)) != 0 {
				t.Fatalf("a=%v b=%v upper=%v: var %d: LP [%s, %s], enumeration [%d, %d]",
					a, b, upper, k, mn.RatString(), mx.RatString(), lo[k], hi[k])
			}
		}
	}
}
