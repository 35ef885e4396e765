// Package linkcheck checks, before anything is published, that every
// internal link and every #fragment in the built site resolves: each href and
// src in every HTML file must name a file of the output, and each fragment an
// element ID in that file. A failure names the page, the link and the source
// file that produced it, and fails the build.
//
// External links are not fetched during a build (builds use no network);
// External lists them for `plinth check --external`.
package linkcheck

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Site describes where the output will be served.
type Site struct {
	// Origin is "https://example.org" and BasePath "/quality/": together
	// the base URL. Absolute links to this origin under BasePath are
	// checked like relative ones.
	Origin   string
	BasePath string
	// Sources maps a source file to its text, so that a broken link can be
	// reported at its line and column when the source contains it.
	Sources func(file string) *diag.Source
	// Shared are sources of links that appear on many pages (site.toml,
	// whose menu URLs every page shows): a broken link found in none of a
	// page's own source but in one of these is reported there, once.
	Shared []*diag.Source
	// Cache, if not nil, keeps scanned files between checks.
	Cache *Cache
}

// Link is an external link and the pages that use it.
type Link struct {
	URL   string
	Pages []string
}

// File is one output file as the link check sees it.
type File struct {
	Path, Source string
	// Page is what the file links to and its IDs; nil for files other
	// than HTML.
	Page *Page
}

// Reads reports whether the link check reads the file at path: HTML
// files only.
func Reads(name string) bool { return strings.HasSuffix(name, ".html") }

// Check checks every internal link of files, reading each HTML file on
// its own.
func Check(files []site.File, s Site) diag.List {
	in := make([]File, len(files))
	parallel.For(len(files), func(i int) {
		f := files[i]
		in[i] = File{Path: f.Path, Source: f.Source}
		if Reads(f.Path) {
			if s.Cache != nil {
				in[i].Page = s.Cache.page(f)
			} else {
				in[i].Page = Read(f.Data)
			}
		}
	})
	return CheckFiles(in, s)
}

// CheckFiles checks every internal link of files, whose pages are already
// read. With s.Cache, a file whose *Page is the one of the last check is
// checked again only if a file its links lead to changed or disappeared,
// or it had problems.
func CheckFiles(files []File, s Site) diag.List {
	if s.Cache != nil {
		return s.Cache.check(files, s)
	}
	byPath := make(map[string]int, len(files))
	for i, f := range files {
		byPath[f.Path] = i
	}
	pages := make([]*Page, len(files))
	for i, f := range files {
		pages[i] = f.Page
	}
	results := make([]result, len(files))
	parallel.For(len(files), func(i int) {
		results[i] = checkFile(files[i], s, byPath, pages)
	})
	var out diag.List
	for _, r := range results {
		out.Append(r.diags)
	}
	return onceEach(out)
}

// onceEach reports a broken link found on many pages at the same place of
// a shared source (a menu URL in site.toml) once, saying on how many
// pages.
func onceEach(l diag.List) diag.List {
	type key struct {
		pos  diag.Pos
		link string
	}
	count := map[key]int{}
	var out diag.List
	for _, d := range l {
		link, _, shared := strings.Cut(d.Msg, sharedMark)
		if !shared {
			out = append(out, d)
			continue
		}
		k := key{d.Pos, link}
		if count[k]++; count[k] == 1 {
			out = append(out, d)
		}
	}
	for i, d := range out {
		link, _, _ := strings.Cut(d.Msg, sharedMark)
		if n := count[key{d.Pos, link}]; n > 1 {
			out[i].Msg = strings.TrimSuffix(d.Msg, ")") + fmt.Sprintf(" and %d other pages)", n-1)
		}
	}
	return out
}

// sharedMark starts the page named in the message of a broken link found in
// a shared source.
const sharedMark = " (on "

// result is the outcome of checking one file: its problems and the output
// files its links lead to (for incremental checks).
type result struct {
	diags   diag.List
	targets []string
}

func checkFile(f File, s Site, byPath map[string]int, pages []*Page) result {
	var r result
	pg := f.Page
	if pg == nil {
		return r
	}
	broken := 0
	// Each URL is checked once: a page of a few links looks back along
	// them, a page of many keeps a set. (By value: the same URL is
	// almost always the same pointer, but not always, see URLs.)
	var seen map[string]bool
	if len(pg.links) > 32 {
		seen = make(map[string]bool, len(pg.links))
	}
	for i, link := range pg.links {
		if seen != nil {
			if seen[*link] {
				continue
			}
			seen[*link] = true
		} else if slices.ContainsFunc(pg.links[:i], func(l *string) bool { return l == link || *l == *link }) {
			continue
		}
		problem, target := check(f.Path, *link, s, byPath, pages)
		if target != "" && target != f.Path {
			r.targets = append(r.targets, target)
		}
		if problem != "" {
			if broken++; broken <= maxBroken {
				r.diags.Add(report(f, pg.ref(i, link), problem, s))
			}
		}
	}
	if extra := broken - maxBroken; extra > 0 {
		file := f.Source
		if file == "" {
			file = f.Path
		}
		r.diags.Add(diag.Errorf(diag.Pos{File: file}, "%d more broken links in %s (the first %d are reported each at its place)", extra, f.Path, maxBroken).
			WithHint("fix the links reported above and build again to see the rest"))
	}
	return r
}

