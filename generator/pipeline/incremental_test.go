package pipeline

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// copySite copies the repository's example site (its inputs, not public/)
// into a temporary folder, linking node_modules so assets can be bundled.
func copySite(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"site.toml", "content", "data", "themes", "layouts", "static", "assets", "archetypes"} {
		src := filepath.Join("..", "..", name)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if out, err := exec.Command("cp", "-r", src, dst).CombinedOutput(); err != nil {
			t.Fatalf("cp %s: %v\n%s", name, err, out)
		}
	}
	if abs, err := filepath.Abs(filepath.Join("..", "..", "node_modules")); err == nil {
		if _, err := os.Stat(abs); err == nil {
			_ = os.Symlink(abs, filepath.Join(dst, "node_modules"))
		}
	}
	return dst
}

type edit struct {
	name string
	do   func(t *testing.T, dir string) []string // returns the changed paths
}

func rewrite(file, old, new string) edit {
	return edit{"edit " + file + ": " + old, func(t *testing.T, dir string) []string {
		p := filepath.Join(dir, filepath.FromSlash(file))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s does not contain %q", file, old)
		}
		writeFile(t, p, bytes.Replace(data, []byte(old), []byte(new), 1))
		return []string{file}
	}}
}

func create(file, text string) edit {
	return edit{"create " + file, func(t *testing.T, dir string) []string {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(file)), []byte(text))
		return []string{file}
	}}
}

func remove(file string) edit {
	return edit{"delete " + file, func(t *testing.T, dir string) []string {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
			t.Fatal(err)
		}
		return []string{file}
	}}
}

func rename(from, to string) edit {
	return edit{"rename " + from + " → " + to, func(t *testing.T, dir string) []string {
		if err := os.Rename(filepath.Join(dir, filepath.FromSlash(from)), filepath.Join(dir, filepath.FromSlash(to))); err != nil {
			t.Fatal(err)
		}
		return []string{from, to}
	}}
}

