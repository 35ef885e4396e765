package policy

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode/utf8"
	"unique"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/markup"
)

// Hints, shared by the findings of each rule.
const (
	hintScript = "the page's markup comes from a layout (layouts/ or themes/<theme>/layouts/): " +
		"move the code into a .js file under assets/ and load it with {{ with asset \"js/main.js\" }}…{{ end }}; " +
		"the Content-Security-Policy (script-src 'self') blocks inline scripts"
	hintStyle = "give the element a class in its layout and put the rule in the theme's CSS under assets/css/; " +
		"the Content-Security-Policy (style-src 'self') blocks inline styles"
	hintExternal = "copy the file into the site (static/ or assets/) and refer to it with relURL; " +
		"pages may load only files the site publishes itself, so readers are not tracked and the policy holds"
	hintIntegrity = "load stylesheets and scripts through the asset function, which gives the URL and integrity: " +
		"{{ with asset \"css/main.css\" }}<link rel=\"stylesheet\" href=\"{{ relURL .URL }}\" integrity=\"{{ .Integrity }}\">{{ end }}"
)

// Reader collects the policy problems of one HTML file from its tokens
// (markup.Each), so that the policy reads the same pass over the file as
// the other checks. What it finds depends on the file's bytes alone: the
// integrity values it meets are checked later, against the files they
// name (Report), which may not have been made yet.
type Reader struct {
	found  []finding
	claims []claim
	island bool // the last start tag opened a JSON data island
}

// Token reads the file's next token.
func (r *Reader) Token(t *markup.Token) {
	island := r.island
	r.island = false
	switch t.Kind {
	case markup.RawText:
		if island {
			r.found = append(r.found, checkIsland(t.Data, t.DataStart)...)
		}
		return
	case markup.StartTag, markup.SelfClosingTag:
	default:
		return
	}
	// Most tags (p, a to another page, div with a class) cannot break
	// the policy; look at their attributes without copying them, and
	// build the full tag only for the few that might.
	keep := suspectTag(t)
	for _, a := range t.Attrs {
		keep = keep || suspectAttr(a.Key, a.Val)
	}
	if !keep {
		return
	}
	tg := tag{name: string(bytes.ToLower(t.Name)), raw: string(t.Raw), start: t.Start}
	for _, a := range t.Attrs {
		tg.attrs = append(tg.attrs, attr{key: string(bytes.ToLower(a.Key)), val: html.UnescapeString(string(a.Val))})
	}
	found, claims := tg.check()
	r.found = append(r.found, found...)
	r.claims = append(r.claims, claims...)
	if typ, _ := tg.get("type"); tg.name == "script" && isJSON(typ) {
		r.island = t.Kind == markup.StartTag
	}
}

// scanHTML reads one HTML file on its own, as a Reader fed by
// markup.Each does.
func scanHTML(data []byte) ([]finding, []claim) {
	var r Reader
	markup.Each(data, markup.HTML, r.Token)
	return r.found, r.claims
}

// funcMarker is what go-echarts wraps JavaScript functions in, for its own
// page renderer to turn into code (opts.FuncOpts).
const funcMarker = "__f__"

// checkIsland reports a JSON data island that carries go-echarts'
// function marker: data meant to become code once a script splices it in,
// which is inline script by another route. Package chart refuses such
// options; this catches a layout that writes its own.
func checkIsland(text []byte, start int) []finding {
	i := bytes.Index(text, []byte(funcMarker))
	if i < 0 {
		return nil
	}
	return []finding{newFinding(ruleInlineScript, start+i, funcMarker,
		"chart options must be data only: build them with package chart, which sets no JavaScript function (types.FuncStr, opts.FuncOpts)",
		"a JSON data island holds go-echarts' function marker "+funcMarker+", JavaScript waiting to be run")}
}

// suspectTag reports whether a tag is checked whatever its attributes.
func suspectTag(t *markup.Token) bool {
	return t.Is("script") || t.Is("style") || t.Is("link")
}

// suspectAttr reports whether an attribute could break the policy: a style
// or event handler, or a value that could name another origin or run
// script. It may say yes too often (the full check then decides), never
// too rarely.
//
// Names are compared ignoring case, as tag.check compares them lower
// cased. Only the attributes tag.check reads can break the policy
// (checkedAttrs): the many others a page holds, such as the xmlns of
// every inline SVG icon or an Open Graph address, name another origin
// harmlessly, and building the full tag for each cost more than every
// other check of the page together. A value with a character reference
// is suspect too, since the full check reads values decoded
// ("javascript&colon;" is "javascript:").
func suspectAttr(key, val []byte) bool {
	if equalFold(key, "style") || len(key) > 2 && lowerASCII(key[0]) == 'o' && lowerASCII(key[1]) == 'n' {
		return true
	}
	if !checkedAttr(key) {
		return false
	}
	return bytes.Contains(val, []byte("//")) || containsFold(val, "script:") || bytes.IndexByte(val, '&') >= 0
}

