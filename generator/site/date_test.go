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
		{"2026-02-28T10:00:00+01:00", "2026-02-28T09:00:00Z", ""},
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
