package harness

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"sync"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// crawl hands pages to the tabs: first the home page, then every page on
// disk, plus any page that a link reaches and the listing missed. It records
// the link graph to name the orphans.
type crawl struct {
	srv   *Server
	fsys  fs.FS
	sizes *gzipSizes
	axe   string
	tabs  int
	logf  func(string, ...any)

	mu          sync.Mutex
	cond        *sync.Cond
	queue       []job
	seen        map[string]bool
	busy        int
	done        []PageReport
	links       map[string][]string
	axeVersion  string
	axeSelected map[string]bool
}

func newCrawl(srv *Server, fsys fs.FS, axeSource string, tabs int, logf func(string, ...any)) *crawl {
	c := &crawl{srv: srv, fsys: fsys, sizes: newGzipSizes(fsys), axe: axeSource, tabs: tabs, logf: logf,
		seen: map[string]bool{}, links: map[string][]string{}, axeSelected: map[string]bool{}}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// job is one visit: a page file, the URL path it is visited at, the
// HTTP status the visit must get and, for a Visit, what to wait for.
type job struct {
	file   string
	path   string
	status int64
	ready  string
}

// notFoundProbe is an unknown path, two folders deep, at which the site's
// 404 page is visited as a lost visitor meets it: there its stylesheet,
// scripts and links only work if they do not depend on the page's address.
const notFoundProbe = "plinth-no-such-page/deeper/"

// push queues pages not seen before. The caller holds c.mu.
func (c *crawl) push(files ...string) {
	for _, f := range files {
		if !c.seen[f] {
			c.seen[f] = true
			c.queue = append(c.queue, job{file: f, path: PagePath(c.srv.Prefix(), f), status: 200})
		}
	}
	c.cond.Broadcast()
}

// pop waits for a page to check; it returns false when the queue is empty
// and no tab can add to it any more.
func (c *crawl) pop(ctx context.Context) (job, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.queue) == 0 && c.busy > 0 && ctx.Err() == nil {
		c.cond.Wait()
	}
	if len(c.queue) == 0 || ctx.Err() != nil {
		return job{}, false
	}
	f := c.queue[0]
	c.queue = c.queue[1:]
	c.busy++
	return f, true
}

func (c *crawl) finish(p PageReport, linked []string, axe axeResult) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.busy--
	c.done = append(c.done, p)
	c.links[p.File] = linked
	if axe.Version != "" {
		c.axeVersion = axe.Version
	}
	// Every rule the tags select is reported in one of the four lists.
	for _, id := range slices.Concat(axe.Passes, axe.Incomplete, axe.Inapplicable, violationIDs(axe)) {
		c.axeSelected[id] = true
	}
	c.push(linked...)
	if n := len(c.done); n%25 == 0 {
		c.logf("checked %d pages, %d queued", n, len(c.queue))
	}
}

