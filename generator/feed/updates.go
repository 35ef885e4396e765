package feed

import (
	"github.com/plinth-ssg/plinth/generator/site"
)

// UpdatesPath is where the site-wide feed of updates is published.
const UpdatesPath = "feed.xml"

// Updates returns the feed of the site's newest and most recently changed
// pages: every indexable page with a known change date (Page.Modified),
// newest first, at most limit entries. New editions appear through their
// pages.
func Updates(s *site.Site, limit int) Feed {
	f := Feed{
		ID:       s.Config.BaseURL + UpdatesPath,
		Self:     s.Config.BaseURL + UpdatesPath,
		Link:     s.Config.BaseURL,
		Title:    s.Config.Title + ": updates",
		Subtitle: "New and changed pages",
		Author:   s.Config.Title,
		Fallback: s.BuildDate,
	}
	for _, p := range s.Pages {
		if p.NoIndex || p.Canonical != "" || p.Kind == site.Kind404 || !p.Modified.IsSet() {
			continue
		}
		f.Entries = append(f.Entries, Entry{
			ID: p.Permalink, Title: p.Title, Link: p.Permalink, Summary: p.Description,
			Updated: p.Modified.Time, Published: p.Date.Time,
		})
	}
	sortEntries(f.Entries)
	if len(f.Entries) > limit {
		f.Entries = f.Entries[:limit]
	}
	return f
}
