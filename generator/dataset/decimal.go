package dataset

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number as written in a data file: "12.50"
// stays 12.50, with no binary floating-point rounding. It holds up to 18
// significant digits.
type Decimal struct {
	units int64 // the digits without the decimal point
	scale uint8 // how many of them come after the point
}

// maxDecimalDigits keeps units within int64.
const maxDecimalDigits = 18

var errDecimalSyntax = errors.New("not a decimal number")

// ParseDecimal parses a number such as 12, -3.5 or 0.125. It rejects
// exponents, thousands separators and a missing leading digit (".5"),
// because those are usually typing mistakes in a data file.
func ParseDecimal(s string) (Decimal, error) {
	body := s
	neg := false
	if strings.HasPrefix(body, "-") || strings.HasPrefix(body, "+") {
		neg = body[0] == '-'
		body = body[1:]
	}
	whole, frac, hasPoint := strings.Cut(body, ".")
	if whole == "" || (hasPoint && frac == "") {
		return Decimal{}, errDecimalSyntax
	}
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return Decimal{}, errDecimalSyntax
			}
		}
	}
	all := strings.TrimLeft(whole+frac, "0")
	if len(all) > maxDecimalDigits {
		return Decimal{}, errors.New("too many digits")
	}
	units := int64(0)
	if all != "" {
		n, err := strconv.ParseInt(all, 10, 64)
		if err != nil {
			return Decimal{}, err
		}
		units = n
	}
	if neg {
		units = -units
	}
	return Decimal{units: units, scale: uint8(len(frac))}, nil
}

// DecimalOf returns the whole number n as a Decimal.
func DecimalOf(n int64) Decimal { return Decimal{units: n} }

// String formats the number with as many decimal places as it was written
// with.
func (d Decimal) String() string {
	s := strconv.FormatInt(abs(d.units), 10)
	if d.scale > 0 {
		if pad := int(d.scale) + 1 - len(s); pad > 0 {
			s = strings.Repeat("0", pad) + s
		}
		s = s[:len(s)-int(d.scale)] + "." + s[len(s)-int(d.scale):]
	}
	if d.units < 0 {
		s = "-" + s
	}
	return s
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// Rat returns the number as an exact fraction.
func (d Decimal) Rat() *big.Rat {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.scale)), nil)
	return new(big.Rat).SetFrac(big.NewInt(d.units), den)
}

// Cmp compares d and e exactly, returning -1, 0 or +1.
func (d Decimal) Cmp(e Decimal) int { return d.Rat().Cmp(e.Rat()) }

// Units returns the digits without the decimal point and the number of
// decimal places: 12.50 is (1250, 2).
func (d Decimal) Units() (units int64, scale int) { return d.units, int(d.scale) }
