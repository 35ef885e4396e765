package harness

import (
	"io/fs"
	"path"
	"slices"
	"strings"
)

// ListPages returns every *.html file in fsys, as slash paths relative to
// the root, sorted. Listing the files (and not only crawling links) is what
// gets orphan pages checked.
func ListPages(fsys fs.FS) ([]string, error) {
	var pages []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return nil
	})
	slices.Sort(pages)
	return pages, err
}

// PagePath returns the URL path under which a page file is visited: the
// pretty folder URL for an index.html ("about/index.html" → "/quality/about/"),
// the file's own name otherwise.
func PagePath(prefix, file string) string {
	prefix = normalisePrefix(prefix)
	if file == "index.html" {
		return prefix
	}
	if dir, ok := strings.CutSuffix(file, "/index.html"); ok {
		return prefix + dir + "/"
	}
	return prefix + file
}

// PageType groups pages for the weight report by the first folder of their
// path below the prefix: "standards/2024/culture.html" is a "standards" page.
// Pages at the top level are "home", "404" or "top-level".
func PageType(file string) string {
	if dir, _, ok := strings.Cut(file, "/"); ok {
		return dir
	}
	switch file {
	case "index.html":
		return "home"
	case NotFoundFile:
		return "404"
	}
	return "top-level"
}

// isPage reports whether a file is an HTML page.
func isPage(file string) bool { return path.Ext(file) == ".html" }
