package bundle

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/diag"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// extract writes the fixture site into a new temporary folder, applying
// edits (path → content; empty content deletes the file) and dropping the
// files whose path starts with one of drop.
func extract(t *testing.T, edits map[string]string, drop ...string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	for name, data := range edits {
		if data == "" {
			delete(files, name)
		} else {
			files[name] = data
		}
	}
	dir := t.TempDir()
next:
	for name, data := range files {
		for _, d := range drop {
			if strings.HasPrefix(name, d) {
				continue next
			}
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var fixtureEntries = []string{"js/main.js", "css/main.css"}

func buildFixture(t *testing.T, dir string, entries ...string) (Result, diag.List) {
	t.Helper()
	if entries == nil {
		entries = fixtureEntries
	}
	return Build(Options{SourceDir: dir, Theme: "test", Entries: entries})
}

func TestBuildFixture(t *testing.T) {
	res, diags := buildFixture(t, extract(t, nil))
	for _, d := range diags {
		t.Errorf("unexpected diagnostic: %v (hint: %s)", d.Error(), d.Hint)
	}
	if t.Failed() {
		t.FailNow()
	}
	hashed := regexp.MustCompile(`^assets/(css/main\.[A-Z0-9]{8}\.css|js/main\.[A-Z0-9]{8}\.js|media/[a-z]+\.[A-Z0-9]{8}\.(svg|woff2)|third-party-notices\.[A-Z0-9]{8}\.txt)$`)
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
		if !hashed.MatchString(f.Path) {
			t.Errorf("output %q is not a content-hashed name under assets/", f.Path)
		}
		if f.Source == "" {
			t.Errorf("output %q has no source", f.Path)
		}
	}
	for _, stem := range []string{"media/logo.", "media/tick.", "media/local."} {
		if !strings.Contains(strings.Join(paths, " "), "assets/"+stem) {
			t.Errorf("no output for %s*; outputs: %v", stem, paths)
		}
	}
	for _, f := range res.Files {
		for name, a := range res.Manifest {
			if a.URL == f.Path && a.Integrity != Integrity(f.Data) {
				t.Errorf("%s: integrity %s does not match the file's bytes", name, a.Integrity)
			}
		}
	}

	css := fileData(t, res, "css/main.css")
	js := fileData(t, res, "js/main.js")
	checks := []struct {
		what, in, text string
		want           bool
	}{
		{"the site's theme.css replaces the theme's", css, ".from-site", true},
		{"the theme's theme.css is not used", css, ".from-theme", false},
		{"the chroma stylesheet is imported", css, ".chroma", true},
		{"the remote @font-face is removed", css, "fonts.example.com", false},
		{"the local @font-face stays", css, "font-family:Local", true},
		{"the root-relative url in site CSS is kept", css, "url(/static/hero.png)", true},
		{"the package icon is bundled", css, `url("../media/tick.`, true},
		{"a package's rule no page can match is left out", css, "fakepkg-unused", false},
		{"the theme image is bundled", css, `url("../media/logo.`, true},
		{"CSS is minified", css, "\n.", false},
		{"the package code is bundled", js, "Hello ", true},
		{"unused package code is tree-shaken", js, "tree-shaken away", false},
		{"UTF-8 is kept as is", js, "café", true},
	}
	for _, c := range checks {
		if strings.Contains(c.in, c.text) != c.want {
			t.Errorf("%s: Contains(%q) = %v", c.what, c.text, !c.want)
		}
	}
	checkNoRemote(t, res)
	checkGolden(t, res)
}

// checkGolden compares every output with testdata/fixture.golden.txtar, so
// that a change in esbuild or in the options shows up in review.
func checkGolden(t *testing.T, res Result) {
	t.Helper()
	var ar txtar.Archive
	ar.Comment = []byte("Output of TestBuildFixture; regenerate with go test -run TestBuildFixture -update\n")
	for _, f := range res.Files {
		data := f.Data
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(bytes.Clone(data), '\n')
		}
		ar.Files = append(ar.Files, txtar.File{Name: f.Path + " (from " + f.Source + ")", Data: data})
	}
	got := txtar.Format(&ar)
	golden := filepath.Join("testdata", "fixture.golden.txtar")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update after checking):\n%s", golden, got)
	}
}

