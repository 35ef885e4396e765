package policy

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var cssRefCases = []string{
	`a{background:url(https://fonts.example.com/a.woff)}`,
	`@import "https://cdn.example.com/x.css"; @IMPORT 'b.css'; @import url(c.css);`,
	`b{background:URL( '../media/icon.svg' )} c{width:calc(100% - rgba(0,0,0,.5))}`,
	`url() url( ) url('') url(")x") urlurl(a) xurl(b) @import@import "a"`,
	`u(rl(a) ur(l(b) @impor "x" @import	"tab" @import"none"`,
	`/* url(//example.org/c.png) */ d{src:url(//example.org/d.woff2)format("woff2")}`,
	"\u212a url(k) ſ@import \"s\" İ@İMPORT \"i\"",
}

// TestCSSRefs: cssRefs finds what the regular expression finds.
func TestCSSRefs(t *testing.T) {
	for _, css := range cssRefCases {
		checkCSSRefs(t, css)
	}
	big := strings.Repeat(strings.Join(cssRefCases, "\n"), 50)
	if n := len(checkCSSRefs(t, big)); n == 0 {
		t.Fatal("no references found in the sample stylesheets")
	}
}

var cssRef = regexp.MustCompile(cssRefPattern)

func checkCSSRefs(t *testing.T, css string) [][]int {
	t.Helper()
	got, want := cssRefs([]byte(css)), cssRef.FindAllSubmatchIndex([]byte(css), -1)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("cssRefs(%q) = %v, want %v", css, got, want)
	}
	return got
}

func FuzzCSSRefs(f *testing.F) {
	for _, css := range cssRefCases {
		f.Add(css)
	}
	f.Fuzz(func(t *testing.T, css string) { checkCSSRefs(t, css) })
}

// BenchmarkScanCSS reads a stylesheet of about 300 KB, shaped like the
// shipped theme's (NHS.UK frontend's): rules with calc() and rgba(), and
// icons loaded with url().
func BenchmarkScanCSS(b *testing.B) {
	var css strings.Builder
	for i := 0; css.Len() < 300_000; i++ {
		css.WriteString(".nhsuk-card__link-" + strings.Repeat("x", i%7) + ":focus{outline:4px solid transparent;box-shadow:0 -2px #ffeb3b,0 4px #212b32;width:calc(100% - 32px);color:rgba(33,43,50,.8)}\n")
		if i%40 == 0 {
			css.WriteString(`.nhsuk-icon{background-image:url("../media/nhsuk-icon-cross.LAS4XQ.svg")}` + "\n")
		}
	}
	data := []byte(css.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if f := scanCSS(data); len(f) != 0 {
			b.Fatalf("findings: %v", f)
		}
	}
}
