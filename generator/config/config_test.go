package config

import (
	"fmt"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"testing"
	"testing/fstest"
)

func load(t *testing.T, toml string, opts Options) (*Config, []string) {
	t.Helper()
	fsys := fstest.MapFS{
		"site.toml":                 {Data: []byte(toml)},
		"themes/plinth/layouts/x":   {Data: nil},
		"themes/other/static/a.css": {Data: nil},
	}
	c, diags := Load(fsys, opts)
	diags.Sort()
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	return c, got
}

func TestLoad(t *testing.T) {
	c, diags := load(t, `title = "Quality"
baseURL = "https://example.org/quality"
[permalinks]
guidance = "/guidance/:slug/"
[params]
anything = [1, 2]
[[menus.main]]
name = "Strategy"
page = "strategy/_index.md"
`, Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	if c.BaseURL != "https://example.org/quality/" || c.BasePath() != "/quality/" {
		t.Errorf("base = %q / %q", c.BaseURL, c.BasePath())
	}
	if c.LanguageCode != "en-GB" || c.Theme != "plinth" {
		t.Errorf("defaults = %q %q", c.LanguageCode, c.Theme)
	}
	if len(c.Menus["main"]) != 1 || c.Menus["main"][0].Page != "strategy/_index.md" {
		t.Errorf("menus = %+v", c.Menus)
	}
	c, _ = load(t, "title = \"Q\"\nbaseURL = \"https://example.org/\"\n", Options{BaseURL: "http://localhost:1313/x/"})
	if c.BasePath() != "/x/" {
		t.Errorf("--baseURL not applied: %q", c.BaseURL)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, toml string
		opts       Options
		want       []string
	}{
		{"missing file", "", Options{}, nil},
		{"typo", "title = \"Q\"\nbaseURL = \"https://e.org/\"\nlanguagecode = \"en\"\n", Options{}, []string{`site.toml:3:1: unknown key "languagecode"`}},
		{"language code", "title = \"Q\"\nbaseURL = \"https://e.org/\"\nlanguageCode = \"\\\"><script>alert(7)</script>\"\n", Options{}, []string{`site.toml:3:16: "\"><script>alert(7)</script>" is not a language code`}},
		{"language name", "title = \"Q\"\nbaseURL = \"https://e.org/\"\nlanguageCode = \"English\"\n", Options{}, []string{`site.toml:3:16: "English" is not a language code`}},
		{"relative base", "title = \"Q\"\nbaseURL = \"/quality/\"\n", Options{}, []string{`site.toml:2:11: "/quality/" is not an absolute http or https URL`}},
		{"bad flag", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n", Options{BaseURL: "ftp://x"}, []string{`--baseURL: "ftp://x" is not an absolute`}},
		{"markup in the path", "title = \"Q\"\nbaseURL = \"https://e.org/q\\\"><script>/\"\n", Options{}, []string{`site.toml:2:11: "https://e.org/q\"><script>/" has '"' in its path`}},
		{"space in the path", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n", Options{BaseURL: "https://e.org/a%20b/"}, []string{`--baseURL: "https://e.org/a%20b/" has ' ' in its path`}},
		{"missing theme", "title = \"Q\"\nbaseURL = \"https://e.org/\"\ntheme = \"nhs\"\n", Options{}, []string{`site.toml:3:9: the theme "nhs" does not exist`}},
		{"theme path", "title = \"Q\"\nbaseURL = \"https://e.org/\"\ntheme = \"../x\"\n", Options{}, []string{`site.toml:3:9: the theme name "../x" is not a plain folder name`}},
		{"permalink", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[permalinks]\ng = \"/g/:nope/\"\n", Options{}, []string{`site.toml:4:5: permalink pattern for "g": "/g/:nope/" uses an unknown token`}},
		{"menu", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[[menus.main]]\nname = \"x\"\n", Options{}, []string{`site.toml:3:1: menu entry "x" needs exactly one of page or url`}},
		{"menu url", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[[menus.main]]\nname = \"x\"\nurl = \"javascript:alert(7)\"\n" +
			"[[menus.main]]\nname = \"d\"\nurl = \"data:text/html,x\"\n[[menus.main]]\nname = \"p\"\nurl = \"//evil.example/\"\n[[menus.main]]\nname = \"r\"\nurl = \"about\"\n" +
			"[[menus.main]]\nname = \"ok\"\nurl = \"https://www.example.org/a?b#c\"\n[[menus.main]]\nname = \"ok\"\nurl = \"/search/\"\n[[menus.main]]\nname = \"ok\"\nurl = \"mailto:enquiries@example.org\"\n", Options{},
			[]string{`site.toml:5:7: menu entry "x": "javascript:alert(7)" is not a web address`, `site.toml:8:7: menu entry "d": "data:text/html,x" is not a web address`,
				`site.toml:11:7: menu entry "p": "//evil.example/" is not a web address`, `site.toml:14:7: menu entry "r": "about" is not a web address`}},
		{"menu entries", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n" + strings.Repeat("[[menus.footer]]\nname = \"x\"\nurl = \"/x/\"\n", MaxMenuEntries+20000), Options{},
			[]string{fmt.Sprintf(`site.toml:%d:1: the menu "footer" has %d entries; a menu may have at most %d`, 3+3*MaxMenuEntries, MaxMenuEntries+20000, MaxMenuEntries)}},
		{"as many menu entries as allowed", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n" + strings.Repeat("[[menus.footer]]\nname = \"x\"\nurl = \"/x/\"\n", MaxMenuEntries), Options{}, nil},
		{"missing keys", "description = \"d\"\n", Options{}, []string{`site.toml:1:1: the key "baseURL" is missing`, `site.toml:1:1: the key "title" is missing`}},
		{"empty", "", Options{}, []string{`site.toml:1:1: site.toml is empty`}},
		{"comments only", "\ufeff# the site\r\n\r\n  # nothing else\n", Options{}, []string{`site.toml:1:1: site.toml is empty`}},
		{"disclosure", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[disclosure]\nsuppressFrom = 3\nsuppressTo = 1\nroundTo = 0\ndecimals = 7\n", Options{},
			[]string{`site.toml:4:16: disclosure.suppressFrom must be 1, but it is 3`, `site.toml:5:14: disclosure.suppressTo must be at least 2, but it is 1`,
				`site.toml:6:11: disclosure.roundTo must be at least 1, but it is 0`, `site.toml:7:12: disclosure.decimals must be between 0 and 3, but it is 7`}},
		{"disclosure round too large", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[disclosure]\nroundTo = 20\n", Options{},
			[]string{`site.toml:4:11: disclosure.roundTo 20 is too large: the smallest count that is shown (8) would be rounded to 0`}},
		{"disclosure default problem", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[disclosure]\nsuppressTo = 1\nroundTo = 5\n", Options{},
			[]string{`site.toml:4:14: disclosure.suppressTo must be at least 2`, `site.toml:5:11: disclosure.roundTo 5 is too large`}},
		{"disclosure typo", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[disclosure]\nroundto = 5\n", Options{},
			[]string{`site.toml:4:1: unknown key "disclosure.roundto"`}},
		{"publish types", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[content]\npublishTypes = [\"docx\", \".xlsx\", \"MD\", \"md\"]\n", Options{},
			[]string{`site.toml:4:25: ".xlsx" is not a file extension`, `site.toml:4:34: "MD" is not a file extension`, `site.toml:4:40: "md" is not a file extension`}},
		{"byte-order mark", "\xef\xbb\xbftitle = \"Q\"\nbaseURL = \"https://e.org/\"\ntheme = \"nhs\"\n", Options{}, []string{`site.toml:3:9: the theme "nhs" does not exist`}},
		{"disclosure type", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[disclosure]\nsuppressTo = \"7\"\n", Options{},
			[]string{`site.toml:4:14: disclosure.suppressTo: expected a whole number`}},
		{"abbreviations", "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[scan.abbreviations]\n\"MH\" = \"Mental Health\"\n\"-\" = \"Hyphen\"\n\"CIC\" = \"cic\"\n\"X\" = \"" + strings.Repeat("y", 81) + "\"\n", Options{},
			[]string{`site.toml:5:7: the abbreviation "-" = "Hyphen" needs letters in both parts`, `site.toml:6:9: the abbreviation "CIC" stands for itself`,
				`site.toml:7:7: "yyyyyyyyy`}},
		// The words of site.toml are on every page: a paste of megabytes
		// made every page too large, at a layout's line, after minutes.
		{"long text", "title = \"" + strings.Repeat("é", MaxTitle+1) + "\"\nbaseURL = \"https://e.org/\"\ndescription = \"" + strings.Repeat("d", 1<<20) + "\"\n" +
			"[[menus.main]]\nname = \"" + strings.Repeat("m", MaxTitle+1) + "\"\nurl = \"/x/\"\n[licence]\ncopyright = \"" + strings.Repeat("c", MaxText+1) + "\"\n" +
			"[params]\nnotice = \"" + strings.Repeat("p", MaxText+1) + "\"\nlist = [\"a\", {deep = \"" + strings.Repeat("q", MaxText+1) + "\"}]\n", Options{},
			[]string{`site.toml:1:9: the site title is 251 characters long; it may have at most 250`, `site.toml:3:15: the site description is 1048576 characters long; it may have at most 1000`,
				`site.toml:5:8: the menu entry's name is 251 characters long; it may have at most 250`, `site.toml:8:13: the copyright line is 10001 characters long; it may have at most 10000`,
				`site.toml:10:10: this value is 10001 characters long; it may have at most 10000`, `site.toml:11:22: this value is 10001 characters long; it may have at most 10000`}},
		{"at the limits", "title = \"" + strings.Repeat("é", MaxTitle) + "\"\nbaseURL = \"https://e.org/\"\ndescription = \"" + strings.Repeat("d", MaxDescription) + "\"\n" +
			"[params]\nnotice = \"\"\"\n" + strings.Repeat("p\n", MaxText/2) + "\"\"\"\n", Options{}, nil},
		{"garbling character", "title = \"Q\\u202e\"\nbaseURL = \"https://e.org/\"\n[params]\nnotice = \"a\\u0007b\"\n", Options{},
			[]string{`site.toml:1:9: the site title has the invisible character U+202E, which would garble it on every page`,
				`site.toml:4:10: this value has the invisible character U+0007, which would garble it on every page`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "missing file" {
				if _, diags := Load(fstest.MapFS{}, Options{}); len(diags) != 1 || !strings.Contains(diags[0].Error(), "site.toml: cannot read") {
					t.Fatalf("diags = %v", diags)
				}
				return
			}
			_, got := load(t, tt.toml, tt.opts)
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("got %q, want prefix %q", got[i], tt.want[i])
				}
			}
		})
	}
}

