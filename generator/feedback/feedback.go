package feedback

import (
	"cmp"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options are what the stage needs from the stages before it.
type Options struct {
	// Framework resolves the entries' standards and lists the entries on
	// the standards' pages; nil leaves standards unlinked.
	Framework *framework.Framework
	// Policy is the disclosure rule an evidence count must pass unchanged.
	Policy anonymise.Policy
	// Scanner checks every text cell for identifying values and personal
	// data; nil skips the check (the scan of the built site still runs).
	Scanner *scan.Scanner
	// Publish is the rule assemble will apply, so that a draft section
	// page leaves the feature's pages and feeds out too.
	Publish site.Publish
}

// Result is what Build made.
type Result struct {
	// Feedback is the model, or nil when the site has no "you-said-we-did"
	// dataset or the section is not published.
	Feedback *Feedback
	// Pages are the loaded pages with the feature's own added.
	Pages []*site.Page
	// Files are the Atom feeds.
	Files []site.File
}

// MaxEntries is the most "You said, we did" entries a site may have. Each
// is a page; a national body publishes dozens a year, so a file far past
// this is a wrong export, which would otherwise cost minutes and
// gigabytes before any error.
const MaxEntries = 20_000

// entryLimit is MaxEntries, lowered by tests.
var entryLimit = MaxEntries

// Build reads the "you-said-we-did" dataset, checks every entry, and makes
// the pages and feeds described in the package documentation. Every
// problem is returned; entries with errors and drafts are left out.
func Build(cfg *config.Config, data *dataset.Set, pages []*site.Page, opts Options) (Result, diag.List) {
	var l diag.List
	res := Result{Pages: pages}
	if data == nil {
		return res, l
	}
	t := data.Table(DatasetName)
	if t == nil {
		if pt := data.PrivateTable(DatasetName); pt != nil {
			l.Add(diag.Errorf(pt.Spec().Pos, "the dataset %q is private, but its entries are published as they are", DatasetName).
				WithHint("set private = false: an entry must never hold private data, and the build checks each one for names and personal data"))
		}
		return res, l
	}
	if !checkColumns(t.Spec, &l) {
		return res, l
	}
	options := facetOptions(data, t.Spec, opts.Framework, &l)
	r := &reader{spec: t.Spec, src: t.Source(), policy: opts.Policy, scanner: opts.Scanner, l: &l,
		slugs: map[string]diag.Pos{}, reserved: reservedSegments(data, &l), titles: map[string]diag.Pos{}}
	rows := t.Rows()
	if len(rows) > entryLimit {
		// Each entry is a page: a file of hundreds of thousands of rows
		// (the wrong export) would run for minutes towards as many pages.
		l.Add(diag.Errorf(rows[entryLimit].Pos, "%s has %d entries; a site may publish at most %d \"You said, we did\" entries", t.Spec.Path(), len(rows), entryLimit).
			WithHint("check that the file saved over %s is this dataset's export, not a whole database", t.Spec.Path()))
		return res, l
	}
	var records []*record
	for _, row := range rows {
		if rec, ok := r.read(row); ok && known(rec, options) {
			records = append(records, rec)
		}
	}
	slices.SortFunc(records, func(a, b *record) int {
		if c := b.entry.Published.Compare(a.entry.Published.Time); c != 0 {
			return c
		}
		return cmp.Compare(b.entry.Slug, a.entry.Slug)
	})

	section, sample := sectionPage(pages)
	if section == nil {
		section = generated(site.KindSection, Section, sectionURL, "You said, we did", "entries", nil)
		section.Description = "What learners told us about their placements, and what was done about it."
		res.Pages = append(res.Pages, section)
	}
	if opts.Publish.Excludes(section) != "" {
		return res, l // the data is checked all the same
	}
	f := &Feedback{Page: section, URL: sectionURL, Feed: sectionURL + feedFile, Sample: sample}
	for _, rec := range records {
		rec.entry.Feedback = f
		f.Entries = append(f.Entries, rec.entry)
	}
	buildFacets(f, records, options)
	for i, e := range f.Entries {
		e.URL = "/" + Section + "/" + e.Slug + "/"
		if i > 0 {
			e.Newer = f.Entries[i-1]
		}
		if i+1 < len(f.Entries) {
			e.Older = f.Entries[i+1]
		}
	}
	for _, rec := range records {
		linkStandards(rec, opts.Framework)
	}
	f.Tally = tally(f)
	res.Feedback = f
	res.Pages = append(res.Pages, makePages(f)...)
	files, err := feeds(cfg, f, t.Spec.Path())
	if err != nil {
		l.Add(diag.Errorf(diag.Pos{File: t.Spec.Path()}, "cannot write the \"You said, we did\" feeds: %v", err))
	}
	res.Files = files
	return res, l
}

// sectionPage finds content/you-said-we-did/_index.md and its sample key.
func sectionPage(pages []*site.Page) (*site.Page, bool) {
	for _, p := range pages {
		if p.Kind == site.KindSection && p.Path == Section {
			m, _ := p.Extra.(*SectionMatter)
			return p, m != nil && m.Sample
		}
	}
	return nil, false
}

// reservedSegments lists the address segments under /you-said-we-did/
// that the feature's own pages use, so that no entry ID takes one, and
// reports a region whose key takes a facet's folder.
func reservedSegments(data *dataset.Set, l *diag.List) map[string]string {
	out := map[string]string{dataset.National: "the page of the national entries"}
	folders := map[string]string{}
	for facet, folder := range facetFolders {
		out[folder] = "the list of " + folder
		folders[folder] = facet
	}
	for _, r := range data.Regions {
		if facet, clash := folders[r.Key]; clash {
			l.Add(diag.Errorf(r.Pos, "the region key %q is also the folder of the \"You said, we did\" %s pages, /%s/%s/", r.Key, facet, Section, r.Key).
				WithHint("region keys should name the region, like \"north-west\""))
		}
		out[r.Key] = "the page of the region " + r.Name
	}
	return out
}

// known reports whether every facet value of the record has a page; an
// unknown one has been reported (by the dataset stage, or as a value that
// cannot be an address).
func known(rec *record, options map[string][]option) bool {
	for facet, opts := range options {
		for _, key := range rec.keys(facet) {
			if !slices.ContainsFunc(opts, func(o option) bool { return o.key == key }) {
				return false
			}
		}
	}
	return true
}

// linkStandards resolves the entry's standards and adds the entry to each
// standard's page.
func linkStandards(rec *record, fw *framework.Framework) {
	e := rec.entry
	for _, ref := range rec.standards {
		link := StandardLink{Ref: ref, ID: ref}
		if edition, id, ok := strings.Cut(ref, ":"); ok {
			link.Edition, link.ID = edition, id
		}
		if fw != nil {
			if r, err := framework.ParseRef(ref); err == nil {
				if s, u := fw.Resolve(r); u == nil {
					link.Ref, link.Edition, link.ID, link.Title = s.Ref().String(), s.Edition.Key, s.ID.String(), s.Title
					if s.Edition.Published && slices.Contains(s.Edition.Standards, s) {
						link.URL = s.URL()
						s.AddRelated(RelatedKind, "You said, we did", framework.RelatedItem{
							Title: e.ID + ": " + e.Title, URL: e.URL, Summary: e.LearnersSaid,
						})
					}
				}
			}
		}
		e.Standards = append(e.Standards, link)
	}
}
