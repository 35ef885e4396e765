package anonymise

import (
	"fmt"
	"strings"
)

// SymbolConfidential is the Government Statistical Service symbol shown in
// place of a figure that is withheld to protect confidentiality.
const SymbolConfidential = "[c]"

// Policy is the disclosure-control rule every published figure passes
// through. Its zero value is not usable; start from DefaultPolicy and let the
// site configuration override fields, then call Validate.
//
// The toml tags name the keys of site.toml's [disclosure] table.
type Policy struct {
	// SuppressFrom and SuppressTo bound the counts that are never shown
	// (primary suppression): 1 and 7 in the NHS Digital rule. SuppressFrom
	// must be 1, because a count of 1 is the most disclosive of all; the
	// field exists so that the rule is written out in full.
	SuppressFrom int `toml:"suppressFrom"`
	SuppressTo   int `toml:"suppressTo"`
	// RoundTo is the base that other counts are rounded to (5 in the NHS
	// Digital rule; 1 means no rounding). A count that is already a multiple
	// of RoundTo stays as it is; otherwise it goes to the nearest multiple,
	// and an exact half (possible only with an even base) goes up.
	RoundTo int `toml:"roundTo"`
	// NationalExempt lets cells marked national (see Counts.MarkNational) be
	// published exactly, skipping primary suppression and rounding. Off by
	// default: marking a cell national has no effect unless this is on.
	NationalExempt bool `toml:"nationalExempt"`
	// Decimals is the number of decimal places shown for percentages and
	// averages (0 by default: one decimal place is only accurate to ±0.1
	// points when the rounded denominator is at least 4,000).
	Decimals int `toml:"decimals"`
	// PublishDominant turns off the dominance rule, which hides a count
	// that one contributor (a provider), or two pooling their figures,
	// give nearly all of: all of it but SuppressTo at most
	// (Counts.AddFrom). Published, such a count would be their own
	// figure, and they, taking their share away, would know the others'
	// to be small. Off, so the rule applies,
	// unless a site's contributors need no protection.
	PublishDominant bool `toml:"publishDominant"`
	// Rules is the version of the rules that decide which figures are
	// hidden (see Rules); 0 means LatestRules. It is not a key of
	// site.toml: new figures are always published under the latest
	// rules, and a release made already is checked under the rules it
	// was made under, which its file records.
	Rules Rules `toml:"-"`
}

// Rules is a version of the rules that decide which figures a table
// hides. Each version hides at least what the one before it hid. A
// release is never rewritten, so a table released under an older
// version is checked under that version: checked under a newer one, a
// pattern published already could fail, and the site would stop
// building although nothing about the release changed.
type Rules int

const (
	// Rules1 is the rule of releases that record no version: small
	// counts, counts one or two contributors give nearly all of
	// (dominance), further figures to protect them, and the audit of
	// every hidden figure and of each line's hidden figures together.
	Rules1 Rules = 1
	// Rules2 adds that the hidden figures of a line, summed from the
	// line's total, must not be nearly all one or two contributors' own:
	// when others give some of them, those contributors, taking their
	// own share away from the most the sum can be, must not be able to
	// show that the others give SuppressTo or fewer (groups.go).
	Rules2 Rules = 2
	// LatestRules is the version new figures are published under.
	LatestRules = Rules2
)

// rules returns the version of the rules p applies.
func (p Policy) rules() Rules {
	if p.Rules == 0 {
		return LatestRules
	}
	return p.Rules
}

// KnownRules reports whether v is a version of the rules this package
// applies.
func KnownRules(v Rules) bool { return v >= Rules1 && v <= LatestRules }

// DefaultPolicy returns the NHS Digital rule for sub-national counts:
// suppress 1 to 7, round everything else to the nearest 5, no national
// exemption, whole-number percentages; and, beyond the NHS Digital rule,
// a count one provider, or two together, give nearly all of is hidden too (PublishDominant
// off).
func DefaultPolicy() Policy {
	return Policy{SuppressFrom: 1, SuppressTo: 7, RoundTo: 5}
}

// PolicyProblem is one thing wrong with a Policy. Key is the site.toml key
// (as in the struct tags) so that the configuration loader can report the
// problem at that key's position.
type PolicyProblem struct {
	Key  string
	Msg  string
	Hint string
}

func (p PolicyProblem) String() string { return p.Key + ": " + p.Msg }