// maxBroken is how many broken links of one output file are reported one
// by one. Each is looked for in its source file to give its line, which
// costs the file's length, so a page of 10,000 links to anchors it does
// not have took seconds to report problems of which only the first 50 are
// printed; the rest are counted in one error after them.
const maxBroken = 100

// check returns why url, found in the output file from, does not resolve
// (or ""), and the output file it leads to (or "").
func check(from, raw string, s Site, byPath map[string]int, pages []*Page) (string, string) {
	u, ok := parsePlain(raw)
	if !ok {
		parsed, err := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			return fmt.Sprintf("%q is not a valid URL", raw), ""
		}
		u = *parsed
	}
	switch {
	case u.Scheme == "javascript":
		return "javascript: links are not allowed", ""
	case u.Scheme != "" || u.Host != "":
		if u.Scheme+"://"+u.Host != s.Origin || !strings.HasPrefix(u.Path, s.BasePath) {
			return "", "" // another site: see External
		}
	case raw == "":
		return "the link is empty", ""
	case u.Path == "" && u.Fragment == unsafeMark:
		// html/template writes #ZgotmplZ in place of an address it will
		// not put in a link (javascript:, data:, vbscript:, or a value
		// that is not text): the cause is the value, not a missing id.
		return "a layout put an address here that is not safe in a link (one starting javascript:, data: or vbscript:, or a value that is not text), so it was replaced by #ZgotmplZ", ""
	}
	target := from
	if u.Path != "" {
		abs := u.Path
		if !strings.HasPrefix(abs, "/") {
			abs = path.Join(s.BasePath+path.Dir(from), abs)
			if strings.HasSuffix(u.Path, "/") {
				abs += "/"
			}
		}
		rel, ok := strings.CutPrefix(abs, s.BasePath)
		if !ok && abs+"/" != s.BasePath {
			return fmt.Sprintf("%s is outside the site's base path %s", abs, s.BasePath), ""
		}
		target = resolve(rel, byPath)
		if target == "" {
			return fmt.Sprintf("%s does not exist in the built site", abs), ""
		}
	}
	if u.Fragment == "" || u.Fragment == "top" && u.Path == "" {
		return "", target
	}
	p := pages[byPath[target]]
	if p == nil {
		return "", target // fragments into non-HTML files (PDF pages) are not checked
	}
	if !p.Has(u.Fragment) {
		if target == from {
			return fmt.Sprintf("there is no element with id %q on this page", u.Fragment), target
		}
		return fmt.Sprintf("there is no element with id %q on %s", u.Fragment, target), target
	}
	return "", target
}

// parsePlain parses the URLs most links are, a path and perhaps a
// fragment made of letters, digits and "-._~/" alone ("/guidance/",
// "../a/#culture"), as url.Parse would, without allocating; it reports
// false for anything else, which url.Parse then reads.
func parsePlain(raw string) (url.URL, bool) {
	p, frag, hasFrag := strings.Cut(raw, "#")
	if strings.HasPrefix(p, "//") || !plainURL(p) || !plainURL(frag) || hasFrag && strings.Contains(frag, "/") {
		return url.URL{}, false
	}
	return url.URL{Path: p, Fragment: frag}, true
}

// plainURL reports whether s is made of the characters parsePlain reads.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~', c == '/':
		default:
			return false
		}
	}
	return true
}

// resolve maps a path below the base path to an output file, the way a
// static host does: "a/" and "a" serve a/index.html.
func resolve(rel string, byPath map[string]int) string {
	rel = strings.TrimPrefix(rel, "/")
	if _, ok := byPath[rel]; ok && rel != "" {
		return rel
	}
	// The names are made only when needed: most links name a folder,
	// whose index.html is the second.
	index := strings.TrimSuffix(rel, "/") + "/index.html"
	if _, ok := byPath[index]; ok {
		return index
	}
	if _, ok := byPath[rel+"index.html"]; ok {
		return rel + "index.html"
	}
	return ""
}

