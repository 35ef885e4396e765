package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/plinth-ssg/plinth/bench/sitegen"
)

// The two themes a benchmark builds with.
const (
	// minimal is bench/sitegen's theme, the same shape as bench/hugo/minimal.
	minimal = "minimal"
	// shipped is themes/plinth, the NHS.UK theme sites use, matched for
	// Hugo by bench/hugo/shipped.
	shipped = "shipped"
)

// paths are where the repository's pieces are, as absolute paths.
type paths struct {
	repo, work string
}

func (p paths) theme() string       { return filepath.Join(p.repo, "themes", "plinth") }
func (p paths) nodeModules() string { return filepath.Join(p.repo, "node_modules") }

// plinthSite generates (once) a synthetic Plinth site of n pages with the
// given theme: with framework editions and datasets, or plain (pages only,
// the same content Hugo builds).
func (p paths) plinthSite(n int, theme string, plain bool) string {
	opts := sitegen.Options{Pages: n, Plain: plain}
	name := fmt.Sprintf("plinth-%s-%d", theme, n)
	if plain {
		name = fmt.Sprintf("plinth-plain-%s-%d", theme, n)
	}
	if theme == shipped {
		opts.Theme, opts.NodeModules = p.theme(), p.nodeModules()
	}
	dir := filepath.Join(p.work, name)
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		return dir
	}
	must(os.RemoveAll(dir))
	must(sitegen.Write(dir, opts))
	settle(dir)
	return dir
}

// hugoSite makes (once) a Hugo site from the content of the plain Plinth
// site src, with the layouts of bench/hugo/<theme>. For the shipped theme
// it also copies the theme's stylesheets and scripts (Hugo's css.Build and
// js.Build bundle them with esbuild, as Plinth does), generates the same
// syntax-highlighting stylesheet, and links node_modules.
func (p paths) hugoSite(hugo, src string, n int, theme string) string {
	dir := filepath.Join(p.work, fmt.Sprintf("hugo-%s-%d", theme, n))
	if _, err := os.Stat(filepath.Join(dir, "hugo.toml")); err == nil {
		return dir
	}
	must(os.RemoveAll(dir))
	must(os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(src, "content"))))
	must(copyInto(dir, filepath.Join(p.repo, "bench", "hugo", theme)))
	if theme == shipped {
		assets := filepath.Join(p.theme(), "assets")
		// The search script with every module it imports (search-*.mjs),
		// so that a new module does not break Hugo's build.
		modules, err := filepath.Glob(filepath.Join(assets, "js", "search-*.mjs"))
		must(err)
		files := []string{"css/theme.css", "css/charts.css", "css/print.css", "js/main.js", "js/search.js"}
		for _, m := range modules {
			files = append(files, "js/"+filepath.Base(m))
		}
		for _, f := range files {
			must(copyFile(filepath.Join(assets, f), filepath.Join(dir, "assets", f)))
		}
		must(copyFile(filepath.Join(p.theme(), "static", "favicon.svg"), filepath.Join(dir, "static", "favicon.svg")))
		must(os.Symlink(p.nodeModules(), filepath.Join(dir, "node_modules")))
		hugoChroma(hugo, dir)
	}
	settle(dir)
	return dir
}

// hugoChroma writes the syntax-highlighting stylesheet that Plinth makes
// from its default chroma style (generator/bundle.DefaultChromaStyle).
func hugoChroma(hugo, dir string) {
	out, err := commandOutput(hugo, "gen", "chromastyles", "--style=modus-operandi")
	must(err)
	must(os.WriteFile(filepath.Join(dir, "assets", "css", "chroma.css"), out, 0o644))
}

// copyInto copies the folder src over dir.
func copyInto(dir, src string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		return copyFile(p, filepath.Join(dir, rel))
	})
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

// settle sets the modification time of every file of a new site an hour
// back, as a site's files are when nobody is editing them: Plinth does not
// keep a bundle made from files modified moments before, and the
// benchmark should time the builds a user repeats, not the first.
func settle(dir string) {
	past := time.Now().Add(-time.Hour)
	must(filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 || d.IsDir() {
			return err
		}
		return os.Chtimes(p, past, past)
	}))
}

// clearOutput empties a build's destination: it moves the output folder
// and, for Plinth, what it keeps beside it (the previous site, its
// manifest, staging folders) into the trash folder, deleted only when
// every measurement is done (emptyTrash). Deleting them here would time
// the file system rather than the build: ext4 skips recently freed
// inodes when it allocates new ones, so files created within a minute or
// more of many deletions cost several times the system time (perf shows
// recently_deleted and find_inode_bit), and Plinth, which keeps the
// previous site, would pay for twice as many deletions as Hugo. A fresh
// clone in CI deletes nothing before its build.
func clearOutput(site string) {
	out := filepath.Join(site, "public")
	others, err := filepath.Glob(out + ".plinth-*")
	must(err)
	for _, o := range append([]string{out}, others...) {
		if _, err := os.Lstat(o); err != nil {
			continue
		}
		must(os.MkdirAll(trashDir, 0o755))
		aside, err := os.MkdirTemp(trashDir, "out-")
		must(err)
		must(os.Rename(o, filepath.Join(aside, filepath.Base(o))))
	}
}

// trashDir holds what clearOutput and the write floor moved aside; main
// sets it inside the work folder, on the same file system as the sites.
var trashDir string

// emptyTrash deletes what clearOutput and the write floor moved aside.
func emptyTrash() { must(os.RemoveAll(trashDir)) }

// tree counts what a build wrote: files, folders (the output folder not
// included) and HTML pages.
type tree struct{ files, folders, pages int }

func countTree(dir string) tree {
	var t tree
	must(filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case p == dir:
		case d.IsDir():
			t.folders++
		default:
			t.files++
			if strings.HasSuffix(p, ".html") {
				t.pages++
			}
		}
		return nil
	}))
	return t
}

// fileID tells whether a file was written again: a new file (or one
// renamed into place) has a new inode, and a rewritten one a new
// modification time.
type fileID struct {
	ino   uint64
	mtime int64
}

// snapshot records the identity of every file under dir.
func snapshot(dir string) map[string]fileID {
	ids := map[string]fileID{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		id := fileID{mtime: info.ModTime().UnixNano()}
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			id.ino = st.Ino
		}
		rel, _ := filepath.Rel(dir, p)
		ids[rel] = id
		return nil
	})
	return ids
}

// rewritten counts the files of after that are new or changed since
// before: a file is not written again if it is, unchanged, one that any
// of before held at its path. Plinth swaps in the site it kept beside the
// destination (public.plinth-prev) and keeps the one it replaced there,
// so a file it did not write may come from either folder.
func rewritten(before []map[string]fileID, after map[string]fileID) int {
	n := 0
	for p, id := range after {
		if !slices.ContainsFunc(before, func(b map[string]fileID) bool { old, ok := b[p]; return ok && old == id }) {
			n++
		}
	}
	return n
}
