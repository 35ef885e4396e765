package serve

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
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
	got := string(Inject([]byte("<html><head><title>x</title></head><body></body></html>"), 7))
	if !strings.Contains(got, `<script src="/__plinth/live.js" data-version="7" defer></script></head>`) || strings.Contains(got, "<script>") {
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

// handSettler ends a batch only when the test sends on fire, and passes
// every change the watcher takes in to seen, so that the test knows what
// the watcher has received without waiting for a clock.
type handSettler struct {
	seen chan string
	fire chan time.Time
}

func (h *handSettler) changed(name string)       { h.seen <- name }
func (h *handSettler) settled() <-chan time.Time { return h.fire }

// TestWatchCoalesces: every change that arrives before the batch settles is
// reported once, in one batch, with editor by-products and output folders
// left out; the next change starts a new batch. The batch is ended by hand
// once the watcher has seen the last change, so the outcome does not
// depend on the machine's speed; TestQuietTimer checks the timer Watch
// really uses. The last change of each batch is a save by rename, as many
// editors save, which the watcher sees as exactly one event (a plain write
// gives two or more), and inotify reports a watcher's events in order, so
// once it is seen every earlier change has been seen too.
func TestWatchCoalesces(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "content/a.md", "x")
	h := &handSettler{seen: make(chan string, 64), fire: make(chan time.Time)}
	changes, stop, err := watch(dir, h)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	a, z := filepath.Join(dir, "content", "a.md"), filepath.Join(dir, "content", "z.md")
	elsewhere := t.TempDir()
	// saveByRename writes the file beside the site and renames it into
	// place.
	saveByRename := func(dst, text string) {
		t.Helper()
		tmp := filepath.Join(elsewhere, "save")
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, dst); err != nil {
			t.Fatal(err)
		}
	}

	// waitFor reads what the watcher took in until it has seen last.
	waitFor := func(last string) {
		t.Helper()
		for {
			select {
			case name := <-h.seen:
				if name != a && name != z {
					t.Errorf("the watcher took in %s, which cannot change the site", name)
				}
				if name == last {
					return
				}
			case <-time.After(time.Minute):
				t.Fatalf("the watcher never saw %s", last)
			}
		}
	}
	// settle ends the batch and returns it.
	settle := func() []string {
		t.Helper()
		select {
		case h.fire <- time.Now():
		case <-time.After(time.Minute):
			t.Fatal("the watcher is not waiting for the batch to settle")
		}
		select {
		case batch := <-changes:
			return batch
		case <-time.After(time.Minute):
			t.Fatal("no batch after it settled")
		}
		return nil
	}

	for i := 0; i < 5; i++ {
		write(t, dir, "content/a.md", strings.Repeat("y", i+1))
	}
	write(t, dir, "content/.a.md.swp", "editor junk")
	write(t, dir, "content/a.md~", "editor backup")
	write(t, dir, "public/index.html", "output, not source")
	saveByRename(z, "the last change")
	waitFor(z)
	if batch := settle(); !slices.Equal(batch, []string{a, z}) {
		t.Fatalf("batch = %v, want [%s %s]: five saves of a.md are one change", batch, a, z)
	}

	saveByRename(a, "again")
	waitFor(a)
	if batch := settle(); !slices.Equal(batch, []string{a}) {
		t.Fatalf("second batch = %v, want only %s: the first batch was not cleared", batch, a)
	}
}

// TestQuietTimer: the timer Watch uses fires after a change, and a second
// change restarts the wait, however late it comes: the batch never settles
// sooner than the wait after the last change. Only that lower bound is
// checked, which holds on a machine of any speed.
func TestQuietTimer(t *testing.T) {
	const wait = 40 * time.Millisecond
	q := &quietTimer{wait: wait}
	for round := range 3 {
		q.changed("a")
		time.Sleep(wait / 2)
		last := time.Now()
		q.changed("b")
		select {
		case <-q.settled():
			if since := time.Since(last); since < wait {
				t.Fatalf("round %d: settled %v after the last change, before the wait of %v", round, since, wait)
			}
		case <-time.After(time.Minute):
			t.Fatalf("round %d: the timer never fired", round)
		}
	}
}
