package actionplans

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Releases in the build. The releases dated before the data's date are
// earlier releases: they are audited with the new figures (anonymise's
// history), and each gets a page in the archive. A release dated on the
// data's date is the release of the figures the build publishes now: its
// pattern is kept as it is, the data must give the figures it shows, and
// it is audited like the rest. A release dated after the data is an error.

// releases is the release files sorted against the data's date.
type releases struct {
	earlier []*Release
	current *Release
	// providerRegions is the current family's: whether a region's
	// providers can be linked to its actions.
	providerRegions bool
}

// sortReleases sorts the releases against the data's date asAt (zero when
// the data give none: then a release can only be an earlier one).
func sortReleases(all []*Release, asAt dataset.Date, l *diag.List) *releases {
	h := &releases{}
	for _, r := range all {
		switch c := r.Date.Compare(asAt); {
		case asAt.IsZero() || c < 0:
			h.earlier = append(h.earlier, r)
		case c == 0:
			h.current = r
		default:
			l.Add(diag.Errorf(diag.Pos{File: r.Path}, "this release is dated %s, after the data, which are as at %s", r.Date, asAt).
				WithHint("a release describes data already published; check the last_updated dates of the actions, or remove the release if it was made by mistake"))
		}
	}
	return h
}

// declare adds the earlier releases to fam, linked as f is, and makes the
// current release's figures the ones published.
func (h *releases) declare(fam *anonymise.Linked, f *family) error {
	if h == nil {
		return nil
	}
	h.providerRegions = f.providerRegions
	for _, r := range h.earlier {
		fam.Previous(r.Path, r.family(f.providerRegions).link())
	}
	if h.current != nil {
		for i, c := range f.tables() {
			c.Released(h.current.tables[releaseTables[i]].earlier())
		}
	}
	return nil
}

// family returns the release's tables as an earlier family.
func (r *Release) family(providerRegions bool) *family {
	t := func(name string) *anonymise.Counts { return r.tables[name].earlier() }
	f := &family{byStatus: t(ByStatus), byQuarter: t(ByQuarter), complete: t(CompleteByQuarter), byDomain: t(ByDomain),
		byProf: t(ByProfession), byStd: t(ByStandard), providers: t(ProvidersByPlan), providerRegions: providerRegions}
	f.statuses = r.tables[ByStatus].rows
	f.regions = len(r.tables[ByStatus].cols)
	for _, label := range r.tables[ByDomain].rows {
		f.domains = append(f.domains, leadingNumber(label))
	}
	for _, label := range r.tables[ByStandard].rows {
		f.stdDomains = append(f.stdDomains, leadingNumber(label))
	}
	return f
}

// figurePos returns where the release writes a table's figure, by its
// row and column labels.
func (r *Release) figurePos(table, row, col string) diag.Pos {
	rt := r.tables[table]
	for name, t := range r.tables {
		if t.meta.Title == table {
			rt = r.tables[name]
		}
	}
	if rt == nil {
		return diag.Pos{File: r.Path}
	}
	i := slices.Index(rt.rows, row)
	if row == rt.totalLabel {
		i = len(rt.rows)
	}
	j := slices.Index(rt.cols, col)
	if col == rt.rowTotalLabel {
		j = len(rt.cols)
	}
	if i < 0 || j < 0 {
		return rt.pos
	}
	return rt.figures[i*(len(rt.cols)+1)+j].pos
}

// ReleasesSection is the folder of the archive of earlier releases, under
// Section.
const ReleasesSection = "releases"

// ReleasePage is the data of an archived release's page (its Extra), and
// of the archive's list page (with Releases set).
type ReleasePage struct {
	// Date is the date the figures describe (YYYY-MM-DD), Label the date
	// for people ("30 June 2026").
	Date, Label string
	// Source and Period describe the figures.
	Source, Period string
	// Tables are the release's tables as published, with the percentages
	// worked out from them, in the order the action-plan pages show them.
	Tables []*site.PublicTable
	// Releases, on the list page, are the archived releases, newest first.
	Releases []*ReleasePage
}

// ReadsOthersBodies reports that the page is made from the published
// tables and the standards' titles, never from a page's body
// (site.OthersBodiesReader).
func (x *ReleasePage) ReadsOthersBodies() bool { return false }