// Validate reports every problem with p; none means p is safe to use.
func (p Policy) Validate() []PolicyProblem {
	var probs []PolicyProblem
	add := func(key, hint, format string, args ...any) {
		probs = append(probs, PolicyProblem{Key: key, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	if p.SuppressFrom != 1 {
		add("suppressFrom", "remove suppressFrom, or set it to 1",
			"must be 1, but it is %d: counts from 1 upwards are the ones that identify people, so the smallest hidden count cannot be raised", p.SuppressFrom)
	}
	if p.SuppressTo < 2 {
		add("suppressTo", "the NHS Digital rule uses suppressTo = 7",
			"must be at least 2, but it is %d: if only counts of 1 were hidden, every hidden count would be known to be 1", p.SuppressTo)
	}
	if p.RoundTo < 1 {
		add("roundTo", "use roundTo = 5 (the NHS Digital rule), or 1 for no rounding",
			"must be at least 1, but it is %d", p.RoundTo)
	} else if p.SuppressTo >= 1 && p.round(p.SuppressTo+1) == 0 {
		add("roundTo", fmt.Sprintf("use a roundTo of at most %d, or raise suppressTo", 2*(p.SuppressTo+1)),
			"%d is too large: the smallest count that is shown (%d) would be rounded to 0, and readers must be able to trust that 0 means none", p.RoundTo, p.SuppressTo+1)
	}
	if p.Decimals < 0 || p.Decimals > 3 {
		add("decimals", "use 0 for whole-number percentages, or 1 for one decimal place",
			"must be between 0 and 3, but it is %d", p.Decimals)
	}
	return probs
}

// half is the amount added before rounding down to a multiple of RoundTo:
// it makes an exact half round up.
func (p Policy) half() int { return p.RoundTo / 2 }

// round rounds a non-negative count to the nearest multiple of RoundTo,
// halves going up. Multiples of RoundTo are unchanged.
func (p Policy) round(n int) int {
	return (n + p.half()) / p.RoundTo * p.RoundTo
}

// roundedFrom returns the smallest and largest counts that round to v; the
// attacker knows a published v came from one of them.
func (p Policy) roundedFrom(v int) (lo, hi int) {
	return v - p.half(), v + p.RoundTo - 1 - p.half()
}

// small reports whether n is a count that primary suppression hides.
func (p Policy) small(n int) bool { return n >= p.SuppressFrom && n <= p.SuppressTo }

// Method describes the disclosure control in plain English, for a table's
// notes or a methodology page.
func (p Policy) Method() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Counts from %d to %d are not shown (%s).", p.SuppressFrom, p.SuppressTo, SymbolConfidential)
	if p.RoundTo > 1 {
		fmt.Fprintf(&b, " Other counts are rounded to the nearest %d; 0 stays 0.", p.RoundTo)
		b.WriteString(" Totals are worked out from the unrounded counts and then rounded in the same way.")
	} else {
		b.WriteString(" Totals are treated in the same way.")
	}
	if !p.PublishDominant {
		b.WriteString(" A count that one provider, or two together, give nearly all of is not shown either.")
	}
	b.WriteString(" Some further figures are hidden where they would let a hidden count be worked out.")
	b.WriteString(" Percentages are calculated from the figures shown.")
	fmt.Fprintf(&b, " Averages of fewer than %d items are not shown.", p.SuppressTo+1)
	if p.NationalExempt {
		b.WriteString(" National figures are shown exactly.")
	}
	return b.String()
}

// ConfidentialFootnote explains the [c] symbol in plain English.
func (p Policy) ConfidentialFootnote() string {
	dominant := ""
	if !p.PublishDominant {
		dominant = " counts that come almost all from one or two providers, and"
	}
	return fmt.Sprintf("%s means the figure is hidden to protect the people and organisations it describes. "+
		"Counts from %d to %d are hidden, and so are%s some other figures that would let a hidden count be worked out.",
		SymbolConfidential, p.SuppressFrom, p.SuppressTo, dominant)
}

// RoundingFootnote explains why figures may not add up; it is empty when
// RoundTo is 1.
func (p Policy) RoundingFootnote() string {
	if p.RoundTo <= 1 {
		return ""
	}
	return fmt.Sprintf("Counts are rounded to the nearest %d. Totals are worked out before rounding, "+
		"so they may not equal the sum of the figures shown.", p.RoundTo)
}

// PercentageFootnote explains how percentages are calculated and when they
// are hidden.
func (p Policy) PercentageFootnote() string {
	return "Percentages are calculated from the rounded counts shown, so they may not add up to 100%. " +
		"A percentage is hidden (" + SymbolConfidential + ") when either of its counts is hidden or the total is 0."
}

// AverageFootnote explains when an average is hidden.
func (p Policy) AverageFootnote() string {
	return fmt.Sprintf("An average is hidden (%s) when it would be based on fewer than %d items.",
		SymbolConfidential, p.SuppressTo+1)
}

// NationalFootnote explains that national figures are exact; it is empty
// unless NationalExempt is on.
func (p Policy) NationalFootnote() string {
	if !p.NationalExempt {
		return ""
	}
	return "National figures are shown exactly: they are not rounded or hidden."
}
