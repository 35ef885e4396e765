package actionplans

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/dataset"
)

// The labels readers see, made from the values data files use.

// The labels of the two statuses the tables single out, as they label the
// rows of the table by status (and the columns of the table by standard).
var (
	CompleteLabel = humanise(statusComplete)
	OverdueLabel  = humanise(statusOverdue)
)

// humanise turns an enum value into words: "not-started" → "Not started".
func humanise(v string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(v)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var quarterPattern = regexp.MustCompile(`^([0-9]{4})-Q([1-4])$`)

// quarterMonths returns the first and last month of a quarter written
// YYYY-QN (a calendar quarter), or ok false.
func quarterMonths(q string) (year int, first, last time.Month, ok bool) {
	m := quarterPattern.FindStringSubmatch(q)
	if m == nil {
		return 0, 0, 0, false
	}
	year, _ = strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	return year, time.Month(3*n - 2), time.Month(3 * n), true
}

// quarterLabel writes a quarter as GOV.UK style prefers, in months:
// "2024-Q4" → "Oct to Dec 2024". Other values are humanised.
func quarterLabel(q string) string {
	year, first, last, ok := quarterMonths(q)
	if !ok {
		return humanise(q)
	}
	return fmt.Sprintf("%s to %s %d", first.String()[:3], last.String()[:3], year)
}

// quarterSpan describes the quarters from a to b: "October 2024 to
// September 2026".
func quarterSpan(a, b string) string {
	ya, fa, _, ok1 := quarterMonths(a)
	yb, _, lb, ok2 := quarterMonths(b)
	if !ok1 || !ok2 {
		return quarterLabel(a) + " to " + quarterLabel(b)
	}
	return fmt.Sprintf("%s %d to %s %d", fa, ya, lb, yb)
}

// longDate writes a date as "30 September 2026".
func longDate(d dataset.Date) string { return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year) }

// Domain is the Quality Framework domain of a standard, for the table of
// actions by domain.
type Domain struct {
	// Number orders the domains.
	Number int
	// Name is the label readers see, such as "1. Learning environment and
	// culture".
	Name string
	// URL is the address of the domain's page in the framework, relative
	// to the base URL ("/framework/2021/domains/1/"), or "".
	URL string
}

// DomainResolver returns the domain of a standard reference as loaded
// (EDITION:ID, or ID when no framework checked it); ok is false if it
// cannot tell.
type DomainResolver func(standard string) (d Domain, ok bool)

// domainOf is the fallback resolver: the domain's number is the ID's first
// part ("2021:1.3" → domain 1), named "Domain 1".
func domainOf(standard string) (Domain, bool) {
	id := standard
	if _, after, found := strings.Cut(standard, ":"); found {
		id = after
	}
	num, _, _ := strings.Cut(id, ".")
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 {
		return Domain{}, false
	}
	return Domain{Number: n, Name: fmt.Sprintf("Domain %d", n)}, true
}
