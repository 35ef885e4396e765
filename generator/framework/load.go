package framework

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// MaxStatements is the most "must" or "evidence" statements a standard may
// have (the example's standards have up to 5). Each is shown on the
// standard's page and on the pages and open data of every comparison of
// editions: 100,000 pasted statements took 12 s and 778 MB.
const MaxStatements = 100

// reserved are names under /framework/ that the framework's own pages use,
// so no edition folder may take them.
var reserved = []string{"latest", "changes", "a-z"}

// collector gathers the framework's pages into the model, reporting every
// file that is in the wrong place.
type collector struct {
	opts     site.Publish
	f        *Framework
	domains  map[string]*Domain // by folder ("2021/1-learning") and by number ("2021#1")
	guidance []*Guidance
	diags    diag.List
	// orphans remembers folders already reported as lacking an _index.md,
	// so each is reported once.
	orphans map[string]bool
	// duplicates remembers standards already reported as sharing their ID.
	duplicates map[*Standard]bool
}

// collect builds the model from the loaded pages. Pages that are not the
// framework's are left alone.
func collect(pages []*site.Page, opts site.Publish, failed []string) (*Framework, []*Guidance, diag.List) {
	c := &collector{
		opts:       opts,
		f:          &Framework{byKey: map[string]*Edition{}, broken: map[string]string{}},
		domains:    map[string]*Domain{},
		orphans:    map[string]bool{},
		duplicates: map[*Standard]bool{},
	}
	for _, file := range failed {
		if path.Base(file) == "_index.md" && strings.HasPrefix(file, "content/"+Section+"/") {
			c.f.broken[path.Dir(file)] = file
		}
	}
	sorted := slices.Clone(pages)
	slices.SortFunc(sorted, func(a, b *site.Page) int { return strings.Compare(a.File, b.File) })
	// Editions first, then domains, then standards: each needs its parent.
	for _, want := range []kind{kindEdition, kindDomain, kindStandard, kindGuidance} {
		for _, p := range sorted {
			if p.File == "" {
				continue
			}
			rel := strings.TrimPrefix(p.File, "content/")
			if p.Path == Section && p.IsSection() {
				c.f.Page = p
				continue
			}
			loc := locate(rel)
			if loc.kind != want {
				continue
			}
			switch m := p.Extra.(type) {
			case *EditionMatter:
				c.edition(p, loc, m)
			case *DomainMatter:
				c.domain(p, loc, m)
			case *StandardMatter:
				c.standard(p, loc, m)
			case *GuidanceMatter:
				c.guidance = append(c.guidance, &Guidance{Page: p})
			}
		}
	}
	c.order()
	return c.f, c.guidance, c.diags
}

func (c *collector) edition(p *site.Page, loc place, m *EditionMatter) {
	if slices.Contains(reserved, loc.edition) {
		c.diags.Add(diag.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1},
			"content/framework/%s cannot be an edition: /framework/%s/ is an address the framework uses for its own pages", loc.edition, loc.edition).
			WithHint("name the edition's folder after its year, like content/framework/2025"))
		return
	}
	e := &Edition{
		Key: loc.edition, Title: p.Title, EditionMatter: *m, Page: p, Framework: c.f,
		byID: map[StandardID]*Standard{},
	}
	e.Published = c.opts.Excludes(p) == "" && (m.Status.Public() || c.opts.Drafts)
	// Responses are taken until the end of the closing day.
	e.closed = m.ConsultationCloses.IsSet() && !c.opts.Now.Before(m.ConsultationCloses.AddDate(0, 0, 1))
	c.f.byKey[e.Key] = e
	c.f.all = append(c.f.all, e)
}

// editionOf returns the edition of a file in an edition folder, reporting
// (once per folder) an edition folder without its _index.md.
func (c *collector) editionOf(p *site.Page, loc place) *Edition {
	if e := c.f.byKey[loc.edition]; e != nil {
		return e
	}
	dir := path.Join("content", Section, loc.edition)
	if index := c.f.broken[dir]; index != "" {
		c.diags.Add(diag.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1},
			"this file is left out with its edition, because %s has errors", index).
			Because(index, "files of the edition"))
		return nil
	}
	if !c.orphans[dir] && !slices.Contains(reserved, loc.edition) {
		c.orphans[dir] = true
		c.diags.Add(diag.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1},
			"this file is in %s, which has no _index.md, so the framework does not know that edition", dir).
			WithHint("create %s/_index.md with the edition's title and status: run plinth new framework/%s/_index.md", dir, loc.edition))
	}
	return nil
}

