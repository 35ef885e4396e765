package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Learning environment and culture", "learning-environment-and-culture"},
		{"  Learner's wellbeing!  ", "learners-wellbeing"},
		{"Zürich café", "zurich-cafe"},
		{"1.3 Quality improvement", "1-3-quality-improvement"},
		{"EDI & inclusion", "edi-inclusion"},
		{"—", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Fold("ÉCOLE Naïve"); got != "ecole naive" {
		t.Errorf("Fold = %q", got)
	}
}
