package policy

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"html"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/markup"
	"github.com/plinth-ssg/plinth/generator/site"
)

var (
	css     = []byte("body{color:#212b32}")
	js      = []byte("document.body.classList.add('js-enabled')")
	sri384  = "sha384-" + b64(sha512.Sum384(css))
	sriJS   = "sha384-" + b64(sha512.Sum384(js))
	sri256  = "sha256-" + b64(sha256.Sum256(css))
	wrong   = "sha384-" + b64(sha512.Sum384([]byte("something else")))
	cssLink = `<link rel="stylesheet" href="/assets/main.css" integrity="` + sri384 + `">`
)

func b64[T [32]byte | [48]byte](sum T) string {
	var b []byte
	switch s := any(sum).(type) {
	case [32]byte:
		b = s[:]
	case [48]byte:
		b = s[:]
	}
	return base64.StdEncoding.EncodeToString(b)
}

// page wraps body markup in a minimal page.
func page(head, body string) string {
	return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n" + head + "\n</head>\n<body>\n" + body + "\n</body>\n</html>\n"
}

func TestCheckHTML(t *testing.T) {
	tests := []struct {
		name string
		html string
		// want holds one substring per expected diagnostic, in order; nil
		// means the page passes.
		want []string
	}{
		{"clean page", page(cssLink+`<script src="../assets/main.js" integrity="`+sriJS+`" defer></script>`,
			`<a href="https://www.nhs.uk/">NHS website</a><img src="/assets/logo.svg" alt="Logo"><img src="data:image/png;base64,AA==" alt="">`+
				`<form action="/search/" method="get"></form><script type="application/json" id="chart-data">{"a":1}</script>`), nil},
		{"inline script", page(cssLink, `<script>alert(1)</script>`), []string{"<script> is an inline script (built file guide/index.html, line 7, column 1)"}},
		{"function in a data island", page(cssLink, `<script type="application/json" id="chart-x-options">{"tooltip":{"formatter":"__f__function(p){return p}__f__"}}</script>`),
			[]string{"a JSON data island holds go-echarts' function marker __f__, JavaScript waiting to be run (built file guide/index.html, line 7, column 79)"}},
		{"inline module script", page(cssLink, `<script type="module">import "x"</script>`), []string{`<script type="module"> is an inline script`}},
		{"event handler", page(cssLink, `<button onclick="go()">Go</button>`), []string{`<button onclick="go()"> is an inline event handler`}},
		{"javascript URL", page(cssLink, `<a href="javascript:void(0)">x</a>`), []string{"javascript: URL"}},
		{"style attribute", page(cssLink, `<p style="color:red">x</p>`), []string{`<p style="color:red"> has an inline style attribute (built file guide/index.html, line 7, column 4)`}},
		{"style element", page(cssLink+`<style>p{}</style>`, ``), []string{"a <style> element"}},
		{"remote script", page(cssLink, `<script src="https://cdn.example.com/x.js" integrity="sha384-x"></script>`),
			[]string{`<script src="https://cdn.example.com/x.js"> loads a file from another website`}},
		{"protocol-relative image", page(cssLink, `<img src="//img.example.com/a.png" alt="">`), []string{`<img src="//img.example.com/a.png">`}},
		{"remote srcset", page(cssLink, `<img src="a.png" srcset="a.png 1x, https://x.example/b.png 2x" alt="">`), []string{`srcset="https://x.example/b.png"`}},
		{"remote stylesheet", page(`<link rel="stylesheet" href="https://fonts.example.com/css">`, ``), []string{`<link href="https://fonts.example.com/css">`}},
		{"remote icon", page(cssLink+`<link rel="icon" href="https://x.example/favicon.ico">`, ``), []string{"favicon.ico"}},
		{"remote form", page(cssLink, `<form action="https://x.example/search"></form>`), []string{`<form action="https://x.example/search">`}},
		{"canonical and links are not loads", page(cssLink+`<link rel="canonical" href="https://quality.example.org/">`, `<a href="http://example.com">x</a>`), nil},
		{"stylesheet without integrity", page(`<link rel="stylesheet" href="/assets/main.css">`, ``), []string{"has no integrity attribute"}},
		{"script without integrity", page(cssLink, `<script src="/assets/main.js"></script>`), []string{"has no integrity attribute"}},
		{"wrong integrity", page(`<link rel="stylesheet" href="/assets/main.css" integrity="`+wrong+`">`, ``), []string{"does not match the file /assets/main.css"}},
		{"weaker hash ignored when stronger given", page(`<link rel="stylesheet" href="/assets/main.css" integrity="`+sri256+` `+wrong+`">`, ``), []string{"does not match"}},
		{"sha256 alone accepted", page(`<link rel="stylesheet" href="/assets/main.css" integrity="`+sri256+`">`, ``), nil},
		{"any of several values", page(`<link rel="stylesheet" href="/assets/main.css" integrity="`+wrong+` `+sri384+`">`, ``), nil},
		{"unknown file left to linkcheck", page(`<link rel="stylesheet" href="/assets/gone.css" integrity="`+wrong+`">`, ``), nil},
		{"several problems", page(cssLink, `<p style="x">a</p><script>b</script>`), []string{"inline style", "inline script"}},
		// Attribute names are read in any case, and values decoded.
		{"style attribute in capitals", page(cssLink, `<p STYLE="color:red">x</p>`), []string{"has an inline style attribute"}},
		{"event handler in capitals", page(cssLink, `<button OnClick="go()">Go</button>`), []string{"is an inline event handler"}},
		{"javascript URL written with a reference", page(cssLink, `<a href="javascript&colon;void(0)">x</a>`), []string{"javascript: URL"}},
		{"remote image written with references", page(cssLink, `<img src="https:&sol;&sol;img.example.com/a.png" alt="">`), []string{"loads a file from another website"}},
		{"icons and Open Graph addresses are not loads", page(cssLink+`<meta property="og:url" content="https://quality.example.org/">`,
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1"/></svg>`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := []site.File{
				{Path: "assets/main.css", Data: css},
				{Path: "assets/main.js", Data: js},
				{Path: "guide/index.html", Data: []byte(tt.html), Source: "content/guide.md"},
			}
			diags := Check(files, Options{BasePath: "/"})
			if len(diags) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(diags), len(tt.want), diags.Err())
			}
			for i, d := range diags {
				if !strings.Contains(d.Msg, tt.want[i]) {
					t.Errorf("diagnostic %d = %q, want it to contain %q", i, d.Msg, tt.want[i])
				}
				if d.Pos.File != "content/guide.md" {
					t.Errorf("diagnostic %d is at %q, want the page's source content/guide.md", i, d.Pos.File)
				}
				if !strings.Contains(d.Msg, "guide/index.html") || d.Hint == "" {
					t.Errorf("diagnostic %d does not name the output file or lacks a hint: %v", i, d)
				}
			}
		})
	}
}

