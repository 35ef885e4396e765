package scan

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/markup"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Scanner finds identifying data in built files. Build one with New per
// build; it does not change after that, so several goroutines may scan with
// it at once.
type Scanner struct {
	ac    *automaton
	terms []scanTerm // the words and names; indexed like ac's terms
	// codes matches the codes among the terms on their letters and
	// digits (codes.go); codeTerm maps its terms to indexes in terms.
	codes    *automaton
	codeTerm []int
	expand   *expander
	allow    map[string]bool
	// cache, when the scanner came from a Cache, keeps per-file hits.
	cache *Cache
}

type scanTerm struct {
	text   string
	origin diag.Pos
	// cut says that only the first maxTermLen bytes of the folded term are
	// looked for.
	cut bool
}

// maxTermLen is how many bytes of a folded identifying value are looked
// for. Real names and codes are far shorter; a longer value (a paragraph
// pasted into a provider column, a five-megabyte cell) is looked for by its
// start, which finds every place the whole value appears (and any place
// its first 200 bytes appear) while keeping the automaton, which grows with
// the total length of the terms, small.
const maxTermLen = 200

// Options configure a Scanner.
type Options struct {
	// Allow lists exact values that are public on purpose (compared after
	// normalisation, so case and spacing do not matter).
	Allow []string
	// Abbreviations are the site's short forms of organisation types,
	// expanded with DefaultAbbreviations (abbrev.go).
	Abbreviations []Abbreviation
}

// New prepares a scanner for the identifying terms. It returns warnings,
// at each term's origin, for the terms too short to scan.
func New(terms []Term, opts Options) (*Scanner, diag.List) {
	var warnings diag.List
	byFold := map[string]int{}
	s := &Scanner{allow: map[string]bool{}, expand: newExpander(append(slices.Clone(opts.Abbreviations), DefaultAbbreviations...))}
	var folded, codes []string
	for _, t := range terms {
		f := s.fold(t.Text)
		if f == "" {
			continue
		}
		if tooShort(plainFold(t.Text)) {
			warnings.Add(diag.Warningf(t.Origin, "the identifying value %q is too short to look for in the built site", t.Text).
				WithHint("values with fewer than 4 letters or digits (3 for codes such as R1A, 6 for numbers) would match ordinary words; make sure no layout shows this column"))
			continue
		}
		code := isCode(t.Text)
		key := f
		if code {
			key = "\x00" + string(compact([]byte(f)))
		}
		if i, ok := byFold[key]; ok {
			if t.Origin.Compare(s.terms[i].origin) < 0 {
				s.terms[i] = scanTerm{text: t.Text, origin: t.Origin}
			}
			continue
		}
		byFold[key] = len(s.terms)
		st := scanTerm{text: t.Text, origin: t.Origin}
		if code {
			s.codeTerm = append(s.codeTerm, len(s.terms))
			codes = append(codes, key[1:])
			s.terms = append(s.terms, st)
			folded = append(folded, "") // not in ac: kept so indexes line up
			continue
		}
		if len(f) > maxTermLen {
			f, st.cut = f[:maxTermLen], true
		}
		s.terms = append(s.terms, st)
		folded = append(folded, f)
	}
	s.ac = newAutomaton(folded)
	if len(codes) > 0 {
		s.codes = newAutomaton(codes)
	}
	for _, a := range opts.Allow {
		if f := s.fold(a); f != "" {
			s.allow[f] = true
		}
	}
	warnings.Sort()
	return s, warnings
}

// Hit is identifying data found in an output file. Repeats of the same text
// from the same term or pattern in one file are one Hit.
type Hit struct {
	// Path is the output file; Source is the source file that produced
	// it, if known.
	Path, Source string
	// Line is the line of the output file where the text first occurs,
	// and Offset the byte offset in the file where it starts.
	Line   int
	Offset int
	// Text is the text found, with its spacing normalised.
	Text string
	// Pattern is the pattern that matched, or 0 for an identifying term.
	Pattern Pattern
	// Origin is where the term was declared (for a term).
	Origin diag.Pos
	// Count is how many times the text occurs in the file.
	Count int
	// Document, for a document (a PDF, an office file), says what kind
	// it is; Line then counts lines of its text, which a reader cannot
	// see, so the report names the file alone.
	Document string
}

