package browser

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/generator/serve"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// serveSite is a small site whose layout carries the same
// Content-Security-Policy as the real theme, so the test also shows that
// live reload works under it.
var serveSite = map[string]string{
	"site.toml": "title = \"Serve test\"\nbaseURL = \"https://example.org/quality/\"\ntheme = \"t\"\n",
	"themes/t/layouts/baseof.html": `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'">
<title>{{ .Title }}</title></head><body><main id="maincontent">{{ block "main" . }}{{ end }}</main></body></html>`,
	"themes/t/layouts/page.html":    `{{ define "main" }}<h1>{{ .Title }}</h1><div id="body">{{ .Content }}</div>{{ end }}`,
	"themes/t/layouts/section.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}`,
	"themes/t/layouts/404.html":     `{{ define "main" }}<h1>Not found</h1>{{ end }}`,
	"content/_index.md":             "+++\ntitle = \"Home\"\n+++\n",
	"content/page.md":               "+++\ntitle = \"A page\"\n+++\nThe first version.\n",
}

// TestServeLiveReload edits a file while `plinth serve` runs: the open page
// reloads with the new text; a broken edit shows the problems overlay over
// the last good page; fixing the file clears the overlay.
func TestServeLiveReload(t *testing.T) {
	tools := requireTools(t)
	dir := filepath.Join(t.TempDir(), "site")
	for name, text := range serveSite {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/quality/"
	srv := serve.New(serve.Options{
		Build:    pipeline.Options{Source: dir, BaseURL: base, Now: time.Now()},
		BasePath: "/quality/",
	})
	changes, stop, err := serve.Watch(dir, 30*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	go srv.Run(ctx, ln, changes)

	bctx, closeBrowser, err := harness.Launch(ctx, tools.Chromium, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer closeBrowser()

	page := filepath.Join(dir, "content", "page.md")
	write := func(text string) {
		if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// waitText polls the page until the element's text contains want. It
	// evaluates again and again rather than waiting on one promise, because
	// a live reload navigates the page in the middle of the wait.
	waitText := func(sel, want string) {
		t.Helper()
		expr := `(() => { const e = document.querySelector(` + "`" + sel + "`" + `); return e ? e.textContent : ""; })()`
		deadline := time.Now().Add(30 * time.Second)
		last := ""
		for time.Now().Before(deadline) {
			if got, err := chromedp.Run(bctx, chromedp.Evaluate[string](expr)); err == nil {
				if strings.Contains(got, want) {
					return
				}
				last = got
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("waiting for %q in %s: last text %q", want, sel, last)
	}

	if _, err := chromedp.Run(bctx, chromedp.Navigate(base+"page/")); err != nil {
		t.Fatal(err)
	}
	waitText("#body", "The first version.")

	write("+++\ntitle = \"A page\"\n+++\nThe second version.\n")
	waitText("#body", "The second version.")

	write("+++\ntitle = \"A page\"\ntitel = \"typo\"\n+++\nBroken.\n")
	waitText(".plinth-overlay", `content/page.md:3:1: unknown key "titel"`)
	waitText("#body", "The second version.") // the last good page stays

	write("+++\ntitle = \"A page\"\n+++\nThe third version.\n")
	waitText("#body", "The third version.")
	overlays, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll(".plinth-overlay").length`))
	if err != nil {
		t.Fatal(err)
	}
	if overlays != 0 {
		t.Fatalf("the overlay is still shown after the fix (%d)", overlays)
	}

	// A page opened while the site does not build hears a failed build
	// first; it must still reload when the site builds again (the page
	// knows the version it came from, rather than taking the first state
	// it hears for it).
	write("+++\ntitle = \"A page\"\ntitel = \"typo\"\n+++\nBroken again.\n")
	waitText(".plinth-overlay", `content/page.md:3:1: unknown key "titel"`)
	if _, err := chromedp.Run(bctx, chromedp.Navigate(base+"page/")); err != nil {
		t.Fatal(err)
	}
	waitText(".plinth-overlay", `content/page.md:3:1: unknown key "titel"`)
	waitText("#body", "The third version.")
	write("+++\ntitle = \"A page\"\n+++\nThe fourth version.\n")
	waitText("#body", "The fourth version.")
}
