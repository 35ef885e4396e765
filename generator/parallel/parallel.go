// Package parallel runs independent pieces of a build on all cores.
//
// Callers write each result into its own slot of a slice indexed by i, so the
// output never depends on which goroutine finished first: determinism is kept
// by construction rather than by sorting afterwards.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0) … f(n-1), spread over GOMAXPROCS goroutines, and returns
// when all calls have returned.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
