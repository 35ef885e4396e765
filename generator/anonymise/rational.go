package anonymise

import (
	"math/big"
	"math/bits"
)

// rat is an exact rational number for the simplex tableau. The audit's
// tableaux hold small whole numbers almost always (a table's equations are
// totally unimodular, so every basis has determinant ±1), and math/big
// spends most of its time allocating and computing gcds of such numbers. So a
// value is kept as an int64 fraction in lowest terms while its numerator and
// denominator are both below 2³¹, where no product or sum of two of them can
// overflow, and moves to a big.Rat otherwise. Either way results are exact;
// the representation never changes a value.
type rat struct {
	n, d int64    // n/d in lowest terms with 0 < d, when b is nil
	b    *big.Rat // the value, when it does not fit in n and d
}

// smallLimit bounds |n| and d of the int64 form.
const smallLimit = 1 << 31

func ratInt(v int64) rat {
	if v > -smallLimit && v < smallLimit {
		return rat{n: v, d: 1}
	}
	return rat{b: new(big.Rat).SetInt64(v)}
}

// ratBig returns r as a rat, in the small form if it fits.
func ratBig(r *big.Rat) rat {
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		n, d := r.Num().Int64(), r.Denom().Int64()
		if n > -smallLimit && n < smallLimit && d < smallLimit {
			return rat{n: n, d: d}
		}
	}
	return rat{b: new(big.Rat).Set(r)}
}

// big returns x as a new big.Rat.
func (x rat) big() *big.Rat {
	if x.b != nil {
		return new(big.Rat).Set(x.b)
	}
	if x.d == 0 {
		return new(big.Rat)
	}
	return big.NewRat(x.n, x.d)
}

func (x rat) sign() int {
	if x.b != nil {
		return x.b.Sign()
	}
	switch {
	case x.n > 0:
		return 1
	case x.n < 0:
		return -1
	}
	return 0
}

func (x rat) isZero() bool { return x.b == nil && x.n == 0 || x.b != nil && x.b.Sign() == 0 }

// small builds a rat from an int64 fraction whose parts are below 2⁶³,
// reducing it and moving it to big.Rat if it is still too large.
func small(n, d int64) rat {
	if d < 0 {
		n, d = -n, -d
	}
	if d != 1 {
		if g := gcd(n, d); g > 1 {
			n, d = n/g, d/g
		}
	}
	if n > -smallLimit && n < smallLimit && d < smallLimit {
		return rat{n: n, d: d}
	}
	return rat{b: big.NewRat(n, d)}
}

// gcd returns the greatest common divisor of |a| and b (b > 0) by the
// binary method: shifts and subtractions instead of the divisions of
// Euclid's, which cost several times more and dominate the audit's
// arithmetic on fractions.
func gcd(a, b int64) int64 {
	u, v := uint64(a), uint64(b)
	if a < 0 {
		u = uint64(-a)
	}
	if u == 0 {
		return b
	}
	shift := bits.TrailingZeros64(u | v)
	u >>= bits.TrailingZeros64(u)
	for v != 0 {
		v >>= bits.TrailingZeros64(v)
		if u > v {
			u, v = v, u
		}
		v -= u
	}
	return int64(u << shift)
}

// fix makes the zero value of rat mean 0 (0/1).
func fix(x, y rat) (rat, rat) {
	if x.d == 0 && x.b == nil {
		x.d = 1
	}
	if y.d == 0 && y.b == nil {
		y.d = 1
	}
	return x, y
}

func ratAdd(x, y rat) rat {
	x, y = fix(x, y)
	if x.b == nil && y.b == nil {
		if x.d == 1 && y.d == 1 {
			return small(x.n+y.n, 1)
		}
		return small(x.n*y.d+y.n*x.d, x.d*y.d)
	}
	return ratBig(new(big.Rat).Add(x.big(), y.big()))
}

func ratSub(x, y rat) rat {
	x, y = fix(x, y)
	if x.b == nil && y.b == nil {
		if x.d == 1 && y.d == 1 {
			return small(x.n-y.n, 1)
		}
		return small(x.n*y.d-y.n*x.d, x.d*y.d)
	}
	return ratBig(new(big.Rat).Sub(x.big(), y.big()))
}

func ratMul(x, y rat) rat {
	x, y = fix(x, y)
	if x.b == nil && y.b == nil {
		return small(x.n*y.n, x.d*y.d)
	}
	return ratBig(new(big.Rat).Mul(x.big(), y.big()))
}

// ratQuo returns x/y; y must not be zero.
func ratQuo(x, y rat) rat {
	x, y = fix(x, y)
	if x.b == nil && y.b == nil {
		return small(x.n*y.d, x.d*y.n)
	}
	return ratBig(new(big.Rat).Quo(x.big(), y.big()))
}

func ratAbs(x rat) rat {
	if x.sign() < 0 {
		return ratSub(rat{d: 1}, x)
	}
	return x
}

// ratCmp compares x and y like big.Rat.Cmp.
func ratCmp(x, y rat) int {
	x, y = fix(x, y)
	if x.b == nil && y.b == nil {
		l, r := x.n*y.d, y.n*x.d
		switch {
		case l < r:
			return -1
		case l > r:
			return 1
		}
		return 0
	}
	return x.big().Cmp(y.big())
}
