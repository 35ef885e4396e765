package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// sample is one run of a command, as the kernel accounted for it.
type sample struct {
	wall, user, sys time.Duration
	// rss is the peak resident memory of the process, in bytes.
	rss int64
}

// timed runs a command to completion and returns its sample; it stops the
// program if the command fails, since a failed build's time means nothing.
func timed(dir, name string, args ...string) sample {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		fail(fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String()))
	}
	s := sample{wall: wall, user: cmd.ProcessState.UserTime(), sys: cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return s
}

// floorResult is what bench/floor prints with -json.
type floorResult struct {
	Floor   string  `json:"floor"`
	Files   int     `json:"files"`
	Folders int     `json:"folders"`
	Seconds float64 `json:"seconds"`
}

// floor runs the floor program and returns the time it measured itself
// (which leaves out reading the output into memory, for the write floor).
func floor(bin string, args ...string) time.Duration {
	out, err := exec.Command(bin, append(args, "-json")...).Output()
	if err != nil {
		fail(fmt.Errorf("%s %v: %v", bin, args, err))
	}
	var r floorResult
	if err := json.Unmarshal(out, &r); err != nil {
		fail(fmt.Errorf("reading %s's answer %q: %v", bin, out, err))
	}
	return time.Duration(r.Seconds * float64(time.Second))
}

// series collects one figure over runs and summarises it.
type series []float64

func (s series) sorted() series {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// median is the middle value (the lower middle of an even count).
func (s series) median() float64 {
	if len(s) == 0 {
		return 0
	}
	c := s.sorted()
	return c[(len(c)-1)/2]
}

func (s series) min() float64 { return slices.Min(s) }
func (s series) max() float64 { return slices.Max(s) }

// samples are the runs of one command in one setting.
type samples []sample

func (ss samples) figure(f func(sample) float64) series {
	var s series
	for _, x := range ss {
		s = append(s, f(x))
	}
	return s
}

func (ss samples) wall() series { return ss.figure(func(s sample) float64 { return s.wall.Seconds() }) }
func (ss samples) user() series { return ss.figure(func(s sample) float64 { return s.user.Seconds() }) }
func (ss samples) sys() series  { return ss.figure(func(s sample) float64 { return s.sys.Seconds() }) }
func (ss samples) rss() series  { return ss.figure(func(s sample) float64 { return float64(s.rss) }) }

// durations turns floor times into a series of seconds.
func durations(ds []time.Duration) series {
	var s series
	for _, d := range ds {
		s = append(s, d.Seconds())
	}
	return s
}

// ratios divides a by b run by run: paired runs share the machine's state
// of the moment, so their ratio holds when the machine's speed drifts.
func ratios(a, b series) series {
	var r series
	for i := range min(len(a), len(b)) {
		if b[i] > 0 {
			r = append(r, a[i]/b[i])
		}
	}
	return r
}

// secs formats a series of seconds as "median (min–max)".
func secs(s series) string {
	if len(s) == 1 {
		return fmt.Sprintf("%.3f s", s[0])
	}
	return fmt.Sprintf("%.3f s (%.3f–%.3f)", s.median(), s.min(), s.max())
}

// mibs formats a series of byte counts as "median MiB (min–max)".
func mibs(s series) string {
	if len(s) == 1 {
		return fmt.Sprintf("%.0f MiB", s[0]/(1<<20))
	}
	return fmt.Sprintf("%.0f MiB (%.0f–%.0f)", s.median()/(1<<20), s.min()/(1<<20), s.max()/(1<<20))
}

// times formats a series of ratios as "median× (min–max)".
func times(s series) string {
	if len(s) == 0 {
		return "–"
	}
	if len(s) == 1 {
		return fmt.Sprintf("%.2f×", s[0])
	}
	return fmt.Sprintf("%.2f× (%.2f–%.2f)", s.median(), s.min(), s.max())
}

// millis formats a series of durations in milliseconds.
func millis(ds []time.Duration) string {
	s := durations(ds)
	return fmt.Sprintf("%.0f ms (%.0f–%.0f)", s.median()*1000, s.min()*1000, s.max()*1000)
}

// loadAverage returns the 1-, 5- and 15-minute load averages, as uptime
// prints them.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ", ")
}