func TestDeterministic(t *testing.T) {
	// Two copies in different folders must give the same names and bytes:
	// nothing about the machine may leak into the output.
	a, da := buildFixture(t, extract(t, nil))
	b, db := buildFixture(t, extract(t, nil))
	if da.HasErrors() || db.HasErrors() {
		t.Fatalf("diagnostics: %v / %v", da.Err(), db.Err())
	}
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Errorf("file %d differs: %s vs %s", i, a.Files[i].Path, b.Files[i].Path)
		}
	}
}

func TestSiteEntryOverridesTheme(t *testing.T) {
	dir := extract(t, map[string]string{"assets/js/main.js": "document.title = 'site script';\n"})
	res, diags := buildFixture(t, dir, "js/main.js")
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if js := fileData(t, res, "js/main.js"); !strings.Contains(js, "site script") {
		t.Errorf("the site's assets/js/main.js was not used: %s", js)
	}
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".js") && f.Source != "assets/js/main.js" {
			t.Errorf("Source = %q, want assets/js/main.js", f.Source)
		}
	}
}

func TestMissingNodeModules(t *testing.T) {
	tests := []struct {
		name    string
		drop    string
		wantMsg string
	}{
		{"no node_modules", "node_modules/", `the node_modules folder is missing, so the npm package "fakepkg" cannot be found`},
		{"package missing", "node_modules/fakepkg/", `the npm package "fakepkg" is not installed in node_modules`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := extract(t, nil, tt.drop)
			if tt.drop != "node_modules/" {
				if err := os.MkdirAll(filepath.Join(dir, "node_modules", "other"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			_, diags := buildFixture(t, dir)
			if len(diags) != 1 {
				for _, d := range diags {
					t.Log(d.Error())
				}
				t.Fatalf("got %d diagnostics, want exactly one", len(diags))
			}
			d := diags[0]
			if d.Severity != diag.Error || d.Msg != tt.wantMsg {
				t.Errorf("got %v %q, want error %q", d.Severity, d.Msg, tt.wantMsg)
			}
			// The first import of the package, in file order.
			if want := (diag.Pos{File: "themes/test/assets/css/main.css", Line: 1, Col: 9}); d.Pos != want {
				t.Errorf("Pos = %v, want %v", d.Pos, want)
			}
			if !strings.Contains(d.Hint, "npm ci") || !strings.Contains(d.Hint, "2 imports") {
				t.Errorf("hint %q should say to run npm ci and count the imports", d.Hint)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name    string
		edits   map[string]string
		entries []string
		// want is "file:line:col: message" of the first error, or a
		// prefix of it.
		want     string
		wantLine string // empty: any non-empty line text
		wantHint string
		warning  bool // the first diagnostic is a warning, not an error
	}{{
		// esbuild, like browsers, recovers from CSS syntax errors, so it
		// reports them as warnings.
		name:     "CSS syntax error after multi-byte characters",
		edits:    map[string]string{"assets/css/theme.css": "/* café – ok */\n.a { content: \"é\"; } }\n"},
		entries:  []string{"css/main.css"},
		want:     `assets/css/theme.css:2:22: warning: unexpected "}"`,
		wantLine: `.a { content: "é"; } }`,
		wantHint: "check the CSS",
		warning:  true,
	}, {
		name:     "JS syntax error with the column counted in characters",
		edits:    map[string]string{"themes/test/assets/js/main.js": "const s = \"ééé\"; let = ;\n"},
		entries:  []string{"js/main.js"},
		want:     `themes/test/assets/js/main.js:1:24: unexpected ";"`,
		wantLine: `const s = "ééé"; let = ;`,
		wantHint: "check the JavaScript",
	}, {
		name:     "remote @import",
		edits:    map[string]string{"assets/css/theme.css": "@import url(\"https://fonts.example.com/x.css\");\n"},
		entries:  []string{"css/main.css"},
		want:     `assets/css/theme.css:1:13: "https://fonts.example.com/x.css" is on another website`,
		wantHint: "download the file",
	}, {
		name:     "protocol-relative url() in site CSS",
		edits:    map[string]string{"assets/css/theme.css": ".a { background: url(//cdn.example.com/a.png); }\n"},
		entries:  []string{"css/main.css"},
		want:     `assets/css/theme.css:1:18: "//cdn.example.com/a.png" is on another website`,
		wantHint: "download the file",
	}, {
		name:     "remote JS import",
		edits:    map[string]string{"themes/test/assets/js/main.js": "import x from \"https://cdn.example.com/x.js\";\nx();\n"},
		entries:  []string{"js/main.js"},
		want:     `themes/test/assets/js/main.js:1:15: "https://cdn.example.com/x.js" is on another website`,
		wantHint: "download the file",
	}, {
		name:     "root-relative JS import",
		edits:    map[string]string{"themes/test/assets/js/main.js": "import \"/etc/hostname\";\n"},
		entries:  []string{"js/main.js"},
		want:     `themes/test/assets/js/main.js:1:8: "/etc/hostname" starts with "/"`,
		wantHint: "relative to this file",
	}, {
		name:     "import from outside the site",
		edits:    map[string]string{"assets/css/theme.css": "@import \"../../../../../../../../etc/x.css\";\n"},
		entries:  []string{"css/main.css"},
		want:     `assets/css/theme.css:1:9: "../../../../../../../../etc/x.css" points outside the site folder`,
		wantHint: "inside the site folder",
	}, {
		name:     "missing relative file",
		edits:    map[string]string{"assets/css/theme.css": "@import \"./nope.css\";\n"},
		entries:  []string{"css/main.css"},
		want:     `assets/css/theme.css:1:9: could not resolve "./nope.css"`,
		wantHint: "misspelt file name",
	}, {
		name:     "unknown built-in stylesheet",
		edits:    map[string]string{"assets/css/theme.css": "@import \"plinth:colours.css\";\n"},
		entries:  []string{"css/main.css"},
		want:     `assets/css/theme.css:1:9: there is no built-in file called "plinth:colours.css"`,
		wantHint: "plinth:chroma.css",
	}, {
		name:     "missing entry",
		entries:  []string{"js/charts.js"},
		want:     `assets/js/charts.js: the asset "js/charts.js" was not found`,
		wantHint: "assets/js/charts.js and themes/test/assets/js/charts.js",
	}, {
		name:    "bad entry name",
		entries: []string{"../x.js"},
		want:    `<site>: internal error: "../x.js" is not a valid asset name`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := buildFixture(t, extract(t, tt.edits), tt.entries...)
			diags.Sort()
			if len(diags) == 0 || diags.HasErrors() == tt.warning {
				t.Fatalf("got %v; want %s", diags, tt.want)
			}
			d := diags[0]
			if !strings.HasPrefix(d.Error(), tt.want) {
				t.Errorf("got  %s\nwant %s…", d.Error(), tt.want)
			}
			switch {
			case tt.wantLine != "" && d.LineText != tt.wantLine:
				t.Errorf("LineText = %q, want %q", d.LineText, tt.wantLine)
			case tt.wantLine == "" && d.Pos.Line > 0 && d.LineText == "":
				t.Error("LineText is empty")
			}
			if !strings.Contains(d.Hint, tt.wantHint) {
				t.Errorf("hint %q lacks %q", d.Hint, tt.wantHint)
			}
		})
	}
}

func TestOptionalEntries(t *testing.T) {
	tests := []struct {
		name      string
		drop      []string
		entries   []string
		wantNames []string
	}{
		// A theme with only a stylesheet gets only a stylesheet.
		{"one missing", []string{"themes/test/assets/js/", "assets/js/"}, []string{"css/main.css", "js/main.js"}, []string{"css/main.css", NoticesName}},
		// A theme with no front-end files needs neither esbuild nor
		// node_modules: nothing is bundled and nothing is reported.
		{"none present", []string{"themes/test/assets/", "assets/", "node_modules/"}, []string{"css/main.css", "js/main.js"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := extract(t, nil, tt.drop...)
			res, diags := Build(Options{SourceDir: dir, Theme: "test", Entries: tt.entries, Optional: true})
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %v", diags.Err())
			}
			var names []string
			for name := range res.Manifest {
				names = append(names, name)
			}
			slices.Sort(names)
			if strings.Join(names, ",") != strings.Join(tt.wantNames, ",") {
				t.Errorf("manifest has %v, want %v", names, tt.wantNames)
			}
			if len(tt.wantNames) == 0 && len(res.Files) != 0 {
				t.Errorf("files built with no entries: %v", res.Files)
			}
		})
	}
	// Without Optional, a missing entry is still an error.
	dir := extract(t, nil, "themes/test/assets/js/", "assets/js/")
	if _, diags := buildFixture(t, dir); !diags.HasErrors() {
		t.Error("a missing entry without Optional gave no error")
	}
}
