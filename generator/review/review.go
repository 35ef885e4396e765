// Package review finds the work editors have left undone in the pages a
// build publishes, and the pages whose review is coming up.
//
// Check warns about a page that still holds the sentences its archetype
// gave it ("Write one sentence saying what this guidance helps providers
// do.") and about a next_review date that has passed, each at its line and
// column. Due lists the pages whose next review falls due soon, for
// `plinth check --due`.
//
// Pages that ask search engines not to index them (the pages of a
// superseded or draft edition, generated lists) are not reviewed any more,
// so neither function reports them. The stage only adds warnings: nothing
// here stops a build.
package review

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/archetype"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options are what Check needs besides the pages.
type Options struct {
	// Now is the day of the build: a next_review before it has passed.
	Now time.Time
	// FS is the site folder and Archetypes its archetypes folders, the
	// site's own first, as `plinth new` reads them.
	FS         fs.FS
	Archetypes []string
	// Placeholders, if not nil, keeps the placeholder sentences of the
	// archetype of each page file (by its path in content/) from one
	// Check to the next, for `plinth serve`: making them renders the
	// archetype twice. The caller empties it when the archetypes folders
	// or their names change.
	Placeholders map[string][]string
}

// Check returns a warning for each placeholder sentence still in a page
// and for each page whose next_review date has passed.
func Check(pages []*site.Page, opts Options) diag.List {
	var l diag.List
	today := day(opts.Now)
	placeholders := map[string][]string{} // archetype candidates → sentences
	for _, p := range reviewed(pages) {
		rel := strings.TrimPrefix(p.File, "content/")
		key := strings.Join(archetype.Candidates(rel), " ")
		texts, seen := placeholders[key]
		if !seen {
			// An archetype that does not render cannot have made the
			// page; plinth new reports its error to whoever uses it.
			var kept bool
			if texts, kept = opts.Placeholders[rel]; !kept {
				texts, _, _ = archetype.Placeholders(opts.FS, opts.Archetypes, rel)
				if opts.Placeholders != nil {
					opts.Placeholders[rel] = texts
				}
			}
			placeholders[key] = texts
		}
		for _, text := range texts {
			if at := bytes.Index(p.Source.Text, []byte(text)); at >= 0 {
				pos := p.Source.Pos(at)
				l.Add(diag.Warningf(pos, "this is the archetype's placeholder text, not the page's own: %q", text).
					WithLine(p.Source.Line(pos.Line)).
					WithHint("replace it with your own words; plinth new put it there as an instruction"))
			}
		}
		if p.NextReview.IsSet() && p.NextReview.Before(today) && p.Front != nil && p.Front.Has("next_review") {
			pos := p.Front.ValuePos("next_review")
			l.Add(diag.Warningf(pos, "this page was due for review on %s, which has passed", p.NextReview.Format("2 January 2006")).
				WithLine(p.Source.Line(pos.Line)).
				WithHint("check the page is still right, then set reviewed to the day you checked it and next_review to the day of the next review, like next_review = %s", today.AddDate(1, 0, 0).Format("2006-01-02")))
		}
	}
	return l
}

// Page is a page whose review falls due soon, for `plinth check --due`.
type Page struct {
	// Pos is where the due date is written (next_review, else reviewed)
	// or, when it comes from git, the file alone.
	Pos   diag.Pos
	Title string
	URL   string
	Due   site.Date
	// Overdue reports that the day has passed.
	Overdue bool
}

// Due returns the published pages whose next review falls due on or
// before until, overdue ones included, soonest first. The due date is the
// one a page shows as "Next review due": next_review, else the last review
// plus the site's review period.
func Due(pages []*site.Page, now, until time.Time) []Page {
	today := day(now)
	var out []Page
	for _, p := range reviewed(pages) {
		due := p.NextReviewDue
		if !due.IsSet() || due.After(day(until)) {
			continue
		}
		pos := diag.Pos{File: p.File}
		for _, key := range []string{"next_review", "reviewed"} {
			if p.Front != nil && p.Front.Has(key) {
				pos = p.Front.ValuePos(key)
				break
			}
		}
		out = append(out, Page{Pos: pos, Title: p.Title, URL: p.URL, Due: due, Overdue: due.Before(today)})
	}
	slices.SortStableFunc(out, func(a, b Page) int {
		if c := a.Due.Compare(b.Due.Time); c != 0 {
			return c
		}
		return a.Pos.Compare(b.Pos)
	})
	return out
}

// reviewed returns the pages an editor maintains: published content files
// that search engines may index, in file order.
func reviewed(pages []*site.Page) []*site.Page {
	var out []*site.Page
	for _, p := range pages {
		if p.File == "" || p.Source == nil || p.NoIndex || path.Ext(p.File) != ".md" {
			continue
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *site.Page) int { return strings.Compare(a.File, b.File) })
	return out
}

// day returns the calendar day of t, as dates from front matter are.
func day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
