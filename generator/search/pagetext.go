package search

import (
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// PageText is a page's words as the index reads them: the text of its
// headings apart from the rest of its running text, since a word in a
// heading weighs more in the ranking. Both are plain text with single
// spaces between words.
type PageText struct {
	Headings string
	Body     string
}

// TextSource gives the index each page's text. It is the one place where
// the index receives what a page says: the default reads the page's
// rendered Markdown (ContentText); a pipeline that already reads every
// output file may hand over the text it found instead. It is called for
// every indexed page, from several goroutines at once.
type TextSource func(p *site.Page) PageText

// ContentText reads each page's text from its Content, the HTML that the
// Markdown stage made of its body (Extract). With a cache, a page whose
// Content is unchanged since the last build is not read again.
func ContentText(cache *Cache) TextSource {
	return func(p *site.Page) PageText {
		return cache.extract(strings.TrimPrefix(p.URL, "/"), string(p.Content))
	}
}