func (c *collector) domain(p *site.Page, loc place, m *DomainMatter) {
	e := c.editionOf(p, loc)
	if e == nil {
		return
	}
	if m.Domain < 1 || m.Domain > 6 {
		c.diags.Add(p.Front.Errorf([]string{"domain"}, "domain = %d: the framework's domains are numbered 1 to 6", m.Domain).
			WithHint("write the domain's number, from 1 to 6, like domain = 3"))
		return
	}
	numbered := e.Key + "#" + strconv.Itoa(m.Domain)
	if other := c.domains[numbered]; other != nil {
		c.diags.Add(p.Front.Errorf([]string{"domain"}, "domain %d of the %s edition is already described by %s", m.Domain, e.Key, other.Page.File).
			WithHint("each domain has one folder with one _index.md; check the domain number"))
		return
	}
	if n, _, ok := strings.Cut(loc.domain, "-"); ok && n != strconv.Itoa(m.Domain) && strings.Trim(n, "0123456789") == "" {
		c.diags.Add(warnAt(p, []string{"domain"}, "this folder's name starts with %s but the domain is number %d", n, m.Domain).
			WithHint("rename the folder to start with %d- (the address comes from the number, not the folder)", m.Domain))
	}
	d := &Domain{Number: m.Domain, Title: p.Title, Summary: m.Summary, Edition: e, Page: p}
	c.domains[loc.edition+"/"+loc.domain] = d
	c.domains[numbered] = d
	if c.opts.Excludes(p) == "" {
		e.Domains = append(e.Domains, d)
	}
}

func (c *collector) standard(p *site.Page, loc place, m *StandardMatter) {
	e := c.editionOf(p, loc)
	if e == nil {
		return
	}
	switch {
	case loc.depth == 0:
		c.diags.Add(diag.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1},
			"this standard is directly in the edition's folder, outside any domain").
			WithLine(p.Source.Line(1)).
			WithHint("move it into its domain's folder, like content/framework/%s/%d-…/%s", e.Key, m.ID.Domain, path.Base(p.File)))
		return
	case loc.depth > 1:
		c.diags.Add(diag.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1},
			"this standard is in a folder inside a domain's folder; standards sit directly in their domain's folder").
			WithLine(p.Source.Line(1)).
			WithHint("move it up into content/framework/%s/%s", e.Key, loc.domain))
		return
	}
	d := c.domains[loc.edition+"/"+loc.domain]
	if d == nil {
		dir := path.Join("content", Section, loc.edition, loc.domain)
		if index := c.f.broken[dir]; index != "" {
			c.diags.Add(diag.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1},
				"this standard is left out with its domain, because %s has errors", index).
				Because(index, "standards of the domain"))
			return
		}
		if !c.orphans[dir] {
			c.orphans[dir] = true
			c.diags.Add(diag.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1},
				"this standard is in %s, which has no _index.md, so its domain is unknown", dir).
				WithLine(p.Source.Line(1)).
				WithHint("create %s/_index.md with the domain's title and number: run plinth new framework/%s/%s/_index.md", dir, loc.edition, loc.domain))
		}
		return
	}
	s := &Standard{
		ID: m.ID, Title: p.Title, Text: plainText(p.Body), Must: m.Must, Evidence: m.Evidence,
		Domain: d, Edition: e, Page: p, replaces: m.Replaces,
		published: c.opts.Excludes(p) == "" && c.opts.Excludes(d.Page) == "",
	}
	for _, list := range []struct {
		key   string
		items *[]string
	}{{"must", &s.Must}, {"evidence", &s.Evidence}} {
		if n := len(*list.items); n > MaxStatements {
			c.diags.Add(p.Front.Errorf([]string{list.key, strconv.Itoa(MaxStatements)}, "standard %s has %d %s statements; a standard may have at most %d", m.ID, n, list.key, MaxStatements).
				WithHint("list what providers must do in a few statements; a list this long is most likely a paste gone wrong"))
			*list.items = (*list.items)[:MaxStatements] // the rest would be shown on every page of the edition's changes
		}
	}
	if prev := e.byID[m.ID]; prev != nil {
		// Both files are reported: either may be the one to change.
		for _, pair := range [][2]*site.Page{{p, prev.Page}, {prev.Page, p}} {
			if pair[0] == prev.Page && c.duplicates[prev] {
				continue
			}
			c.diags.Add(pair[0].Front.Errorf([]string{"id"}, "standard %s appears twice in the %s edition: %s has the same id", m.ID, e.Key, pair[1].File).
				WithHint("give each standard of an edition its own id; if this is a new standard, use the next free number in domain %d", m.ID.Domain))
		}
		c.duplicates[prev] = true
		return
	}
	if m.ID.Domain != d.Number {
		c.diags.Add(p.Front.Errorf([]string{"id"}, "standard %s is in the folder of domain %d; its id must start with %d.", m.ID, d.Number, d.Number).
			WithHint("correct the id, or move the file to domain %d's folder", m.ID.Domain))
		return
	}
	if strings.TrimSpace(s.Text) == "" {
		c.diags.Add(diag.Errorf(p.Pos(p.BodyOffset), "standard %s has no text", m.ID).
			WithHint("write the standard's text after the closing +++ line"))
	}
	if len(m.Must) == 0 {
		c.diags.Add(diag.Warningf(p.Front.Start(), "standard %s does not say what providers must do", m.ID).
			WithHint(`add a list such as must = ["Give every learner an induction."]`))
	}
	if want := m.ID.Slug() + ".md"; path.Base(p.File) != want && path.Base(p.File) != "index.md" {
		c.diags.Add(warnAt(p, []string{"id"}, "standard %s is in the file %s; name it %s so it is easy to find", m.ID, path.Base(p.File), want).
			WithHint("the address comes from the id; the file name is only for editors"))
	}
	e.byID[m.ID] = s
	e.allStandards = append(e.allStandards, s)
	if s.published {
		e.Standards = append(e.Standards, s)
		d.Standards = append(d.Standards, s)
	}
}

