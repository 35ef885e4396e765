package site

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestDateUnmarshalTOML reads each TOML value an editor may write as a
// date through BurntSushi/toml, as front matter is read.
func TestDateUnmarshalTOML(t *testing.T) {
	tests := []struct{ value, want, err string }{
		{"2026-02-28", "2026-02-28T00:00:00Z", ""},
		{"2026-02-28T10:00:00", "2026-02-28T10:00:00Z", ""},
		{"2026-02-28T10:00:00+01:00", "2026-02-28T10:00:00+01:00", ""},
		{"2026-06-01T00:30:00+01:00", "2026-06-01T00:30:00+01:00", ""},
		{"2026-06-01T10:00:00+14:00", "2026-06-01T10:00:00+14:00", ""},
		{"2026-06-01T10:00:00Z", "2026-06-01T10:00:00Z", ""},
		{`"2026-06-01T00:30:00+01:00"`, "2026-06-01T00:30:00+01:00", ""},
		{"0001-01-01", "", "the year 0001 is not a likely year"},
		{"9999-12-31", "", "the year 9999 is not a likely year"},
		{`"1899-12-31"`, "", "the year 1899 is not a likely year"},
		{"1900-01-01", "1900-01-01T00:00:00Z", ""},
		{`"2026-02-28"`, "2026-02-28T00:00:00Z", ""},
		{`"2026-02-30"`, "", `"2026-02-30" is not a date`},
		{"10:00:00", "", "expected a date, like 2024-06-01, but found the time of day 10:00:00"},
		{"20260228", "", "expected a date, like 2024-06-01, but found the number 20260228"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			raw := map[string]any{}
			if _, err := toml.Decode("d = "+tt.value, &raw); err != nil {
				t.Fatal(err)
			}
			var d Date
			err := d.UnmarshalTOML(raw["d"])
			switch {
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("error %v, want %q", err, tt.err)
			case tt.err == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.err == "" && d.Format("2006-01-02T15:04:05Z07:00") != tt.want:
				t.Errorf("date %s, want %s", d.Format("2006-01-02T15:04:05Z07:00"), tt.want)
			}
		})
	}
}

// TestCheckSegment: what a slug (or a file name that becomes an address)
// may be; a segment longer than a file name may be is refused at its line
// rather than when the site is written.
func TestCheckSegment(t *testing.T) {
	tests := []struct{ seg, want string }{
		{"learner-wellbeing", ""},
		{"v1.2_final", ""},
		{strings.Repeat("a", MaxSegment), ""},
		{strings.Repeat("a", MaxSegment+1), "is 201 characters long; a part of an address may have at most 200"},
		{"", "is empty"},
		{"..", "would point outside its folder"},
		{"a/b", "contains a slash"},
		{"café", `contains 'é'`},
		// Names Windows keeps for devices, in any case and with any
		// extension, and a name ending in a dot: an editor on Windows
		// could not check the site out.
		{"con", "is CON, a name Windows keeps for a device"},
		{"Nul.md", "is NUL, a name"},
		{"com1", "is COM1, a name"},
		{"LPT9.txt", "is LPT9, a name"},
		{"version.", "ends in a dot"},
		{"console", ""},
		{"com0", ""},
		{"com10", ""},
		{"auxiliary-staff", ""},
	}
	for _, tt := range tests {
		got := CheckSegment(tt.seg)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("CheckSegment(%.20q) = %q, want %q", tt.seg, got, tt.want)
		}
	}
}

// TestSlugNotAFile: a slug ending in .html would become a folder of that
// name, holding the page's index.html.
func TestSlugNotAFile(t *testing.T) {
	for _, tt := range []struct{ slug, want string }{
		{"culture", ""},
		{"v1.2", ""},
		{"index.html", `the slug "index.html" ends in .html, but a page's address is a folder ending in /`},
		{"old-page.HTM", `the slug "old-page.HTM" ends in .htm`},
	} {
		var s Slug
		err := s.UnmarshalText([]byte(tt.slug))
		if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("slug %q: %v, want %q", tt.slug, err, tt.want)
		}
	}
}
