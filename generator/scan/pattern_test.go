package scan

import (
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

func TestNHSCheck(t *testing.T) {
	tests := []struct {
		digits string
		valid  bool
	}{
		{"9434765919", true},  // the usual test number: check digit 9
		{"9434765918", false}, // wrong check digit
		{"4010232137", true},
		{"2000000010", true},  // remainder 0: 11 - 0 = 11, which means check digit 0
		{"1234567891", false}, // the first nine give remainder 1: the check digit would be 10, never valid
		{"1234567890", false},
		{"0000000000", false}, // passes the arithmetic but is a placeholder
		{"943476591", false},
	}
	for _, tt := range tests {
		if got := nhsCheck([]byte(tt.digits)); got != tt.valid {
			t.Errorf("nhsCheck(%s) = %v, want %v", tt.digits, got, tt.valid)
		}
	}
	// Exhaustively over the check digit: exactly one digit is valid
	// unless the remainder calls for 10.
	for _, nine := range []string{"943476591", "401023213", "123456789", "200000001"} {
		n := 0
		for d := '0'; d <= '9'; d++ {
			if nhsCheck([]byte(nine + string(d))) {
				n++
			}
		}
		sum := 0
		for k := 0; k < 9; k++ {
			sum += int(nine[k]-'0') * (10 - k)
		}
		want := 1
		if 11-sum%11 == 10 {
			want = 0
		}
		if n != want {
			t.Errorf("%s: %d valid check digits, want %d", nine, n, want)
		}
	}
}

// TestPatterns lists, for each text, what the scan must find in it.
func TestPatterns(t *testing.T) {
	tests := []struct {
		text string
		want string // "kind:text" hits joined with "|"
	}{
		// NHS numbers
		{"NHS number 943 476 5919 on file", "NHS:943 476 5919"},
		{"9434765919", "NHS:9434765919"},
		{"ref 943-476-5919.", "NHS:943-476-5919"},
		{`{"nhs":"9434765919"}`, "NHS:9434765919"},
		{"943 476 5918", ""},
		{"94347659190", ""},
		{"0.9434765919", ""},
		{"1234567890 and 0000000000", ""},
		// telephone numbers
		{"Call 020 7946 0958.", "phone:020 7946 0958"},
		{"tel +44 20 7946 0958", "phone:+44 20 7946 0958"},
		{"+44 (0)20 7946 0958", "phone:+44 (0)20 7946 0958"},
		{"+447700900123", "phone:+447700900123"},
		{"mobile 07700 900123", "phone:07700 900123"},
		{"07700900123", "phone:07700900123"},
		{"0113 496 0000", "phone:0113 496 0000"},
		{"0113496000", "phone:0113496000"},
		{"(01632) 960 001", "phone:(01632) 960 001"},
		{"0800 123 4567 or 0808-157-0000", "phone:0800 123 4567|phone:0808-157-0000"},
		{"0345 600 3333", "phone:0345 600 3333"},
		{"in 2025 2026 and 01 02 2025", ""},
		{"0 100 200 300 400", ""},
		{"020 7946", ""},
		{"05 123 456 789", ""},
		{"3.14159265358", ""},
		{"id 12345678901", ""},
		// e-mail addresses
		{"Write to a.person+tag@example.nhs.uk.", "email:a.person+tag@example.nhs.uk"},
		{"someone@example.org", "email:someone@example.org"},
		{"logo@2x.png and @media and a@b and user@localhost and @types/node", ""},
		// postcodes
		{"SW1A 1AA", "postcode:SW1A 1AA"},
		{"at M1 1AE, B33 8TH and CR2 6XH", "postcode:M1 1AE|postcode:B33 8TH|postcode:CR2 6XH"},
		{"DN55 1PT EC1A 1BB W1A 0AX", "postcode:DN55 1PT|postcode:EC1A 1BB|postcode:W1A 0AX"},
		{"M11AE", "postcode:M11AE"},
		{"GIR 0AA", "postcode:GIR 0AA"},
		{"sw1a 1aa", ""},
		{"Q1 1AA", ""},
		{"SW1A 1AAB", ""},
		{"COVID 19 and A1 2CD and NHS 2024", ""},
		// next to punctuation, a postcode is still a postcode (the search
		// index's posting lists are left out of the scan instead: see
		// search.Builder.ScanViews)
		{`"x":"-E3 9BR"`, "postcode:E3 9BR"},
		{"(E3 9BR) and -- M1 1AE", "postcode:E3 9BR|postcode:M1 1AE"},
		// several at once, in markup
		{"<td>943 476 5919</td><td>x@example.com</td><td>LS1 4AP</td>", "NHS:943 476 5919|email:x@example.com|postcode:LS1 4AP"},
	}
	// A scanner without identifying values writes the text without its
	// key; one with a value that is not in the text must find the same.
	keyless, _ := New(nil, Options{})
	keyed, _ := New([]Term{{Text: "Northwick Park", Origin: parkOrigin}, {Text: "ZZT01", Origin: codeOrigin}}, Options{})
	short := map[Pattern]string{NHSNumber: "NHS", Email: "email", Phone: "phone", Postcode: "postcode"}
	for name, s := range map[string]*Scanner{"without terms": keyless, "with terms": keyed} {
		for _, tt := range tests {
			var got []string
			for _, h := range s.File(site.File{Path: "x.html", Data: []byte(tt.text)}) {
				got = append(got, short[h.Pattern]+":"+h.Text)
			}
			if strings.Join(got, "|") != tt.want {
				t.Errorf("%s: %q: hits %q, want %q", name, tt.text, strings.Join(got, "|"), tt.want)
			}
		}
	}
}

func TestAllowList(t *testing.T) {
	s, _ := New(nil, Options{Allow: []string{"Quality-Standards@example.org", "0300 123  4567"}})
	got := s.File(site.File{Path: "x.html", Data: []byte("<p>quality-standards@example.org, 0300 123 4567, 0300 123 4568</p>")})
	if len(got) != 1 || got[0].Text != "0300 123 4568" {
		t.Errorf("hits %+v, want only the number not on the allow-list", got)
	}
}
