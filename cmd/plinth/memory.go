package main

import (
	"fmt"
	"math"
	"os"
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
// keep the process within a target (1 GiB unless --memory-limit says
// otherwise; the runtime's limit is the target less the memory it does
// not count, such as the program's code), and, when what it keeps passes
// two thirds of that, within half as much again as what it keeps: a
// larger site then costs more collections, never a stall. What it keeps
// is read from the last few collections (keptBy). GOMEMLIMIT,
// when set, is the runtime's own setting and is left alone.

// The runtime metrics read: what the last collection marked, and which
// collection that was, and the memory the runtime holds (its soft limit
// is on total less released).
const (
	liveHeap     = "/gc/heap/live:bytes"
	gcCycles     = "/gc/cycles/total:gc-cycles"
	runtimeTotal = "/memory/classes/total:bytes"
	heapReleased = "/memory/classes/heap/released:bytes"
)

// keptBy estimates what the build keeps from what the last few
// collections marked: the least of the last three. A collection counts
// as marked everything allocated while it runs, and on a busy machine
// (a long mark, the build allocating all the while) that read 100 to
// 150 MB above what a 50,000-page build keeps (gctrace against heap
// profiles); raising the limit to half as much again as that let the
// process pass a 1 GiB target (1,033 to 1,183 MiB). No collection marks
// less than what is kept, so the least of a few still raises the limit
// when the build truly keeps more, a few collections later at most.
type keptBy struct {
	cycle  uint64
	marked [3]uint64
	n      int
}

// add records what collection number cycle marked (once per collection)
// and returns the estimate.
func (k *keptBy) add(cycle, marked uint64) uint64 {
	if k.n == 0 || cycle != k.cycle {
		k.cycle = cycle
		k.marked[k.n%len(k.marked)] = marked
		k.n++
	}
	least := k.marked[0]
	for _, m := range k.marked[1:min(k.n, len(k.marked))] {
		least = min(least, m)
	}
	return least
}

// headroom: the limit is kept a 32nd of the target (32 MiB of 1 GiB)
// below what the target leaves the runtime.
const headroom = 32

// statmResident is the field of /proc/self/statm that counts the
// process's resident pages.
const statmResident = 1

// memoryLimit is the soft limit for a build that keeps live bytes, when
// the process holds outside bytes the runtime does not count (its own
// code as loaded): the target less those and less a headroom, or half as
// much again as live when that is more. The target is the process's
// memory as the system counts it, which is what a user or a CI runner's
// limit sees.
//
// The headroom is there because the limit is soft: the runtime passes it
// by what is allocated before the collector and the scavenger catch up,
// and that (1 to 11 MiB over a 1 GiB target at 50,000 pages, with no
// headroom) is what the system counts too.
func memoryLimit(target, live, outside uint64) int64 {
	limit := max(target-min(outside, target/2)-target/headroom, live+live/2)
	if limit > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(limit)
}

// outsideRuntime returns how much of the process's resident memory the
// runtime does not count against its limit, from /proc/self/statm where
// there is one (0 elsewhere, or when the runtime holds more than is
// resident).
func outsideRuntime(held uint64) uint64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(data))
	if len(fields) <= statmResident {
		return 0
	}
	pages, err := strconv.ParseUint(fields[statmResident], 10, 64)
	if err != nil {
		return 0
	}
	if resident := pages * uint64(os.Getpagesize()); resident > held {
		return resident - held
	}
	return 0
}

// holdMemory sets the soft limit for the length of a build and follows
// what the build keeps, every 50 ms; the returned function stops and puts
// back the limit that was set before. A target of 0 leaves the runtime's
// setting alone.
func holdMemory(target uint64) (stop func()) {
	if target == 0 {
		return func() {}
	}
	sample := []metrics.Sample{{Name: liveHeap}, {Name: gcCycles}, {Name: runtimeTotal}, {Name: heapReleased}}
	var kept keptBy
	follow := func() int64 {
		metrics.Read(sample)
		for _, m := range sample {
			if m.Value.Kind() != metrics.KindUint64 {
				return memoryLimit(target, 0, 0)
			}
		}
		live := kept.add(sample[1].Value.Uint64(), sample[0].Value.Uint64())
		total, released := sample[2].Value.Uint64(), sample[3].Value.Uint64()
		return memoryLimit(target, live, outsideRuntime(total-min(released, total)))
	}
	before := debug.SetMemoryLimit(follow())
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				debug.SetMemoryLimit(follow())
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
