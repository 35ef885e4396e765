// Package output is the stage every built file passes through, once, as
// soon as it is final: it is read by every check that reads the built
// site, then handed to its destination (the staging folder the publish
// stage swaps in, or memory), and its bytes are let go.
//
// # One pass over each file
//
// An HTML file is tokenised once (package markup) and its tokens are handed
// to the output policy, the link check, the identifier scan and, for the
// part of a page that is its rendered body, the search index's text
// reader. A stylesheet is read by the policy and the scan; any other file
// by the scan alone. What a file leaves behind is what the checks that
// span files need: the policy's findings and integrity values, the page's
// links and element IDs, the scan's hits and the page's counted words.
//
// # Checks across files
//
// Finish runs what needs every file: two files claiming one path (or a
// file where a folder must be), integrity values against the files they
// name, links against the files and IDs they lead to, and the scan's
// report. The stylesheets and scripts stay in memory for the integrity
// checks; any other file such a check names is read back from the sink.
package output

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/linkcheck"
	"github.com/plinth-ssg/plinth/generator/markup"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/policy"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/search"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Sink is where the output goes: the publish stage's staging folder.
type Sink interface {
	// Write writes one file; it is called from several goroutines.
	Write(f site.File) error
	// Read returns a file written earlier.
	Read(path string) ([]byte, error)
}

// Group says where a file comes from. When two files claim one path, the
// one of the earlier group is named as the one already writing it.
type Group int

// The groups, in that order.
const (
	Pages Group = iota
	Resources
	Statics
	Generated
	Features
	Assets
	Index     // the search index's manifest and term shards
	Documents // the search index's document files
	Redirects
)

// Options configure a pass.
type Options struct {
	// Origin ("https://example.org") and BasePath ("/quality/") are where
	// the site will be served, for the link check and the policy.
	Origin, BasePath string
	// Sources looks up the text of a source file, so that a problem is
	// placed at its line there.
	Sources func(file string) *diag.Source
	// Scanner is the identifier scan; nil skips it.
	Scanner *scan.Scanner
	// Search receives each indexed page's text, and says how the scan
	// reads the index's files; nil when the site has no search.
	Search *search.Builder
	// Sink receives the files; nil keeps them in memory (Files).
	// Destination names it in the report of a file it could not write.
	Sink        Sink
	Destination string
	// Cache, if not nil, keeps what was read from each file between
	// passes (`plinth serve`).
	Cache *Cache
	// Locate, if not nil, finds where markup of a built page was written
	// in the layouts, so that the policy reports a problem there
	// (policy.Options.Locate).
	Locate func(markup string) (pos diag.Pos, line string, ok bool)
	// Alias, if not nil, returns the alias line in front matter that made
	// the output file at outPath from source, if it is an alias's redirect
	// page: a clash with that file is reported there.
	Alias func(outPath, source string) (diag.Diagnostic, bool)
	// Shared are sources of links that many pages show (site.toml's menu
	// URLs), for the link check to report a broken one there, once
	// (linkcheck.Site.Shared).
	Shared []*diag.Source
}

// Pass is one build's pass over its output.
type Pass struct {
	opts Options

	mu   sync.Mutex
	recs []*record
	at   map[claim]*record // a record by its claim (path, group, position)
	// sorted is how many records, from the first, are in order; a
	// patched build adds few, so putting them in order is a merge.
	sorted int
	// dropped are the claims Drop let go and no file has claimed again;
	// moved reports that the paths changed since the last clashes check,
	// whose result clashed keeps.
	dropped map[claim]bool
	moved   bool
	clashed diag.List
	assets  map[string][]byte
	failed  []error // write errors
	// urls are the handles of the URLs the link check found so far.
	urls linkcheck.URLs
}

// record is one file's passage: its claim, what it left behind, and the
// file itself when it is kept in memory.
type record struct {
	claim
	read fileRead
	file site.File
}

// claim is a file's claim to its path, in the order that decides which of
// two files claiming one path is named first.
type claim struct {
	path, source string
	group        Group
	index, sub   int
}

// fileRead is what a file left behind for the checks across files.
type fileRead struct {
	policy policy.File
	link   linkcheck.File
	hits   []scan.Hit
}

