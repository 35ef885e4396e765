// Package serve is Plinth's development server: it builds the site into
// memory, serves it on the loopback interface, watches the source folders,
// rebuilds when they change and tells open browser tabs to reload.
//
// A failed rebuild never replaces the last good site: the browser keeps
// showing it, with an overlay listing the problems (file:line:col and
// hints), which clears as soon as a rebuild succeeds. The reload client is a
// small external script served under /__plinth/ and injected into HTML
// responses only by this server, so the site's Content-Security-Policy
// (script-src 'self') holds in development as in production.
package serve

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/generator/site"
)

// DefaultDebounce is how long `plinth serve` waits for a save to settle
// (Watch's debounce), so that an editor's save, which often arrives as
// several events, makes one rebuild.
// It is some 60 times the widest spread measured between the events of
// one save (a write; a write to a temporary file and a rename; vim's
// rename, write and remove: at most 0.16 ms over 50 saves each, with six
// busy loops beside them on two cores), and every millisecond of it is
// waited on each save before the reload. A save whose events straddle it
// still ends right: its later events make one more rebuild.
const DefaultDebounce = 10 * time.Millisecond

//go:embed client
var client embed.FS

// Prefix is where the server's own files live; no site may use it.
const Prefix = "/__plinth/"

// Options configure the server.
type Options struct {
	// Build are the build settings; Write and BaseURL are set by the
	// server.
	Build pipeline.Options
	// Listen is the address to listen on, such as 127.0.0.1:1313.
	Listen string
	// BasePath is the path the site is served under ("/" or "/quality/").
	BasePath string
	// Log receives one line per rebuild.
	Log io.Writer
	// Verbose shows every warning of a failed rebuild in full; without it
	// more than three of one kind are summarised (diag.Report).
	Verbose bool
}

// Server holds the last good site and the state of the latest build.
type Server struct {
	opts Options

	cache *pipeline.Cache

	// hosts are the Host header values the server answers (see
	// hostAllowed); nil until Run knows the address it listens on.
	hosts map[string]bool

	mu sync.RWMutex
	// files is the last good build's output, sorted by path as the
	// build returns it: taking it as it is, rather than indexing it anew,
	// keeps a rebuild's cost from growing with the size of the site.
	files    []site.File
	version  int
	problems *problems
	subs     map[chan state]bool
}

type problems struct {
	Summary string `json:"summary"`
	Report  string `json:"report"`
}

type state struct {
	Version  int       `json:"version"`
	Problems *problems `json:"problems,omitempty"`
}

// New returns a server that has not built anything yet.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	return &Server{opts: opts, cache: newCache(), subs: map[chan state]bool{}}
}

// newCache returns a build cache that relies on the watcher for changes.
func newCache() *pipeline.Cache {
	c := pipeline.NewCache()
	c.Watched()
	return c
}

// Rebuild builds the site, reusing the previous build's work for what did
// not change (changed lists the files the watcher saw change, as paths
// relative to the site folder). On success the new site replaces the old and
// every open tab reloads; on failure the old site stays and the tabs show
// the problems. It returns the build's diagnostics.
func (s *Server) Rebuild(changed ...string) diag.List {
	start := time.Now()
	s.cache.Changed(changed)
	o := s.opts.Build
	o.Write = false
	o.Cache = s.cache
	res, diags := pipeline.Run(o)
	took := time.Since(start)
	s.mu.Lock()
	if diags.HasErrors() {
		var b strings.Builder
		diag.Report(&b, diags, diag.ReportOptions{Verbose: s.opts.Verbose})
		s.problems = &problems{Summary: diag.Summary(diags), Report: b.String()}
		fmt.Fprintf(s.opts.Log, "Rebuild failed in %s with %s; still serving the last good site.\n%s", took.Round(time.Millisecond), diag.Summary(diags), b.String())
	} else {
		s.files = res.Files
		s.version++
		s.problems = nil
		fmt.Fprintf(s.opts.Log, "Rebuilt %d pages in %s.\n", res.Pages, took.Round(time.Millisecond))
	}
	st := state{Version: s.version, Problems: s.problems}
	for ch := range s.subs {
		select {
		case ch <- st:
		default: // a slow tab catches up on its next event
		}
	}
	s.mu.Unlock()
	return diags
}