// fileKind is how an output file is read.
type fileKind int

const (
	kindPlain fileKind = iota
	kindMarkup
	kindScript
	kindBinary
)

func kindOf(name string, data []byte) fileKind {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".xml", ".svg", ".rss", ".atom":
		return kindMarkup
	case ".json", ".js", ".mjs", ".cjs", ".map", ".webmanifest", ".jsonld":
		return kindScript
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tif", ".tiff",
		".woff", ".woff2", ".ttf", ".otf", ".eot", ".zip", ".gz", ".br", ".mp4", ".webm", ".mp3", ".wasm":
		return kindBinary
	}
	if bytes.IndexByte(data[:min(len(data), 8192)], 0) >= 0 {
		return kindBinary
	}
	return kindPlain
}

// buffers are reused between files: normalising allocates nothing once
// they have grown to the size of the largest file.
type buffers struct{ main, side text }

var pool = sync.Pool{New: func() any { return new(buffers) }}

// pooledText is the largest text (in bytes, about a file's size) whose
// buffers go back to the pool. They take some 14 bytes for each byte of
// text, so buffers grown for the sitemap of a site of 50,000 pages would
// hold about 100 MB, and, reused for every page after it, would hold it
// to the end of the build; the few files larger than this get buffers of
// their own.
const pooledText = 1 << 20

// release puts buf back in the pool unless it grew past pooledText.
func release(buf *buffers) {
	if cap(buf.main.t) <= pooledText {
		pool.Put(buf)
	}
}

// Reader normalises one HTML file from its tokens (markup.Each), so that
// the scan reads the same pass over the file as the other checks; Hits
// then searches it. Get one from Scanner.Reader.
type Reader struct {
	s   *Scanner
	f   site.File
	buf *buffers
	r   reader
}

// Reader returns a reader for the HTML file f, whose tokens the caller
// passes to its Token method, then calls Hits once.
func (s *Scanner) Reader(f site.File) *Reader {
	buf := pool.Get().(*buffers)
	buf.main.reset(len(f.Data)+len(f.Data)/8, s.keyed())
	buf.side.reset(len(f.Data)/4, s.keyed())
	return &Reader{s: s, f: f, buf: buf, r: reader{main: &buf.main, side: &buf.side, mode: markup.HTML}}
}

// Token reads the file's next token.
func (r *Reader) Token(t *markup.Token) { r.r.token(t) }

// Hits returns what the scanner found in the file. The reader cannot be
// used after it.
func (r *Reader) Hits() []Hit {
	defer release(r.buf)
	return r.s.search(r.f, &r.buf.main, &r.buf.side)
}