// archivePages makes the archive: a list page at /action-plans/releases/
// and a page for each earlier release, newest first. It returns no pages
// when there are no earlier releases.
func archivePages(p anonymise.Policy, h *releases, l *diag.List) []*site.Page {
	if h == nil || len(h.earlier) == 0 {
		return nil
	}
	base := Section + "/" + ReleasesSection
	list := &site.Page{Kind: site.KindSection, Path: base, Section: Section, Type: "action-plan-releases", URL: "/" + base + "/"}
	list.Title = "Earlier releases of the action-plan figures"
	list.Description = "The action-plan figures as they were published each quarter, kept as they were released."
	list.Weight = 200
	list.Body = []byte("Each quarter the action-plan figures are published again with the latest data. " +
		"The figures published before are kept here as they were released, and are never changed. " +
		"A figure hidden in one release may stay hidden in the next, even when it would otherwise be shown: " +
		"laying two releases side by side must not give away what either of them hides.\n")
	extra := &ReleasePage{}
	list.Extra = extra
	out := []*site.Page{list}
	for i := len(h.earlier) - 1; i >= 0; i-- {
		r := h.earlier[i]
		rp, err := r.page(p)
		if err != nil {
			l.Add(diag.Errorf(diag.Pos{File: r.Path}, "this release cannot be shown: %v", err).
				WithHint("restore the file from version control: a release is never edited"))
			continue
		}
		extra.Releases = append(extra.Releases, rp)
		pg := &site.Page{Kind: site.KindPage, Path: base + "/" + rp.Date, Section: Section, Type: "action-plan-releases",
			URL: "/" + base + "/" + rp.Date + "/", Extra: rp}
		pg.Title = "Action-plan figures as at " + rp.Label
		pg.Description = "The action-plan figures for England and each region as they were published, as at " + rp.Label + "."
		pg.Weight = 201 + len(h.earlier) - i
		pg.Body = []byte("These are the figures for England and each region as they were released for " + rp.Label +
			": actions by status, by quarter opened, by Quality Framework domain, by profession and by standard, " +
			"and providers by the state of their action plan. They are kept as they were and are not updated; " +
			"the latest figures are on the action plans pages.\n")
		out = append(out, pg)
	}
	return out
}

// page returns a release's tables for its archive page.
func (r *Release) page(p anonymise.Policy) (*ReleasePage, error) {
	rp := &ReleasePage{Date: r.Date.String(), Label: longDate(r.Date), Source: r.Source, Period: r.Period}
	tabs := make([]*anonymise.Table, len(releaseTables))
	var errs []error
	for i, name := range releaseTables {
		t, err := p.Reissue(r.tables[name].earlier())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		tabs[i] = t
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	percent, err := p.Percentages("Percentage of actions complete by quarter opened and region", tabs[2], tabs[1])
	if err != nil {
		return nil, err
	}
	rp.Tables = publicTables(tabs, percent)
	for _, t := range rp.Tables {
		t.Name = r.Date.String() + "-" + t.Name // unique on the page, and apart from the current tables
	}
	return rp, nil
}

// releaseDiagnostics places the audit's errors: a problem in an earlier
// release at that release's figure, a figure the data no longer give at
// the current release's figure, and the rest at the data file.
func releaseDiagnostics(err error, file string, h *releases) diag.List {
	var l, rest diag.List
	var others []error
	for _, e := range flatten(err) {
		var ae *anonymise.AuditError
		var me *anonymise.MismatchError
		switch {
		case errors.As(e, &me) && h != nil && h.current != nil:
			for _, c := range me.Cells {
				pos := h.current.figurePos(me.Table, c.Row, c.Column)
				l.Add(diag.Errorf(pos, "table %q, row %q, column %q: %s", me.Table, c.Row, c.Column, c.Problem).
					WithHint("a release is never rewritten: restore the data as they were when this release was made. If the data were corrected, give the corrected actions a later last_updated date and make a new release with `plinth release`"))
			}
		case errors.As(e, &ae) && ae.Release != "":
			var b strings.Builder
			fmt.Fprintf(&b, "the new figures would give away hidden figures of this earlier release, in the table %q:", ae.Table)
			for _, c := range ae.Cells {
				fmt.Fprintf(&b, "\n    row %q, column %q: %s", c.Row, c.Column, c.Problem)
			}
			pos := diag.Pos{File: ae.Release}
			for _, r := range h.earlier {
				if r.Path == ae.Release && len(ae.Cells) > 0 {
					pos = r.figurePos(ae.Table, ae.Cells[0].Row, ae.Cells[0].Column)
				}
			}
			l.Add(diag.Errorf(pos, "%s", b.String()).
				WithHint("the build could hide no more of the new figures to prevent it. Combine small groups in the data (for example neighbouring regions), or ask for the figures to be checked by hand before publishing (docs/datasets.md, \"When the build refuses a release\")"))
		default:
			others = append(others, e)
		}
	}
	if len(others) > 0 {
		rest = auditDiagnostics(errors.Join(others...), file)
		if h != nil && h.current != nil {
			// A released pattern that the audit refuses: say so at the
			// release.
			for i := range rest {
				rest[i].Hint = "these figures were released already and are never rewritten, so the build cannot hide more of them. " +
					"Withdraw the release (remove " + h.current.Path + " and publish the data as a new release), and see docs/datasets.md, \"When the build refuses a release\""
			}
		}
	}
	l.Append(rest)
	return l
}
