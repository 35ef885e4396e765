package render

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/plinth-ssg/plinth/generator/site"
)

// contents is one page's render state for Context.Contents: whether the
// layout asked for the page's "On this page" headings, what it was given,
// and, on a second pass, the headings found in the first pass's output.
type contents struct {
	asked  bool
	given  []site.Heading
	second bool
	found  []site.Heading
}

// Contents returns the level-2 headings for the page's "On this page"
// list (the NHS.UK contents list), or nothing when the page has fewer
// than [contents] minHeadings of them (site.toml; 3 by default).
//
// The headings are those of the page as readers see it, layout included:
// the h2 elements with an id inside <main>. A page written in Markdown
// whose layout adds none has its body's headings at once; a page that a
// feature generates (a "what changed" page, an action-plan page) or whose
// layout adds headings of its own is rendered a second time, with the
// headings found in the first rendering.
func (c Context) Contents() []site.Heading {
	hs := c.Page.HeadingsAt(2)
	if c.contents != nil && c.contents.second {
		hs = c.contents.found
	}
	if len(hs) < c.Site.Config.Contents.MinHeadings {
		hs = nil
	}
	if c.contents != nil {
		c.contents.asked = true
		c.contents.given = hs
	}
	return hs
}

// needsSecondPass reports whether a page rendered to out gave its layout
// other contents than its headings: then it is rendered again with them.
func (st *contents) needsSecondPass(out []byte, min int) bool {
	if !st.asked {
		return false
	}
	found := outputHeadings(out)
	if len(found) < min {
		found = nil
	}
	if slices.Equal(found, st.given) {
		return false
	}
	st.second, st.found = true, found
	return true
}

// outputHeadings returns the h2 elements with an id inside the page's
// <main>, with their text as a reader sees it.
func outputHeadings(out []byte) []site.Heading {
	start := bytes.Index(out, []byte("<main"))
	if start < 0 {
		return nil
	}
	end := bytes.LastIndex(out, []byte("</main>"))
	if end < start {
		end = len(out)
	}
	main := out[start:end]
	// A start tag named h2 begins with "<h2" in either case, so once as
	// many h2 start tags as there are such places have been read and the
	// last heading has ended, no heading can follow: the rest of <main>
	// (the end of the body, the page's dates, tags and links) need not be
	// read. Such a place inside a comment or a script is no start tag, and
	// then the whole of <main> is read, as before.
	left := countH2(main)
	if left == 0 {
		return nil
	}
	z := html.NewTokenizer(bytes.NewReader(main))
	var (
		hs   []site.Heading
		in   bool
		id   string
		text strings.Builder
	)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return hs
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if atom.Lookup(name) != atom.H2 {
				continue
			}
			in, id = true, ""
			left--
			text.Reset()
			for hasAttr {
				var key, val []byte
				key, val, hasAttr = z.TagAttr()
				if string(key) == "id" {
					id = string(val)
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); in && atom.Lookup(name) == atom.H2 {
				in = false
				if title := strings.Join(strings.Fields(text.String()), " "); id != "" && title != "" {
					hs = append(hs, site.Heading{Level: 2, ID: id, Title: title})
				}
				if left == 0 {
					return hs
				}
			}
		case html.TextToken:
			if in {
				text.Write(z.Text())
			}
		}
	}
}

// countH2 counts the places in b where an h2 start tag could begin: "<h2"
// in either case.
func countH2(b []byte) int {
	n := 0
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 || i+3 > len(b) {
			return n
		}
		if (b[i+1] == 'h' || b[i+1] == 'H') && b[i+2] == '2' {
			n++
		}
		b = b[i+1:]
	}
}
