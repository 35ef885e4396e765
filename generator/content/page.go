package content

import (
	"fmt"
	"hash/maphash"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/slug"
	"github.com/plinth-ssg/plinth/generator/source"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// bodySeed makes Page.BodySum comparable across builds in one process.
var bodySeed = maphash.MakeSeed()

// loadPage reads one Markdown file. It returns nil when the file is unusable
// (unreadable, not UTF-8, broken front matter); every problem found is in
// the list either way.
func loadPage(fsys fs.FS, file string, opts Options) (*site.Page, diag.List) {
	data, err := source.ReadText(fsys, file)
	if err != nil {
		return nil, diag.List{source.Problem(fsys, file, err)}
	}
	src := diag.NewSource(file, data)
	if d, bad := source.NotUTF8(src, 0, len(data)); bad {
		return nil, diag.List{d}
	}
	parts, serr := Split(data)
	if serr != nil {
		return nil, diag.List{src.Errorf(serr.Offset, "%s", serr.Msg).WithHint("%s", serr.Hint)}
	}
	if off, quotes, open := OpenString(data[parts.FrontStart:parts.FrontEnd]); parts.HasFront && open {
		end := src.Pos(parts.FrontEnd).Line
		return nil, diag.List{src.Errorf(parts.FrontStart+off, "the text that starts here with %s is still open at line %d, where the +++ line ends the settings", quotes, end).
			WithHint("a line holding only +++ always ends the settings, even inside %s text. Close the text with %s before line %d; if the text itself needs a line of +++, put a space before the +++", quotes, quotes, end)}
	}

	rel := strings.TrimPrefix(file, Dir+"/")
	p := &site.Page{File: file, Source: src, Body: data[parts.BodyStart:], BodyOffset: parts.BodyStart}
	p.BodySum = maphash.Bytes(bodySeed, p.Body)
	dir := path.Dir(rel)
	if dir == "." {
		dir = ""
	}
	switch stem := Stem(rel); stem {
	case "_index":
		p.Kind, p.Path = site.KindSection, dir
		if dir == "" {
			p.Kind = site.KindHome
		}
	case "index":
		p.Kind, p.Path, p.Bundle = site.KindPage, dir, true
	default:
		p.Kind, p.Path = site.KindPage, path.Join(dir, stem)
	}
	if p.Path == "" && p.Kind == site.KindPage {
		// content/index.md would claim the home page's address.
		return nil, diag.List{diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "the home page is content/_index.md, not content/index.md").
			WithHint("rename this file to _index.md")}
	}
	p.Section, _, _ = strings.Cut(p.Path, "/")
	p.Type = p.Section

	var extra any
	for _, schema := range opts.Schemas {
		if extra = schema(rel); extra != nil {
			break
		}
	}
	var diags diag.List
	if parts.HasFront {
		targets := []any{}
		if extra != nil {
			targets = append(targets, extra)
		}
		var front site.FrontMatter
		doc, d := tomldecode.Decode(src, parts.FrontStart, parts.FrontEnd, &front, targets...)
		diags.Append(d)
		if doc == nil {
			return nil, diags
		}
		p.SetFrontMatter(front)
		p.Front = doc
		if strings.TrimSpace(p.Title) == "" {
			diags.Add(titleMissing(src, doc.Start(), doc.Has("title")))
		}
		diags.Append(checkLengths(doc, p.Title, p.Description))
		diags.Append(checkCharacters(doc, p.Title, p.Description, p.Tags))
		diags.Append(checkDateOrder(doc, front))
		diags.Append(checkAliases(doc, p.Aliases))
		diags.Append(checkTags(doc, p.Tags))
	} else {
		diags.Add(diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "this file has no front matter, so the page has no title").
			WithLine(src.Line(1)).
			WithHint("start the file with three lines:\n+++\ntitle = \"The page's title\"\n+++"))
	}
	p.Extra = extra
	if diags.HasErrors() {
		return nil, diags
	}
	if opts.FrontOnly && len(p.Body) > 0 && !readsBody(extra) {
		src.Keep(parts.BodyStart)
		p.Body = nil
	}
	return p, diags
}

// readsBody reports whether the feature whose front matter extra is
// reads the page's text as it builds, before ReadBodies: a feature that
// does not say otherwise (site.BodyUser) is taken to.
func readsBody(extra any) bool {
	if extra == nil {
		return false
	}
	u, ok := extra.(site.BodyUser)
	return !ok || u.UsesBody()
}

func titleMissing(src *diag.Source, at diag.Pos, present bool) diag.Diagnostic {
	msg := "the page has no title"
	if present {
		msg = "the page's title is empty"
	}
	return src.At(at, "%s", msg).WithHint(`add a line such as title = "Learner wellbeing" between the +++ lines`)
}

