package framework

import (
	"testing"
)

func TestParseRef(t *testing.T) {
	tests := []struct {
		in      string
		want    StandardRef
		wantErr string
	}{
		{in: "2021:1.3", want: StandardRef{Edition: "2021", ID: StandardID{1, 3}}},
		{in: "1.3", want: StandardRef{ID: StandardID{1, 3}}},
		{in: "2019-20:6.12", want: StandardRef{Edition: "2019-20", ID: StandardID{6, 12}}},
		{in: "2021:", wantErr: `the reference "2021:" has no standard ID after the colon`},
		{in: ":1.3", wantErr: `the reference ":1.3" has no edition before the colon`},
		{in: "2021-1.3", wantErr: `"2021-1.3" is not a reference to a standard`},
		{in: "2021:1.3:4", wantErr: `"2021:1.3:4" is not a reference to a standard`},
		{in: "20/21:1.3", wantErr: `the reference "20/21:1.3" does not start with an edition's folder name`},
		{in: " 1.3", wantErr: `the reference " 1.3" has spaces around it`},
		{in: "1.03", wantErr: `"1.03" is not a reference to a standard`},
		{in: "", wantErr: `the reference is empty`},
	}
	for _, tt := range tests {
		got, err := ParseRef(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseRef(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseRef(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("ParseRef(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestParseID(t *testing.T) {
	tests := []struct {
		in   string
		want StandardID
		ok   bool
	}{
		{"1.3", StandardID{1, 3}, true},
		{"6.10", StandardID{6, 10}, true},
		{"1-3", StandardID{}, false},
		{"1.", StandardID{}, false},
		{".3", StandardID{}, false},
		{"0.1", StandardID{}, false},
		{"1.0", StandardID{}, false},
		{"+1.2", StandardID{}, false},
		{"1.2.3", StandardID{}, false},
		{"99999.1", StandardID{}, false},
	}
	for _, tt := range tests {
		got, err := ParseID(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseID(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	if a, b := (StandardID{1, 9}), (StandardID{1, 10}); a.Compare(b) >= 0 || b.Slug() != "1-10" {
		t.Errorf("IDs must compare as numbers and slug as 1-10")
	}
}

// FuzzParseRef checks that every reference the parser accepts writes back
// to the same text, so an ID has one spelling.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"2021:1.3", "1.3", "2021:", ":1", "a:b.c", "1.03"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRef(s)
		if err != nil {
			return
		}
		if r.String() != s {
			t.Errorf("ParseRef(%q).String() = %q", s, r.String())
		}
		again, err := ParseRef(r.String())
		if err != nil || again != r {
			t.Errorf("round trip of %q: %v, %v", s, again, err)
		}
	})
}

func TestStatus(t *testing.T) {
	for _, s := range statuses {
		var got Status
		if err := got.UnmarshalText([]byte(s)); err != nil || got != s {
			t.Errorf("UnmarshalText(%q) = %q, %v", s, got, err)
		}
	}
	var st Status
	if err := st.UnmarshalText([]byte("In force")); err == nil {
		t.Error(`"In force" must be refused: the status is written in-force`)
	}
	if !Superseded.Retired() || !Withdrawn.Retired() || InForce.Retired() || !Draft.Prerelease() || !Consultation.Prerelease() || InForce.Prerelease() {
		t.Error("Retired and Prerelease disagree with the documented statuses")
	}
}
