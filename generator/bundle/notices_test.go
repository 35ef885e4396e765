package bundle

import (
	"strings"
	"testing"
)

// TestNotices: the notices name every npm package whose code is in the
// bundle, with its version, licence and the licence and notice files it
// ships, and no package that nothing imports.
func TestNotices(t *testing.T) {
	dir := extract(t, map[string]string{
		"node_modules/fakepkg/package.json": `{"name": "fakepkg", "version": "1.0.0", "license": "Apache-2.0",
 "repository": {"type": "git", "url": "git+https://example.org/fakepkg.git"},
 "exports": {".": "./index.mjs", "./style.css": "./dist/style.css"}}`,
		"node_modules/fakepkg/LICENSE":               "The fake licence text.\n",
		"node_modules/fakepkg/NOTICE":                "Fakepkg\nCopyright the fakepkg authors.\n",
		"node_modules/fakepkg/licenses/LICENSE-sub":  "A bundled part's licence.\n",
		"node_modules/fakepkg/README.md":             "Not a licence.\n",
		"node_modules/@scope/nolicence/package.json": `{"name": "@scope/nolicence", "version": "2.0.0", "license": {"type": "MIT"}, "main": "index.mjs"}`,
		"node_modules/@scope/nolicence/index.mjs":    "export function x() { return document.title.length; }\n",
		"node_modules/unused/package.json":           `{"name": "unused", "version": "9.9.9", "license": "GPL-3.0"}`,
		"node_modules/unused/LICENSE":                "Never bundled.\n",
		"themes/test/assets/js/main.js":              "import { greet } from \"fakepkg\";\nimport { x } from \"@scope/nolicence\";\ngreet(\"café\" + x());\n",
	})
	res, diags := buildFixture(t, dir)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	got := fileData(t, res, NoticesName)
	for _, want := range []string{
		"\n@scope/nolicence 2.0.0\nLicence: MIT\n\nThe package ships no licence file",
		"\nfakepkg 1.0.0\nLicence: Apache-2.0\nSource: https://example.org/fakepkg\n",
		"LICENSE\n\nThe fake licence text.\n",
		"NOTICE\n\nFakepkg\nCopyright the fakepkg authors.\n",
		"licenses/LICENSE-sub\n\nA bundled part's licence.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the notices lack %q:\n%s", want, got)
		}
	}
	for _, bad := range []string{"unused", "Never bundled", "Not a licence"} {
		if strings.Contains(got, bad) {
			t.Errorf("the notices mention %q, which is not bundled or not a licence:\n%s", bad, got)
		}
	}
	if strings.Index(got, "@scope/nolicence") > strings.Index(got, "fakepkg 1.0.0") {
		t.Error("packages are not in name order")
	}
}

func TestPackageDir(t *testing.T) {
	tests := map[string]string{
		"node_modules/echarts/lib/chart/bar.js":                     "node_modules/echarts",
		"node_modules/@scope/pkg/index.js":                          "node_modules/@scope/pkg",
		"node_modules/a/node_modules/b/x.js":                        "node_modules/a/node_modules/b",
		"themes/plinth/assets/js/main.js":                           "",
		"plinth:chroma.css":                                         "",
		"node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.css": "node_modules/nhsuk-frontend",
	}
	for in, want := range tests {
		if got := packageDir(in); got != want {
			t.Errorf("packageDir(%q) = %q, want %q", in, got, want)
		}
	}
}
