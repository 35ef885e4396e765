package actionplans

import (
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options configure Run.
type Options struct {
	// Domain names the Quality Framework domain of a standard reference.
	// When nil, domains are numbered from the standards' IDs and named
	// "Domain 1" and so on.
	Domain DomainResolver
	// Standard names a standard reference as loaded, for the rows of the
	// table by standard ("1.3 Learners have a named supervisor"). When nil,
	// or when it cannot tell, the row is labelled "Standard " and the
	// reference.
	Standard StandardNamer
	// Quarters is how many quarters the tables by quarter show, the most
	// recent of the quarter column's values; 8 when 0.
	Quarters int
	// Releases are the release files (LoadReleases), oldest first.
	Releases []*Release
	// providersApart audits the providers table without its links to the
	// actions, as builds did before it was linked; only tests set it, to
	// make the releases such builds wrote.
	providersApart bool
}

// Result is what the stage hands on: published tables and pages, nothing
// raw.
type Result struct {
	// Tables are the published tables, in the order the pages show them.
	// Their Files are set later, by the open-data stage.
	Tables []*site.PublicTable
	// Reports say what disclosure control did to each table of counts,
	// for the build's summary.
	Reports []anonymise.Report
	// Pages are the generated pages: one per region, then one per domain.
	Pages []*site.Page
	// Standards are the standards the actions address, in the order of
	// the rows of the table by standard (ByStandard): for each, the
	// reference as loaded and the row's label.
	Standards []StandardRow
	// Withheld reports that the tables could not be published because of
	// the problems in the diagnostics.
	Withheld bool
	// AsAt is the date the figures describe (the latest last_updated of
	// the actions), the date of their release; zero when the data give
	// none. Source and Period describe the figures, as the tables' notes.
	AsAt           dataset.Date
	Source, Period string
	// Released says that the figures are those of a release made already
	// (data/releases/AsAt.toml).
	Released bool
	// Rules is the version of the disclosure rules the figures were
	// published under: the release's own when Released, else the latest.
	Rules anonymise.Rules
}

// The table names, which layouts use and which name the open-data files.
const (
	ByStatus          = "actions-by-status"
	ByQuarter         = "actions-by-quarter"
	CompleteByQuarter = "complete-by-quarter"
	PercentComplete   = "percent-complete-by-quarter"
	ByDomain          = "actions-by-domain"
	ByProfession      = "actions-by-profession"
	ByStandard        = "actions-by-standard"
	ProvidersByPlan   = "providers-by-plan"
)

// The states of a provider's action plan, the rows of providers-by-plan.
var planStates = []string{
	"All actions complete",
	"Actions open, none overdue",
	"At least one action overdue",
	"No actions",
}

// Run reads the private action-plan datasets, publishes the regional
// tables through p, and makes the region pages. Problems with the data's
// declarations, and tables that fail the audit, are errors; the tables are
// then withheld. So they are if p is not valid, which package config
// reports.
// totalColumn heads every table's column of row totals: the figures for
// the whole country.
const totalColumn = "England"

func Run(p anonymise.Policy, data *dataset.Set, opts Options) (Result, diag.List) {
	var l diag.List
	if data == nil {
		return Result{}, nil
	}
	r := read(data, &l)
	if r != nil && len(p.Validate()) > 0 {
		// The configuration reports the policy's problems at their keys.
		return Result{Withheld: true}, l
	}
	if r == nil {
		// Without the datasets (a manifest or data file with errors, say)
		// the tables are withheld: layouts then show none, and the data's
		// own errors are the only ones reported.
		return Result{Withheld: l.HasErrors() || data.Failed()}, l
	}
	if len(r.actions) == 0 {
		// Every row was rejected (reported by the loader) or the file
		// holds none: there is nothing to count, and nothing to publish.
		d := diag.Errorf(diag.Pos{File: r.spec.Path()}, "%s has no usable rows, so no action-plan figures can be published", r.spec.Path()).
			WithHint("fix the problems reported in the file, or add at least one action")
		if data.Broken(r.spec.Path()) {
			d = d.Because(r.spec.Path(), "files")
		}
		l.Add(d)
		return Result{Withheld: true}, l
	}
	for _, g := range data.Regions {
		if strings.EqualFold(strings.TrimSpace(g.Name), totalColumn) {
			l.Add(diag.Errorf(g.Pos, "a region is named %q, which is the name of every table's total column, so readers could not tell the region's figures from the whole country's", g.Name).
				WithHint("name the region as readers know it (like \"North West\"); the total column is always %s", totalColumn))
		}
	}
	if opts.Domain == nil {
		opts.Domain = domainOf
	}
	if opts.Quarters <= 0 {
		opts.Quarters = 8
	}
	b := newBuilder(r, data.Regions, data.Professions, opts)
	b.providersApart = opts.providersApart
	h := sortReleases(opts.Releases, r.asAt, &l)
	// New figures are published under the latest rules; the figures of a
	// release made already are checked under the rules it was made under
	// (anonymise.Rules), which can only be older.
	p.Rules = anonymise.LatestRules
	if h.current != nil {
		p.Rules = h.current.Rules
	}
	res := Result{Pages: append(regionPages(data.Regions), domainPages(b.domains, b.standards)...), Standards: b.standards,
		AsAt: r.asAt, Source: r.spec.Title, Period: b.period, Released: h.current != nil, Rules: p.Rules}
	res.Pages = append(res.Pages, archivePages(p, h, &l)...)
	tables, reports, err := b.publish(p, h)
	if err != nil {
		l.Append(releaseDiagnostics(err, r.spec.Path(), h))
		res.Withheld = true
		return res, l
	}
	if l.HasErrors() {
		// Figures from data with problems are not published, even in a
		// build that will not be written.
		res.Withheld = true
		return res, l
	}
	res.Tables, res.Reports = tables, reports
	return res, l
}

// builder counts the records into the tables.
type builder struct {
	r        *records
	regions  []string          // region keys, the columns
	names    []string          // region names, the column labels
	col      map[string]int    // region key → column
	quarters []string          // the quarters shown, oldest first
	domains  []Domain          // in number order
	domainOf map[string]Domain // standard → domain
	profs    []dataset.Profession
	// standards are the rows of the table by standard, in domain and
	// number order; stdRow maps a reference to its row.
	standards []StandardRow
	stdRow    map[string]int
	meta      func(title, rows string) anonymise.Meta
	period    string
	// providersApart is Options.providersApart.
	providersApart bool
	allQ           bool // every action is in a quarter shown
}

func newBuilder(r *records, regions []dataset.Region, profs []dataset.Profession, opts Options) *builder {
	b := &builder{r: r, col: map[string]int{}, profs: profs, domainOf: map[string]Domain{}}
	for i, g := range regions {
		b.regions = append(b.regions, g.Key)
		b.names = append(b.names, g.Name)
		b.col[g.Key] = i
	}
	b.quarters = r.quarters[max(0, len(r.quarters)-opts.Quarters):]
	b.allQ = true
	seen := map[int]bool{}
	for _, a := range r.actions {
		if !slices.Contains(b.quarters, a.quarter) {
			b.allQ = false
		}
		if _, ok := b.domainOf[a.standard]; ok {
			continue
		}
		d, ok := opts.Domain(a.standard)
		if !ok {
			d, _ = domainOf(a.standard)
		}
		b.domainOf[a.standard] = d
		if !seen[d.Number] {
			seen[d.Number] = true
			b.domains = append(b.domains, d)
		}
	}
	slices.SortFunc(b.domains, func(x, y Domain) int { return x.Number - y.Number })
	b.standards, b.stdRow = standardRows(r.actions, b.domainOf, opts.Standard)
	period := "All actions"
	if len(r.actions) > 0 {
		first, last := len(r.quarters), -1
		for _, a := range r.actions {
			i := slices.Index(r.quarters, a.quarter)
			first, last = min(first, i), max(last, i)
		}
		period = "Actions opened from " + quarterSpan(r.quarters[first], r.quarters[last])
	}
	if !r.asAt.IsZero() {
		period += ", with their status on " + longDate(r.asAt)
	}
	source := r.spec.Title
	b.period = period
	b.meta = func(title, rows string) anonymise.Meta {
		return anonymise.Meta{Title: title, Source: source, Period: period,
			RowHeading: rows, ColumnHeading: "Region", RowTotalLabel: totalColumn}
	}
	return b
}

// counts returns an empty categories × regions table of counts whose
// England column is national (exempt only if the policy says so).
func (b *builder) counts(title, rows string, labels []string) *anonymise.Counts {
	c := anonymise.NewCounts(title, labels, b.names)
	c.Meta = b.meta(title, rows)
	c.MarkNationalColumn(anonymise.Total)
	return c
}

// publish builds and publishes every table, with the earlier releases h
// holds.
func (b *builder) publish(p anonymise.Policy, h *releases) ([]*site.PublicTable, []anonymise.Report, error) {
	r := b.r
	statusLabels := mapStrings(r.statuses, humanise)
	quarterLabels := mapStrings(b.quarters, quarterLabel)
	var domainLabels []string
	for _, d := range b.domains {
		domainLabels = append(domainLabels, d.Name)
	}
	var profLabels []string
	profRow := map[string]int{}
	for i, pr := range b.profs {
		profLabels = append(profLabels, pr.Name)
		profRow[pr.Key] = i
	}
	domainRow := map[int]int{}
	for i, d := range b.domains {
		domainRow[d.Number] = i
	}

	byStatus := b.counts("Actions by status and region", "Status", statusLabels)
	byQuarter := b.counts("Actions by quarter opened and region", "Quarter opened", quarterLabels)
	complete := b.counts("Completed actions by quarter opened and region", "Quarter opened", quarterLabels)
	byDomain := b.counts("Actions by Quality Framework domain and region", "Domain", domainLabels)
	byProf := b.counts("Actions by profession and region", "Profession", profLabels)
	byStd := b.byStandard(statusLabels)
	// Each action is counted as its provider's, so that a figure one
	// provider gives nearly all of is hidden (anonymise.Counts.AddFrom):
	// paramedicine in a region is mostly its ambulance trust's, say.
	for _, a := range r.actions {
		j, from := b.col[a.region], a.provider
		byStatus.AddFrom(slices.Index(r.statuses, a.status), j, from, 1)
		if q := slices.Index(b.quarters, a.quarter); q >= 0 {
			byQuarter.AddFrom(q, j, from, 1)
			if a.status == statusComplete {
				complete.AddFrom(q, j, from, 1)
			}
		}
		byDomain.AddFrom(domainRow[b.domainOf[a.standard].Number], j, from, 1)
		byProf.AddFrom(profRow[a.profession], j, from, 1)
		byStd.AddFrom(b.stdRow[a.standard], slices.Index(r.statuses, a.status), from, 1)
	}
	f := &family{byStatus: byStatus, byQuarter: byQuarter, complete: complete, byDomain: byDomain, byProf: byProf, byStd: byStd,
		statuses: statusLabels, regions: len(b.regions), allQuarters: b.allQ}
	f.providers, f.providerRegions = b.providers()
	f.providersApart = b.providersApart
	for _, d := range b.domains {
		f.domains = append(f.domains, d.Number)
	}
	for _, s := range b.standards {
		f.stdDomains = append(f.stdDomains, s.Domain.Number)
	}
	fam := f.link()
	if err := h.declare(fam, f); err != nil {
		return nil, nil, err
	}
	tabs, reports, err := p.PublishLinked(fam)
	if err != nil {
		return nil, nil, err
	}
	percent, err := p.Percentages("Percentage of actions complete by quarter opened and region", tabs[2], tabs[1])
	if err != nil {
		return nil, nil, err
	}
	return publicTables(tabs, percent), reports, nil
}

// publicTables names the family's published tables (in the order of
// family.tables) and the percentages worked out from two of them, in the
// order the pages show them.
func publicTables(tabs []*anonymise.Table, percent *anonymise.Table) []*site.PublicTable {
	return []*site.PublicTable{
		{Table: tabs[0], Name: ByStatus, Subject: "Actions by status"},
		{Table: tabs[1], Name: ByQuarter, Subject: "Actions by quarter opened"},
		{Table: tabs[2], Name: CompleteByQuarter, Subject: "Completed actions by quarter opened"},
		{Table: percent, Name: PercentComplete, Subject: "Percentage of actions complete by quarter opened"},
		{Table: tabs[3], Name: ByDomain, Subject: "Actions by Quality Framework domain"},
		{Table: tabs[4], Name: ByProfession, Subject: "Actions by profession"},
		{Table: tabs[5], Name: ByStandard, Subject: "Actions by standard"},
		{Table: tabs[6], Name: ProvidersByPlan, Subject: "Providers by the state of their action plan"},
	}
}

// providers counts the providers in each region by the state of their
// action plan. Providers are counted once, in the region the providers
// dataset gives (or, without one, the region of their first action).
// sameRegion says whether every provider's actions are in its region, so
// that a region's providers can be linked to its actions.
func (b *builder) providers() (c *anonymise.Counts, sameRegion bool) {
	type plan struct {
		region        string
		open, overdue bool
		actions       int
	}
	plans := map[string]*plan{}
	var order []string
	for _, pr := range b.r.providers {
		plans[pr.code] = &plan{region: pr.region}
		order = append(order, pr.code)
	}
	sameRegion = true
	for _, a := range b.r.actions {
		pl := plans[a.provider]
		if pl == nil {
			pl = &plan{region: a.region}
			plans[a.provider] = pl
			order = append(order, a.provider)
		}
		sameRegion = sameRegion && pl.region == a.region
		pl.actions++
		pl.open = pl.open || a.status != statusComplete
		pl.overdue = pl.overdue || a.status == statusOverdue
	}
	states := planStates
	if b.r.providers == nil {
		states = states[:3] // every provider counted has an action
	}
	c = b.counts("Providers by the state of their action plan and region", "State of the action plan", states)
	if b.r.pspec != nil {
		c.Meta.Source = b.r.spec.Title + "; " + b.r.pspec.Title
	}
	for _, code := range order {
		pl := plans[code]
		state := 0
		switch {
		case pl.actions == 0:
			state = 3
		case pl.overdue:
			state = 2
		case pl.open:
			state = 1
		}
		c.Add(state, b.col[pl.region], 1)
	}
	return c, sameRegion
}

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}