// checkedAttrs are the attributes besides style and event handlers whose
// values tag.check reads, for any tag: urlAttrs and every name
// resourceAttrs returns. (script, style and link, whose rel, type and
// integrity are read too, are always checked: suspectTag.)
var checkedAttrs = []string{"href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster", "imagesrcset"}

// checkedAttr reports whether key, in any case, is one of checkedAttrs,
// or may be: the full check lowers case with Unicode's rules, by which the
// Kelvin sign is a k.
func checkedAttr(key []byte) bool {
	if slices.ContainsFunc(key, func(c byte) bool { return c >= utf8.RuneSelf }) {
		return true
	}
	for _, k := range checkedAttrs {
		if equalFold(key, k) {
			return true
		}
	}
	return false
}

// equalFold reports whether b is the lower-case ASCII word w, ignoring
// ASCII case, without allocating.
func equalFold(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := range len(w) {
		if lowerASCII(b[i]) != w[i] {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// containsFold reports whether b contains the lower-case ASCII word w,
// ignoring ASCII case, without allocating.
func containsFold(b []byte, w string) bool {
	for i := 0; i+len(w) <= len(b); i++ {
		j := 0
		for ; j < len(w); j++ {
			c := b[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != w[j] {
				break
			}
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// tag is one start tag as written: its name and attribute names in lower
// case, its values decoded.
type tag struct {
	name  string
	attrs []attr
	raw   string
	start int
}

type attr struct{ key, val string }

// get returns the value of an attribute and whether it is present.
func (t tag) get(key string) (string, bool) {
	for _, a := range t.attrs {
		if a.key == key {
			return a.val, true
		}
	}
	return "", false
}

// at returns the offset of attribute key in the file, or of the tag when the
// attribute cannot be found in the raw text.
func (t tag) at(key string) int {
	lower := asciiLower(t.raw)
	for i := 1; i < len(lower); {
		j := strings.Index(lower[i:], key)
		if j < 0 {
			break
		}
		i += j
		end := i + len(key)
		if strings.ContainsRune(" \t\n\r\f", rune(lower[i-1])) && (end == len(lower) || strings.ContainsRune("= \t\n\r\f/>", rune(lower[end]))) {
			return t.start + i
		}
		i = end
	}
	return t.start
}

// check returns the tag's problems, and the integrity value of the
// script or stylesheet it loads, if any, to be checked against the file.
func (t tag) check() ([]finding, []claim) {
	var (
		out    []finding
		claims []claim
	)
	add := func(r rule, offset int, excerpt, hint, format string, args ...any) {
		out = append(out, newFinding(r, offset, excerpt, hint, fmt.Sprintf(format, args...)))
	}
	switch t.name {
	case "script":
		src, hasSrc := t.get("src")
		typ, _ := t.get("type")
		if !hasSrc && !isJSON(typ) {
			opening := shorten(t.raw, 80)
			add(ruleInlineScript, t.start, opening, hintScript, "%s is an inline script", opening)
		}
		if hasSrc && !isRemote(src) {
			out, claims = t.integrity(src, out, claims)
		}
	case "style":
		add(ruleInlineStyle, t.start, "<style>", hintStyle, "a <style> element holds inline styles")
	case "link":
		if href, ok := t.get("href"); ok && t.hasRel("stylesheet") && !isRemote(href) {
			out, claims = t.integrity(href, out, claims)
		}
	}

	for _, a := range t.attrs {
		key := a.key
		switch {
		case key == "style":
			ex := shorten(fmt.Sprintf("<%s style=%q>", t.name, a.val), 80)
			add(ruleInlineStyle, t.at("style"), ex, hintStyle, "%s has an inline style attribute", ex)
		case strings.HasPrefix(key, "on") && len(key) > 2:
			ex := shorten(fmt.Sprintf("<%s %s=%q>", t.name, a.key, a.val), 80)
			add(ruleInlineScript, t.at(key), ex, hintScript, "%s is an inline event handler", ex)
		case urlAttrs[key] && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.val)), "javascript:"):
			ex := shorten(fmt.Sprintf("<%s %s=%q>", t.name, a.key, a.val), 80)
			add(ruleInlineScript, t.at(key), ex, hintScript, "%s is a javascript: URL", ex)
		}
	}

	for _, key := range t.resourceAttrs() {
		val, _ := t.get(key)
		for _, u := range urlsIn(key, val) {
			if isRemote(u) {
				ex := shorten(fmt.Sprintf("<%s %s=%q>", t.name, key, u), 100)
				add(ruleExternal, t.at(key), ex, hintExternal, "%s loads a file from another website, or by an absolute address", ex)
			}
		}
	}
	return out, claims
}

// integrity reports a script or stylesheet without an integrity
// attribute, or notes its value to be checked against the file u.
func (t tag) integrity(u string, found []finding, claims []claim) ([]finding, []claim) {
	ex := shorten(t.raw, 80)
	val, ok := t.get("integrity")
	if !ok || strings.TrimSpace(val) == "" {
		return append(found, newFinding(ruleNoIntegrity, t.start, ex, hintIntegrity,
			fmt.Sprintf("%s has no integrity attribute, so browsers cannot check the file is the one the site published", ex))), claims
	}
	return found, append(claims, claim{vouch: unique.Make(vouch{url: u, value: val, excerpt: ex}), offset: t.at("integrity")})
}

// claim is an integrity value and the file it vouches for, as written in a
// page: the file's bytes are compared with it once every file is made.
// What it says, and its quote, are kept once however many pages make it
// (see finding).
type claim struct {
	vouch  unique.Handle[vouch]
	offset int
	pos    diag.Pos             // set by placed
	quote  unique.Handle[quote] // set by placed, as for a finding
}

// vouch is what a claim says: the URL, the integrity value, and the tag
// that gives them, shortened.
type vouch struct{ url, value, excerpt string }

// wrong is the finding for a claim the file does not match.
func (c claim) wrong() finding {
	v := c.vouch.Value()
	f := newFinding(ruleWrongIntegrity, c.offset, v.excerpt, hintIntegrity,
		fmt.Sprintf("the integrity value of %s does not match the file %s, so browsers would refuse it", v.excerpt, v.url))
	f.pos, f.quote = c.pos, c.quote
	return f
}

// hasRel reports whether the tag's rel attribute holds the keyword.
func (t tag) hasRel(keyword string) bool {
	rel, _ := t.get("rel")
	return slices.Contains(strings.Fields(strings.ToLower(rel)), keyword)
}

// urlAttrs are attributes holding a URL a click or load may run.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "data": true}

// resourceAttrs returns the attributes of the tag that make the browser
// fetch something to show the page (or, for forms, send to).
func (t tag) resourceAttrs() []string {
	switch t.name {
	case "script", "iframe", "frame", "embed", "audio", "track":
		return []string{"src"}
	case "img", "source":
		return []string{"src", "srcset"}
	case "video":
		return []string{"src", "poster"}
	case "object":
		return []string{"data"}
	case "input":
		if typ, _ := t.get("type"); strings.EqualFold(typ, "image") {
			return []string{"src"}
		}
	case "image", "use":
		return []string{"href", "xlink:href"}
	case "form":
		return []string{"action"}
	case "link":
		for _, rel := range fetchingRels {
			if t.hasRel(rel) {
				return []string{"href", "imagesrcset"}
			}
		}
	}
	return nil
}

// fetchingRels are the <link rel> values that make the browser fetch or
// connect; canonical, alternate and the like only name an address.
var fetchingRels = []string{
	"stylesheet", "icon", "apple-touch-icon", "mask-icon", "preload",
	"modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest",
}

// urlsIn splits a srcset into its URLs; other attributes hold one URL.
func urlsIn(key, val string) []string {
	if !strings.HasSuffix(key, "srcset") {
		return []string{val}
	}
	var urls []string
	for cand := range strings.SplitSeq(val, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			urls = append(urls, f[0])
		}
	}
	return urls
}

// isJSON reports whether a script type is JSON data, which browsers do not
// run and the Content-Security-Policy does not block.
func isJSON(typ string) bool {
	typ = strings.ToLower(strings.TrimSpace(typ))
	return typ == "application/json" || typ == "application/ld+json"
}

// asciiLower lowers ASCII letters only, keeping every byte where it was
// (strings.ToLower would turn invalid UTF-8 into three-byte replacement
// characters and shift the offsets).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
