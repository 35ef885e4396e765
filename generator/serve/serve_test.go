package serve

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/pipeline"
)

func TestListenRefusesOtherInterfaces(t *testing.T) {
	if _, err := Listen("0.0.0.0:0", false); err == nil || !strings.Contains(err.Error(), "only 127.0.0.1") {
		t.Fatalf("0.0.0.0 without --bind: %v", err)
	}
	ln, err := Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
}

func TestInject(t *testing.T) {
	got := string(Inject([]byte("<html><head><title>x</title></head><body></body></html>")))
	if !strings.Contains(got, `<script src="/__plinth/live.js" defer></script></head>`) || strings.Contains(got, "<script>") {
		t.Fatalf("Inject = %s", got)
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestServerRoutesAndState(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "site.toml", "title = \"T\"\nbaseURL = \"https://example.org/q/\"\ntheme = \"t\"\n")
	write(t, dir, "themes/t/layouts/page.html", `<html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>`)
	write(t, dir, "themes/t/layouts/section.html", `<html><head><title>{{ .Title }}</title></head><body>list</body></html>`)
	write(t, dir, "themes/t/layouts/404.html", `<html><head><title>404</title></head><body>missing</body></html>`)
	write(t, dir, "content/a.md", "+++\ntitle = \"A\"\n+++\nHello.\n")
	s := New(Options{Build: pipeline.Options{Source: dir, Now: time.Now()}, BasePath: "/q/"})
	if d := s.Rebuild(); d.HasErrors() {
		t.Fatal(d.Err())
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path, want string
		code       int
	}{
		{"/q/a/", "Hello.", 200},
		{"/q/a", "", 301},
		{"/", "", 302},
		{"/q/nope/", "missing", 404},
		{"/elsewhere/", "missing", 404},
		{"/__plinth/live.js", "EventSource", 200},
	}
	for _, tt := range tests {
		resp, err := noFollow.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body := new(strings.Builder)
		_, _ = bufio.NewReader(resp.Body).WriteTo(body)
		resp.Body.Close()
		if resp.StatusCode != tt.code || !strings.Contains(body.String(), tt.want) {
			t.Errorf("GET %s = %d %q, want %d containing %q", tt.path, resp.StatusCode, body, tt.code, tt.want)
		}
	}
	// A broken edit keeps the last good site and reports the problem.
	write(t, dir, "content/a.md", "+++\ntitle = \"A\"\nbad = 1\n+++\nGone.\n")
	if d := s.Rebuild("content/a.md"); !d.HasErrors() {
		t.Fatal("the broken edit built")
	}
	resp, err := http.Get(ts.URL + "/q/a/")
	if err != nil {
		t.Fatal(err)
	}
	body := new(strings.Builder)
	_, _ = bufio.NewReader(resp.Body).WriteTo(body)
	resp.Body.Close()
	if !strings.Contains(body.String(), "Hello.") {
		t.Errorf("the last good page was not kept: %s", body)
	}
	s.mu.RLock()
	p := s.problems
	s.mu.RUnlock()
	if p == nil || !strings.Contains(p.Report, `content/a.md:3:1: unknown key "bad"`) {
		t.Errorf("problems = %+v", p)
	}
}

func TestWatchCoalesces(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "content/a.md", "x")
	changes, stop, err := Watch(dir, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	for i := 0; i < 5; i++ {
		write(t, dir, "content/a.md", strings.Repeat("y", i+1))
	}
	write(t, dir, "content/.a.md.swp", "editor junk")
	write(t, dir, "public/index.html", "output, not source")
	select {
	case batch := <-changes:
		if len(batch) != 1 || !strings.HasSuffix(batch[0], filepath.Join("content", "a.md")) {
			t.Fatalf("batch = %v", batch)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch")
	}
	select {
	case batch := <-changes:
		t.Fatalf("a second batch %v: saves were not coalesced", batch)
	case <-time.After(300 * time.Millisecond):
	}
}