func TestDisclosure(t *testing.T) {
	c, diags := load(t, "title = \"Q\"\nbaseURL = \"https://e.org/\"\n", Options{})
	if len(diags) != 0 || c.Disclosure != anonymise.DefaultPolicy() {
		t.Errorf("no [disclosure]: policy %+v, diagnostics %q; want the NHS Digital default", c.Disclosure, diags)
	}
	c, diags = load(t, "title = \"Q\"\nbaseURL = \"https://e.org/\"\n[disclosure]\nsuppressTo = 9\nnationalExempt = true\ndecimals = 1\n", Options{})
	want := anonymise.Policy{SuppressFrom: 1, SuppressTo: 9, RoundTo: 5, NationalExempt: true, Decimals: 1}
	if len(diags) != 0 || c.Disclosure != want {
		t.Errorf("policy %+v, diagnostics %q; want %+v", c.Disclosure, diags, want)
	}
}

func TestPermalink(t *testing.T) {
	tests := []struct {
		pattern, problem, want string
	}{
		{"/guidance/:slug/", "", "/guidance/induction/"},
		{"/:sections/:year/:filename/", "", "/framework/2021/2021/file/"},
		{"/:section/:month/:slug/", "", "/guidance/slug-less/"}, // empty month collapses
		{"guidance/:slug/", "must start and end with /", ""},
		{"/a/../:slug/", "empty, . or ..", ""},
		{"/:year/", "no :slug or :filename", ""},
	}
	for _, tt := range tests {
		problem := CheckPermalink(tt.pattern)
		if (problem == "") != (tt.problem == "") || !strings.Contains(problem, tt.problem) {
			t.Errorf("CheckPermalink(%q) = %q, want %q", tt.pattern, problem, tt.problem)
			continue
		}
		if problem != "" {
			continue
		}
		v := PermalinkValues{Section: "guidance", Sections: "framework/2021", Slug: "induction", Filename: "file", Year: "2021"}
		if tt.want == "/guidance/slug-less/" {
			v.Slug = "slug-less"
		}
		if got := ExpandPermalink(tt.pattern, v); got != tt.want {
			t.Errorf("ExpandPermalink(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

// TestRefusedBaseURLIsNotUsed: a baseURL refused with an error is not
// handed on to the stages that write it into feeds and robots.txt, where
// "user:pass@x.example" read as an e-mail address in every feed and put
// eleven errors before the one that says what is wrong.
func TestRefusedBaseURLIsNotUsed(t *testing.T) {
	for _, base := range []string{"https://user:pass@x.example/", "javascript:alert(7)//", "https://x.example/a b/"} {
		c, got := load(t, "title = \"Q\"\nbaseURL = \""+base+"\"\n", Options{})
		if len(got) != 1 {
			t.Errorf("%s: diagnostics %q, want one", base, got)
		}
		if c.BaseURL != c.Base().String() || strings.Contains(c.BaseURL, "x.example") || strings.Contains(c.BaseURL, "javascript") {
			t.Errorf("%s: BaseURL %q handed on", base, c.BaseURL)
		}
	}
}
