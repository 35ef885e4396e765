package main

import (
	"math"
	"os"
	"runtime/debug"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
		bad  bool
	}{
		{"1GiB", 1 << 30, false},
		{"512MiB", 512 << 20, false},
		{" 2 GB ", 2 << 30, false},
		{"1500KB", 1500 << 10, false},
		{"4096", 4096, false},
		{"4096B", 4096, false},
		{"0", 0, false},
		{"1.5GiB", 0, true},
		{"-1GiB", 0, true},
		{"lots", 0, true},
		{"", 0, true},
		{"99999999999999GiB", 0, true},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, error %t", tt.in, got, err, tt.want, tt.bad)
		}
		if err != nil && !strings.Contains(err.Error(), "like 1GiB") {
			t.Errorf("parseSize(%q): the error %q does not say how to write it", tt.in, err)
		}
	}
}

// TestMemoryLimit: the limit is the target, less the memory the runtime
// does not count (at most half the target) and a 32nd of the target,
// until half as much again as what the build keeps is more;
// then that.
func TestMemoryLimit(t *testing.T) {
	const gib, mib = 1 << 30, 1 << 20
	tests := []struct {
		target, live, outside uint64
		want                  int64
	}{
		{gib, 0, 0, gib - 32*mib},
		{gib, 600 * mib, 0, gib - 32*mib},
		{gib, 700 * mib, 0, 1050 * mib},
		{gib, gib, 0, gib + gib/2},
		{gib, 4 * gib, 0, 6 * gib},
		{gib, math.MaxUint64 / 2, 0, math.MaxInt64},
		{gib, 0, 40 * mib, gib - 72*mib},
		{gib, 600 * mib, 40 * mib, gib - 72*mib},
		{gib, gib, 40 * mib, gib + gib/2},
		{gib, 0, 2 * gib, gib/2 - 32*mib}, // never below half the target, less the headroom
		{512 * mib, 0, 0, 496 * mib},
	}
	for _, tt := range tests {
		if got := memoryLimit(tt.target, tt.live, tt.outside); got != tt.want {
			t.Errorf("memoryLimit(%d, %d, %d) = %d, want %d", tt.target, tt.live, tt.outside, got, tt.want)
		}
	}
}

// TestKeptBy: the estimate of what a build keeps is the least that the
// last three collections marked, each counted once however often it is
// read, so that one collection marking much of what was allocated while
// it ran does not raise the limit, and three in a row that mark more do.
func TestKeptBy(t *testing.T) {
	type read struct{ cycle, marked, want uint64 }
	tests := []struct {
		name  string
		reads []read
	}{
		{"before any collection", []read{{0, 0, 0}, {0, 0, 0}}},
		{"the first collections", []read{{1, 100, 100}, {2, 300, 100}, {2, 300, 100}}},
		{"one collection marks more", []read{{1, 500, 500}, {2, 500, 500}, {3, 700, 500}, {3, 700, 500}, {4, 520, 500}}},
		{"the build keeps more", []read{{1, 500, 500}, {2, 600, 500}, {3, 650, 500}, {4, 700, 600}, {5, 720, 650}, {6, 710, 700}}},
		{"the build lets go", []read{{1, 700, 700}, {2, 300, 300}, {3, 350, 300}}},
		{"read again between collections", []read{{7, 400, 400}, {7, 400, 400}, {7, 400, 400}, {8, 900, 400}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var k keptBy
			for i, r := range tt.reads {
				if got := k.add(r.cycle, r.marked); got != r.want {
					t.Errorf("read %d (collection %d marked %d): kept = %d, want %d", i, r.cycle, r.marked, got, r.want)
				}
			}
		})
	}
}

// TestOutsideRuntime: on Linux the process holds some memory the runtime
// does not count (at least its code), and never more than it holds in all.
func TestOutsideRuntime(t *testing.T) {
	if _, err := os.Stat("/proc/self/statm"); err != nil {
		t.Skip("no /proc here: the target then counts the runtime's memory only")
	}
	if got := outsideRuntime(0); got == 0 {
		t.Error("the whole resident process reads as 0 bytes")
	}
	if got := outsideRuntime(math.MaxUint64); got != 0 {
		t.Errorf("with the runtime holding more than is resident, outside = %d, want 0", got)
	}
}

// TestHoldMemory: the limit holds for the length of a build and the one
// set before is put back after; 0 changes nothing.
func TestHoldMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	stop := holdMemory(3 << 30)
	if got := debug.SetMemoryLimit(-1); got > 3<<30 || got < 3<<29 {
		t.Errorf("during the build the limit is %d, want the target, %d, less what the runtime does not count", got, 3<<30)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("after the build the limit is %d, want %d as before", got, before)
	}
	holdMemory(0)()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("a target of 0 changed the limit to %d", got)
	}
}