// TestRepeatedProblem checks that a layout's mistake, repeated on every page
// it renders, is reported once with a count.
func TestRepeatedProblem(t *testing.T) {
	bad := []byte(page(cssLink, `<div style="margin:0">x</div>`))
	files := []site.File{{Path: "assets/main.css", Data: css}}
	for _, p := range []string{"a/index.html", "b/index.html", "c/index.html"} {
		files = append(files, site.File{Path: p, Data: bad, Source: "content/" + p[:1] + ".md"})
	}
	files = append(files, site.File{Path: "sitemap/index.html", Data: bad}) // generated: no source
	diags := Check(files, Options{})
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags.Err())
	}
	d := diags[0]
	if d.Pos.File != "content/a.md" || !strings.Contains(d.Msg, "(built file a/index.html, line 7, column 6; also in 3 other files)") {
		t.Errorf("got %s: %s", d.Pos, d.Msg)
	}
}

func TestGeneratedFileNamedByOutput(t *testing.T) {
	files := []site.File{{Path: "404.html", Data: []byte(page(``, `<script>x</script>`))}}
	diags := Check(files, Options{})
	if len(diags) != 1 || diags[0].Pos.File != "404.html" {
		t.Fatalf("want one diagnostic at 404.html, got %v", diags)
	}
}

func TestCheckCSS(t *testing.T) {
	tests := []struct {
		css  string
		want int
	}{
		{`body{background:url(/img/a.png)} .b{background:url("../media/b.svg")}`, 0},
		{`@font-face{src:url("https://fonts.example.com/f.woff2")}`, 1},
		{`@import "//cdn.example.com/x.css"; .a{background:url('http://x.example/a.png')}`, 2},
		{`.a{background:url(data:image/svg+xml;base64,AA==)}`, 0},
	}
	for _, tt := range tests {
		files := []site.File{{Path: "css/site.css", Data: []byte(tt.css), Source: "static/css/site.css"}}
		diags := Check(files, Options{})
		if len(diags) != tt.want {
			t.Errorf("%s: %d diagnostics, want %d: %v", tt.css, len(diags), tt.want, diags.Err())
		}
	}
}

