package bundle

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPruneCSS: a rule is dropped only when every selector of its list
// needs a class no page carries; a dead selector is taken out of a list
// only when every browser parses it; at-rules are kept, and grouping ones
// pruned inside.
func TestPruneCSS(t *testing.T) {
	live := map[string]bool{"a": true, "b": true, ":focus": false}
	may := func(c string) bool { return live[c] }
	for _, tc := range []struct{ name, in, want string }{
		{"live rule kept", ".a{color:red}", ".a{color:red}"},
		{"dead rule dropped", ".a{color:red}.x{color:blue}", ".a{color:red}"},
		{"elements and attributes are no proof", "p{x:1}[class^=x]{x:2}#x{x:3}", "p{x:1}[class^=x]{x:2}#x{x:3}"},
		{"a dead compound kills the selector", ".a .x{x:1}.a>.x{x:2}.a.x{x:3}", ""},
		{"classes under :not or :has are no proof", ".a:not(.x){x:1}.a:has(.x){x:2}", ".a:not(.x){x:1}.a:has(.x){x:2}"},
		{"dead selector taken out of a list", ".a,.x,p{x:1}", ".a,p{x:1}"},
		{"dead selector Chromium cannot parse stays", ".a,.x::-ms-clear{x:1}", ".a,.x::-ms-clear{x:1}"},
		{"dead :focus-visible selector stays", ".a,.x:focus-visible{x:1}", ".a,.x:focus-visible{x:1}"},
		{"dead CSS 3 selector goes", ".a,.x:hover:not(:focus)::before{x:1}", ".a{x:1}"},
		{"dead :not of two goes only to a whole rule", ".a,.x:not(.a.b){x:1}", ".a,.x:not(.a.b){x:1}"},
		{"every selector dead, whatever the syntax", ".x::-ms-clear,.y:has(p){x:1}", ""},
		{"escaped class", `.\:focus{x:1}.a:not(.\:focus){x:2}`, `.a:not(.\:focus){x:2}`},
		{"media pruned inside", "@media (min-width:40em){.a{x:1}.x{x:2}}", "@media (min-width:40em){.a{x:1}}"},
		{"empty media dropped", "@media print{.x{x:1}}.a{x:1}", ".a{x:1}"},
		{"nested grouping", "@supports (display:grid){@media print{.x{x:1}}.b{x:1}}", "@supports (display:grid){.b{x:1}}"},
		{"layer kept when empty", "@layer base{.x{x:1}}", "@layer base{}"},
		{"other at-rules kept", `@charset "UTF-8";@font-face{font-family:x;src:url(x.woff2)}@keyframes k{0%{x:1}}:root{--c:red}`, `@charset "UTF-8";@font-face{font-family:x;src:url(x.woff2)}@keyframes k{0%{x:1}}:root{--c:red}`},
		{"strings and comments", `/*! legal .x{} */.a[title="}{"]{content:"}"}.x{content:"{"}`, `/*! legal .x{} */.a[title="}{"]{content:"}"}`},
		{"unclosed block kept", ".a{x:1", ".a{x:1"},
		{"whitespace between rules", ".a { x: 1 }\n.x { x: 2 }\n", ".a { x: 1 }\n\n"},
		{"list with spaces", ".a, .x, p { x: 1 }", ".a,p{ x: 1 }"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pruneCSS(tc.in, may); got != tc.want {
				t.Errorf("pruneCSS(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestRequiredClasses: the classes a selector needs are those outside
// brackets, with escapes decoded.
func TestRequiredClasses(t *testing.T) {
	for in, want := range map[string][]string{
		".a .b>.c":                  {"a", "b", "c"},
		".a:not(.b)":                {"a"},
		"a[href$='.pdf']":           nil,
		`.\31 0,.nhsuk-u-1\/2`:      {"10", "nhsuk-u-1/2"},
		".a::before":                {"a"},
		"div:nth-child(2n+1).a.b":   {"a", "b"},
		".nhsuk-card--care--urgent": {"nhsuk-card--care--urgent"},
	} {
		if got := requiredClasses(in); !slices.Equal(got, want) {
			t.Errorf("requiredClasses(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestUniversal: only selectors every browser parses are universal.
func TestUniversal(t *testing.T) {
	for sel, want := range map[string]bool{
		".a .b > .c + p ~ *":           true,
		"a:hover:not(:focus)::after":   true,
		"li:nth-child(2n+1)":           true,
		"li:nth-child(odd)":            true,
		"[type=search]":                true,
		`[class^="nhsuk-heading"]`:     true,
		"[type=search i]":              false,
		".a:not(.b .c)":                false,
		".a:not(.b.c)":                 false,
		".a:is(.b)":                    false,
		".a:has(.b)":                   false,
		".a:focus-visible":             false,
		".a::-webkit-details-marker":   false,
		".a::placeholder":              false,
		":-ms-input-placeholder":       false,
		"li:nth-child(2 of .a)":        false,
		"& .a":                         false,
		`.\:focus:not(:focus)::before`: true,
	} {
		if got := universal(sel); got != want {
			t.Errorf("universal(%q) = %t, want %t", sel, got, want)
		}
	}
}

// TestHashedName: a pruned stylesheet's name carries a hash of its bytes,
// in esbuild's form.
func TestHashedName(t *testing.T) {
	a, b := hashedName("assets/css/main.6SGSUMO2.css", []byte("a")), hashedName("assets/css/main.6SGSUMO2.css", []byte("b"))
	if a == b || len(a) != len("assets/css/main.6SGSUMO2.css") || a[:16] != "assets/css/main." || a[len(a)-4:] != ".css" {
		t.Errorf("hashedName gave %q and %q", a, b)
	}
}

// TestPruneAfterCache: what pages may carry is read on every build, after
// the disk cache: a layout or a heading bringing a package's class keeps
// its rule even when the bundle itself comes from the cache, and the
// stylesheet is then the one a build without a cache makes.
func TestPruneAfterCache(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, dir string, o *Options)
	}{
		{"a layout", func(t *testing.T, dir string, _ *Options) {
			if err := os.WriteFile(filepath.Join(dir, "themes", "test", "layouts", "page.html"), []byte(`<p class="fakepkg-unused">`), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a heading", func(_ *testing.T, _ string, o *Options) { o.ContentClasses = []string{"fakepkg-unused"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, cacheDir, before, _ := storedBundle(t)
			if strings.Contains(fileData(t, before, "css/main.css"), "fakepkg-unused") {
				t.Fatal("the rule is there before the edit, so this case tests nothing")
			}
			edit := func(o *Options) { tc.edit(t, dir, o) }
			after := cachedBuild(t, dir, cacheDir, edit)
			if !after.Cached {
				t.Error("the bundle was made again, though no file esbuild reads changed")
			}
			if css := fileData(t, after, "css/main.css"); !strings.Contains(css, ".fakepkg-unused{") {
				t.Errorf("the rule for the class pages now carry is still left out:\n%s", css)
			}
			sameBundle(t, after, cachedBuild(t, dir, "", edit))
		})
	}
}
