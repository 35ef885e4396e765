package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestReadBodies: a page loaded front only gets back the body and the
// body's positions it would have had if loaded whole; a file changed in
// between (front matter or body) is an error and its page stays without a
// body, so that no build publishes half of each; a feature that reads
// bodies as it builds has them from the start.
func TestReadBodies(t *testing.T) {
	const page = "+++\ntitle = \"T\"\n+++\nFirst line.\n\nSecond *line*.\n"
	tests := []struct {
		name    string
		again   string // the file when read again; "" leaves it as it was
		deleted bool
		problem string // the diagnostic expected, if any
	}{
		{name: "unchanged"},
		{name: "body edited", again: strings.Replace(page, "Second", "Third", 1), problem: "content/a.md: this file changed while the site was being built"},
		{name: "front matter edited", again: strings.Replace(page, `"T"`, `"U"`, 1), problem: "content/a.md: this file changed while the site was being built"},
		{name: "body only grown", again: page + "More.\n", problem: "content/a.md: this file changed while the site was being built"},
		{name: "deleted", deleted: true, problem: "content/a.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"content/a.md": {Data: []byte(page)}}
			whole, _ := Load(fsys, Options{})
			res, diags := Load(fsys, Options{FrontOnly: true})
			if diags.HasErrors() || len(res.Pages) != 1 || len(res.Cut) != 1 {
				t.Fatalf("load: %d pages, %d cut, %v", len(res.Pages), len(res.Cut), diags)
			}
			p, want := res.Pages[0], whole.Pages[0]
			if p.Body != nil || string(p.Source.Text) != "+++\ntitle = \"T\"\n+++\n" {
				t.Fatalf("loaded front only: body %q, source %q", p.Body, p.Source.Text)
			}
			switch {
			case tt.deleted:
				delete(fsys, "content/a.md")
			case tt.again != "":
				fsys["content/a.md"] = &fstest.MapFile{Data: []byte(tt.again)}
			}
			diags = ReadBodies(fsys, res.Pages, res.Cut)
			if tt.problem != "" {
				if len(diags) != 1 || !strings.Contains(diags[0].Error(), tt.problem) || !diags.HasErrors() {
					t.Fatalf("diagnostics %v, want one error with %q", diags, tt.problem)
				}
				if p.Body != nil {
					t.Errorf("the page has a body %q from a changed file", p.Body)
				}
				return
			}
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if string(p.Body) != string(want.Body) || p.BodySum != want.BodySum {
				t.Errorf("body %q, want %q", p.Body, want.Body)
			}
			for off := range len(page) + 1 {
				if got, w := p.Pos(off), want.Pos(off); got != w {
					t.Errorf("Pos(%d) = %v, want %v", off, got, w)
				}
			}
		})
	}
}

// readsText is a feature's front matter whose feature reads the page's
// text as it builds, or says it does not.
type readsText struct{ reads bool }

func (r *readsText) UsesBody() bool { return r.reads }

var _ site.BodyUser = (*readsText)(nil)

// TestFrontOnlyKeepsWhatFeaturesRead: the body of a page whose feature
// reads it (or does not say) is kept at load; a page that is all front
// matter has nothing to read again; a Cache keeps every page whole.
func TestFrontOnlyKeepsWhatFeaturesRead(t *testing.T) {
	const page = "+++\ntitle = \"T\"\n+++\nText.\n"
	fsys := fstest.MapFS{
		"content/plain.md":     {Data: []byte(page)},
		"content/reads.md":     {Data: []byte(page)},
		"content/ignores.md":   {Data: []byte(page)},
		"content/unsaid.md":    {Data: []byte(page)},
		"content/frontonly.md": {Data: []byte("+++\ntitle = \"T\"\n+++\n")},
	}
	schema := func(rel string) any {
		switch rel {
		case "reads.md":
			return &readsText{reads: true}
		case "ignores.md":
			return &readsText{}
		case "unsaid.md":
			return &struct{}{}
		}
		return nil
	}
	tests := []struct {
		name  string
		cache *Cache
		kept  []string
	}{
		{"build", nil, []string{"content/frontonly.md", "content/reads.md", "content/unsaid.md"}},
		{"with a cache", NewCache(), []string{"content/frontonly.md", "content/ignores.md", "content/plain.md", "content/reads.md", "content/unsaid.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := Load(fsys, Options{FrontOnly: true, Schemas: []Schema{schema}, Cache: tt.cache})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			var kept []string
			for _, p := range res.Pages {
				if p.Body != nil {
					kept = append(kept, p.File)
				}
			}
			if strings.Join(kept, " ") != strings.Join(tt.kept, " ") {
				t.Errorf("bodies kept: %v, want %v", kept, tt.kept)
			}
			if len(res.Cut) != len(res.Pages)-len(tt.kept) {
				t.Errorf("%d sources cut, want %d", len(res.Cut), len(res.Pages)-len(tt.kept))
			}
		})
	}
}