// New starts a pass.
func New(opts Options) *Pass {
	return &Pass{opts: opts, at: map[claim]*record{}, dropped: map[claim]bool{}, moved: true, assets: map[string][]byte{}}
}

// Add passes a group of files that are not rendered pages (static files,
// assets, feature files, the search index) through: each is read and
// written, on all cores.
func (p *Pass) Add(group Group, files []site.File) {
	parallel.For(len(files), func(i int) { p.file(files[i], group, i, 0, nil) })
}

// Page passes the files of the page at index i of the site's pages
// through: the page itself, then its alias pages. It is called from
// several goroutines as pages are rendered.
func (p *Pass) Page(i int, pg *site.Page, files []site.File) {
	for j, f := range files {
		var owner *site.Page
		if j == 0 {
			owner = pg
		}
		p.file(f, Pages, i, j, owner)
	}
}

// file reads one file, and writes or keeps it. pg is the page the file
// renders, if it does.
func (p *Pass) file(f site.File, group Group, index, sub int, pg *site.Page) {
	r, text := p.readFile(f, pg)
	if pg != nil && p.opts.Search != nil && p.opts.Search.Indexes(pg) {
		if err := p.opts.Search.Add(pg, text); err != nil {
			p.fail(fmt.Errorf("cannot write the search index: %w", err))
		}
	}
	var err error
	if p.opts.Sink != nil {
		err = p.opts.Sink.Write(f)
	}
	rec := record{claim: claim{path: f.Path, source: f.Source, group: group, index: index, sub: sub}, read: r}
	if p.opts.Sink == nil {
		rec.file = f
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	key := rec.claim
	key.source = ""
	if old, ok := p.at[key]; ok {
		p.moved = p.moved || old.source != rec.source
		*old = rec // the same file passing again, in a patched build
	} else {
		if p.dropped[key] {
			delete(p.dropped, key) // dropped and claimed again: no move
		} else {
			p.moved = true
		}
		p.at[key] = &rec
		p.recs = append(p.recs, &rec)
	}
	if keepForIntegrity(f.Path) {
		p.assets[f.Path] = f.Data
	}
	if err != nil {
		p.failed = append(p.failed, err)
	}
}

// hinter is an error that carries a hint for the report, as the publish
// stage's do.
type hinter interface {
	error
	Hint() string
}

func (p *Pass) fail(err error) {
	p.mu.Lock()
	p.failed = append(p.failed, err)
	p.mu.Unlock()
}

// keepForIntegrity reports the files pages load with an integrity value:
// scripts and stylesheets, which stay in memory for the policy's checks.
func keepForIntegrity(name string) bool {
	switch path.Ext(name) {
	case ".css", ".js", ".mjs":
		return true
	}
	return false
}

// readFile runs the checks' readers over f, from the cache when its bytes
// were read before, and returns what they found and, for a page, the text
// of its body (nil when it could not be told apart from the layout).
func (p *Pass) readFile(f site.File, pg *site.Page) (fileRead, *search.Text) {
	var content string
	if pg != nil {
		content = string(pg.Content)
	}
	// The scan reads the search index's files as what a reader could see
	// in them; a document's hits are placed in its page's source file,
	// which is part of what the file's reading depends on.
	viewKey, viewed := p.opts.Search.ScanKey(f)
	if e, ok := p.opts.Cache.lookup(f, p.opts.Scanner, viewKey); ok {
		r := e.read
		r.policy.Source, r.link.Source = f.Source, f.Source
		if e.content == content && e.hasText {
			t := e.text
			return r, &t
		}
		return r, nil
	}
	r := fileRead{link: linkcheck.File{Path: f.Path, Source: f.Source}}
	var text *search.Text
	html, read := policy.Checks(f.Path)
	switch {
	case html:
		text = p.readHTML(f, pg, &r)
	case read:
		r.policy = policy.Read(f)
	default:
		r.policy = policy.File{Path: f.Path, Source: f.Source}
	}
	switch {
	case html || p.opts.Scanner == nil:
	case viewed:
		views, ok := p.opts.Search.ScanViews(f)
		if !ok { // a file in the index's folders that is not the index's
			r.hits = p.opts.Scanner.File(f)
		}
		for _, v := range views {
			r.hits = append(r.hits, p.opts.Scanner.File(v)...)
		}
	default:
		r.hits = p.opts.Scanner.File(f)
	}
	p.opts.Cache.store(f, p.opts.Scanner, viewKey, r, content, text)
	return r, text
}

// readHTML tokenises an HTML file once for every reader.
func (p *Pass) readHTML(f site.File, pg *site.Page, r *fileRead) *search.Text {
	var (
		pol  policy.Reader
		link = linkcheck.Reader{URLs: &p.urls}
		sr   *scan.Reader
		body *bodyReader
	)
	if p.opts.Scanner != nil {
		sr = p.opts.Scanner.Reader(f)
	}
	if pg != nil && p.opts.Search != nil && p.opts.Search.Indexes(pg) {
		body = newBodyReader(f.Data, string(pg.Content))
	}
	links := linkcheck.Reads(f.Path)
	markup.Each(f.Data, markup.HTML, func(t *markup.Token) {
		pol.Token(t)
		if links {
			link.Token(t)
		}
		if sr != nil {
			sr.Token(t)
		}
		if body != nil {
			body.token(t)
		}
	})
	r.policy = pol.File(f)
	if links {
		r.link.Page = link.Page()
	}
	if sr != nil {
		r.hits = sr.Hits()
	}
	if body == nil {
		return nil
	}
	return body.text()
}

// bodyReader hands the search index the tokens of the part of a page that
// is its rendered body (Page.Content, which layouts insert as it is).
type bodyReader struct {
	start, end int // the body's place in the page; start < 0 when not found
	r          search.TextReader
	aligned    bool
}

func newBodyReader(page []byte, content string) *bodyReader {
	b := &bodyReader{start: -1, aligned: true}
	if len(content) > 0 {
		if i := indexBody(page, content); i >= 0 {
			b.start, b.end = i, i+len(content)
		}
	}
	return b
}

// indexBody returns where body first stands in page, as bytes.Index
// would, without copying the body (kilobytes, for every page): it looks
// for the body's first bytes, which bytes.Index finds with vector
// instructions, and compares the rest where they stand.
func indexBody(page []byte, body string) int {
	head := []byte(body[:min(len(body), 32)])
	for off := 0; ; {
		i := bytes.Index(page[off:], head)
		if i < 0 {
			return -1
		}
		at := off + i
		if len(page)-at >= len(body) && string(page[at:at+len(body)]) == body {
			return at
		}
		off = at + 1
	}
}

func (b *bodyReader) token(t *markup.Token) {
	if b.start < 0 || t.End <= b.start || t.Start >= b.end {
		return
	}
	if t.Start >= b.start && t.End <= b.end {
		b.r.Token(t)
		return
	}
	// A token that straddles the body's edge: text that runs on from
	// the layout is cut at the edge; anything else means the body is not
	// a run of whole tokens here (inside a raw-text element, say).
	if t.Kind != markup.Text {
		b.aligned = false
		return
	}
	cut := *t
	from, to := max(t.Start, b.start), min(t.End, b.end)
	cut.Start, cut.End = from, to
	cut.Data = t.Data[from-t.DataStart : to-t.DataStart]
	cut.DataStart = from
	b.r.Token(&cut)
}

// text returns the body's text, or nil when the body was not found as a
// run of whole tokens (the index then reads Page.Content on its own).
func (b *bodyReader) text() *search.Text {
	if b.start < 0 || !b.aligned {
		return nil
	}
	t := b.r.Text()
	return &t
}

// Finish runs the checks across files and returns their diagnostics:
// files claiming one path, the policy, the links (unless the build already
// failed, when a broken link is usually a consequence) and the scan.
func (p *Pass) Finish(failed bool) diag.List {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.order()
	if p.moved || len(p.dropped) > 0 {
		p.clashed = p.clashes()
		p.moved = false
		clear(p.dropped)
	}
	diags := slices.Clone(p.clashed)
	if len(diags) == 0 {
		// A clash makes writes fail too; it is the one to report.
		for _, err := range p.failed {
			d := diag.Errorf(diag.Pos{File: p.opts.Destination}, "%v", err)
			// The sink's errors may say what to do (a full disk, say).
			if h := hinter(nil); errors.As(err, &h) {
				d = d.WithHint("%s", h.Hint())
			}
			diags.Add(d)
		}
	}
	pol := make([]policy.File, len(p.recs))
	links := make([]linkcheck.File, 0, len(p.recs))
	hits := make([][]scan.Hit, len(p.recs))
	for i, r := range p.recs {
		pol[i] = r.read.policy
		links = append(links, r.read.link)
		hits[i] = r.read.hits
	}
	diags.Append(policy.Report(pol, policy.Options{BasePath: p.opts.BasePath, Lookup: p.lookup, Locate: p.opts.Locate}))
	if !failed && !diags.HasErrors() {
		diags.Append(linkcheck.CheckFiles(links, linkcheck.Site{Origin: p.opts.Origin, BasePath: p.opts.BasePath,
			Sources: p.opts.Sources, Shared: p.opts.Shared, Cache: p.opts.Cache.links()}))
	}
	if p.opts.Scanner != nil {
		diags.Append(scan.Report(hits, p.opts.Sources))
	}
	p.opts.Cache.sweep(p.recs)
	return diags
}

// lookup returns an output file's bytes, for the integrity checks.
func (p *Pass) lookup(name string) ([]byte, bool) {
	if data, ok := p.assets[name]; ok {
		return data, true
	}
	if p.opts.Sink == nil {
		return nil, false
	}
	known := false
	for _, r := range p.recs {
		if r.path == name {
			known = true
			break
		}
	}
	if !known {
		return nil, false
	}
	data, err := p.opts.Sink.Read(name)
	return data, err == nil
}

// Files returns the files kept in memory (no Sink), sorted by path.
func (p *Pass) Files() []site.File {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.opts.Sink != nil {
		return nil
	}
	p.order()
	files := make([]site.File, len(p.recs))
	for i, r := range p.recs {
		files[i] = r.file
	}
	return files
}

// Update passes files of a group again in a patched build, each in the
// place of the group's file of the same path (a path the group did not
// have is added after its files): the search index's document files that
// an edit changed.
func (p *Pass) Update(group Group, files []site.File) {
	p.mu.Lock()
	at := make([]int, len(files))
	next := 0
	for _, r := range p.recs {
		if r.group == group {
			next = max(next, r.index+1)
		}
	}
	for i, f := range files {
		at[i] = -1
		for _, r := range p.recs {
			if r.group == group && r.path == f.Path {
				at[i] = r.index
				break
			}
		}
		if at[i] < 0 {
			at[i], next = next, next+1
		}
	}
	p.mu.Unlock()
	parallel.For(len(files), func(i int) { p.file(files[i], group, at[i], 0, nil) })
}

// Drop forgets the files of a group, before a patched build passes the
// group's new files (the search index, whose shards are all made again).
func (p *Pass) Drop(g Group) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.order()
	recs := p.recs[:0]
	for _, r := range p.recs {
		if r.group != g {
			recs = append(recs, r)
			continue
		}
		key := r.claim
		key.source = ""
		delete(p.at, key)
		p.dropped[key] = true
	}
	clear(p.recs[len(recs):])
	p.recs = recs
	p.sorted = len(recs) // dropping keeps the order
}

// order puts the records in the order files are listed (by path, then
// group, then position): the records added since the last time are sorted
// and merged in.
func (p *Pass) order() {
	if p.sorted == len(p.recs) {
		return
	}
	byClaim := func(a, b *record) int { return order(a.claim, b.claim) }
	done, added := p.recs[:p.sorted], slices.Clone(p.recs[p.sorted:])
	slices.SortStableFunc(added, byClaim)
	merged := make([]*record, 0, len(p.recs))
	for len(done) > 0 && len(added) > 0 {
		if byClaim(added[0], done[0]) < 0 {
			merged, added = append(merged, added[0]), added[1:]
		} else {
			merged, done = append(merged, done[0]), done[1:]
		}
	}
	p.recs = append(append(merged, done...), added...)
	p.sorted = len(p.recs)
}

// Count returns how many files of a group passed through.
func (p *Pass) Count(g Group) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, r := range p.recs {
		if r.group == g {
			n++
		}
	}
	return n
}

// order sorts claims as the files would be listed: by path, then group,
// then position within the group.
func order(a, b claim) int {
	return cmp.Or(strings.Compare(a.path, b.path), cmp.Compare(a.group, b.group), cmp.Compare(a.index, b.index), cmp.Compare(a.sub, b.sub))
}
