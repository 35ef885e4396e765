package parallel

import (
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, n := range []int{0, 1, 2, 1000} {
		out := make([]int, n)
		var calls atomic.Int64
		For(n, func(i int) { out[i] = i * i; calls.Add(1) })
		if int(calls.Load()) != n {
			t.Fatalf("n=%d: %d calls", n, calls.Load())
		}
		for i, v := range out {
			if v != i*i {
				t.Fatalf("n=%d: out[%d] = %d", n, i, v)
			}
		}
	}
}