func (c *crawl) run(browserCtx context.Context, files []string, visits []Visit) ([]PageReport, error) {
	c.mu.Lock()
	if slices.Contains(files, "index.html") {
		c.push("index.html")
	}
	c.push(files...)
	if slices.Contains(files, NotFoundFile) {
		c.queue = append(c.queue, job{file: NotFoundFile, path: c.srv.Prefix() + notFoundProbe, status: 404})
	}
	for _, v := range visits {
		c.queue = append(c.queue, job{file: v.File, path: c.srv.Prefix() + v.Path, status: 200, ready: v.Ready})
	}
	c.mu.Unlock()

	// Wake waiting tabs if the run is cancelled.
	stop := context.AfterFunc(browserCtx, func() {
		c.mu.Lock()
		c.cond.Broadcast()
		c.mu.Unlock()
	})
	defer stop()

	var (
		wg      sync.WaitGroup
		errMu   sync.Mutex
		tabErrs []error
	)
	for range c.tabs {
		wg.Go(func() {
			if err := c.work(browserCtx); err != nil {
				errMu.Lock()
				tabErrs = append(tabErrs, err)
				errMu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(tabErrs) > 0 {
		return nil, tabErrs[0]
	}
	if err := browserCtx.Err(); err != nil {
		return nil, fmt.Errorf("the run was stopped: %w", err)
	}
	return c.done, nil
}

// work is one tab's loop. A page that fails to load or hangs is a finding;
// the tab is then replaced, because a hung page can leave it unusable.
func (c *crawl) work(browserCtx context.Context) error {
	t, err := openTab(browserCtx, c.axe)
	if err != nil {
		return err
	}
	defer func() {
		if t != nil {
			t.close()
		}
	}()
	for {
		j, ok := c.pop(browserCtx)
		if !ok {
			return nil
		}
		file := j.file
		p := PageReport{URL: c.srv.URL(j.path), Path: j.path, File: file}
		if to, ok := c.redirect(j); ok {
			// A redirect page is never seen: check where it leads.
			target, err := url.Parse(p.URL)
			if err == nil {
				target, err = target.Parse(to)
			}
			if err != nil {
				p.Findings = append(p.Findings, Finding{Rule: RuleRedirect, Pos: diag.Pos{File: file},
					Msg: fmt.Sprintf("the page redirects to %q, which is not a valid address", to)})
				c.finish(p, nil, axeResult{})
				continue
			}
			broken, linked := judgeLinks(file, j.path, c.srv, []string{target.String()})
			for i := range broken {
				broken[i].Rule = RuleRedirect
			}
			p.Findings = append(p.Findings, broken...)
			c.finish(p, linked, axeResult{})
			continue
		}
		v, err := t.visit(p.URL, j.ready)
		if err != nil {
			p.Findings = append(p.Findings, Finding{Rule: RulePageLoad, Pos: diag.Pos{File: file},
				Msg: fmt.Sprintf("the browser could not finish checking the page: %v", err)})
			t.close()
			if t, err = openTab(browserCtx, c.axe); err != nil {
				c.finish(p, nil, axeResult{})
				return err
			}
		}
		p.Findings = append(p.Findings, judge(file, c.srv.Origin(), j.status, v)...)
		broken, linked := judgeLinks(file, j.path, c.srv, v.links)
		p.Findings = append(p.Findings, broken...)
		p.Weight = c.weigh(v.events)
		p.AxeApplied = slices.Concat(v.axe.Passes, v.axe.Incomplete, violationIDs(v.axe))
		p.AxeIncomplete = v.axe.Incomplete
		c.finish(p, linked, v.axe)
	}
}

func violationIDs(a axeResult) []string {
	ids := make([]string, len(a.Violations))
	for i, v := range a.Violations {
		ids[i] = v.ID
	}
	return ids
}

// weigh adds up the gzipped size of the files the page loaded from the
// site (see Weight), each file once.
func (c *crawl) weigh(ev pageEvents) Weight {
	return weigh(ev.Requests, c.srv.Origin(), func(p string) string { return c.srv.Resolve(p).File }, c.sizes.Of)
}

// weigh is crawl.weigh without the browser: resolve maps a URL path on
// origin to the site's file ("" for none), size gives a file's gzipped size.
func weigh(reqs []*request, serverOrigin string, resolve func(string) string, size func(string) int) Weight {
	var w Weight
	counted := map[string]bool{}
	for _, r := range reqs {
		if r.Status != 200 || origin(r.URL) != serverOrigin {
			continue
		}
		u, err := url.Parse(r.URL)
		if err != nil {
			continue
		}
		file := resolve(u.Path)
		if file == "" || counted[file] {
			continue
		}
		counted[file] = w.add(r.Type, size(file))
	}
	return w
}

// orphans returns the pages that no chain of links from the home page
// reaches (the 404 page is expected to be one).
func (c *crawl) orphans(files []string) []string {
	reached := map[string]bool{}
	if slices.Contains(files, "index.html") {
		todo := []string{"index.html"}
		reached["index.html"] = true
		for len(todo) > 0 {
			f := todo[0]
			todo = todo[1:]
			for _, g := range c.links[f] {
				if !reached[g] {
					reached[g] = true
					todo = append(todo, g)
				}
			}
		}
	}
	var out []string
	for _, f := range files {
		if !reached[f] && f != NotFoundFile {
			out = append(out, f)
		}
	}
	return out
}

// redirect reports whether the job's page is a redirect page visited at its
// own address, and where it leads (see redirectTarget).
func (c *crawl) redirect(j job) (string, bool) {
	if j.status != 200 {
		return "", false
	}
	data, err := fs.ReadFile(c.fsys, j.file)
	if err != nil {
		return "", false
	}
	return redirectTarget(data)
}