// ServeHTTP serves the site, the reload client and its event stream, to
// requests addressed to this server only (see host.go).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r) {
		refuseHost(w)
		return
	}
	switch {
	case r.URL.Path == Prefix+"events":
		s.events(w, r)
		return
	case strings.HasPrefix(r.URL.Path, Prefix):
		data, err := client.ReadFile("client/" + strings.TrimPrefix(r.URL.Path, Prefix))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(r.URL.Path)))
		w.Header().Set("Cache-Control", "no-store")
		w.Write(data)
		return
	}
	base := s.opts.BasePath
	if !strings.HasPrefix(r.URL.Path, base) {
		if r.URL.Path == "/" || r.URL.Path+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		s.notFound(w)
		return
	}
	rel := strings.TrimPrefix(r.URL.Path, base)
	s.mu.RLock()
	data, name, ok := s.lookup(rel)
	version := s.version
	s.mu.RUnlock()
	if !ok {
		if _, _, dir := s.lookupLocked(rel + "/"); dir && !strings.HasSuffix(rel, "/") && rel != "" {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w)
		return
	}
	s.write(w, name, data, version, http.StatusOK)
}

func (s *Server) lookupLocked(rel string) ([]byte, string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lookup(rel)
}

// lookup maps a path below the base path to a file, as static hosts do.
func (s *Server) lookup(rel string) ([]byte, string, bool) {
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	data, ok := s.file(rel)
	return data, rel, ok
}

// file returns the data of the built file at path; the caller holds mu.
func (s *Server) file(path string) ([]byte, bool) {
	i, ok := slices.BinarySearchFunc(s.files, path, func(f site.File, path string) int { return strings.Compare(f.Path, path) })
	if !ok {
		return nil, false
	}
	return s.files[i].Data, true
}

func (s *Server) notFound(w http.ResponseWriter) {
	s.mu.RLock()
	data, ok := s.file("404.html")
	version := s.version
	s.mu.RUnlock()
	if !ok {
		data = []byte("<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>")
	}
	s.write(w, "404.html", data, version, http.StatusNotFound)
}

// write sends a file of the site's build version, injecting the reload
// client into HTML pages.
func (s *Server) write(w http.ResponseWriter, name string, data []byte, version, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = Inject(data, version)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(data)
}

// Inject adds the reload client's script and stylesheet to an HTML page,
// just before </head> (or at the start if the page has no head). The
// script carries the version of the build the page came from, so that the
// client reloads on any later build, even one that finished before it
// could connect: the first state it hears may be a later build's, or a
// failed build's (which says nothing of what the page shows).
func Inject(page []byte, version int) []byte {
	tags := []byte(`<link rel="stylesheet" href="` + Prefix + `live.css"><script src="` + Prefix + `live.js" data-version="` + strconv.Itoa(version) + `" defer></script>`)
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(tags, page...)
	}
	out := make([]byte, 0, len(page)+len(tags))
	out = append(out, page[:i]...)
	out = append(out, tags...)
	return append(out, page[i:]...)
}

// events streams the build state to a browser tab: once on connecting,
// then after every rebuild.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := make(chan state, 4)
	s.mu.Lock()
	s.subs[ch] = true
	ch <- state{Version: s.version, Problems: s.problems}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case st := <-ch:
			data, _ := json.Marshal(st)
			fmt.Fprintf(w, "event: state\ndata: %s\n\n", data)
			flusher.Flush()
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		}
	}
}

// Listen checks the address: only loopback addresses are allowed unless
// the caller passed allowOthers (--bind), so a preview never becomes
// reachable from the network by accident.
func Listen(addr string, allowOthers bool) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ip := net.ParseIP(host)
	if !allowOthers && (ip == nil || !ip.IsLoopback()) && host != "localhost" {
		return nil, fmt.Errorf("refusing to listen on %s: only 127.0.0.1 is allowed unless --bind names the interface", host)
	}
	return net.Listen("tcp", addr)
}

// Run serves until ctx ends: it builds once, then rebuilds on every change
// the watcher reports.
func (s *Server) Run(ctx context.Context, ln net.Listener, changes <-chan []string) error {
	s.listening(ln.Addr())
	s.Rebuild()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	go func() {
		for batch := range changes {
			if slices.Contains(batch, Everything) {
				s.cache = newCache()
			}
			s.Rebuild(s.relative(batch)...)
		}
	}()
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

// relative turns the watcher's paths into slash paths relative to the site
// folder, as the build's caches name files.
func (s *Server) relative(paths []string) []string {
	root, err := filepath.Abs(s.opts.Build.Source)
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(root, abs); err == nil && filepath.IsLocal(rel) {
			out = append(out, filepath.ToSlash(rel))
		}
	}
	return out
}