// MaxTitle and MaxDescription are the most characters a page's title and
// description may have. GOV.UK's style keeps a title within 65 characters
// and a description within 160; one of thousands is a paste gone wrong
// (the page's text in its title), and since a title is repeated on every
// page that lists or links the page, in the search index and in the feeds,
// a title of 5 MB made a build allocate 2 GB.
const (
	MaxTitle       = 250
	MaxDescription = 1000
	// MaxTag is the most characters of a tag, and MaxTags the most tags
	// of a page (see checkTags).
	MaxTag  = 100
	MaxTags = 50
	// MaxAliases is the most old addresses of one page. Each becomes a
	// redirect page and a line of _redirects: a page of 100,000 aliases,
	// a paste gone wrong, made as many pages.
	MaxAliases = 100
)

// checkLengths refuses a title or description far longer than any real
// one, at its value.
func checkLengths(doc *tomldecode.Doc, title, description string) diag.List {
	var l diag.List
	if n := utf8.RuneCountInString(title); n > MaxTitle {
		l.Add(doc.Errorf([]string{"title"}, "the title is %d characters long; a title may have at most %d", n, MaxTitle).
			WithHint("a title names the page in a few words (GOV.UK keeps titles within 65 characters); put the rest in description or in the page's text"))
	}
	if n := utf8.RuneCountInString(description); n > MaxDescription {
		l.Add(doc.Errorf([]string{"description"}, "the description is %d characters long; a description may have at most %d", n, MaxDescription).
			WithHint("a description sums the page up in a sentence or two (GOV.UK keeps them within 160 characters), for search results and lists of pages; put the rest in the page's text"))
	}
	return l
}

// checkCharacters refuses control characters (written as escapes such as
// \u0000 or \u001b, since TOML refuses them written raw) and the
// bidirectional embeddings and overrides (U+202A to U+202E) in the title,
// description and tags, and a line break in the title. None has a place
// in text a reader sees: a control character is an error in HTML, and an
// override turns the rest of the line backwards, in the page, the
// browser's tab and the search results. (The isolates, U+2066 to U+2069,
// and the marks that right-to-left text needs are left alone.)
func checkCharacters(doc *tomldecode.Doc, title, description string, tags []string) diag.List {
	var l diag.List
	check := func(path []string, what, s string, lineBreaks bool) {
		for _, r := range s {
			if (r == '\n' || r == '\r') && !lineBreaks {
				l.Add(doc.Errorf(path, "the %s has a line break; it must be one line", what).
					WithHint(`write it between "double quotes" on one line`))
				return
			}
			if diag.Garbles(r) {
				l.Add(doc.Errorf(path, "the %s has the invisible character %U, which would garble it on the page", what, r).
					WithHint("delete it (it often comes with text pasted from another program, or written as an escape such as \\u%04x)", r))
				return
			}
		}
	}
	check([]string{"title"}, "title", title, false)
	check([]string{"description"}, "description", description, true)
	for i, t := range tags {
		check([]string{"tags", strconv.Itoa(i)}, "tag", t, false)
	}
	return l
}

// checkDateOrder refuses dates in an order that cannot be meant: a page
// that expires before it is dated or published (it was left out of the
// site without a word), or a next review before the last one. Each is
// most likely two dates swapped, or a mistyped year.
func checkDateOrder(doc *tomldecode.Doc, f site.FrontMatter) diag.List {
	var l diag.List
	day := func(d site.Date) string { return d.Format("2006-01-02") }
	for _, earlier := range []struct {
		key  string
		date site.Date
	}{{"publishDate", f.PublishDate}, {"date", f.Date}} {
		if f.ExpiryDate.IsSet() && earlier.date.IsSet() && f.ExpiryDate.Before(earlier.date.Time) {
			l.Add(doc.Errorf([]string{"expiryDate"}, "the page expires on %s, before its %s (%s), so it would never be published", day(f.ExpiryDate), earlier.key, day(earlier.date)).
				WithHint("expiryDate is the day the page leaves the site; check the two dates are not swapped"))
			break
		}
	}
	if f.NextReview.IsSet() && f.Reviewed.IsSet() && f.NextReview.Before(f.Reviewed.Time) {
		l.Add(doc.Errorf([]string{"next_review"}, "the next review (%s) is before the last one (reviewed = %s)", day(f.NextReview), day(f.Reviewed)).
			WithHint("reviewed is the day the page was last checked and next_review the day it is due again; check the two dates are not swapped"))
	}
	return l
}

