package csvcell

import "testing"

func TestGuard(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Learning environment", "Learning environment"},
		{"=HYPERLINK(\"http://x.example\")", "'=HYPERLINK(\"http://x.example\")"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tTab", "'\tTab"},
		{"\rReturn", "'\rReturn"},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := Guard(tt.in); got != tt.want {
			t.Errorf("Guard(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
