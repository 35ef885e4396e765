package bundle

import (
	"strings"
	"testing"
)

func TestRemoveRemoteFontFaces(t *testing.T) {
	tests := []struct {
		name, in, want string
		removed        int
	}{
		{"nothing to do", "a{color:red}", "a{color:red}", 0},
		{"remote rule removed",
			`@font-face{font-family:F;src:url(https://x.example/f.woff2) format("woff2")}a{b:c}`,
			`a{b:c}`, 1},
		{"quoted, protocol-relative and upper-case",
			"x{}\n@FONT-FACE { src: URL( \"//x.example/f.woff\" ), url('HTTP://x.example/g.woff'); }\ny{}",
			"x{}\n\ny{}", 1},
		{"local rule kept", `@font-face{src:url(fonts/f.woff2)}`, `@font-face{src:url(fonts/f.woff2)}`, 0},
		{"mixed rule kept for the remote check to report",
			`@font-face{src:url(f.woff2),url(https://x.example/f.woff)}`,
			`@font-face{src:url(f.woff2),url(https://x.example/f.woff)}`, 0},
		{"rule without url kept", `@font-face{src:local(Arial)}`, `@font-face{src:local(Arial)}`, 0},
		{"in a comment: not a rule", `/* @font-face{src:url(https://x/f)} */a{}`, `/* @font-face{src:url(https://x/f)} */a{}`, 0},
		{"in a string: not a rule", `a{content:"@font-face{src:url(https://x/f)}"}`, `a{content:"@font-face{src:url(https://x/f)}"}`, 0},
		{"brace in a string inside the rule",
			`@font-face{font-family:"a}b";src:url(https://x/f)}c{}`, `c{}`, 1},
		{"two remote rules", `@font-face{src:url(https://x/1)}a{}@font-face{src:url(https://x/2)}`, `a{}`, 2},
		{"unclosed rule at the end", `a{}@font-face{src:url(https://x/f)`, `a{}`, 1},
		{"statement without a block", `@font-face;a{}`, `@font-face;a{}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := removeRemoteFontFaces(tt.in)
			if got != tt.want || n != tt.removed {
				t.Errorf("got %q (%d removed), want %q (%d)", got, n, tt.want, tt.removed)
			}
		})
	}
}

// FuzzRemoveRemoteFontFaces checks that the scanner never panics, returns
// its input untouched when it removes nothing, only ever deletes text, and
// leaves no remote @font-face it could have found.
func FuzzRemoveRemoteFontFaces(f *testing.F) {
	for _, s := range []string{
		"", "a{}", `@font-face{src:url(https://x/f)}`, `@font-face{src:url("//x/f`,
		`/*`, `"`, `@font-face`, `@font-face{}}}`, `@font-face{{{`, "@font-face{src:url('\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, n := removeRemoteFontFaces(in)
		if n == 0 && out != in {
			t.Fatalf("nothing removed but output changed: %q → %q", in, out)
		}
		if len(out) > len(in) {
			t.Fatalf("output grew: %q → %q", in, out)
		}
		if n > 0 && !isSubsequence(out, in) {
			t.Fatalf("output is not the input with parts deleted: %q → %q", in, out)
		}
		if again, m := removeRemoteFontFaces(out); m != 0 && !strings.Contains(in, "/*") && !strings.ContainsAny(in, `"'\`) {
			// Without comments or strings, one pass must find everything.
			t.Fatalf("a second pass removed %d more rules: %q → %q → %q", m, in, out, again)
		}
	})
}

func isSubsequence(sub, s string) bool {
	i := 0
	for j := 0; j < len(s) && i < len(sub); j++ {
		if s[j] == sub[i] {
			i++
		}
	}
	return i == len(sub)
}
