package harness

import (
	"net/http"
	"strings"
	"testing"
)

func TestParseHeaders(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		wantRules int
		wantDiags []string // each diagnostic's "file:line:col" prefix, in order
		check     func(t *testing.T, rs HeaderRules)
	}{
		{
			name:      "two rules with comments and blank lines",
			text:      "# production headers\n/*\n  Content-Security-Policy: default-src 'none'\n  x-content-type-options: nosniff\n\n/assets/*\n\tCache-Control: public, max-age=31536000\n",
			wantRules: 2,
			check: func(t *testing.T, rs HeaderRules) {
				if got := rs[0].Header.Get("Content-Security-Policy"); got != "default-src 'none'" {
					t.Errorf("CSP = %q", got)
				}
				if got := rs[0].Header.Get("X-Content-Type-Options"); got != "nosniff" {
					t.Errorf("header names must be canonicalised; X-Content-Type-Options = %q", got)
				}
				if rs[1].Pattern != "/assets/*" || rs[1].Line != 6 {
					t.Errorf("second rule = %q at line %d, want /assets/* at line 6", rs[1].Pattern, rs[1].Line)
				}
			},
		},
		{
			name:      "a value may contain colons",
			text:      "/*\n  Link: <https://example.org/>; rel=preconnect\n",
			wantRules: 1,
			check: func(t *testing.T, rs HeaderRules) {
				if got := rs[0].Header.Get("Link"); got != "<https://example.org/>; rel=preconnect" {
					t.Errorf("Link = %q", got)
				}
			},
		},
		{
			name:      "CRLF line endings",
			text:      "/*\r\n  X-Frame-Options: DENY\r\n",
			wantRules: 1,
			check: func(t *testing.T, rs HeaderRules) {
				if got := rs[0].Header.Get("X-Frame-Options"); got != "DENY" {
					t.Errorf("X-Frame-Options = %q", got)
				}
			},
		},
		{
			name:      "every bad line is reported, good lines still parse",
			text:      "  X-Early: 1\n/*\n  no colon here\n  X-Good: yes\nassets/*\n/a b\n  Bad Name: x\n",
			wantRules: 1,
			wantDiags: []string{"_headers:1:3", "_headers:3:3", "_headers:5:1", "_headers:6:1", "_headers:7:3"},
			check: func(t *testing.T, rs HeaderRules) {
				if got := rs[0].Header.Get("X-Good"); got != "yes" {
					t.Errorf("X-Good = %q", got)
				}
			},
		},
		{name: "empty file", text: "", wantRules: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, diags := ParseHeaders("_headers", []byte(tt.text))
			if len(rs) != tt.wantRules {
				t.Fatalf("got %d rules, want %d", len(rs), tt.wantRules)
			}
			if len(diags) != len(tt.wantDiags) {
				t.Fatalf("got %d diagnostics, want %d: %v", len(diags), len(tt.wantDiags), diags)
			}
			for i, d := range diags {
				if !strings.HasPrefix(d.Error(), tt.wantDiags[i]+": ") {
					t.Errorf("diagnostic %d = %q, want it at %s", i, d.Error(), tt.wantDiags[i])
				}
				if d.Hint == "" || d.LineText == "" {
					t.Errorf("diagnostic %d lacks a hint or the offending line: %+v", i, d)
				}
			}
			if tt.check != nil {
				tt.check(t, rs)
			}
		})
	}
}

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/a/b/c.html", true},
		{"/", "/", true},
		{"/", "/a", false},
		{"/assets/*", "/assets/site.css", true},
		{"/assets/*", "/assets/", true},
		{"/assets/*", "/assets", true},
		{"/assets/*", "/other/site.css", false},
		{"/standards/:edition/index.html", "/standards/2024/index.html", true},
		{"/standards/:edition/index.html", "/standards//index.html", false},
		{"/standards/:edition/index.html", "/standards/2024/x/index.html", false},
		{"/about.html", "/about.html", true},
		{"/about.html", "/About.html", false},
		{"/a/*/c", "/a/*/c", true},
	}
	for _, tt := range tests {
		if got := matchPattern(tt.pattern, tt.path); got != tt.want {
			t.Errorf("matchPattern(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func TestHeaderRulesApplyAccumulates(t *testing.T) {
	rs, diags := ParseHeaders("_headers", []byte("/*\n  Content-Security-Policy: default-src 'self'\n/print/*\n  Content-Security-Policy: img-src 'none'\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	h := http.Header{}
	rs.Apply(h, "/print/a.html")
	if got := h.Values("Content-Security-Policy"); len(got) != 2 {
		t.Errorf("both policies must be sent (browsers enforce all of them), got %q", got)
	}
}

// FuzzParseHeaders checks that any input parses without panicking, that
// every rule is a path, and that every diagnostic points into the file.
func FuzzParseHeaders(f *testing.F) {
	f.Add("/*\n  Content-Security-Policy: default-src 'none'\n")
	f.Add("  X: 1\n/a b\n/:x/*\n\t: \n")
	f.Add("\r\n/\r\n \r\n")
	f.Fuzz(func(t *testing.T, text string) {
		rs, diags := ParseHeaders("_headers", []byte(text))
		lines := strings.Count(text, "\n") + 1
		for _, r := range rs {
			if !strings.HasPrefix(r.Pattern, "/") || r.Line < 1 || r.Line > lines {
				t.Errorf("bad rule %+v", r)
			}
		}
		for _, d := range diags {
			if d.Pos.File != "_headers" || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 1 {
				t.Errorf("diagnostic outside the file: %v", d)
			}
		}
	})
}
