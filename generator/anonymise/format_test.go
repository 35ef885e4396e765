package anonymise

import "testing"

func TestGrouped(t *testing.T) {
	for in, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 12345: "12,345",
		1234567: "1,234,567", -1234: "-1,234", 100000: "100,000",
	} {
		if got := grouped(in); got != want {
			t.Errorf("grouped(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		scaled int64
		places int
		group  bool
		want   string
	}{
		{453, 1, false, "45.3"},
		{5, 2, false, "0.05"},
		{123456789, 2, true, "1,234,567.89"},
		{123456789, 2, false, "1234567.89"},
		{100, 0, false, "100"},
		{-15, 1, false, "-1.5"},
	}
	for _, tt := range tests {
		if got := decimal(tt.scaled, tt.places, tt.group); got != tt.want {
			t.Errorf("decimal(%d, %d, %v) = %q, want %q", tt.scaled, tt.places, tt.group, got, tt.want)
		}
	}
}

func TestScaledRatio(t *testing.T) {
	tests := []struct {
		num, den int64
		places   int
		want     int64
	}{
		{1, 3, 0, 33}, {2, 3, 0, 67}, {1, 8, 0, 13}, {1, 8, 1, 125}, {1, 8, 2, 1250},
		{0, 5, 0, 0}, {5, 5, 0, 100}, {7, 2, 0, 350}, {1, 200, 0, 1}, {1, 201, 0, 0},
	}
	for _, tt := range tests {
		if got := scaledRatio(tt.num, tt.den, tt.places); got != tt.want {
			t.Errorf("scaledRatio(%d, %d, %d) = %d, want %d", tt.num, tt.den, tt.places, got, tt.want)
		}
	}
}

func TestCellText(t *testing.T) {
	tests := []struct {
		c            Cell
		human, plain string
		value        float64
		ok           bool
	}{
		{hidden(), "[c]", "[c]", 0, false},
		{countOf(1235, false), "1,235", "1235", 1235, true},
		{countOf(0, false), "0", "0", 0, true},
		{ratioOf(453, 1, true), "45.3%", "45.3", 45.3, true},
		{ratioOf(45, 0, true), "45%", "45", 45, true},
		{ratioOf(123456, 1, false), "12,345.6", "12345.6", 12345.6, true},
		{Cell{}, "", "", 0, false},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.human {
			t.Errorf("String() = %q, want %q", got, tt.human)
		}
		if got := tt.c.Plain(); got != tt.plain {
			t.Errorf("Plain() = %q, want %q", got, tt.plain)
		}
		if v, ok := tt.c.Value(); v != tt.value || ok != tt.ok {
			t.Errorf("%q.Value() = %v, %v; want %v, %v", tt.human, v, ok, tt.value, tt.ok)
		}
	}
	if _, ok := ratioOf(1, 0, true).Count(); ok {
		t.Error("a percentage reports itself as a count")
	}
	if n, ok := countOf(20, false).Count(); !ok || n != 20 {
		t.Error("Count() of 20")
	}
}