func report(f File, r ref, problem string, s Site) diag.Diagnostic {
	msg := fmt.Sprintf("broken link in %s: %s %q: %s", f.Path, r.attr, r.url(), problem)
	var own *diag.Source
	if s.Sources != nil && f.Source != "" {
		own = s.Sources(f.Source)
	}
	if own == nil || locate(own.Text, r.url(), s.BasePath) < 0 {
		for _, src := range s.Shared {
			if off := locate(src.Text, r.url(), s.BasePath); off >= 0 {
				pos := src.Pos(off)
				return diag.Errorf(pos, "broken link: %s %q: %s%s%s)", r.attr, r.url(), problem, sharedMark, f.Path).
					WithSourceLine(src).
					WithHint("fix the address here; every page that shows it has the broken link")
			}
		}
	}
	if r.url() == "#"+unsafeMark {
		return unsafeValue(f, own, msg)
	}
	if f.Source == "" {
		return diag.Errorf(diag.Pos{File: f.Path}, "%s", msg).WithHint("the link comes from a generated file; check the layouts")
	}
	d := diag.Errorf(diag.Pos{File: f.Source}, "%s", msg)
	if s.Sources != nil {
		if src := s.Sources(f.Source); src != nil {
			if off := locate(src.Text, r.url(), s.BasePath); off >= 0 {
				d.Pos = src.Pos(off)
				d = d.WithSourceLine(src)
				return d.WithHint("fix the address here; links to other pages are best written as paths to their content files, like ../strategy/culture.md")
			}
		}
	}
	return d.WithHint("the link is not written in this file as it appears on the page, so it probably comes from a layout; check the layouts that render this page")
}

// locate finds where a link was written in its source file: as it appears,
// or without the base path that relURL added.
func locate(text []byte, link, basePath string) int {
	candidates := []string{link, "/" + strings.TrimPrefix(link, basePath)}
	if i := strings.IndexByte(link, '#'); i >= 0 {
		candidates = append(candidates, link[i:])
	}
	for _, c := range candidates {
		if c == "" || c == "/" {
			continue
		}
		if i := bytes.Index(text, []byte(c)); i >= 0 { // not string(text): a copy of the file for each link
			return i
		}
	}
	return -1
}

// External returns the links to other sites, each with the pages that use
// it, sorted by URL.
func External(files []site.File, s Site) []Link {
	uses := map[string][]string{}
	for _, f := range files {
		if !Reads(f.Path) {
			continue
		}
		for _, r := range Read(f.Data).refs() {
			u, err := url.Parse(r.url())
			if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "") {
				continue
			}
			if u.Scheme+"://"+u.Host == s.Origin && strings.HasPrefix(u.Path, s.BasePath) {
				continue
			}
			if !slices.Contains(uses[r.url()], f.Path) {
				uses[r.url()] = append(uses[r.url()], f.Path)
			}
		}
	}
	var out []Link
	for u, pages := range uses {
		slices.Sort(pages)
		out = append(out, Link{URL: u, Pages: pages})
	}
	slices.SortFunc(out, func(a, b Link) int { return strings.Compare(a.URL, b.URL) })
	return out
}

// unsafeMark is what html/template writes in place of an address it will
// not put in a link.
const unsafeMark = "ZgotmplZ"

// unsafeSchemes start the addresses html/template refuses in a link.
var unsafeSchemes = []string{"javascript:", "vbscript:", "data:"}

// unsafeValue reports a link html/template refused: at the refused value
// in the page's own file when it is written there (a front matter value a
// layout puts in href or src), else at the page, pointing at the layouts.
func unsafeValue(f File, own *diag.Source, msg string) diag.Diagnostic {
	if own != nil {
		lower := strings.ToLower(string(own.Text))
		best := -1
		// The value starts a quoted TOML string ("javascript:…"): prose
		// that says "data:" is not it.
		for _, scheme := range unsafeSchemes {
			for _, quote := range []string{`"`, `'`} {
				if i := strings.Index(lower, quote+scheme); i >= 0 && (best < 0 || i+1 < best) {
					best = i + 1
				}
			}
		}
		if best >= 0 {
			pos := own.Pos(best)
			return diag.Errorf(pos, "%s", msg).WithSourceLine(own).
				WithHint("a layout uses this value as a link; write a page's address (like /guidance/induction/) or a web address starting https:")
		}
	}
	file := f.Source
	if file == "" {
		file = f.Path
	}
	return diag.Errorf(diag.Pos{File: file}, "%s", msg).
		WithHint("check the values the layouts put in href and src for this page; a link may be a page's address, https:, mailto: or tel:")
}
