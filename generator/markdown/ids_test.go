package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestIDsUnique: repeated headings get -1, -2, … past the IDs already
// taken (by an earlier heading, a {#custom} ID or the layouts' own), the
// same as counting from 1 each time; 20,000 headings of one title, which
// took minutes when every heading counted from 1, take a moment.
func TestIDsUnique(t *testing.T) {
	tests := []struct {
		name  string
		calls []string // "put:X" records a custom ID; anything else is a heading
		want  string
	}{
		{"repeats", []string{"Aims", "Aims", "Aims"}, "aims aims-1 aims-2"},
		{"a suffix already taken", []string{"Aims", "put:aims-1", "Aims", "Aims"}, "aims aims-2 aims-3"},
		{"a heading that looks like a suffix", []string{"Aims", "Aims 2", "Aims", "Aims", "Aims"}, "aims aims-2 aims-1 aims-3 aims-4"},
		{"reserved", []string{"Main content", "Main content"}, "main-content-1 main-content-2"},
		{"empty", []string{"!!", "??"}, "section section-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newIDs([]string{"main-content"})
			var got []string
			for _, c := range tt.calls {
				if id, ok := strings.CutPrefix(c, "put:"); ok {
					s.Put([]byte(id))
					continue
				}
				got = append(got, string(s.Generate([]byte(c), 0)))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("IDs %q, want %q", strings.Join(got, " "), tt.want)
			}
		})
	}
	s := newIDs(nil)
	for i := range 20000 {
		id := string(s.Generate([]byte("Notes"), 0))
		if want := fmt.Sprintf("notes-%d", i); i > 0 && id != want {
			t.Fatalf("heading %d: %s, want %s", i, id, want)
		}
	}
}