// Markup reports whether the scanner reads the file at path as HTML, from
// the tokens a Reader is given; it reads any other file itself (File).
func Markup(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// File scans one output file.
func (s *Scanner) File(f site.File) []Hit {
	if doc := documentOf(f.Path); doc != "" {
		return s.document(f, doc)
	}
	kind := kindOf(f.Path, f.Data)
	if kind == kindBinary {
		return nil
	}
	if kind == kindMarkup && Markup(f.Path) {
		r := s.Reader(f)
		markup.Each(f.Data, markup.HTML, r.Token)
		return r.Hits()
	}
	buf := pool.Get().(*buffers)
	defer release(buf)
	m, side := &buf.main, &buf.side
	m.reset(len(f.Data)+len(f.Data)/8, s.keyed())
	side.reset(len(f.Data)/4, s.keyed())
	switch kind {
	case kindMarkup:
		readMarkup(m, side, f.Data, markup.XML)
	case kindScript:
		m.script(f.Data, 0)
	default:
		m.plain(f.Data, 0)
	}
	return s.search(f, m, side)
}

// keyed reports whether the scanner has identifying values, matched on
// the key of the text; without them, only the patterns are looked for.
func (s *Scanner) keyed() bool { return !s.ac.empty || s.codes != nil }

// search finds the terms and patterns in a file's normalised text.
func (s *Scanner) search(f site.File, m, side *text) []Hit {
	m.brk(len(f.Data))
	m.join(side)
	if s.keyed() {
		s.expand.apply(m)
	}
	return s.hits(f, m, s.matches(m))
}

// join appends side text (attributes, scripts, comments) to x.
func (x *text) join(side *text) {
	n := int32(len(x.t))
	x.t = append(x.t, side.t...)
	x.off = append(x.off, side.off...)
	x.l = append(x.l, side.l...)
	from := len(x.lt)
	x.lt, x.le = append(x.lt, side.lt...), append(x.le, side.le...)
	lt, le := x.lt[from:], x.le[from:]
	for i := range lt {
		lt[i] += n
		le[i] += n
	}
}

// matches finds the identifying values and the patterns in normalised
// text, each match as a stretch of m.t.
func (s *Scanner) matches(m *text) []match {
	var found []match
	term := func(term, start, end int) {
		found = append(found, match{start: int(m.lt[start]), end: int(m.le[end-1]), term: term, key: string(bytes.TrimSpace(m.l[start:end]))})
	}
	s.ac.match(m.l, func(t, end int) {
		start := end - s.ac.lens[t]
		// A cut term continues past its end, so only its start must
		// stand at a word boundary.
		if startsWord(m.l, start) && (s.terms[t].cut || endsWord(m.l, end)) {
			term(t, start, end)
		}
	})
	s.matchCodes(m.l, term)
	findPatterns(m.t, func(p Pattern, start, end int) {
		found = append(found, match{start: start, end: end, term: -1, pattern: p})
	})
	return found
}

type match struct {
	start, end int // in the text t
	term       int // index into s.terms, or -1
	pattern    Pattern
	key        string // the matched key, for the allow-list (terms only)
}

// hits drops matches inside longer ones and allowed values, then groups
// the rest by what was found.
func (s *Scanner) hits(f site.File, m *text, found []match) []Hit {
	if len(found) == 0 {
		return nil
	}
	slices.SortFunc(found, func(a, b match) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(b.end, a.end) // longest first
	})
	var out []Hit
	index := map[string]int{}
	lastEnd, line, lineAt := -1, 1, 0
	for _, mt := range found {
		if mt.end <= lastEnd {
			continue // inside a longer match: "Northwick Park" in "Northwick Park Hospital"
		}
		lastEnd = mt.end
		allowKey := mt.key
		if mt.term < 0 {
			allowKey = s.fold(string(m.t[mt.start:mt.end]))
		}
		if s.allow[allowKey] {
			continue
		}
		h := Hit{Path: f.Path, Source: f.Source, Text: string(m.t[mt.start:mt.end]), Pattern: mt.pattern, Count: 1}
		if mt.term >= 0 {
			h.Origin = s.terms[mt.term].origin
		}
		key := fmt.Sprintf("%d\x00%s\x00%s", h.Pattern, h.Origin, strings.ToLower(h.Text))
		if i, ok := index[key]; ok {
			out[i].Count++
			continue
		}
		// Matches come in text order, but side text (attributes,
		// scripts) maps back to earlier offsets; count from the start
		// when going backwards.
		at := int(m.off[mt.start])
		if at < lineAt {
			line, lineAt = 1, 0
		}
		line += bytes.Count(f.Data[lineAt:at], []byte{'\n'})
		lineAt = at
		h.Line, h.Offset = line, at
		index[key] = len(out)
		out = append(out, h)
	}
	return out
}

