package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPublishOnlyWhatIsMeant: pages are found by their Markdown extension
// in any case; editors' and Office's temporary files are never read; other
// document types are left out with a warning unless site.toml lets them
// through; a folder with both index.md and _index.md stays a section.
func TestPublishOnlyWhatIsMeant(t *testing.T) {
	page := "+++\ntitle = \"T\"\n+++\nText.\n"
	fsys := fstest.MapFS{
		"content/_index.md":                {Data: []byte(page)},
		"content/upper.MD":                 {Data: []byte(page)},
		"content/long.markdown":            {Data: []byte(page)},
		"content/mixed.Markdown":           {Data: []byte(page)},
		"content/guidance/_index.md":       {Data: []byte(page)},
		"content/guidance/index.md":        {Data: []byte(page)},
		"content/guidance/photo.JPG":       {Data: []byte("jpeg")},
		"content/guidance/report.pdf":      {Data: []byte("%PDF")},
		"content/guidance/~$draft.docx":    {Data: []byte("owner")},
		"content/guidance/.~lock.a.docx#":  {Data: []byte("lock")},
		"content/guidance/notes.tmp":       {Data: []byte("tmp")},
		"content/guidance/upper.md.swp":    {Data: []byte("swap")},
		"content/guidance/draft.docx":      {Data: []byte("PK")},
		"content/guidance/figures.xlsx":    {Data: []byte("PK")},
		"content/guidance/CNAME":           {Data: []byte("x")},
		"content/bundle/index.markdown":    {Data: []byte(page)},
		"content/bundle/extra.md":          {Data: []byte(page)},
		"content/bundle/chart.svg":         {Data: []byte("<svg/>")},
		"content/guidance/page.html.bak~":  {Data: []byte("backup")},
		"content/guidance/legacy-form.odt": {Data: []byte("PK")},
	}
	res, diags := Load(fsys, Options{PublishTypes: []string{"xlsx"}})
	var pages, resources, problems []string
	for _, p := range res.Pages {
		pages = append(pages, p.File+" → "+p.Path)
	}
	for _, r := range res.Resources {
		resources = append(resources, r.Path+" (owner "+r.Owner+")")
	}
	diags.Sort()
	for _, d := range diags {
		problems = append(problems, d.Error())
	}
	check := func(what string, got, want []string) {
		t.Helper()
		slices.Sort(got)
		slices.Sort(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	check("pages", pages, []string{
		"content/_index.md → ",
		"content/bundle/index.markdown → bundle",
		"content/guidance/_index.md → guidance",
		"content/long.markdown → long",
		"content/mixed.Markdown → mixed",
		"content/upper.MD → upper",
	})
	check("resources", resources, []string{
		"bundle/chart.svg (owner content/bundle/index.markdown)",
		"bundle/extra.md (owner content/bundle/index.markdown)",
		"guidance/figures.xlsx (owner content/guidance/_index.md)",
		"guidance/photo.JPG (owner content/guidance/_index.md)",
		"guidance/report.pdf (owner content/guidance/_index.md)",
	})
	check("diagnostics", problems, []string{
		"content/guidance/CNAME: warning: content/guidance/CNAME is a file without an extension, which is not published",
		"content/guidance/draft.docx: warning: content/guidance/draft.docx is a Word document (.docx), which is not published",
		"content/guidance/index.md:1:1: content/guidance has both index.md and _index.md; a folder is either a section or a page bundle, not both",
		"content/guidance/legacy-form.odt: warning: content/guidance/legacy-form.odt is a text document (.odt), which is not published",
	})
}

// TestPlusLineInMultilineText: a line "+++" inside a """ text ends the
// front matter (Hugo's rule), and the error is at the opening quotes and
// says so, instead of TOML's "unexpected EOF" at the cut-off text.
func TestPlusLineInMultilineText(t *testing.T) {
	page := "+++\ntitle = \"About\"\ndescription = \"\"\"\nFirst line\n+++\nmore text\n\"\"\"\n+++\n\nBody\n"
	fsys := fstest.MapFS{"content/about.md": {Data: []byte(page)}}
	res, diags := Load(fsys, Options{})
	if len(res.Pages) != 0 || len(diags) != 1 {
		t.Fatalf("pages %d, diagnostics %v; want one error and no page", len(res.Pages), diags)
	}
	d := diags[0]
	want := `content/about.md:3:15: the text that starts here with """ is still open at line 5, where the +++ line ends the settings`
	if d.Error() != want || !strings.Contains(d.Hint, "put a space before the +++") {
		t.Errorf("got %s\nhint: %s\nwant %s", d.Error(), d.Hint, want)
	}
}

// TestTitleAndDescriptionLength: a title or description far longer than
// any real one (the page's text pasted into it) is an error at its value;
// one at the limit is not.
func TestTitleAndDescriptionLength(t *testing.T) {
	tests := []struct {
		front, want string
	}{
		{"title = \"" + strings.Repeat("é", MaxTitle) + "\"\ndescription = \"" + strings.Repeat("d", MaxDescription) + "\"\n", ""},
		{"title = \"" + strings.Repeat("a", 5<<20) + "\"\n", "content/a.md:2:9: the title is 5242880 characters long; a title may have at most 250"},
		{"title = \"T\"\ndescription = '''\n" + strings.Repeat("d", MaxDescription+1) + "'''\n", "content/a.md:3:15: the description is 1001 characters long; a description may have at most 1000"},
	}
	for _, tt := range tests {
		checkOneError(t, tt.front, tt.want)
	}
}

// TestInvisibleCharacters: control characters (written as escapes, since
// TOML refuses them raw) and bidirectional overrides in a title,
// description or tag are errors at the value; a line break in a title
// is too, while right-to-left marks and isolates are kept.
func TestInvisibleCharacters(t *testing.T) {
	tests := []struct {
		front, want string
	}{
		{"title = \"שלום \u200f and \u2067x\u2069\"\ndescription = \"\"\"\nTwo\nlines\n\"\"\"\n", ""},
		{"title = \"Safe \u202eevil\"\n", "content/a.md:2:9: the title has the invisible character U+202E, which would garble it on the page"},
		{"title = \"a\\u0000b\"\n", "content/a.md:2:9: the title has the invisible character U+0000, which would garble it on the page"},
		{"title = \"T\"\ndescription = \"x\\u001b[2J\"\n", "content/a.md:3:15: the description has the invisible character U+001B, which would garble it on the page"},
		{"title = \"T\"\ntags = [\"ok\", \"a\\u0085\"]\n", "content/a.md:3:15: the tag has the invisible character U+0085, which would garble it on the page"},
		{"title = \"\"\"\nA\nB\"\"\"\n", "content/a.md:2:9: the title has a line break; it must be one line"},
	}
	for _, tt := range tests {
		checkOneError(t, tt.front, tt.want)
	}
}

// TestDateOrder: a page that would expire before it is dated or
// published, or a next review before the last, is an error at the later
// key; dates in order are not.
func TestDateOrder(t *testing.T) {
	tests := []struct {
		front, want string
	}{
		{"date = 2026-06-01\npublishDate = 2026-06-02\nexpiryDate = 2027-01-01\nreviewed = 2026-06-01\nnext_review = 2026-06-01\n", ""},
		{"date = 2026-06-01\nexpiryDate = 2020-01-01\n", "content/a.md:4:14: the page expires on 2020-01-01, before its date (2026-06-01), so it would never be published"},
		{"publishDate = 2026-06-01\nexpiryDate = 2026-05-31T23:00:00Z\n", "content/a.md:4:14: the page expires on 2026-05-31, before its publishDate (2026-06-01), so it would never be published"},
		{"reviewed = 2026-06-01\nnext_review = 2020-06-01\n", "content/a.md:4:15: the next review (2020-06-01) is before the last one (reviewed = 2026-06-01)"},
	}
	for _, tt := range tests {
		checkOneError(t, "title = \"T\"\n"+tt.front, tt.want)
	}
}

// TestPageFileNamedLikeAFile: a page file named index.html.md would be the
// folder guidance/index.html, clashing with the section's own page; it is
// refused at the file, which is what to rename.
func TestPageFileNamedLikeAFile(t *testing.T) {
	page := "+++\ntitle = \"T\"\n+++\n"
	_, diags := Load(fstest.MapFS{"content/guidance/_index.md": {Data: []byte(page)}, "content/guidance/index.html.md": {Data: []byte(page)}}, Options{})
	want := `content/guidance/index.html.md: the file name "index.html.md" ends in .html, but a page's address is a folder ending in /, so it would be index.html/index.html`
	if len(diags) != 1 || diags[0].Error() != want {
		t.Errorf("got %v, want %q", diags, want)
	}
}

// checkOneError loads content/a.md with the front matter given and checks
// that it gives no diagnostic (want empty) or exactly the one error want,
// with a hint.
func checkOneError(t *testing.T, front, want string) {
	t.Helper()
	_, diags := Load(fstest.MapFS{"content/a.md": {Data: []byte("+++\n" + front + "+++\n")}}, Options{})
	switch {
	case want == "" && len(diags) > 0:
		t.Errorf("unexpected %v", diags)
	case want != "" && (len(diags) != 1 || diags[0].Error() != want || diags[0].Hint == ""):
		t.Errorf("got %v, want %q with a hint", diags, want)
	}
}
