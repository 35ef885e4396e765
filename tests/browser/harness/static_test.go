package harness

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheckStaticHTML(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string // "rule@line:col" of each finding, in document order
	}{
		{name: "clean page", html: `<!DOCTYPE html>
<html lang="en-GB"><head><script src="assets/site.js" defer></script>
<link rel="stylesheet" href="/assets/site.css"><link rel="canonical" href="https://example.org/quality/">
</head><body><a href="https://www.nhs.uk/">NHS website</a><img src="a.svg" alt="">
<script type="application/json" id="chart-1">{"a":"</p>"}</script>
<script type=" Application/JSON ">{}</script></body></html>`},
		{name: "inline script", html: "<p>x</p>\n  <script>alert(1)</script>", want: []string{"static/inline-script@2:3"}},
		{name: "module script without src", html: `<script type="module">import x from "./x.js"</script>`, want: []string{"static/inline-script@1:1"}},
		{name: "event handler and javascript URL", html: `<button type="button" onclick="go()">Go</button><a href=" JavaScript:void(0)">x</a>`,
			want: []string{"static/inline-script@1:23", "static/inline-script@1:52"}},
		{name: "style attribute", html: "<div>\n<p class=\"a\" style=\"color: red\">x</p></div>", want: []string{"static/inline-style@2:14"}},
		{name: "STYLE attribute in capitals", html: `<p STYLE="color: red">x</p>`, want: []string{"static/inline-style@1:4"}},
		{name: "style element", html: "<style>p{}</style>", want: []string{"static/inline-style@1:1"}},
		{name: "external script", html: `<script src="https://cdn.example.org/echarts.js"></script>`, want: []string{"static/external-resource@1:9"}},
		{name: "protocol-relative stylesheet", html: `<link href="//fonts.example.org/css" rel="stylesheet">`, want: []string{"static/external-resource@1:7"}},
		{name: "preloaded font", html: `<link rel="preload" as="font" href="http://fonts.example.org/f.woff2">`, want: []string{"static/external-resource@1:31"}},
		{name: "image srcset", html: `<img alt="" src="a.png" srcset="a2.png 2x, https://img.example.org/a3.png 3x">`, want: []string{"static/external-resource@1:25"}},
		{name: "video poster", html: `<video src="v.mp4" poster="https://x.example.org/p.jpg"></video>`, want: []string{"static/external-resource@1:20"}},
		{name: "iframe", html: `<iframe src="https://www.youtube.com/embed/x" title="video"></iframe>`, want: []string{"static/external-resource@1:9"}},
		{name: "links to other sites are fine", html: `<a href="https://www.gov.uk/">GOV.UK</a><link rel="alternate" href="https://example.org/feed.xml">`},
		{name: "attribute name inside a value is not mistaken", html: `<p title="style=x" style="a">x</p>`, want: []string{"static/inline-style@1:20"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range CheckStaticHTML("page.html", []byte(tt.html)) {
				if f.Pos.File != "page.html" || f.Msg == "" || f.Hint == "" {
					t.Errorf("incomplete finding %+v", f)
				}
				got = append(got, f.Rule+"@"+strings.TrimPrefix(f.Pos.String(), "page.html:"))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("findings %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCheckStaticCSS(t *testing.T) {
	css := "@import \"https://fonts.example.org/a.css\";\n" +
		"body { background: url(data:image/png;base64,AAAA); }\n" +
		"@font-face { src: url( 'https://fonts.example.org/f.woff2' ) format('woff2'), url(../fonts/f.woff2); }\n" +
		".a { background: url(/img/a.png) }\n"
	var got []string
	for _, f := range CheckStaticCSS("assets/site.css", []byte(css)) {
		got = append(got, f.Pos.String())
	}
	want := "assets/site.css:1:10 assets/site.css:3:25"
	if strings.Join(got, " ") != want {
		t.Errorf("findings at %v, want %s", got, want)
	}
}

func TestCheckStaticSite(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html":      {Data: []byte(`<p style="x">a</p>`)},
		"ok.html":         {Data: []byte(`<p>a</p>`)},
		"assets/site.css": {Data: []byte(`a{background:url(https://x.example.org/a.png)}`)},
		"assets/site.js":  {Data: []byte(`document.body.innerHTML = "<p style='x'>"`)},
	}
	got, err := CheckStaticSite(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got["index.html"]) != 1 || len(got["assets/site.css"]) != 1 {
		t.Errorf("findings by file = %v; want one for index.html and one for assets/site.css", got)
	}
}

// FuzzCheckStaticHTML checks that any input is handled without panicking
// and that every finding points into the file.
func FuzzCheckStaticHTML(f *testing.F) {
	f.Add(`<script>x</script><p style="a" onclick="b">`)
	f.Add(`<img srcset=",, https://a 2x,"><link rel="ICON stylesheet" href="//x">`)
	f.Add("<a\nhref=javascript:x\tstyle>")
	f.Fuzz(func(t *testing.T, html string) {
		lines := strings.Count(html, "\n") + 1
		for _, fd := range CheckStaticHTML("p.html", []byte(html)) {
			if fd.Pos.Line < 1 || fd.Pos.Line > lines || fd.Pos.Col < 1 {
				t.Errorf("finding outside the file: %+v", fd)
			}
		}
	})
}
