package site

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// FrontMatter holds the keys every content file may set between its "+++"
// lines. Features add their own keys for the pages they own (see
// content.Schema); any other key is an error at its line.
type FrontMatter struct {
	Title       string   `toml:"title"`
	Description string   `toml:"description"`
	Date        Date     `toml:"date"`
	Lastmod     Date     `toml:"lastmod"`
	PublishDate Date     `toml:"publishDate"`
	ExpiryDate  Date     `toml:"expiryDate"`
	Reviewed    Date     `toml:"reviewed"`
	NextReview  Date     `toml:"next_review"`
	Draft       bool     `toml:"draft"`
	Weight      int      `toml:"weight"`
	Slug        Slug     `toml:"slug"`
	Aliases     []string `toml:"aliases"`
	Layout      Name     `toml:"layout"`
	Tags        []string `toml:"tags"`
	// Params is free-form data for templates (.Params).
	Params map[string]any `toml:"params"`
}

// Date is a calendar date or date-time from front matter or data. It
// accepts a TOML date (2024-06-01), date-time (2024-06-01T09:30:00Z) or the
// same written as a quoted string, and rejects anything else with a message
// an editor can act on. The zero Date means "not set".
type Date struct{ time.Time }

// UnmarshalTOML implements tomldecode.Unmarshaler.
func (d *Date) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case time.Time:
		if x.Location().String() == "time-local" {
			// TOML's time of day (date = 10:00:00) has no day: it read
			// as 1 January of year 0, a date no editor meant.
			return &tomldecode.HintError{
				Msg:      fmt.Sprintf("expected a date, like 2024-06-01, but found the time of day %s", x.Format("15:04:05")),
				HintText: "write the day as YYYY-MM-DD; a time goes after it, like 2024-06-01T10:00:00",
			}
		}
		d.Time = normalise(x)
		return plausible(d.Time)
	case string:
		t, err := ParseDate(x)
		if err != nil {
			return err
		}
		d.Time = t
		return plausible(d.Time)
	}
	return &tomldecode.HintError{
		Msg:      fmt.Sprintf("expected a date, like 2024-06-01, but found %s", tomldecode.Describe(v)),
		HintText: "write the date as YYYY-MM-DD without quotes",
	}
}

// Dates in front matter lie between these years: a year outside them is a
// typing mistake (0001, 9999), and a date is not only shown, it orders
// pages and sets the build date shown on every page (the newest date in
// the content), so 9999-12-31 dated the whole site.
const (
	FirstYear = 1900
	LastYear  = 2199
)

func plausible(t time.Time) error {
	if y := t.Year(); y < FirstYear || y > LastYear {
		return &tomldecode.HintError{
			Msg:      fmt.Sprintf("the year %04d is not a likely year for a page's date", y),
			HintText: fmt.Sprintf("check the year; dates are written YYYY-MM-DD, with a year from %d to %d", FirstYear, LastYear),
		}
	}
	return nil
}

// ParseDate parses the date forms Plinth accepts in text: 2024-06-01 and
// RFC 3339 date-times.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return zoned(t), nil
	}
	if t, err := time.Parse("2006-01-02T15:04:05", s); err == nil {
		return t, nil
	}
	return time.Time{}, &tomldecode.HintError{
		Msg:      fmt.Sprintf("%q is not a date", s),
		HintText: "write dates as YYYY-MM-DD, for example 2024-06-01 (a real day of the year)",
	}
}

