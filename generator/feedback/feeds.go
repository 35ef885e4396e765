package feedback

import (
	"fmt"
	"strings"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/feed"
	"github.com/plinth-ssg/plinth/generator/site"
)

// feedFile is the name of every feed, in the folder of the page it
// belongs to.
const feedFile = "feed.xml"

// feeds writes the Atom feed of every entry and one for each region with
// entries. Entry IDs are the entries' permanent addresses, which come from
// their IDs in the data file: rebuilding, or changing an entry's text or
// status, keeps the ID, so feed readers update the entry instead of
// showing it twice. Each file's Source is the data file, so that the
// identifier scan of the built site points there.
func feeds(cfg *config.Config, f *Feedback, source string) ([]site.File, error) {
	abs := func(u string) string { return cfg.BaseURL + strings.TrimPrefix(u, "/") }
	subtitle := "What learners told us about their placements, what was done about it, and what changed."
	if f.Sample {
		subtitle += " These entries are sample content."
	}
	all := feed.Feed{
		ID: abs(f.Feed), Self: abs(f.Feed), Link: abs(f.URL),
		Title:    cfg.Title + ": You said, we did",
		Subtitle: subtitle,
		Author:   cfg.Title,
		Entries:  feedEntries(f.Entries, abs),
		// Before the first entry is published, the section page's date.
		Fallback: f.Page.Date.Time,
	}
	out := []feedFileSpec{{f.Feed, all}}
	for _, v := range f.Facet(FacetRegion).Values {
		out = append(out, feedFileSpec{v.Feed, feed.Feed{
			ID: abs(v.Feed), Self: abs(v.Feed), Link: abs(v.URL),
			Title:    fmt.Sprintf("%s: You said, we did: %s", cfg.Title, v.Name),
			Subtitle: subtitle,
			Author:   cfg.Title,
			Entries:  feedEntries(v.Entries, abs),
		}})
	}
	var files []site.File
	for _, o := range out {
		data, err := o.feed.Atom(cfg.LanguageCode)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.url, err)
		}
		files = append(files, site.File{Path: strings.TrimPrefix(o.url, "/"), Data: data, Source: source})
	}
	return files, nil
}

type feedFileSpec struct {
	url  string
	feed feed.Feed
}

// feedEntries turns entries into feed entries. The summary is plain text:
// the Atom writer escapes it.
func feedEntries(entries []*Entry, abs func(string) string) []feed.Entry {
	out := make([]feed.Entry, 0, len(entries))
	for _, e := range entries {
		summary := "You said: " + e.LearnersSaid + " We did: " + e.WeDid
		if e.Outcome != "" {
			summary += " What changed: " + e.Outcome
		}
		summary += " Status: " + strings.ToLower(e.Status.Name) + "."
		cats := []string{e.Region.Name}
		for _, p := range e.Professions {
			cats = append(cats, p.Name)
		}
		cats = append(cats, e.Theme.Name, e.Status.Name)
		out = append(out, feed.Entry{
			ID: abs(e.URL), Link: abs(e.URL),
			Title:      e.ID + ": " + e.Title,
			Summary:    summary,
			Updated:    e.Updated.Time,
			Published:  e.Published.Time,
			Categories: cats,
		})
	}
	return out
}
