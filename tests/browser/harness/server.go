package harness

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"
)

// NotFoundFile is the page served, with status 404, for unknown paths.
const NotFoundFile = "404.html"

// Server serves a built site the way the production host does: static files
// under a path prefix, pretty URLs, the site's 404 page and the headers of
// its _headers file. It uses net/http only and listens on 127.0.0.1.
type Server struct {
	fsys    fs.FS
	prefix  string
	headers HeaderRules

	srv  *http.Server
	base string
}

// NewServer returns a server for the site in fsys, mounted at prefix (for
// example "/" or "/quality/"; a missing leading or trailing slash is added).
// It reads and parses the _headers file at the root of fsys if there is one;
// a malformed _headers file is an error that lists every bad line.
func NewServer(fsys fs.FS, prefix string) (*Server, error) {
	s := &Server{fsys: fsys, prefix: normalisePrefix(prefix)}
	text, err := fs.ReadFile(fsys, HeadersFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", HeadersFile, err)
	default:
		rules, diags := ParseHeaders(HeadersFile, text)
		if err := diags.Err(); err != nil {
			var b strings.Builder
			for _, d := range diags {
				b.WriteString("\n  " + d.Error())
				if d.Hint != "" {
					b.WriteString("\n    hint: " + d.Hint)
				}
			}
			return nil, fmt.Errorf("the site's %s file is malformed:%s", HeadersFile, b.String())
		}
		s.headers = rules
	}
	return s, nil
}

func normalisePrefix(p string) string {
	p = "/" + strings.Trim(p, "/") + "/"
	if p == "//" {
		return "/"
	}
	return p
}

// Prefix returns the path prefix the site is mounted at, with leading and
// trailing slashes.
func (s *Server) Prefix() string { return s.prefix }

// Start listens on a random free port of 127.0.0.1 and serves in the
// background until Close.
func (s *Server) Start() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listening on 127.0.0.1: %w", err)
	}
	s.base = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	// Serve returns only ErrServerClosed, after Close: nothing to report.
	go s.srv.Serve(ln)
	return nil
}

// Origin returns "http://127.0.0.1:port" once started.
func (s *Server) Origin() string { return s.base }

// URL returns the absolute URL of a path on the server; p is a URL path
// including the prefix.
func (s *Server) URL(p string) string { return s.base + p }

// Close stops the server.
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// Resolution says what the server does with a URL path.
type Resolution struct {
	// File is the served file relative to the site root, or "" for a 404.
	File string
	// Redirect is the path to redirect to ("/quality/about" → "/quality/about/"),
	// or "".
	Redirect string
}

// Found reports whether the path names a file (possibly after a redirect).
func (r Resolution) Found() bool { return r.File != "" }

// Resolve maps a URL path (including the prefix) to the file it serves. The
// rules follow static hosts such as Netlify: "/a/" serves "a/index.html";
// "/a" redirects to "/a/" when "a" is a folder with an index.html; "/a"
// serves "a.html" when that exists.
func (s *Server) Resolve(urlPath string) Resolution {
	// Dot segments are resolved first, as a browser would, so that
	// "/quality/../quality/x" is "/quality/x" and nothing escapes the prefix.
	clean := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") && clean != "/" {
		clean += "/"
	}
	urlPath = clean
	if !strings.HasPrefix(urlPath, s.prefix) {
		if urlPath+"/" == s.prefix {
			return Resolution{File: "index.html", Redirect: s.prefix}
		}
		return Resolution{}
	}
	rel := strings.TrimPrefix(urlPath, s.prefix)
	dir := rel == "" || strings.HasSuffix(rel, "/")
	rel = strings.TrimSuffix(rel, "/")
	if dir {
		name := path.Join(rel, "index.html")
		if s.isFile(name) {
			return Resolution{File: name}
		}
		return Resolution{}
	}
	if !fs.ValidPath(rel) {
		return Resolution{}
	}
	if s.isFile(rel) {
		return Resolution{File: rel}
	}
	if index := path.Join(rel, "index.html"); s.isFile(index) {
		return Resolution{File: index, Redirect: urlPath + "/"}
	}
	if s.isFile(rel + ".html") {
		return Resolution{File: rel + ".html"}
	}
	return Resolution{}
}

func (s *Server) isFile(name string) bool {
	if !fs.ValidPath(name) || name == HeadersFile {
		return false
	}
	info, err := fs.Stat(s.fsys, name)
	return err == nil && info.Mode().IsRegular()
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Headers are matched on the site-relative path, as the host sees the
	// folder when it is deployed at its own root.
	site := "/" + strings.TrimPrefix(r.URL.Path, s.prefix)
	s.headers.Apply(w.Header(), site)

	res := s.Resolve(r.URL.Path)
	if res.Redirect != "" {
		http.Redirect(w, r, res.Redirect, http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	name := res.File
	if name == "" {
		status = http.StatusNotFound
		name = NotFoundFile
	}
	body, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		if status == http.StatusNotFound {
			http.Error(w, "404 page not found (and the site has no 404.html)", http.StatusNotFound)
			return
		}
		http.Error(w, "reading "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType(name))
	if status != http.StatusOK {
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(status)
		if r.Method == http.MethodGet {
			w.Write(body) // an error means the client went away: nothing to do.
		}
		return
	}
	// ServeContent handles HEAD, ranges and conditional requests. A zero
	// modification time keeps Last-Modified out: output must not depend on
	// the clock.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// contentType returns the media type for a file name, with charset for text.
// The common web types are spelled out so that a machine without
// /etc/mime.types serves the same headers.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".png":
		return "image/png"
	case ".ico":
		return "image/x-icon"
	case ".webp":
		return "image/webp"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}
