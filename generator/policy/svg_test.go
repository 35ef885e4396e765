package policy

import (
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestCheckSVG: an SVG image is held to the rules of a page, and refused
// when it cannot be checked; ordinary images from editors pass.
func TestCheckSVG(t *testing.T) {
	const open = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`
	tests := []struct {
		name, svg, want string // want: the diagnostic, or "" for none
	}{
		{"plain image", open + `<defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="stroke:#000"/><use href="#g"/><image href="photo.png"/></svg>`, ""},
		{"Inkscape's extras", `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" sodipodi:docname="logo.svg"><style>.a{fill:red}</style><a href="https://www.nhs.uk/"><text>NHS</text></a><image href="data:image/png;base64,iVBOR"/></svg>`, ""},
		{"script", open + "\n<script>alert(1)</script></svg>",
			"static/logo.svg:2:1: this SVG image holds a <script>, which runs when the image is opened on its own (built file logo.svg, line 2, column 1)"},
		{"script in a namespace", `<svg xmlns="http://www.w3.org/2000/svg"><x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script></svg>`,
			"static/logo.svg:1:41: this SVG image holds a <script>, which runs when the image is opened on its own (built file logo.svg, line 1, column 41)"},
		{"event handler", open + `<rect onload="alert(1)"/></svg>`,
			`static/logo.svg:1:104: <rect onload="alert(1)"> in an SVG image is an event handler, which runs a script (built file logo.svg, line 1, column 104)`},
		{"javascript link", open + `<a xlink:href=" JavaScript:alert(1)"><text>x</text></a></svg>`,
			`static/logo.svg:1:104: <a href=" JavaScript:alert(1)"> in an SVG image is a javascript: address (built file logo.svg, line 1, column 104)`},
		{"animation that sets a link", open + `<a><set attributeName="href" to="javascript:alert(1)"/></a></svg>`,
			`static/logo.svg:1:107: <set attributeName="href"> in an SVG image changes href, which could run a script (built file logo.svg, line 1, column 107)
static/logo.svg:1:107: <set to="javascript:alert(1)"> in an SVG image is a javascript: address (built file logo.svg, line 1, column 107)`},
		{"foreign object", open + `<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>`,
			"static/logo.svg:1:104: this SVG image holds a <foreignObject>, which can carry a web page with scripts (built file logo.svg, line 1, column 104)"},
		{"image from another website", open + `<image href="https://tracker.example/p.png"/></svg>`,
			`static/logo.svg:1:104: <image href="https://tracker.example/p.png"> in an SVG image loads a file from another website or by an absolute address (built file logo.svg, line 1, column 104)`},
		{"protocol-relative by backslash", open + `<image href="\\tracker.example/p.png"/></svg>`,
			`static/logo.svg:1:104: <image href="\\\\tracker.example/p.png"> in an SVG image loads a file from another website or by an absolute address (built file logo.svg, line 1, column 104)`},
		{"font from another website", open + `<style>@import "https://fonts.example/a.css";</style></svg>`,
			`static/logo.svg:1:111: this SVG image's <style> loads https://fonts.example/a.css (built file logo.svg, line 1, column 111)`},
		{"style attribute", open + `<rect style="fill:url(https://x.example/a.svg#p)"/></svg>`,
			`static/logo.svg:1:104: <rect style="fill:url(https://x.example/a.svg#p)"> in an SVG image loads a file from another website (built file logo.svg, line 1, column 104)`},
		{"entities", `<!DOCTYPE svg [<!ENTITY x "javascript:">]><svg/>`,
			"static/logo.svg:1:1: this SVG image declares entities in its <!DOCTYPE>, which could hide a script or an address from the check (built file logo.svg, line 1, column 1)"},
		{"not XML", "<svg><script>if (a < b) x()</script></svg>",
			"static/logo.svg:1:6: this SVG image holds a <script>, which runs when the image is opened on its own (built file logo.svg, line 1, column 6)\n" +
				"static/logo.svg:1:20: this SVG image is not well-formed XML (expected element name after <), so it cannot be checked (built file logo.svg, line 1, column 20)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := Check([]site.File{{Path: "logo.svg", Data: []byte(tt.svg), Source: "static/logo.svg"}}, Options{})
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// FuzzScanSVG: any bytes are checked without a panic, and every finding
// points inside the file.
func FuzzScanSVG(f *testing.F) {
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>`))
	f.Add([]byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>`))
	f.Add([]byte(`<svg><style>@import url(//x)</style><a href="javascript:x"/></svg>`))
	f.Add([]byte("<svg"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fd := range scanSVG(data) {
			if fd.offset < 0 || fd.offset > len(data) {
				t.Fatalf("finding at %d in %d bytes: %+v", fd.offset, len(data), fd)
			}
		}
	})
}
