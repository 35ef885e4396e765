package config

import (
	"strings"
	"testing"
)

func TestPublisherDefaults(t *testing.T) {
	c, diags := load(t, "title = \"Quality\"\nbaseURL = \"https://example.org/\"\n", Options{})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	if c.Licence.Name != OGLName || c.Licence.URL != OGLURL || !c.Licence.IsOGL() {
		t.Errorf("licence = %+v, want the Open Government Licence v3.0", c.Licence)
	}
	if c.Licence.Copyright != "© Quality" {
		t.Errorf("copyright = %q, want © and the site's title", c.Licence.Copyright)
	}
	if c.Contents.MinHeadings != 3 {
		t.Errorf("contents.minHeadings = %d, want 3", c.Contents.MinHeadings)
	}
	if c.Preview.On() {
		t.Errorf("a build without --preview is a preview: %+v", c.Preview)
	}
}

func TestPublisherSettings(t *testing.T) {
	c, diags := load(t, `title = "Quality"
baseURL = "https://example.org/"
[licence]
name = "Creative Commons Attribution 4.0"
url = "https://creativecommons.org/licenses/by/4.0/"
copyright = "© Example Body"
[contents]
minHeadings = 5
`, Options{BaseURL: "https://example.github.io/site/previews/pr-42/", Preview: "pull request 42"})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	if c.Licence.IsOGL() || c.Licence.Name != "Creative Commons Attribution 4.0" || c.Licence.Copyright != "© Example Body" {
		t.Errorf("licence = %+v", c.Licence)
	}
	if c.Contents.MinHeadings != 5 {
		t.Errorf("contents.minHeadings = %d, want 5", c.Contents.MinHeadings)
	}
	if !c.Preview.On() || c.Preview.About != "pull request 42" || c.Preview.Published != "https://example.org/" {
		t.Errorf("preview = %+v, want pull request 42 of https://example.org/", c.Preview)
	}
	if c.BaseURL != "https://example.github.io/site/previews/pr-42/" {
		t.Errorf("the preview is built for %q", c.BaseURL)
	}
}

func TestPublisherErrors(t *testing.T) {
	tests := []struct {
		toml, want string
	}{
		{"[licence]\nname = \"My licence\"\n", `site.toml:4:8: [licence] gives the licence's name but not its address`},
		{"[licence]\nurl = \"https://example.org/licence\"\n", `site.toml:4:7: [licence] gives the licence's address but not its name`},
		{"[licence]\nname = \"Mine\"\nurl = \"licence.html\"\n", `site.toml:5:7: the licence's address "licence.html" is not an http or https address`},
		{"[contents]\nminHeadings = 1\n", "site.toml:4:15: contents.minHeadings must be between 2 and 100"},
		{"[licence]\nnmae = \"x\"\n", `site.toml:4:1: unknown key "licence.nmae"`},
	}
	for _, tt := range tests {
		_, diags := load(t, "title = \"Q\"\nbaseURL = \"https://example.org/\"\n"+tt.toml, Options{})
		if len(diags) == 0 || !strings.HasPrefix(diags[0], tt.want) {
			t.Errorf("%q: got %q, want %q", tt.toml, diags, tt.want)
		}
	}
}
