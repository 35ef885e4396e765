package dataset

import (
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means an error
	}{
		{"2025-02-28", "2025-02-28"},
		{"2024-02-29", "2024-02-29"},
		{"2025-02-29", ""},
		{"2025-13-01", ""},
		{"2025-00-10", ""},
		{"2025-1-01", ""},
		{"+025-01-01", ""},
		{"2025/01/01", ""},
		{"", ""},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", tt.in, d)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		}
	}
	a, _ := ParseDate("2025-03-31")
	b, _ := ParseDate("2025-04-01")
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 || a.Quarter() != 1 || b.Quarter() != 2 {
		t.Errorf("Compare/Quarter wrong for %v, %v", a, b)
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in, want string // want "" means an error
		units    int64
		scale    int
	}{
		{"12.50", "12.50", 1250, 2},
		{"0.1", "0.1", 1, 1},
		{"-0.05", "-0.05", -5, 2},
		{"+3", "3", 3, 0},
		{"007", "7", 7, 0},
		{"123456789012345678", "123456789012345678", 123456789012345678, 0},
		{"1234567890123456789", "", 0, 0},
		{".5", "", 0, 0},
		{"5.", "", 0, 0},
		{"1e3", "", 0, 0},
		{"1,5", "", 0, 0},
		{"--1", "", 0, 0},
		{"", "", 0, 0},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseDecimal(%q) = %v, want an error", tt.in, d)
			}
			continue
		}
		u, s := d.Units()
		if err != nil || d.String() != tt.want || u != tt.units || s != tt.scale {
			t.Errorf("ParseDecimal(%q) = %v (%d, %d), %v; want %s (%d, %d)", tt.in, d, u, s, err, tt.want, tt.units, tt.scale)
		}
	}
	a, _ := ParseDecimal("0.10")
	b, _ := ParseDecimal("0.1")
	if a.Cmp(b) != 0 || a.Cmp(DecimalOf(1)) != -1 || a.Rat().String() != "1/10" {
		t.Errorf("exact comparison failed: %v vs %v", a, b)
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"On track", "on-track"},
		{"compelte", "complete"},
		{"north_west", "north-west"},
		{"cancelled", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := nearest(tt.in, []string{"on-track", "complete", "north-west", "overdue"}); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValueAccessors(t *testing.T) {
	d, _ := ParseDecimal("2.5")
	date, _ := ParseDate("2025-01-02")
	tests := []struct {
		v    Value
		text string
		list int
	}{
		{intValue(7, "7", testPos), "7", 1},
		{intValue(7, "+007", testPos), "7", 1}, // written otherwise: the canonical form
		{decimalValue(d, "2.50", testPos), "2.5", 1},
		{dateValue(date, "2025-01-02", testPos), "2025-01-02", 1},
		{listValue(TypeProfession, []string{"a", "b"}, testPos), "a; b", 2},
		{listValue(TypeProfession, nil, testPos), "", 0},
		{emptyValue(TypeDate, testPos), "", 0},
	}
	for _, tt := range tests {
		if tt.v.Text() != tt.text || len(tt.v.List()) != tt.list || tt.v.String() != tt.text {
			t.Errorf("%v: Text %q List %v, want %q and %d items", tt.v.Type(), tt.v.Text(), tt.v.List(), tt.text, tt.list)
		}
	}
	if intValue(7, "7", testPos).Decimal().Cmp(DecimalOf(7)) != 0 || !(Value{}).IsEmpty() {
		t.Error("an integer must read as a decimal, and the zero Value must be empty")
	}
	// The number, the decimal and the date share one field.
	if got := dateValue(date, "2025-01-02", testPos).Date(); got != date {
		t.Errorf("date read back as %v, want %v", got, date)
	}
	if got := decimalValue(d, "2.5", testPos).Decimal(); got != d {
		t.Errorf("decimal read back as %v, want %v", got, d)
	}
	for _, v := range []Value{intValue(20250102, "20250102", testPos), decimalValue(d, "2.5", testPos), emptyValue(TypeDate, testPos)} {
		if !v.Date().IsZero() {
			t.Errorf("%v cell reads as the date %v, want none", v.Type(), v.Date())
		}
	}
	if got := dateValue(date, "2025-01-02", testPos).Decimal(); got != (Decimal{}) {
		t.Errorf("a date reads as the decimal %v, want none", got)
	}
}
