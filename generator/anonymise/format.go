package anonymise

import "strconv"

// grouped formats n with a comma between each group of three digits:
// 1234567 → "1,234,567".
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// decimal formats scaled/10^places with exactly that many decimal places,
// grouping the whole part with commas when group is set. Working from the
// scaled integer keeps the text exact: no binary floating point on the way.
func decimal(scaled int64, places int, group bool) string {
	neg := scaled < 0
	if neg {
		scaled = -scaled
	}
	pow := int64(1)
	for range places {
		pow *= 10
	}
	whole, frac := scaled/pow, scaled%pow
	var s string
	if group {
		s = grouped(whole)
	} else {
		s = strconv.FormatInt(whole, 10)
	}
	if places > 0 {
		f := strconv.FormatInt(frac, 10)
		for len(f) < places {
			f = "0" + f
		}
		s += "." + f
	}
	if neg {
		s = "-" + s
	}
	return s
}

// scaledRatio returns 100·num/den scaled by 10^places and rounded to the
// nearest whole number, halves up (num, den ≥ 0, den > 0).
func scaledRatio(num, den int64, places int) int64 {
	f := int64(100)
	for range places {
		f *= 10
	}
	return (2*f*num + den) / (2 * den)
}