// Text scans one piece of plain text, such as a data file's cell, with
// exactly the matching of File: a feature that publishes free text checks
// each cell with it, so that a problem is reported at the cell rather than
// at every built page that shows it. Each Hit's Offset is a byte offset in
// s; Path and Source are empty.
func (s *Scanner) Text(text string) []Hit {
	return s.File(site.File{Data: []byte(text)})
}

// Scan scans every file, on all cores, and returns one error per Hit (see
// Report).
func (s *Scanner) Scan(files []site.File, sources func(file string) *diag.Source) diag.List {
	found := make([][]Hit, len(files))
	parallel.For(len(files), func(i int) {
		if s.cache != nil {
			found[i] = s.cache.hits(s, files[i])
			return
		}
		found[i] = s.File(files[i])
	})
	return Report(found, sources)
}

// Report returns one error per Hit. If sources is not nil it is asked for
// the text of each hit's source file, and the error is placed where the
// text is written there, so the editor is taken to the line to fix.
func Report(found [][]Hit, sources func(file string) *diag.Source) diag.List {
	var l diag.List
	for _, hits := range found {
		for _, h := range hits {
			d := h.Diagnostic()
			if sources != nil && h.Source != "" {
				if src := sources(h.Source); src != nil {
					if off := findFold(src.Text, h.Text); off >= 0 {
						d.Pos = src.Pos(off)
						d = d.WithSourceLine(src)
					}
				}
			}
			l.Add(d)
		}
	}
	l.Sort()
	return l
}

// findFold finds text in source ignoring case and treating any run of
// whitespace as a match for a space (hits are reported with their spacing
// normalised), or returns -1.
func findFold(source []byte, text string) int {
	words := strings.Fields(text)
	if len(words) == 0 {
		return -1
	}
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	re, err := regexp.Compile(`(?i)` + strings.Join(words, `\s+`))
	if err != nil {
		return -1
	}
	if loc := re.FindIndex(source); loc != nil {
		return loc[0]
	}
	return -1
}

// Diagnostic turns a hit into an error. It is placed at the source file
// that produced the output, where an editor can fix it; for files the
// generator makes up, at the term's origin.
func (h Hit) Diagnostic() diag.Diagnostic {
	pos := diag.Pos{File: h.Source}
	if h.Source == "" {
		pos = h.Origin
	}
	where := fmt.Sprintf("the built file %s (line %d", h.Path, h.Line)
	if h.Source != "" {
		where += ", made from " + h.Source
	}
	where += ")"
	if h.Document != "" {
		// A document's lines are not a reader's: name the file alone.
		where = fmt.Sprintf("the %s %s", h.Document, h.Path)
		if h.Source != "" {
			where += " (made from " + h.Source + ")"
		}
	}
	if h.Pattern == Unreadable {
		return diag.Errorf(pos, "%s cannot be checked for identifying data: its text cannot be read (%s)", where, h.Text).
			WithHint("publish what the document says as a page, or as a document whose text can be read (exported from a word processor, not scanned or encrypted); or remove it")
	}
	times := ""
	if h.Count > 1 {
		times = fmt.Sprintf(" %d times", h.Count)
	}
	fix := "remove it from the layout or data that produced the file"
	if h.Source != "" {
		fix = fmt.Sprintf("remove it from %s, or from the layout or data that produced the file", h.Source)
	}
	if h.Pattern == 0 {
		return diag.Errorf(pos, "%s contains %q%s, an identifying value from %s", where, h.Text, times, h.Origin).
			WithHint("%s: private data may be published only as aggregated, disclosure-controlled figures. If this text is public on purpose, add it exactly as written to the identifier scan's allow-list in the site configuration", fix)
	}
	return diag.Errorf(pos, "%s contains %q%s, which looks like %s", where, h.Text, times, h.Pattern).
		WithHint("%s. If it is meant to be public (a general enquiries address, say), add it exactly as written to the identifier scan's allow-list in the site configuration", fix)
}
