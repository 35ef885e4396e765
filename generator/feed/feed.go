// Package feed writes Atom 1.0 feeds (RFC 4287).
//
// Entry IDs are the entries' permanent URLs, which do not change between
// builds, so feed readers never show an entry twice after a rebuild; the
// feed's updated time is its newest entry's, never the time of the build.
package feed

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"time"
)

// Namespace is the Atom namespace.
const Namespace = "http://www.w3.org/2005/Atom"

// Feed is an Atom feed.
type Feed struct {
	// ID is the feed's permanent identifier (its own absolute URL is a
	// good one); Self is the URL the feed is served from; Link is the web
	// page it belongs to.
	ID, Title, Subtitle, Self, Link string
	// Author names the publisher; Atom requires an author for every entry
	// and a feed-level one covers them all.
	Author  string
	Entries []Entry
	// Fallback is used as the feed's updated time when it has no entries.
	Fallback time.Time
}

// Entry is one item of a feed.
type Entry struct {
	ID, Title, Link, Summary string
	Updated, Published       time.Time
	Categories               []string
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	Xmlns    string      `xml:"xmlns,attr"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Summary    string         `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Atom encodes the feed. Entries are sorted newest first, then by ID, so
// the output is stable.
func (f Feed) Atom(lang string) ([]byte, error) {
	entries := slices.Clone(f.Entries)
	sortEntries(entries)
	updated := f.Fallback
	if len(entries) > 0 {
		updated = entries[0].Updated
	}
	out := atomFeed{
		Xmlns: Namespace, Lang: lang, ID: f.ID, Title: f.Title, Subtitle: f.Subtitle,
		Updated: stamp(updated), Author: atomPerson{Name: f.Author},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: f.Self}, {Rel: "alternate", Type: "text/html", Href: f.Link}},
	}
	for _, e := range entries {
		ae := atomEntry{ID: e.ID, Title: e.Title, Updated: stamp(e.Updated), Summary: e.Summary,
			Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: e.Link}}}
		if !e.Published.IsZero() {
			ae.Published = stamp(e.Published)
		}
		for _, c := range e.Categories {
			ae.Categories = append(ae.Categories, atomCategory{Term: c})
		}
		out.Entries = append(out.Entries, ae)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// sortEntries orders entries newest first, then by ID.
func sortEntries(entries []Entry) {
	slices.SortStableFunc(entries, func(a, b Entry) int {
		if c := b.Updated.Compare(a.Updated); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// stamp formats an RFC 3339 date-time in UTC, as Atom requires.
func stamp(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}
