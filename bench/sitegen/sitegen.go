// Package sitegen writes synthetic Plinth sites of any size, for
// benchmarks: Markdown pages with TOML front matter, headings, lists,
// tables, code blocks and internal links, spread over nested sections; plus
// (unless Plain) framework editions and action-plan datasets that grow with
// the number of pages.
//
// The output depends only on the page count, so benchmark runs compare like
// with like.
package sitegen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options describe the site to generate.
type Options struct {
	// Pages is the number of regular pages.
	Pages int
	// PerSection is how many pages share a section folder (default 50).
	PerSection int
	// Plain leaves out the framework editions and datasets, for a site
	// that another generator (Hugo) can build from the same files.
	Plain bool
	// Theme, if not empty, is the folder of a theme to build with instead
	// of the minimal benchmark theme: normally the shipped theme,
	// themes/plinth. It is copied into the site's themes/ folder, and the
	// site gets a main menu and footer links as a real site has.
	Theme string
	// NodeModules, if not empty, is linked as the site's node_modules
	// folder, which a theme with front-end assets needs.
	NodeModules string
}

// Menus is the main menu and footer links of a site made with a Theme,
// in site.toml's form. The Hugo configuration in bench/hugo/shipped has
// the same menus.
const Menus = `
[[menus.main]]
name = "Area 0"
page = "area-0/_index.md"
weight = 1
[[menus.main]]
name = "Area 1"
page = "area-1/_index.md"
weight = 2
[[menus.main]]
name = "Area 2"
page = "area-2/_index.md"
weight = 3
[[menus.footer]]
name = "About this site"
page = "about.md"
weight = 1
`

// Write generates the site into dir, which must not exist or be empty.
func Write(dir string, opts Options) error {
	if opts.PerSection <= 0 {
		opts.PerSection = 50
	}
	rng := rand.New(rand.NewPCG(uint64(opts.Pages), 42))
	w := &writer{dir: dir}
	if opts.Theme == "" {
		w.file("site.toml", "title = \"Synthetic site\"\nbaseURL = \"https://example.org/\"\ntheme = \"bench\"\n")
		for name, text := range theme {
			w.file(filepath.Join("themes", "bench", "layouts", name), text)
		}
	} else {
		name := filepath.Base(opts.Theme)
		w.file("site.toml", fmt.Sprintf("title = \"Synthetic site\"\nbaseURL = \"https://example.org/\"\nlanguageCode = \"en-GB\"\ntheme = %q\n%s", name, Menus))
		w.copyDir(opts.Theme, filepath.Join("themes", name))
		for a := 0; a < areas; a++ {
			w.file(filepath.Join("content", fmt.Sprintf("area-%d", a), "_index.md"), fmt.Sprintf("+++\ntitle = \"Area %d\"\ndescription = \"The topics of area %d.\"\nweight = %d\n+++\nTopics of area %d.\n", a, a, a+1, a))
		}
		w.file("content/about.md", "+++\ntitle = \"About this site\"\ndescription = \"What this synthetic site is for.\"\n+++\nA synthetic site for benchmarks: every page is made up.\n")
	}
	if opts.NodeModules != "" && w.err == nil {
		w.err = os.Symlink(opts.NodeModules, filepath.Join(dir, "node_modules"))
	}
	w.file("content/_index.md", "+++\ntitle = \"Home\"\n+++\nA synthetic site for benchmarks.\n")
	sections := (opts.Pages + opts.PerSection - 1) / opts.PerSection
	for s := 0; s < sections; s++ {
		sec := sectionPath(s)
		w.file(filepath.Join("content", sec, "_index.md"), fmt.Sprintf("+++\ntitle = \"Section %d\"\nweight = %d\n+++\nPages of section %d.\n", s, s+1, s))
	}
	for i := 0; i < opts.Pages; i++ {
		s := i / opts.PerSection
		w.file(filepath.Join("content", sectionPath(s), fmt.Sprintf("page-%d.md", i)), page(rng, i, opts))
	}
	if !opts.Plain {
		w.writeFramework(opts.Pages)
		w.writeData(opts.Pages)
	}
	return w.err
}

