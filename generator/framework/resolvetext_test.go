package framework

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/plinth-ssg/plinth/generator/assemble"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
)

// TestResolveText resolves references as a data file writes them against a
// small framework: 2019 (superseded) and 2021 (in force), each with
// standard 1.1.
func TestResolveText(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                   {Data: []byte(fixtureSite)},
		"themes/t/README":             {Data: []byte("theme")},
		"content/framework/_index.md": {Data: []byte("+++\ntitle = \"Framework\"\n+++\n")},
		"content/framework/2019/_index.md": {Data: []byte("+++\ntitle = \"2019\"\nstatus = \"superseded\"\neffective_from = 2019-06-01\n" +
			"superseded_on = 2021-06-01\nsuperseded_by = \"2021\"\n+++\n")},
		"content/framework/2021/_index.md":        {Data: []byte("+++\ntitle = \"2021\"\nstatus = \"in-force\"\neffective_from = 2021-06-01\n+++\n")},
		"content/framework/2019/1-care/_index.md": {Data: []byte("+++\ntitle = \"Care\"\ndomain = 1\n+++\n")},
		"content/framework/2021/1-care/_index.md": {Data: []byte("+++\ntitle = \"Care\"\ndomain = 1\n+++\n")},
		"content/framework/2019/1-care/1-1.md":    {Data: []byte("+++\nid = \"1.1\"\ntitle = \"Safe\"\nmust = [\"x\"]\n+++\nText.\n")},
		"content/framework/2021/1-care/1-1.md":    {Data: []byte("+++\nid = \"1.1\"\ntitle = \"Safe\"\nreplaces = [\"2019:1.1\"]\nmust = [\"x\"]\n+++\nText.\n")},
	}
	cfg, diags := config.Load(fsys, config.Options{})
	if cfg == nil || diags.HasErrors() {
		t.Fatalf("site.toml: %v", diags)
	}
	loaded, _ := content.Load(fsys, content.Options{Schemas: []content.Schema{Schema}})
	res, diags := Build(cfg, loaded.Pages, assemble.Options{Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		t.Fatalf("the framework has errors: %v", diags)
	}
	tests := []struct {
		in, canonical string
		ok            bool
		hint          string
	}{
		{"2021:1.1", "2021:1.1", true, ""},
		{"1.1", "2021:1.1", true, ""},
		{"2019:1.1", "2019:1.1", true, ""},
		{"2021:1.9", "", false, `the 2021 edition has no standard 1.9 (in "2021:1.9"); domain 1 of the 2021 edition has the standards 1.1`},
		{"2020:1.1", "", false, `there is no edition "2020" (in "2020:1.1"); the editions are the folders under content/framework: 2019, 2021`},
		{"1-1", "", false, `"1-1" is not a reference to a standard`},
	}
	for _, tt := range tests {
		canonical, ok, hint := res.Framework.ResolveText(tt.in)
		if canonical != tt.canonical || ok != tt.ok || hint != tt.hint {
			t.Errorf("ResolveText(%q) = %q, %v, %q; want %q, %v, %q", tt.in, canonical, ok, hint, tt.canonical, tt.ok, tt.hint)
		}
	}
}
