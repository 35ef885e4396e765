package anonymise

import "testing"

// TestFigure checks single counts against the default rule and the
// national exemption.
func TestFigure(t *testing.T) {
	exempt := DefaultPolicy()
	exempt.NationalExempt = true
	tests := []struct {
		name        string
		p           Policy
		n           int
		national    bool
		want        string // the published figure
		publishable bool
	}{
		{"zero", DefaultPolicy(), 0, false, "0", true},
		{"one is suppressed", DefaultPolicy(), 1, false, "[c]", false},
		{"seven is suppressed", DefaultPolicy(), 7, false, "[c]", false},
		{"eight is rounded to ten", DefaultPolicy(), 8, false, "10", false},
		{"twelve is rounded to ten", DefaultPolicy(), 12, false, "10", false},
		{"a multiple of five stays", DefaultPolicy(), 15, false, "15", true},
		{"large", DefaultPolicy(), 1250, false, "1,250", true},
		{"national without the exemption", DefaultPolicy(), 3, true, "[c]", false},
		{"national with the exemption", exempt, 3, true, "3", true},
		{"regional with the exemption", exempt, 3, false, "[c]", false},
		{"no rounding", Policy{SuppressFrom: 1, SuppressTo: 7, RoundTo: 1}, 9, false, "9", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.p.Figure(tt.n, tt.national)
			if err != nil {
				t.Fatal(err)
			}
			if c.String() != tt.want {
				t.Errorf("Figure(%d) = %s, want %s", tt.n, c, tt.want)
			}
			if got := tt.p.Publishable(tt.n, tt.national); got != tt.publishable {
				t.Errorf("Publishable(%d) = %v, want %v", tt.n, got, tt.publishable)
			}
		})
	}
	if _, err := DefaultPolicy().Figure(-1, false); err == nil {
		t.Error("Figure(-1) gave no error")
	}
	if _, err := (Policy{}).Figure(10, false); err == nil {
		t.Error("the zero Policy gave no error")
	}
}
