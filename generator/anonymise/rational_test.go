package anonymise

import (
	"math/big"
	"testing"
)

// TestRatMatchesBig checks every operation of rat against math/big on
// random operands, including ones near and beyond the int64 fast path's
// limit, and chains of operations that move values between the two forms.
func TestRatMatchesBig(t *testing.T) {
	rng := newRand(5)
	pick := func() int64 {
		switch rng.IntN(5) {
		case 0:
			return int64(rng.IntN(7)) - 3
		case 1:
			return int64(rng.IntN(2000)) - 1000
		case 2:
			return smallLimit - 1 - int64(rng.IntN(3))
		case 3:
			return -(smallLimit - 1) + int64(rng.IntN(3))
		default:
			return rng.Int64N(1<<40) - 1<<39
		}
	}
	operand := func() (rat, *big.Rat) {
		n, d := pick(), pick()
		if d == 0 {
			d = 1
		}
		r := big.NewRat(n, d)
		return ratBig(r), r
	}
	ops := []struct {
		name string
		r    func(x, y rat) rat
		b    func(z, x, y *big.Rat) *big.Rat
	}{
		{"add", ratAdd, (*big.Rat).Add},
		{"sub", ratSub, (*big.Rat).Sub},
		{"mul", ratMul, (*big.Rat).Mul},
		{"quo", ratQuo, (*big.Rat).Quo},
	}
	for range 20000 * *propertyScale {
		x, bx := operand()
		// Chain a few operations so that results (in either form) are
		// fed back in.
		for range 4 {
			y, by := operand()
			op := ops[rng.IntN(len(ops))]
			if op.name == "quo" && by.Sign() == 0 {
				continue
			}
			if got, want := ratCmp(x, y), bx.Cmp(by); got != want {
				t.Fatalf("cmp(%v, %v) = %d, want %d", bx, by, got, want)
			}
			x = op.r(x, y)
			bx = op.b(new(big.Rat), bx, by)
			if x.big().Cmp(bx) != 0 || x.sign() != bx.Sign() || x.isZero() != (bx.Sign() == 0) {
				t.Fatalf("%s: got %v, want %v", op.name, x.big(), bx)
			}
			if x.b == nil && (x.n <= -smallLimit || x.n >= smallLimit || x.d <= 0 || x.d >= smallLimit || gcd(x.n, x.d) != 1 && x.n != 0 || x.n == 0 && x.d != 1) {
				t.Fatalf("%s: small form out of range or not in lowest terms: %d/%d", op.name, x.n, x.d)
			}
		}
	}
	var zero rat
	if !zero.isZero() || ratAdd(zero, ratInt(3)).big().Cmp(big.NewRat(3, 1)) != 0 || ratCmp(zero, ratInt(0)) != 0 {
		t.Error("the zero value of rat is not 0")
	}
	if got := ratAbs(ratInt(-5)); got.big().Cmp(big.NewRat(5, 1)) != 0 {
		t.Errorf("abs(-5) = %v", got.big())
	}
}

// TestGCD checks the binary gcd against math/big on signed numerators,
// zero and the largest products the int64 form makes (below 2⁶²).
func TestGCD(t *testing.T) {
	rng := newRand(11)
	cases := [][2]int64{{0, 1}, {0, 7}, {5, 1}, {-12, 18}, {12, 18}, {1 << 61, 1 << 40}, {-(1 << 61), 3 << 20}, {1<<62 - 1, 1<<31 - 1}}
	for range 20000 {
		a := rng.Int64N(1<<62) - 1<<61
		b := rng.Int64N(1<<62) + 1
		if rng.IntN(2) == 0 {
			f := rng.Int64N(1<<20) + 1
			a, b = a/(1<<21)*f, b/(1<<21)*f+f // a shared factor
		}
		cases = append(cases, [2]int64{a, b})
	}
	for _, c := range cases {
		want := new(big.Int).GCD(nil, nil, new(big.Int).Abs(big.NewInt(c[0])), big.NewInt(c[1])).Int64()
		if c[0] == 0 {
			want = c[1]
		}
		if got := gcd(c[0], c[1]); got != want {
			t.Fatalf("gcd(%d, %d) = %d, want %d", c[0], c[1], got, want)
		}
	}
}