// order sorts editions into edition order and everything inside them by
// number, and checks that each published edition has its six domains.
func (c *collector) order() {
	f := c.f
	slices.SortFunc(f.all, compareEditions)
	for i, e := range f.all {
		e.order = i
		byID := func(a, b *Standard) int { return a.ID.Compare(b.ID) }
		slices.SortFunc(e.allStandards, byID)
		slices.SortFunc(e.Standards, byID)
		slices.SortFunc(e.Domains, func(a, b *Domain) int { return a.Number - b.Number })
		for _, d := range e.Domains {
			slices.SortFunc(d.Standards, byID)
		}
		if e.Published {
			f.Editions = append(f.Editions, e)
		}
		if e.Status == InForce {
			f.inForce = append(f.inForce, e)
		}
		if e.Published && !e.Status.Prerelease() {
			c.diags.Append(missingDomains(e))
		}
	}
}

// missingDomains warns about a published edition whose domains skip a
// number (1, 2, 4): usually a domain folder without its _index.md, or a
// mistyped domain number.
func missingDomains(e *Edition) diag.List {
	var missing []string
	next := 1
	for _, d := range e.Domains {
		for ; next < d.Number; next++ {
			missing = append(missing, strconv.Itoa(next))
		}
		next = d.Number + 1
	}
	if len(e.Domains) > 0 && len(missing) == 0 {
		return nil
	}
	msg := fmt.Sprintf("the %s edition has no domain %s", e.Key, strings.Join(missing, ", "))
	if len(e.Domains) == 0 {
		msg = fmt.Sprintf("the %s edition has no domains", e.Key)
	}
	return diag.List{warnAt(e.Page, []string{"status"}, "%s", msg).
		WithHint("each domain is a folder in content/framework/%s with an _index.md giving its number (domain = 1 … 6)", e.Key)}
}

// compareEditions orders editions by the date they came into force;
// editions without one (drafts) come last, by key.
func compareEditions(a, b *Edition) int {
	switch {
	case a.EffectiveFrom.IsSet() && b.EffectiveFrom.IsSet():
		if c := a.EffectiveFrom.Compare(b.EffectiveFrom.Time); c != 0 {
			return c
		}
	case a.EffectiveFrom.IsSet():
		return -1
	case b.EffectiveFrom.IsSet():
		return 1
	}
	return strings.Compare(a.Key, b.Key)
}

// warnAt returns a warning at the value of a front-matter key.
func warnAt(p *site.Page, key []string, format string, args ...any) diag.Diagnostic {
	d := p.Front.Errorf(key, format, args...)
	d.Severity = diag.Warning
	return d
}