// TestIncrementalEqualsFull applies a series of edits to a copy of the
// example site. After each, a build that reuses the previous build's cache
// must produce exactly the files (and diagnostics) of a build from scratch.
func TestIncrementalEqualsFull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site dozens of times")
	}
	dir := copySite(t)
	// Two caches: one that checks files' sizes and times, and one that
	// trusts the reported changes, as `plinth serve` does with its watcher.
	statCache, watchedCache := NewCache(), NewCache()
	watchedCache.Watched()
	now := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	o := Options{Source: dir, Now: now, BuildDate: now}

	edits := []edit{
		{"no change", func(*testing.T, string) []string { return nil }},
		rewrite("content/strategy/culture-and-principles.md", "## ", "## Revised: "),
		rewrite("content/about.md", "weight = 90", "weight = 3"),
		rewrite("content/strategy/listening-to-learners.md", "title = \"", "title = \"Now: "),
		create("content/strategy/new-aim.md", "+++\ntitle = \"A new aim\"\ndescription = \"Added.\"\n+++\nSee [culture](culture-and-principles.md).\n"),
		rewrite("content/strategy/new-aim.md", "Added.", "Added later."),
		rename("content/strategy/new-aim.md", "content/strategy/renamed-aim.md"),
		remove("content/strategy/renamed-aim.md"),
		rewrite("content/framework/2021/1-learning-environment/1-3.md", "+++\n\n", "+++\n\nEdited standard text. "),
		// Reworded again: only the pages that show the standard's words
		// or what is made from them are rendered (site.DerivedData).
		rewrite("content/framework/2021/1-learning-environment/1-3.md", "Edited standard text. ", "Edited standard text, again. "),
		rewrite("content/framework/2021/1-learning-environment/1-3.md", "title = \"", "title = \"Renamed "),
		rewrite("content/framework/2021/1-learning-environment/1-3.md", "Edited standard text, again. ", "Edited standard text once more. "),
		rewrite("themes/plinth/layouts/_partials/footer.html", "</footer>", "<!-- edited --></footer>"),
		rewrite("themes/plinth/layouts/_partials/page-heading.html", "<h1>", "<h1 class=\"edited\">"),
		// A changed stylesheet gets a new hashed name and integrity value,
		// which every page embeds.
		rewrite("themes/plinth/assets/css/theme.css", "overflow-wrap: break-word;", "overflow-wrap: anywhere;"),
		// Classes the stylesheet keeps rules for (bundle's pruning): one
		// a layout brings, one an editor gives a heading (which a patch
		// cannot bring: every page's stylesheet changes), and both gone.
		rewrite("themes/plinth/layouts/_partials/page-heading.html", "<h1 class=\"edited\">", "<h1 class=\"edited nhsuk-u-font-size-64\">"),
		rewrite("content/strategy/culture-and-principles.md", "## Our principles", "## Our principles {.nhsuk-u-font-size-48}"),
		rewrite("content/strategy/culture-and-principles.md", "## Our principles {.nhsuk-u-font-size-48}", "## Our principles"),
		rewrite("themes/plinth/layouts/_partials/page-heading.html", "<h1 class=\"edited nhsuk-u-font-size-64\">", "<h1 class=\"edited\">"),
		rewrite("site.toml", "name = \"About this site\"", "name = \"About us\""),
		rewrite("content/privacy.md", "+++\n", "+++\ndraft = true\n"),
		rewrite("content/contact.md", "privacy.md", "about.md"),
		rewrite("content/privacy.md", "draft = true\n", ""),
		create("content/strategy/pic.txt", "a resource"),
		remove("content/strategy/pic.txt"),
		rewrite("content/guidance/induction.md", "+++\n\n", "+++\n\nA new opening sentence.\n\n"),
		// Text shown by the print pages and the self-assessment through
		// the framework's data: a guidance edit is patched without them,
		// a standard's (of an edition not in force) renders its edition's
		// print page again.
		rewrite("content/guidance/induction.md", "A new opening sentence.", "A revised opening sentence."),
		rewrite("content/framework/2019/1-learning-environment/1-1.md", "Learners learn in", "Learners learn and teach in"),
		rewrite("content/framework/2019/1-learning-environment/1-1.md", "learn and teach in", "learn and teach well in"),
		// A layout edited just after a standard's words: a watched
		// cache keeps the parsed layouts without reading their files
		// until a change under layouts/ or themes/ is reported.
		rewrite("themes/plinth/layouts/framework/standard.html", "<div class=\"plinth-prose framework-text\">", "<div class=\"plinth-prose framework-text edited\">"),
		// A removed standard of the oldest edition: its ID, which its
		// address and the comparisons' anchors are made from, then its
		// words, then its ID back.
		rewrite("content/framework/2016/6-sustainable-workforce/6-5.md", "id = \"6.5\"", "id = \"6.6\""),
		rewrite("content/framework/2016/6-sustainable-workforce/6-5.md", "Placement providers support", "Placement providers encourage and support"),
		rewrite("content/framework/2016/6-sustainable-workforce/6-5.md", "id = \"6.6\"", "id = \"6.5\""),
		rewrite("content/framework/2016/6-sustainable-workforce/6-5.md", "encourage and support", "support"),
		// A standard's words alone are patched (framework.Reword) unless
		// the edit changes more than the framework's derived values: a
		// standard left without words (an error), and a new standard
		// whose words come to equal those of the older edition's
		// standard with its ID, which it does not say it replaces (a
		// warning that comes, then goes).
		rewrite("content/framework/2021/1-learning-environment/1-3.md", "Edited standard text once more. ", ""),
		{"empty a standard's words", func(t *testing.T, dir string) []string {
			file := "content/framework/2021/1-learning-environment/1-3.md"
			p := filepath.Join(dir, filepath.FromSlash(file))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			end := bytes.Index(data[3:], []byte("+++\n")) + 3 + len("+++\n")
			writeFile(t, p, data[:end])
			return []string{file}
		}},
		{"give the standard its words back", func(t *testing.T, dir string) []string {
			file := "content/framework/2021/1-learning-environment/1-3.md"
			p := filepath.Join(dir, filepath.FromSlash(file))
			orig, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(file)))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, p, orig)
			return []string{file}
		}},
		create("content/framework/2019/6-sustainable-workforce/6-5.md", "+++\nid = \"6.5\"\ntitle = \"Outreach\"\nmust = [\"Visit local schools.\"]\n+++\n\nPlacement providers visit local schools.\n"),
		rewrite("content/framework/2019/6-sustainable-workforce/6-5.md", "Placement providers visit local schools.",
			"Placement providers support people from local communities and under-represented groups to find out about healthcare careers and apply for training."),
		rewrite("content/framework/2019/6-sustainable-workforce/6-5.md", "Placement providers support people", "Placement providers help people"),
		remove("content/framework/2019/6-sustainable-workforce/6-5.md"),
		rewrite("content/strategy/culture-and-principles.md", "## Revised: ", "## "),
		// The review stage warns about an archetype's placeholder text
		// left in a page; the placeholders are kept between builds until
		// an archetype changes.
		create("content/guidance/unfinished.md", "+++\ntitle = \"Unfinished\"\ndescription = \"Not yet written.\"\nstandards = [\"2021:1.1\"]\n+++\nWrite a short introduction: who this is for and why it matters.\n"),
		rewrite("themes/plinth/archetypes/guidance/page.md", "Write a short introduction", "Write a brief introduction"),
		remove("content/guidance/unfinished.md"),
		rewrite("content/strategy/improving-quality.md", "+++\n\n", "+++\n\n[broken](nowhere.md)\n\n"),
		rewrite("content/strategy/improving-quality.md", "[broken](nowhere.md)", "Fixed."),
		rewrite("data/you-said-we-did.csv", "\n", "\n"), // same bytes: a touch
		rewrite("data/you-said-we-did.csv", ",in-progress,Quarterly reports", ",done,Quarterly reports"),
		// The action-plan tables and pages come from data and the
		// disclosure rule: a changed status and a changed rule must show.
		rewrite("data/actions.csv", ",at-risk,", ",overdue,"),
		rewrite("site.toml", "[scan]", "[disclosure]\nsuppressTo = 9\nroundTo = 10\n\n[scan]"),
		// The releases already published were made under the old rule, so
		// the new one is an error; the rule goes back, so that the edits
		// below build without errors (and can be patched).
		rewrite("site.toml", "[disclosure]\nsuppressTo = 9\nroundTo = 10\n\n", ""),
		create("static/extra.txt", "static"),
		create("content/newdir/_index.md", "+++\ntitle = \"A new section\"\n+++\n"),
		create("content/newdir/page.md", "+++\ntitle = \"In the new section\"\n+++\nText.\n"),
		{"delete a folder", func(t *testing.T, dir string) []string {
			if err := os.RemoveAll(filepath.Join(dir, "content", "newdir")); err != nil {
				t.Fatal(err)
			}
			return []string{"content/newdir"}
		}},
	}
	for i, e := range edits {
		changed := e.do(t, dir)
		want, wantDiags := Run(o)
		if len(want.Files) == 0 {
			t.Fatalf("step %d built nothing", i)
		}
		for _, cache := range []*Cache{statCache, watchedCache} {
			mode := "stat"
			if cache == watchedCache {
				mode = "watched"
			}
			cache.Changed(changed)
			inc := o
			inc.Cache = cache
			got, gotDiags := Run(inc)
			if a, b := diagnosticLines(gotDiags), diagnosticLines(wantDiags); strings.Join(a, "\n") != strings.Join(b, "\n") {
				t.Fatalf("step %d (%s, %s cache): diagnostics differ\nincremental:\n%s\nfull:\n%s", i, e.name, mode, strings.Join(a, "\n"), strings.Join(b, "\n"))
			}
			if len(got.Files) != len(want.Files) {
				t.Fatalf("step %d (%s, %s cache): %d files incrementally, %d in full", i, e.name, mode, len(got.Files), len(want.Files))
			}
			for j := range want.Files {
				if got.Files[j].Path != want.Files[j].Path || !bytes.Equal(got.Files[j].Data, want.Files[j].Data) {
					t.Fatalf("step %d (%s, %s cache): %s differs from the full build", i, e.name, mode, want.Files[j].Path)
				}
			}
		}
	}
}
