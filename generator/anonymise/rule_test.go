package anonymise

import (
	"strings"
	"testing"
)

func TestRound(t *testing.T) {
	tests := []struct {
		base, in, want int
	}{
		{5, 0, 0}, {5, 8, 10}, {5, 10, 10}, {5, 12, 10}, {5, 13, 15}, {5, 15, 15},
		{5, 17, 15}, {5, 18, 20}, {5, 1002, 1000}, {5, 1003, 1005},
		{10, 14, 10}, {10, 15, 20}, {10, 25, 30}, // even base: halves go up
		{4, 6, 8}, {4, 5, 4}, {1, 13, 13},
	}
	for _, tt := range tests {
		p := Policy{SuppressFrom: 1, SuppressTo: 7, RoundTo: tt.base}
		if got := p.round(tt.in); got != tt.want {
			t.Errorf("round(%d) to base %d = %d, want %d", tt.in, tt.base, got, tt.want)
		}
		if got := roundRef(tt.in, tt.base); got != tt.want {
			t.Errorf("roundRef(%d, %d) = %d, want %d", tt.in, tt.base, got, tt.want)
		}
		// roundedFrom is exactly the set of counts that round to v.
		lo, hi := p.roundedFrom(tt.want)
		for x := max(0, lo-3); x <= hi+3; x++ {
			if (p.round(x) == tt.want) != (x >= lo && x <= hi) {
				t.Errorf("base %d: roundedFrom(%d) = [%d, %d] but round(%d) = %d", tt.base, tt.want, lo, hi, x, p.round(x))
			}
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Policy
		keys []string // the keys of the problems, in order
	}{
		{"default", DefaultPolicy(), nil},
		{"ten-five rule", Policy{SuppressFrom: 1, SuppressTo: 9, RoundTo: 5}, nil},
		{"no rounding", Policy{SuppressFrom: 1, SuppressTo: 7, RoundTo: 1}, nil},
		{"zero value", Policy{}, []string{"suppressFrom", "suppressTo", "roundTo"}},
		{"suppress from 3", Policy{SuppressFrom: 3, SuppressTo: 7, RoundTo: 5}, []string{"suppressFrom"}},
		{"suppress only 1", Policy{SuppressFrom: 1, SuppressTo: 1, RoundTo: 1}, []string{"suppressTo"}},
		{"base rounds 8 to 0", Policy{SuppressFrom: 1, SuppressTo: 7, RoundTo: 17}, []string{"roundTo"}},
		{"largest safe base", Policy{SuppressFrom: 1, SuppressTo: 7, RoundTo: 16}, nil},
		{"decimals", Policy{SuppressFrom: 1, SuppressTo: 7, RoundTo: 5, Decimals: 4}, []string{"decimals"}},
	}
	for _, tt := range tests {
		probs := tt.p.Validate()
		var keys []string
		for _, pr := range probs {
			keys = append(keys, pr.Key)
			if pr.Msg == "" || pr.Hint == "" || !strings.HasPrefix(pr.String(), pr.Key+": ") {
				t.Errorf("%s: incomplete problem %+v", tt.name, pr)
			}
		}
		if strings.Join(keys, ",") != strings.Join(tt.keys, ",") {
			t.Errorf("%s: problems with %v, want %v (%v)", tt.name, keys, tt.keys, probs)
		}
	}
	if _, _, err := (Policy{}).Publish(list(1, 2)); err == nil || !strings.Contains(err.Error(), "suppressTo") {
		t.Errorf("Publish with an invalid policy: err = %v", err)
	}
}

func TestMethodAndFootnotes(t *testing.T) {
	p := DefaultPolicy()
	for _, want := range []string{"1 to 7", "nearest 5", "[c]", "unrounded"} {
		if !strings.Contains(p.Method(), want) {
			t.Errorf("Method() lacks %q: %s", want, p.Method())
		}
	}
	if strings.Contains(p.Method(), "National") || p.NationalFootnote() != "" {
		t.Error("national exemption described though it is off")
	}
	p.NationalExempt = true
	if !strings.Contains(p.Method(), "National") || p.NationalFootnote() == "" {
		t.Error("national exemption not described though it is on")
	}
	if !strings.HasPrefix(p.ConfidentialFootnote(), SymbolConfidential) || !strings.Contains(p.ConfidentialFootnote(), "1 to 7") {
		t.Errorf("ConfidentialFootnote = %q", p.ConfidentialFootnote())
	}
	p.RoundTo = 1
	if p.RoundingFootnote() != "" || strings.Contains(p.Method(), "rounded") {
		t.Error("rounding described though RoundTo is 1")
	}
}