// checkTags rejects tags without a letter or digit ("", "!!!"): a tag's
// page is named by its letters and digits, so such a tag has none, and
// layouts linked it as "/tags//", reported as a broken link on the page.
//
// A tag is a topic in a few words and each has a page of its own, whose
// address is made of the tag: a tag of 100,000 characters failed only
// when the site was written ("cannot write tags/xxx…", with the hint for
// a folder the build may not write to), and a page of 5,000 tags, a paste
// gone wrong, made 5,000 pages.
func checkTags(doc *tomldecode.Doc, tags []string) diag.List {
	var l diag.List
	if len(tags) > MaxTags {
		l.Add(doc.Errorf([]string{"tags", strconv.Itoa(MaxTags)}, "the page has %d tags; a page may have at most %d", len(tags), MaxTags).
			WithHint("tags are the few topics a page is about, like tags = [\"wellbeing\", \"induction\"]"))
		return l
	}
	for i, t := range tags {
		if n := utf8.RuneCountInString(t); n > MaxTag {
			l.Add(doc.Errorf([]string{"tags", strconv.Itoa(i)}, "this tag is %d characters long; a tag may have at most %d", n, MaxTag).
				WithHint(`a tag is a topic in a few words, like tags = ["wellbeing", "induction"]`))
			continue
		}
		if slug.Make(t) == "" {
			l.Add(doc.Errorf([]string{"tags", strconv.Itoa(i)}, "the tag %q has no letters or digits, so it cannot have a page", t).
				WithHint(`a tag is a topic in words, like tags = ["wellbeing", "induction"]`))
		}
	}
	return l
}

// checkAliases rejects alias paths that could escape the output folder or
// are not paths at all. Aliases are old addresses of the page that should
// redirect to it, such as "/quality-strategy/culture/".
func checkAliases(doc *tomldecode.Doc, aliases []string) diag.List {
	var l diag.List
	if len(aliases) > MaxAliases {
		l.Add(doc.Errorf([]string{"aliases", strconv.Itoa(MaxAliases)}, "the page has %d aliases; a page may have at most %d", len(aliases), MaxAliases).
			WithHint(`an alias is an old address of this page on this site, like aliases = ["/old-name/"]; a page has one for each time it moved`))
		return l
	}
	for i, a := range aliases {
		if problem := CheckAlias(a); problem != "" {
			l.Add(doc.Errorf([]string{"aliases", strconv.Itoa(i)}, "the alias %q %s", a, problem).
				WithHint(`an alias is an old address of this page on this site, like aliases = ["/old-name/"]`))
		}
	}
	return l
}

// CheckAlias returns why a is not a usable alias path, or "". An alias is
// a path on this site, made of letters, digits, "-", "_", ".", "~" and
// single slashes: it becomes a folder of the published site, a line of
// _redirects (where a space, "*" or ":" has a meaning of its own) and an
// address in a redirect page, so nothing that could leave the site (".."
// in any spelling, "//host", a backslash), name another site, or need
// escaping in a URL or in HTML is let through.
func CheckAlias(a string) string {
	switch {
	case a == "":
		return "is empty"
	case !strings.HasPrefix(a, "/"):
		return "must start with /"
	case strings.HasPrefix(a, "//"):
		return "starts with //, which a browser reads as the address of another website"
	case strings.Contains(a, "://"):
		return "is a full web address; an alias is a path on this site"
	case a == "/":
		return "is the home page's address"
	}
	for _, r := range a {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("/-_.~", r):
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			// An old address in another script ("/café/") works as it is.
		case r == '%':
			return "contains %, a character written as a code (like %20 or %2e); write the character itself: aliases are matched as written"
		case r == '?' || r == '#':
			return "must be a path on this site, without a query (?) or fragment (#)"
		case r == '\\':
			return "contains a backslash; addresses use / between their parts"
		case unicode.IsSpace(r):
			return "contains a space; an address has none (use - between words)"
		case !unicode.IsPrint(r):
			return fmt.Sprintf("contains the invisible or control character %U, which could disguise the address", r)
		default:
			return fmt.Sprintf("contains the character %c; an alias may have only letters, digits, -, _, . and ~ between its slashes", r)
		}
	}
	for _, seg := range strings.Split(strings.Trim(a, "/"), "/") {
		switch {
		case seg == "":
			return "has an empty segment (//)"
		case seg == "." || seg == "..":
			return "contains . or .. segments, which could point outside the site"
		case len(seg) > site.MaxSegment:
			return fmt.Sprintf("has a part %d characters long; a part of an address may have at most %d", len(seg), site.MaxSegment)
		case site.WindowsName(seg) != "":
			return "has a part that " + site.WindowsName(seg)
		}
	}
	return ""
}
