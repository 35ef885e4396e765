package svg

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Scales turn data into positions along an axis: a value scale is linear
// between two round numbers with a tick every round step; a category
// scale gives each category a band of equal width.

// defaultSplitNumber is how many steps a value axis aims for when the
// option does not say.
const defaultSplitNumber = 5

// valueScale maps values onto an axis.
type valueScale struct {
	min, max, interval float64
	// from and to are the positions of min and max.
	from, to float64
}

// pos returns the position of a value.
func (s valueScale) pos(v float64) float64 {
	return s.from + (v-s.min)/(s.max-s.min)*(s.to-s.from)
}

// ticks returns the values of the axis's ticks, from min to max.
func (s valueScale) ticks() []float64 {
	var out []float64
	for k := 0; ; k++ {
		v := roundTo(s.min+float64(k)*s.interval, s.interval)
		if v > s.max+s.interval*1e-9 {
			return out
		}
		out = append(out, v)
	}
}

// newValueScale chooses a value axis's range and step: the option's min,
// max and interval where it gives them, else round numbers around the
// data (lo to hi), always taking in zero, with about splitNumber steps of
// at least minInterval.
func newValueScale(a *axisOption, lo, hi float64, hasData bool) (valueScale, error) {
	if !hasData {
		lo, hi = 0, 0
	}
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if a.Min != nil {
		lo = *a.Min
	}
	if a.Max != nil {
		hi = *a.Max
	}
	if hi == lo {
		hi = lo + 1
	}
	if hi < lo || math.IsInf(hi-lo, 0) || math.IsNaN(hi-lo) {
		return valueScale{}, fmt.Errorf("a value axis from %v to %v", lo, hi)
	}
	splits := defaultSplitNumber
	if a.SplitNumber != nil && *a.SplitNumber > 0 {
		splits = *a.SplitNumber
	}
	interval := niceStep((hi - lo) / float64(splits))
	if a.MinInterval != nil && interval < *a.MinInterval {
		interval = *a.MinInterval
	}
	if a.Interval != nil {
		if *a.Interval <= 0 {
			return valueScale{}, errors.New("a value axis's interval is not positive")
		}
		interval = *a.Interval
	}
	if a.Min == nil {
		lo = roundTo(math.Floor(lo/interval)*interval, interval)
	}
	if a.Max == nil {
		hi = roundTo(math.Ceil(hi/interval)*interval, interval)
	}
	if (hi-lo)/interval > 1000 {
		return valueScale{}, fmt.Errorf("a value axis from %v to %v in steps of %v has too many ticks", lo, hi, interval)
	}
	return valueScale{min: lo, max: hi, interval: interval}, nil
}

// niceStep rounds a step up or down to 1, 2 or 5 times a power of ten,
// whichever is nearest on a log scale: the "nice numbers" of Heckbert's
// axis labelling (Graphics Gems, 1990).
func niceStep(x float64) float64 {
	if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return 1
	}
	exp := math.Floor(math.Log10(x))
	pow := math.Pow(10, exp)
	f := x / pow
	var nf float64
	switch {
	case f < 1.5:
		nf = 1
	case f < 3:
		nf = 2
	case f < 7:
		nf = 5
	default:
		nf = 10
	}
	return roundTo(nf*pow, pow)
}

// decimals is how many decimal places a step needs to be written exactly.
func decimals(step float64) int {
	d := 0
	for d < 10 && math.Abs(step*math.Pow(10, float64(d))-math.Round(step*math.Pow(10, float64(d)))) > 1e-9 {
		d++
	}
	return d
}

// roundTo rounds v to the decimal places of step, removing the error that
// adding steps in floating point builds up (0.1 + 0.2).
func roundTo(v, step float64) float64 {
	p := math.Pow(10, float64(decimals(step)))
	return math.Round(v*p) / p
}

// formatNumber writes a number as the tables do: digits grouped in
// thousands with commas, and no more decimal places than it has.
func formatNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return sign + b.String()
}

// categoryScale maps categories, by index, onto an axis.
type categoryScale struct {
	n int
	// from and to are the ends of the axis, in the order of the
	// categories (reversed for an inverse axis).
	from, to float64
	// boundaryGap gives each category a band with its place in the
	// middle (bars); without it, the first and last categories are at
	// the ends (lines).
	boundaryGap bool
}

// pos returns the position of category i (or a fraction between two).
func (s categoryScale) pos(i float64) float64 {
	if s.boundaryGap {
		return s.from + (i+0.5)*(s.to-s.from)/float64(s.n)
	}
	if s.n < 2 {
		return (s.from + s.to) / 2
	}
	return s.from + i*(s.to-s.from)/float64(s.n-1)
}

// step returns the distance between neighbouring categories.
func (s categoryScale) step() float64 {
	if s.boundaryGap || s.n < 2 {
		return math.Abs(s.to-s.from) / float64(max(s.n, 1))
	}
	return math.Abs(s.to-s.from) / float64(s.n-1)
}
