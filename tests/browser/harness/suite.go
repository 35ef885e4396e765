package harness

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
)

// Suite checks a built site. Fill in the fields and call Run.
type Suite struct {
	// Dir is the built site folder (for example the example site's public/).
	Dir string
	// Prefix is the URL path the site is published under, "/" or for
	// example "/quality/".
	Prefix string
	// Tools are the browser, axe-core and html-validate; see FindTools.
	Tools Tools
	// Tabs is how many pages are checked at once; 0 means 2, which suits a
	// 2-core machine (each tab keeps a core busy).
	Tabs int
	// UserDataDir is a fresh, empty folder for the browser's profile, which
	// the caller removes afterwards (t.TempDir in a test).
	UserDataDir string
	// Logf, if set, receives progress lines.
	Logf func(format string, args ...any)
	// WeightBudget is the most a page may weigh (see Weight), gzipped; a
	// page over it breaks the rule page-weight. 0 means the default,
	// WeightBudget (60 KB).
	WeightBudget int
	// Budgets set the budgets of the types of page they match, in order;
	// pages that none matches get WeightBudget.
	Budgets []Budget
	// Visits are addresses checked like pages besides the site's files:
	// a page in a state its script draws from the address (search results
	// for a query), which no file on disk shows.
	Visits []Visit
}

// Visit is one address checked like a page: Path is relative to the
// prefix and may carry a query ("search/?q=induction"), File is the page
// file served there, and Ready, if set, is a CSS selector the checks wait
// for (up to 20 seconds), so that what the script draws is there when
// axe-core runs.
type Visit struct {
	Path, File, Ready string
}

// Report is the outcome of a run.
type Report struct {
	// Prefix is the URL path prefix the site was served under.
	Prefix string
	// Pages holds one report per visit, sorted by URL path: one per HTML
	// file, plus the 404 page visited at an unknown path and each of the
	// suite's Visits.
	Pages []PageReport
	// Assets holds findings for files that are not pages (stylesheets
	// loading from other sites), sorted by file.
	Assets []PageReport
	// Orphans lists the pages on disk that no link path from the home page
	// reaches; they were checked all the same.
	Orphans []string
	// AxeVersion is the version of axe-core that ran.
	AxeVersion string
	// AxeRulesSelected is how many axe rules the WCAG tags select.
	AxeRulesSelected int
	// AxeRulesApplied is how many of those found something to check on at
	// least one page.
	AxeRulesApplied int
	// AxeIncomplete counts, by axe rule, the pages where the rule could not
	// decide and a person must look.
	AxeIncomplete map[string]int
}

// Failed returns the pages and assets that broke a rule.
func (r *Report) Failed() []PageReport {
	var out []PageReport
	for _, p := range slices.Concat(r.Pages, r.Assets) {
		if p.Failed() {
			out = append(out, p)
		}
	}
	return out
}

// Page returns the report of the page with the given file, visited at its
// own address, if any.
func (r *Report) Page(file string) (PageReport, bool) {
	for _, p := range r.Pages {
		if p.File == file && p.Path == PagePath(r.Prefix, file) {
			return p, true
		}
	}
	return PageReport{}, false
}

// Run serves the site, checks every page in the browser, runs html-validate
// and the static checks, and returns the report. An error means the suite
// could not run (no browser, unreadable site, a tool that crashed); broken
// rules are findings in the report, never errors.
func (s Suite) Run(ctx context.Context) (*Report, error) {
	logf := s.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	root, err := os.OpenRoot(s.Dir)
	if err != nil {
		return nil, fmt.Errorf("opening the site folder: %w", err)
	}
	defer root.Close()
	// os.Root refuses symlinks that lead out of the site folder.
	fsys := root.FS()

	files, err := ListPages(fsys)
	if err != nil {
		return nil, fmt.Errorf("listing the site's pages: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("the site folder %s has no .html files", s.Dir)
	}
	srv, err := NewServer(fsys, s.Prefix)
	if err != nil {
		return nil, err
	}
	if err := srv.Start(); err != nil {
		return nil, err
	}
	defer srv.Close()

	axeSource, err := os.ReadFile(s.Tools.AxeScript)
	if err != nil {
		return nil, fmt.Errorf("reading axe-core: %w", err)
	}

	// html-validate is one Node process over all files; it runs while the
	// browser works.
	var (
		validated   map[string][]Finding
		validateErr error
		wg          sync.WaitGroup
	)
	wg.Go(func() {
		validated, validateErr = RunHTMLValidate(ctx, s.Tools.HTMLValidate, s.Tools.HTMLValidateConfig, s.Dir, files)
	})
	static, err := CheckStaticSite(fsys)
	if err != nil {
		wg.Wait()
		return nil, fmt.Errorf("reading the site's files: %w", err)
	}

	browserCtx, closeBrowser, err := Launch(ctx, s.Tools.Chromium, s.UserDataDir)
	if err != nil {
		wg.Wait()
		return nil, err
	}
	c := newCrawl(srv, fsys, string(axeSource), cmp.Or(s.Tabs, 2), logf)
	logf("checking %d pages on disk, served at %s, in %d tabs", len(files), srv.URL(srv.Prefix()), c.tabs)
	pages, crawlErr := c.run(browserCtx, files, s.Visits)
	closeBrowser()
	wg.Wait()
	if crawlErr != nil {
		return nil, crawlErr
	}
	if validateErr != nil {
		return nil, validateErr
	}

	rep := &Report{Prefix: srv.Prefix(), AxeIncomplete: map[string]int{}}
	applied, selected := map[string]bool{}, map[string]bool{}
	for _, p := range pages {
		// The file's own findings go with its own address, not with the
		// 404 page's second visit at an unknown path.
		if p.Path == PagePath(srv.Prefix(), p.File) {
			p.Findings = slices.Concat(p.Findings, static[p.File], validated[p.File])
			delete(static, p.File)
			if f, over := overBudget(p.File, p.Weight, BudgetFor(s.Budgets, p.File, cmp.Or(s.WeightBudget, WeightBudget))); over {
				p.Findings = append(p.Findings, f)
			}
		}
		p.Findings = sortFindings(p.Findings)
		rep.Pages = append(rep.Pages, p)
		for _, id := range p.AxeApplied {
			applied[id], selected[id] = true, true
		}
		for _, id := range p.AxeIncomplete {
			rep.AxeIncomplete[id]++
		}
	}
	for id := range c.axeSelected {
		selected[id] = true
	}
	rep.AxeRulesApplied, rep.AxeRulesSelected, rep.AxeVersion = len(applied), len(selected), c.axeVersion
	for file, found := range static {
		path := PagePath(srv.Prefix(), file)
		rep.Assets = append(rep.Assets, PageReport{URL: srv.URL(path), Path: path, File: file, Findings: sortFindings(found)})
	}
	slices.SortFunc(rep.Pages, func(a, b PageReport) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(rep.Assets, func(a, b PageReport) int { return strings.Compare(a.File, b.File) })
	rep.Orphans = c.orphans(files)
	return rep, nil
}