// areas is the number of top-level sections. It is fixed, as a real
// site's main navigation is: the sections under them grow with the site.
// (With one area per ten topics, every page's navigation would grow with
// the site too, and the output with the square of its size.)
const areas = 10

// sectionPath nests sections two deep: area-3/topic-12.
func sectionPath(s int) string {
	return fmt.Sprintf("area-%d/topic-%d", s%areas, s)
}

func page(rng *rand.Rand, i int, opts Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = \"Page %d: %s\"\ndescription = \"Synthetic page number %d.\"\ndate = 2024-%02d-%02d\nweight = %d\ntags = [\"tag-%d\"]\n+++\n",
		i, words(rng, 4), i, 1+i%12, 1+i%28, i%50+1, i%20)
	fmt.Fprintf(&b, "%s\n\n", sentence(rng, 40))
	for h := 0; h < 4; h++ {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", sentence(rng, 3), sentence(rng, 60))
		switch h {
		case 0:
			for k := 0; k < 5; k++ {
				fmt.Fprintf(&b, "- %s\n", sentence(rng, 8))
			}
			b.WriteString("\n")
		case 1:
			b.WriteString("| Region | Actions | Complete |\n|---|--:|--:|\n")
			for k := 0; k < 5; k++ {
				fmt.Fprintf(&b, "| %s | %d | %d%% |\n", words(rng, 2), rng.IntN(500), rng.IntN(100))
			}
			b.WriteString("\n")
		case 2:
			b.WriteString("```go\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n```\n\n")
		case 3:
			// Links to neighbours: relative paths to content files, as
			// editors write them.
			other := (i + 1 + rng.IntN(max(opts.Pages-1, 1))) % opts.Pages
			rel := relLink(i, other, opts.PerSection)
			fmt.Fprintf(&b, "See also [page %d](%s) and [the first section](/area-0/topic-0/).\n\n", other, rel)
		}
	}
	return b.String()
}

func relLink(from, to, per int) string {
	fs, ts := from/per, to/per
	if fs == ts {
		return fmt.Sprintf("page-%d.md", to)
	}
	return fmt.Sprintf("../../%s/page-%d.md", sectionPath(ts), to)
}

var vocabulary = strings.Fields(`learner placement supervision induction quality standard provider region
evidence action review survey feedback education training wellbeing culture governance improvement
educator curriculum assessment workforce safety patient care team support facilities library research`)

func words(rng *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = vocabulary[rng.IntN(len(vocabulary))]
	}
	return strings.Join(w, " ")
}

func sentence(rng *rand.Rand, n int) string {
	s := words(rng, n)
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

type writer struct {
	dir string
	err error
}

// copyDir copies the folder src into the site at rel.
func (w *writer) copyDir(src, rel string) {
	if w.err != nil {
		return
	}
	w.err = os.CopyFS(filepath.Join(w.dir, rel), os.DirFS(src))
}

func (w *writer) file(rel, text string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(p, []byte(text), 0o644)
}

// theme is a minimal theme with a base, a page layout showing title, date,
// table of contents and content, and a list layout with section navigation:
// the same shape as the Hugo layouts in bench/hugo, so the two generators do
// equivalent work.
var theme = map[string]string{
	"baseof.html": `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body><nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<main id="maincontent">{{ block "main" . }}{{ end }}</main></body></html>
`,
	"page.html": `{{ define "main" }}<h1>{{ .Title }}</h1><p><time datetime="{{ isoDate .Date }}">{{ date .Date }}</time></p>
<nav class="toc"><ol>{{ range .TOC }}<li><a href="#{{ .ID }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
{{ .Content }}{{ end }}
`,
	"section.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
	"list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
	"404.html": `{{ define "main" }}<h1>Page not found</h1>{{ end }}
`,
}
