package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/internal/testenv"
)

// TestDefaultTheme builds a small site with the default theme
// (themes/plinth) under a base path, with the features the example site
// does not use yet: a search page (which turns on the header's search
// slot), an old address (alias), a tag, a wide table and callouts. Every
// page is held to the same checks as TestExampleSite.
func TestDefaultTheme(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	testenv.LinkNodeModules(t, root, src, "nhsuk-frontend")
	if err := os.CopyFS(filepath.Join(src, "themes", "plinth"), os.DirFS(filepath.Join(root, "themes", "plinth"))); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"site.toml": `title = "Theme test"
baseURL = "https://example.org/quality/"
languageCode = "en-GB"
theme = "plinth"
[[menus.main]]
name = "Guides"
page = "guides/_index.md"
[[menus.footer]]
name = "Accessibility statement"
page = "accessibility.md"
`,
		"content/_index.md":        "+++\ntitle = \"Home\"\ndescription = \"The home page.\"\n+++\nWelcome.\n",
		"content/accessibility.md": "+++\ntitle = \"Accessibility statement\"\n+++\nHow accessible this site is.\n",
		"content/search.md":        "+++\ntitle = \"Search\"\n+++\nSearch results appear here.\n",
		"content/guides/_index.md": "+++\ntitle = \"Guides\"\n+++\n",
		"content/guides/one.md": "+++\ntitle = \"One\"\nweight = 1\naliases = [\"/old-one/\"]\ntags = [\"Induction\"]\nreviewed = 2026-10-01\n+++\n" +
			"## First\n\n:::warning Check the dates\nText.\n:::\n\n## Second\n\n:::do\n- agree a plan\n:::\n\n## Third\n\n" +
			"Table: Wide\n\n| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |\n",
		"content/guides/two.md": "+++\ntitle = \"Two\"\nweight = 2\n+++\nSecond guide.\n",
	} {
		writeFile(t, filepath.Join(src, filepath.FromSlash(name)), []byte(text))
	}
	res, diags := Run(Options{Source: src, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diags, 0)
		t.Fatalf("the site does not build:\n%s", b.String())
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		// checkExamplePage resolves root-relative URLs against the output
		// root; strip the base path the way a server at /quality/ would.
		files["quality/"+f.Path] = f.Data
	}
	for _, f := range res.Files {
		if filepath.Ext(f.Path) == ".html" {
			for _, problem := range checkExamplePage(f, files) {
				t.Errorf("%s: %s", f.Path, problem)
			}
		}
	}
	contains := map[string][]string{
		"index.html": {
			`<form class="nhsuk-header__search-form" id="search" action="/quality/search/" method="get" novalidate>`,
			`<a class="nhsuk-card__link" href="/quality/guides/">Guides</a>`,
			`<a class="nhsuk-footer__list-item-link" href="/quality/accessibility/">Accessibility statement</a>`,
		},
		"guides/one/index.html": {
			`<a class="nhsuk-header__navigation-link" href="/quality/guides/" aria-current="true">`,
			`<li class="nhsuk-breadcrumb__list-item"><a class="nhsuk-breadcrumb__link" href="/quality/guides/">Guides</a></li>`,
			`<nav class="nhsuk-contents-list plinth-contents" aria-label="On this page">`,
			`<a class="nhsuk-contents-list__link" href="#first">First</a>`,
			`<div class="nhsuk-card nhsuk-card--warning">`,
			`<ul class="nhsuk-list nhsuk-list--tick" role="list">`,
			`<svg class="nhsuk-icon nhsuk-icon--tick"`,
			`<section class="table-container" aria-labelledby="table-1-caption" tabindex="0">`,
			`Page last reviewed: <time datetime="2026-10-01">1 October 2026</time>`,
			`<a class="nhsuk-pagination__link nhsuk-pagination__link--next" href="/quality/guides/two/" rel="next">`,
			`<a class="plinth-back-to-top__link" href="#top">`,
			`<a href="/quality/tags/induction/">Induction</a>`,
		},
		"guides/index.html": {
			`<a class="nhsuk-header__navigation-link" href="/quality/guides/" aria-current="page"><strong class="nhsuk-header__navigation-item-current-fallback">Guides</strong></a>`,
		},
		"old-one/index.html": {
			`<meta http-equiv="refresh" content="0; url=/quality/guides/one/">`,
			`<meta name="robots" content="noindex">`,
			`<h1>This page has moved</h1>`,
		},
	}
	for file, wants := range contains {
		data := string(files["quality/"+file])
		if data == "" {
			t.Errorf("%s was not built", file)
			continue
		}
		for _, want := range wants {
			if !strings.Contains(data, want) {
				t.Errorf("%s lacks %s", file, want)
			}
		}
	}
	if strings.Contains(string(files["quality/guides/two/index.html"]), "plinth-back-to-top") {
		t.Error("a short page has a back-to-top link")
	}
	// Without a search page, no search form (checked on a copy without it,
	// and with the search feature, which would make one, switched off).
	if err := os.Remove(filepath.Join(src, "content", "search.md")); err != nil {
		t.Fatal(err)
	}
	toml, err := os.ReadFile(filepath.Join(src, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "site.toml"), append(toml, "\n[search]\ndisabled = true\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	res, diags = Run(Options{Source: src, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	for _, f := range res.Files {
		if f.Path == "index.html" && strings.Contains(string(f.Data), "nhsuk-header__search") {
			t.Error("the header offers a search form on a site without a search page")
		}
	}
}
