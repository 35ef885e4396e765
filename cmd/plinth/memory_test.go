package main

import (
	"math"
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

// TestMemoryLimit: the limit is the target until what the build keeps
// passes two thirds of it, then half as much again as what it keeps.
func TestMemoryLimit(t *testing.T) {
	const gib = 1 << 30
	tests := []struct {
		target, live uint64
		want         int64
	}{
		{gib, 0, gib},
		{gib, 600 << 20, gib},
		{gib, 2 * gib / 3, gib},
		{gib, gib, gib + gib/2},
		{gib, 4 * gib, 6 * gib},
		{gib, math.MaxUint64 / 2, math.MaxInt64},
	}
	for _, tt := range tests {
		if got := memoryLimit(tt.target, tt.live); got != tt.want {
			t.Errorf("memoryLimit(%d, %d) = %d, want %d", tt.target, tt.live, got, tt.want)
		}
	}
}

// TestHoldMemory: the limit holds for the length of a build and the one
// set before is put back after; 0 changes nothing.
func TestHoldMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	stop := holdMemory(3 << 30)
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("during the build the limit is %d, want %d", got, 3<<30)
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
