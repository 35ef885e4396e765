package dataset

import (
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date with no time of day and no time zone: the date a
// person wrote, not an instant. Data files write it as YYYY-MM-DD.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Dates in data cells lie between these years, as dates in front matter do
// (site.FirstYear, site.LastYear): a year outside them is a typing mistake.
// 9999-12-31 was published as the day an entry of "You said, we did" was
// published, and sorted it before every real one.
const (
	FirstYear = 1900
	LastYear  = 2199
)

// ParseDate parses a date written as YYYY-MM-DD and checks that the day
// exists (2025-02-29 does not).
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	y, err1 := digits(s[0:4])
	m, err2 := digits(s[5:7])
	d, err3 := digits(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if !date.valid() {
		return Date{}, fmt.Errorf("%q is not a date that exists", s)
	}
	return date, nil
}

// digits parses a run of ASCII digits; unlike strconv.Atoi it rejects signs.
func digits(s string) (int, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, strconv.ErrSyntax
		}
	}
	return strconv.Atoi(s)
}

func (d Date) valid() bool {
	return d.Year >= 1 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// daysIn returns the number of days in the month.
func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date (an empty cell).
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1, 0 or +1 as d is before, the same as or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month - e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Time returns midnight UTC at the start of the date, for arithmetic.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// Quarter returns the calendar quarter (1 to 4) the date falls in.
func (d Date) Quarter() int { return (int(d.Month)-1)/3 + 1 }