func TestResolve(t *testing.T) {
	files := map[string][]byte{"assets/a.css": css, "guide/index.html": nil}
	tests := []struct {
		base, from, u string
		ok            bool
	}{
		{"/", "x/index.html", "/assets/a.css", true},
		{"/", "x/index.html", "../assets/a.css?v=1#x", true},
		{"/quality/", "x/index.html", "/quality/assets/a.css", true},
		{"/quality/", "x/index.html", "/assets/a.css", false},
		{"/", "index.html", "guide/", true},
		{"/", "index.html", "https://example.org/assets/a.css", false},
		{"/", "index.html", "data:text/css,x", false},
	}
	for _, tt := range tests {
		lookup := func(p string) ([]byte, bool) { data, ok := files[p]; return data, ok }
		if _, ok := resolve(lookup, tt.base, tt.from, tt.u); ok != tt.ok {
			t.Errorf("resolve(%q, %q, %q) = %v, want %v", tt.base, tt.from, tt.u, ok, tt.ok)
		}
	}
}

func FuzzScanHTML(f *testing.F) {
	f.Add([]byte(page(cssLink, `<p style="a">x</p><script>y</script><img src="//x" alt="">`)))
	f.Add([]byte(`<scr<script src=x integrity=`))
	f.Add([]byte(`<a href="javascript:x" onclick=y style>`))
	f.Add([]byte(`<a HREF="javascript&colon;x" ONCLICK=y STYLE><svg xmlns="http://www.w3.org/2000/svg"><use xlink:href="//x"/></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		found, claims := scanHTML(data)
		// The fast filter must never hide what the full check of every
		// tag finds.
		if all, allClaims := scanHTMLUnfiltered(data); len(all) != len(found) || len(allClaims) != len(claims) {
			t.Fatalf("filtered check found %d problems and %d claims, the full check %d and %d", len(found), len(claims), len(all), len(allClaims))
		}
		for _, c := range claims {
			found = append(found, c.wrong())
		}
		for _, fd := range found {
			if fd.offset < 0 || fd.offset > len(data) {
				t.Fatalf("offset %d outside the %d-byte input", fd.offset, len(data))
			}
			if w := fd.what.Value(); w.msg == "" || w.hint == "" {
				t.Fatalf("finding without message or hint: %+v", fd)
			}
		}
	})
}

// scanHTMLUnfiltered is scanHTML with every start tag given the full
// check, as if suspectTag and suspectAttr said yes to all.
func scanHTMLUnfiltered(data []byte) ([]finding, []claim) {
	var (
		found  []finding
		claims []claim
	)
	markup.Each(data, markup.HTML, func(t *markup.Token) {
		if t.Kind != markup.StartTag && t.Kind != markup.SelfClosingTag {
			return
		}
		tg := tag{name: string(bytes.ToLower(t.Name)), raw: string(t.Raw), start: t.Start}
		for _, a := range t.Attrs {
			tg.attrs = append(tg.attrs, attr{key: string(bytes.ToLower(a.Key)), val: html.UnescapeString(string(a.Val))})
		}
		f, c := tg.check()
		found, claims = append(found, f...), append(claims, c...)
	})
	return found, claims
}

// TestSuspectFilter checks the fast filter against the full check: every
// attribute the full check reports must pass the filter.
func TestSuspectFilter(t *testing.T) {
	cases := []struct{ key, val string }{
		{"style", "color:red"}, {"onclick", "x()"}, {"href", "JavaScript:alert(1)"}, {"src", "https://cdn.example/x.js"},
		{"srcset", "a.png 1x, //cdn.example/b.png 2x"}, {"href", " javascript:void(0)"}, {"action", "http://evil.example/"},
		{"STYLE", "color:red"}, {"OnClick", "x()"}, {"HREF", "//cdn.example/x"}, {"href", "javascript&colon;x"},
		{"src", "https:&sol;&sol;cdn.example/x.js"}, {"xlin\u212a:href", "//cdn.example/x"},
	}
	for _, c := range cases {
		if !suspectAttr([]byte(c.key), []byte(c.val)) {
			t.Errorf("%s=%q passed the filter", c.key, c.val)
		}
	}
	for _, c := range []struct{ key, val string }{{"href", "/quality/strategy/"}, {"class", "nhsuk-card"}, {"id", "maincontent"},
		{"xmlns", "http://www.w3.org/2000/svg"}, {"content", "https://quality.example.org/"}, {"class", "javascript:x"}} {
		if suspectAttr([]byte(c.key), []byte(c.val)) {
			t.Errorf("%s=%q is not suspect", c.key, c.val)
		}
	}
}