// normalise makes TOML's local dates and times comparable and printable the
// same way everywhere: BurntSushi/toml marks local values with fixed zones
// named "date-local" and "datetime-local", which are read as UTC. A value
// with an offset keeps it (see zoned).
func normalise(t time.Time) time.Time {
	switch t.Location().String() {
	case "date-local", "datetime-local", "time-local":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	return zoned(t)
}

// zoned keeps the day and time of a date-time written with an offset as
// written, in a zone of that offset: converted to UTC,
// 2026-06-01T00:30:00+01:00 (half past midnight in a British summer) was
// shown as 31 May. Comparisons use the instant either way.
func zoned(t time.Time) time.Time {
	_, offset := t.Zone()
	if offset == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", offset))
}

// IsSet reports whether the date was given.
func (d Date) IsSet() bool { return !d.IsZero() }

// Slug is one URL path segment chosen by an editor. It may contain letters,
// digits, "-", "_" and "." but may not be "." or "..", so a slug can never
// move a page outside its section or the output folder.
type Slug string

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Slug) UnmarshalText(b []byte) error {
	if problem := CheckPageSegment(string(b)); problem != "" {
		return &tomldecode.HintError{
			Msg:      fmt.Sprintf("the slug %q %s", b, problem),
			HintText: `a slug is the last part of the page's address: use lower-case letters, digits and hyphens, like slug = "learner-wellbeing"`,
		}
	}
	*s = Slug(b)
	return nil
}

// MaxSegment is the longest URL path segment, in bytes. A segment becomes
// a folder or file name of the published site, which most file systems
// keep under 255 bytes; a longer slug failed only when the site was
// written, as "cannot write aaaa…" with no line to fix. The rest leaves
// room for the ".html" and temporary names the build adds.
const MaxSegment = 200

// CheckSegment returns why s cannot be a URL path segment, or "".
func CheckSegment(s string) string {
	switch {
	case s == "":
		return "is empty"
	case len(s) > MaxSegment:
		return fmt.Sprintf("is %d characters long; a part of an address may have at most %d", len(s), MaxSegment)
	case s == "." || s == "..":
		return "would point outside its folder"
	case strings.ContainsAny(s, `/\`):
		return "contains a slash, so it would point into another folder"
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return fmt.Sprintf("contains %q, which is not allowed in an address", r)
		}
	}
	if problem := WindowsName(s); problem != "" {
		return problem
	}
	return ""
}

// WindowsName returns why Windows cannot have a file or folder named seg,
// or "": a name it keeps for a device (CON, PRN, AUX, NUL, COM1 to COM9,
// LPT1 to LPT9, in any case and with any extension: con.md is CON), or
// one ending in a dot or a space, which it silently removes. Editors on
// Windows could not check out a site holding such a name, and a site
// built on Windows could not write the folder a page's address makes.
func WindowsName(seg string) string {
	if strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " ") {
		return "ends in a dot or a space, which Windows removes from a name"
	}
	stem, _, _ := strings.Cut(seg, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	device := stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL" ||
		len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '1' && stem[3] <= '9'
	if device {
		return fmt.Sprintf("is %s, a name Windows keeps for a device, so the site could not be checked out or built on Windows", stem)
	}
	return ""
}

// CheckPageSegment returns why s cannot be the last part of a page's
// address (a slug, or a page file's name without its extension), or "":
// what CheckSegment refuses, and a name ending in .html or .htm. Every
// page's address is a folder ending in /, so "index.html" made
// guidance/index.html/index.html, a folder clashing with the section's
// own page, reported at the section's file.
func CheckPageSegment(s string) string {
	if problem := CheckSegment(s); problem != "" {
		return problem
	}
	if ext := strings.ToLower(path.Ext(s)); ext == ".html" || ext == ".htm" {
		return "ends in " + ext + ", but a page's address is a folder ending in /, so it would be " + s + "/index.html"
	}
	return ""
}

// Name is a layout or type name: a plain identifier, never a path.
type Name string

// UnmarshalText implements encoding.TextUnmarshaler.
func (n *Name) UnmarshalText(b []byte) error {
	if problem := CheckSegment(string(b)); problem != "" || strings.Contains(string(b), ".") {
		return &tomldecode.HintError{
			Msg:      fmt.Sprintf("the layout name %q is not a plain name", b),
			HintText: `name a layout file without its folder or .html, like layout = "wide"`,
		}
	}
	*n = Name(b)
	return nil
}
