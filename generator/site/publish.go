package site

import (
	"fmt"
	"time"
)

// Publish is the rule that decides which pages a build publishes: drafts
// only with --drafts, pages whose publishDate is still to come only with
// --future, and never a page whose expiryDate has passed or that a feature
// withheld. Assemble applies it to every page; features that list pages
// before assembly (the framework's guidance links, the "You said, we did"
// section) ask it too, so that they never list a page that will not be
// published. It lives in the model because every one of those stages needs
// it and none may import another's.
type Publish struct {
	// Drafts includes pages marked draft (--drafts).
	Drafts bool
	// Future includes pages whose publishDate is after Now (--future).
	Future bool
	// Now decides whether a publishDate has come or an expiryDate passed.
	Now time.Time
}

// Excludes returns why the page itself is left out of the site (a draft,
// withheld by a feature, a publishDate to come, an expiryDate passed), or ""
// if it is published as far as its own front matter goes. Assembly also
// leaves out everything under a draft or withheld section.
func (r Publish) Excludes(p *Page) string {
	switch {
	case p.Withheld != "":
		return p.Withheld
	case p.Draft && !r.Drafts:
		return "it is a draft (draft = true); build with --drafts to preview it"
	case p.PublishDate.IsSet() && p.PublishDate.After(r.Now) && !r.Future:
		return fmt.Sprintf("its publishDate (%s) has not come yet; build with --future to preview it", p.PublishDate.Format("2006-01-02"))
	case p.ExpiryDate.IsSet() && !p.ExpiryDate.After(r.Now):
		return fmt.Sprintf("it expired on %s (expiryDate)", p.ExpiryDate.Format("2006-01-02"))
	}
	return ""
}
