package bundle

import (
	"regexp"
	"strings"
	"testing"
)

// fileData returns the built file for a logical entry name.
func fileData(t *testing.T, res Result, name string) string {
	t.Helper()
	a, ok := res.Manifest.Lookup(name)
	if !ok {
		t.Fatalf("no manifest entry for %s", name)
	}
	for _, f := range res.Files {
		if f.Path == a.URL {
			return string(f.Data)
		}
	}
	t.Fatalf("manifest points %s at %s, which is not among the files", name, a.URL)
	return ""
}

// remoteRefs finds references to other origins that would make a browser
// fetch something: url(…) in CSS, @import in CSS, and import/export … from,
// import(…) and require(…) in JavaScript.
var remoteRefs = regexp.MustCompile(`(?i)url\(\s*["']?\s*(https?:)?//` +
	`|@import\s+(url\()?\s*["']?\s*(https?:)?//` +
	`|\bfrom\s*["'](https?:)?//` +
	`|\bimport\s*\(?\s*["'](https?:)?//` +
	`|\brequire\s*\(\s*["'](https?:)?//`)

// checkNoRemote fails if any CSS or JavaScript output refers to another
// origin in a way that would make the browser fetch it.
func checkNoRemote(t *testing.T, res Result) {
	t.Helper()
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".css") && !strings.HasSuffix(f.Path, ".js") {
			continue
		}
		for _, loc := range remoteRefs.FindAllIndex(f.Data, -1) {
			lo, hi := max(loc[0]-40, 0), min(loc[1]+40, len(f.Data))
			t.Errorf("%s refers to another origin: …%s…", f.Path, f.Data[lo:hi])
		}
		if strings.Contains(string(f.Data), "sourceMappingURL") {
			t.Errorf("%s has a sourceMappingURL comment, but no source maps are published", f.Path)
		}
	}
}
