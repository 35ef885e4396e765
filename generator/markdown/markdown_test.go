package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden renders every testdata/*.md and compares with its .html.
func TestGolden(t *testing.T) {
	conv := New(Options{ReservedIDs: []string{"main-content", "maincontent"}})
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range files {
		body, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		res, diags := conv.Convert(&site.Page{Body: body}, nil)
		// features.md types HTML on purpose, to show it left out;
		// TestLeftOutHTML holds the warnings that says so.
		diags = slices.DeleteFunc(diags, func(d diag.Diagnostic) bool {
			return d.Severity == diag.Warning && strings.HasPrefix(d.Msg, "HTML is left out of the page")
		})
		if len(diags) > 0 {
			t.Errorf("%s: unexpected diagnostics %v", in, diags)
		}
		golden := strings.TrimSuffix(in, ".md") + ".html"
		if *update {
			if err := os.WriteFile(golden, []byte(res.HTML), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if string(res.HTML) != string(want) {
			t.Errorf("%s: output differs from %s; run go test -update and review the diff\n%s", in, golden, res.HTML)
		}
	}
}

func TestSafety(t *testing.T) {
	conv := New(Options{})
	out := string(conv.String("<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>"))
	for _, bad := range []string{"<script", "onerror", "javascript:"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q:\n%s", bad, out)
		}
	}
}

func TestTOCAndIDs(t *testing.T) {
	conv := New(Options{ReservedIDs: []string{"maincontent"}})
	res, _ := conv.Convert(&site.Page{Body: []byte("## Main content\n\n## Aims\n\n### Detail `code`\n\n## Aims\n\n#### Deep\n")}, nil)
	var got []string
	for _, h := range res.TOC {
		got = append(got, h.ID+"|"+h.Title)
	}
	want := "main-content|Main content,aims|Aims,detail-code|Detail code,aims-1|Aims"
	if strings.Join(got, ",") != want {
		t.Errorf("TOC = %q, want %q", strings.Join(got, ","), want)
	}
	if res.WordCount != 7 {
		t.Errorf("WordCount = %d, want 7", res.WordCount)
	}
}

// TestTOCTitlesArePlainText checks that a heading's TOC title is the text a
// reader sees, never HTML: layouts escape it once, so an entity left in it
// (the typographer's &rsquo;, a source &amp;) would show as "&rsquo;".
func TestTOCTitlesArePlainText(t *testing.T) {
	tests := []struct {
		heading, want string
	}{
		{`What we're doing`, "What we’re doing"},
		{`What "quality-assured" library services means`, "What “quality-assured” library services means"},
		{`Tea & coffee < 5 minutes`, "Tea & coffee < 5 minutes"},
		{`Already &amp; escaped &#8211; here`, "Already & escaped – here"},
		{`Not \*emphasis\* -- a dash`, "Not *emphasis* – a dash"},
		{"Code `a &amp; <b>` stays", "Code a &amp; <b> stays"},
	}
	conv := New(Options{})
	for _, tt := range tests {
		res, _ := conv.Convert(&site.Page{Body: []byte("## " + tt.heading + "\n")}, nil)
		if len(res.TOC) != 1 {
			t.Errorf("%q: TOC = %v, want one heading", tt.heading, res.TOC)
			continue
		}
		if got := res.TOC[0].Title; got != tt.want {
			t.Errorf("%q: title = %q, want %q", tt.heading, got, tt.want)
		}
	}
}

type fakeLinks map[string]string

func (f fakeLinks) Resolve(_ *site.Page, dest string, _ bool) (string, string, string) {
	if out, ok := f[dest]; ok {
		return out, "", ""
	}
	return "", "no such page " + dest, "fix it"
}

// Broken links are reported at the line and column of their destination,
// repeated destinations each at their own place.
func TestLinkPositions(t *testing.T) {
	text := "+++\ntitle = \"x\"\n+++\nFine [a](ok.md).\n\n- item [b](bad.md) and [c](bad.md)\n\n| t |\n|---|\n| [d](worse.md) |\n"
	src := diag.NewSource("content/p.md", []byte(text))
	off := strings.Index(text, "Fine")
	page := &site.Page{File: "content/p.md", Source: src, Body: []byte(text[off:]), BodyOffset: off}
	conv := New(Options{})
	res, diags := conv.Convert(page, fakeLinks{"ok.md": "/ok/"})
	diags.Sort()
	var got []string
	for _, d := range diags {
		got = append(got, d.Pos.String()+" "+d.Msg)
	}
	want := []string{
		"content/p.md:6:12 no such page bad.md",
		"content/p.md:6:28 no such page bad.md",
		"content/p.md:10:7 no such page worse.md",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(string(res.HTML), `<a href="/ok/">a</a>`) {
		t.Errorf("resolved link not rewritten: %s", res.HTML)
	}
	if diags[0].LineText != "- item [b](bad.md) and [c](bad.md)" {
		t.Errorf("line text = %q", diags[0].LineText)
	}
}

// TestCountWords holds countWords to counting the runs of bytes other
// than ASCII white space.
func TestCountWords(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"", 0},
		{"one", 1},
		{"  one two\tthree\nfour\r\nfive\fsix\vseven  ", 7},
		{"caf\u00e9\u00a0au lait", 2}, // a no-break space is not ASCII white space
		{"\x00\x7f \xff", 2},
	}
	for _, tt := range tests {
		if got := countWords([]byte(tt.text)); got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
	for c := 0; c < 256; c++ {
		want := c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
		if wordSpace[c] != want {
			t.Errorf("wordSpace[%#x] = %v, want %v", c, wordSpace[c], want)
		}
	}
}

// TestUnclosedComment: an HTML comment never closed swallows the rest of
// the page, which raw HTML's omission then left out without a word; it is
// an error at the comment. A closed comment, or "<!--" in code, is not.
func TestUnclosedComment(t *testing.T) {
	tests := []struct{ body, want string }{
		{"Before\n\n<!-- a note -->\n\nAfter\n", ""},
		{"Before\n\n```\n<!-- in code\n```\n\nAfter\n", ""},
		{"Before\n\n<!-- never closed\n\nAfter, lost\n", "content/p.md:6:1 this comment (<!--) is never closed, so the rest of the page is left out"},
	}
	for _, tt := range tests {
		text := "+++\ntitle = \"x\"\n+++\n" + tt.body
		off := strings.Index(text, "Before")
		page := &site.Page{File: "content/p.md", Source: diag.NewSource("content/p.md", []byte(text)), Body: []byte(text[off:]), BodyOffset: off}
		_, diags := New(Options{}).Convert(page, fakeLinks{})
		var got []string
		for _, d := range diags {
			got = append(got, d.Pos.String()+" "+d.Msg)
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%q: got %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestLeftOutHTML: HTML typed into a page is left out of it, so each tag
// is a warning at its place (once, at its opening tag); comments, code
// and text that only looks like a tag are not.
func TestLeftOutHTML(t *testing.T) {
	tests := []struct{ body, want string }{
		{"Plain text.\n", ""},
		{"<!-- a note -->\n\nText <!-- inline note --> here.\n", ""},
		{"Code: `<br>`\n\n```\n<div>\n```\n", ""},
		{"a < b and 3 > 2\n", ""},
		{"One<br>two <span class=\"x\">three</span>.\n", "content/p.md:5:4 \"<br>\"\ncontent/p.md:5:12 \"<span class=\\\"x\\\">\""},
		{"Before\n\n<div>\nlost\n</div>\n", "content/p.md:7:1 \"<div>\""},
		{"<iframe src=\"https://example.com/a-very-long-address/that/goes/on\"></iframe>\n", "content/p.md:5:1 \"<iframe src=\\\"https://example.com/a-very-…\""},
	}
	for _, tt := range tests {
		text := "+++\ntitle = \"x\"\n+++\n\n" + tt.body
		off := strings.Index(text, tt.body)
		page := &site.Page{File: "content/p.md", Source: diag.NewSource("content/p.md", []byte(text)), Body: []byte(text[off:]), BodyOffset: off}
		_, diags := New(Options{}).Convert(page, fakeLinks{})
		var got []string
		for _, d := range diags {
			if d.Severity != diag.Warning || d.Hint == "" || !strings.HasPrefix(d.Msg, "HTML is left out of the page: ") {
				t.Errorf("%q: unexpected %v", tt.body, d)
				continue
			}
			got = append(got, d.Pos.String()+" "+strings.TrimPrefix(d.Msg, "HTML is left out of the page: "))
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.body, strings.Join(got, "\n"), tt.want)
		}
	}
}

type acceptAll struct{}

func (acceptAll) Resolve(_ *site.Page, dest string, _ bool) (string, string, string) {
	return dest, "", ""
}

// Addresses readers cannot follow, or that would run a script, are errors
// at the column where the address is written, in words, whatever the
// resolver says: written with character references or a tab, in capitals,
// as an autolink, or as a file on the editor's own computer. Before,
// file: and autolinks became an empty href that the link checker could
// report only for the whole page, a Windows path was published as a link
// to nowhere, and "&#106;avascript:" was called a missing file "&".
func TestRefusedAddresses(t *testing.T) {
	tests := []struct {
		line, want string // want: "" for an address that is published
	}{
		{"[a](javascript:alert(1))", "1:5 javascript: addresses are not allowed in links"},
		{"[a](&#106;avascript:alert(1))", "1:5 javascript: addresses are not allowed in links"},
		{"[a](java&#9;script:alert(1))", "1:5 javascript: addresses are not allowed in links"},
		{"<JaVaScRiPt:alert(1)>", "1:2 javascript: addresses are not allowed in links"},
		{"<vbscript:msgbox(1)>", "1:2 vbscript: addresses are not allowed in links"},
		{"[a](data:text/html,x)", "1:5 data: addresses are not allowed in links"},
		{"![a](data:image/svg+xml;base64,PHN2Zz4=)", "1:6 a picture written into the page as a data: address must be a PNG, GIF, JPEG or WebP image"},
		{"[report](file:///C:/Users/me/report.pdf)", `1:10 the link "file:///C:/Users/me/report.pdf" is a file on one computer (file:), which readers of the site cannot open`},
		{"<file:///etc/passwd>", `1:2 the link "file:///etc/passwd" is a file on one computer (file:), which readers of the site cannot open`},
		{`[report](C:\Users\me\report.pdf)`, `1:10 the link "C:\\Users\\me\\report.pdf" is a file on one Windows computer, which readers of the site cannot open`},
		{"![a](data:image/png;base64,iVBORw0KGgo=)", ""},
		{"[a](https://example.org/)", ""},
		{"<https://example.org/>", ""},
		{"[a](mailto:someone@example.org)", ""},
		{"[a](#part)", ""},
	}
	for _, tt := range tests {
		src := diag.NewSource("content/p.md", []byte(tt.line+"\n"))
		page := &site.Page{File: "content/p.md", Source: src, Body: []byte(tt.line + "\n")}
		_, diags := New(Options{}).Convert(page, acceptAll{})
		var got []string
		for _, d := range diags {
			if d.Severity == diag.Error {
				got = append(got, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Msg))
			}
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.line, got, tt.want)
		}
	}
}

// TestLinkProblemsCapped: a page of many broken links (a pasted list, or a
// hostile one of 100,000 on one line) reports the first maxLinkProblems
// each at its place and the rest in one error at the first of them, so
// the work of placing and quoting them does not grow with their number.
func TestLinkProblemsCapped(t *testing.T) {
	for _, extra := range []int{0, 1, 150} {
		n := maxLinkProblems + extra
		var body strings.Builder
		for i := range n {
			fmt.Fprintf(&body, "[link %d](gone-%d.md) ", i, i)
		}
		text := "+++\ntitle = \"x\"\n+++\n" + body.String() + "\n"
		off := strings.Index(text, "[link")
		page := &site.Page{File: "content/p.md", Source: diag.NewSource("content/p.md", []byte(text)), Body: []byte(text[off:]), BodyOffset: off}
		_, diags := New(Options{}).Convert(page, fakeLinks{})
		diags.Sort()
		want := n
		if extra > 0 {
			want = maxLinkProblems + 1
		}
		if len(diags) != want {
			t.Fatalf("%d broken links: %d diagnostics, want %d", n, len(diags), want)
		}
		if extra == 0 {
			continue
		}
		last := diags[len(diags)-1]
		col := strings.Index(text[off:], fmt.Sprintf("gone-%d.md", maxLinkProblems)) + 1
		if wantMsg := fmt.Sprintf("%d more links or images on this page", extra); !strings.HasPrefix(last.Msg, wantMsg) || last.Pos.Line != 4 || last.Pos.Col != col {
			t.Errorf("%d broken links: last diagnostic %s %q, want %q at 4:%d", n, last.Pos, last.Msg, wantMsg, col)
		}
	}
}
