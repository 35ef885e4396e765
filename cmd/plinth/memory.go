package main

import (
	"fmt"
	"math"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A build holds only what its later stages need (the pipeline streams its
// output; docs/architecture.md, "Memory"), so what it keeps grows slowly
// and stays well below its allocations. Go's collector lets the heap grow
// to twice what the last collection marked, by default, and at 50,000
// pages that doubling, not what the build keeps, made most of the peak:
// 1.5 GiB of memory for under 0.5 GiB kept. So a build asks the runtime to
// keep the heap within a target (1 GiB unless --memory-limit says
// otherwise), and, when what it keeps passes two thirds of that, within
// half as much again as what it keeps: a larger site then costs more
// collections, never a stall. GOMEMLIMIT, when set, is the runtime's own
// setting and is left alone.

// liveHeap is the runtime metric of what the last collection marked.
const liveHeap = "/gc/heap/live:bytes"

// memoryLimit is the soft limit for a build that keeps live bytes: the
// target, or half as much again as live when that is more.
func memoryLimit(target, live uint64) int64 {
	limit := max(target, live+live/2)
	if limit > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(limit)
}

// holdMemory sets the soft limit for the length of a build and follows
// what the build keeps, every 50 ms; the returned function stops and puts
// back the limit that was set before. A target of 0 leaves the runtime's
// setting alone.
func holdMemory(target uint64) (stop func()) {
	if target == 0 {
		return func() {}
	}
	before := debug.SetMemoryLimit(memoryLimit(target, 0))
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: liveHeap}}
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				metrics.Read(sample)
				if sample[0].Value.Kind() == metrics.KindUint64 {
					debug.SetMemoryLimit(memoryLimit(target, sample[0].Value.Uint64()))
				}
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
		debug.SetMemoryLimit(before)
	}
}

// parseSize reads a --memory-limit value: a whole number of bytes with an
// optional unit (KiB, MiB, GiB, or KB, MB, GB as the same powers of 1,024,
// as most people mean them), or 0 for no limit.
func parseSize(s string) (uint64, error) {
	text := strings.TrimSpace(s)
	units := []struct {
		suffix string
		shift  uint
	}{{"KiB", 10}, {"MiB", 20}, {"GiB", 30}, {"KB", 10}, {"MB", 20}, {"GB", 30}, {"B", 0}}
	shift := uint(0)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(text, u.suffix); ok {
			text, shift = strings.TrimSpace(rest), u.shift
			break
		}
	}
	n, err := strconv.ParseUint(text, 10, 64)
	if err != nil || n > math.MaxInt64>>shift {
		return 0, fmt.Errorf("%q is not an amount of memory: write a whole number with a unit, like 1GiB or 512MiB, or 0 for no limit", s)
	}
	return n << shift, nil
}
