package callout_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/internal/testenv"
	"github.com/plinth-ssg/plinth/generator/markdown/callout"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/cases/*.txtar")

// testIcons stand in for NHS.UK frontend's icons, so that the cases do not
// need `npm ci`; TestLoadIconsReal checks the real files.
var testIcons = callout.Icons{
	Tick:  `<svg class="nhsuk-icon nhsuk-icon--tick" aria-hidden="true">tick</svg>`,
	Cross: `<svg class="nhsuk-icon nhsuk-icon--cross" aria-hidden="true">cross</svg>`,
}

func newMarkdown(extra ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(append(extra, callout.New(callout.WithIcons(testIcons)))...))
}

// convert renders src and formats the problems as "line:col: msg" lines
// with their hints, positions computed as the build will.
func convert(t testing.TB, md goldmark.Markdown, src []byte) (html, problems string) {
	t.Helper()
	var out bytes.Buffer
	pc := parser.NewContext()
	if err := md.Convert(src, &out, parser.WithContext(pc)); err != nil {
		t.Fatal(err)
	}
	s := diag.NewSource("page.md", src)
	var b strings.Builder
	for _, p := range callout.Problems(pc) {
		pos := s.Pos(p.Offset)
		fmt.Fprintf(&b, "%d:%d: %s\n  hint: %s\n", pos.Line, pos.Col, p.Msg, p.Hint)
	}
	return out.String(), b.String()
}

// TestCases runs every testdata/cases/*.txtar: the "input.md" section is
// converted with the callout extension (and with GFM when the archive's
// comment says "gfm"), and the result compared with the "output.html" and
// "problems.txt" sections. Run with -update to rewrite them after checking
// the differences.
func TestCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases found: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string][]byte{}
			for _, f := range ar.Files {
				sections[f.Name] = f.Data
			}
			input, ok := sections["input.md"]
			if !ok {
				t.Fatal("no input.md section")
			}
			// txtar cannot hold a carriage return faithfully in
			// review, so "\r" marks one in the cases.
			input = bytes.ReplaceAll(input, []byte(`\r`), []byte("\r"))
			var md goldmark.Markdown
			if bytes.Contains(ar.Comment, []byte("gfm")) {
				md = newMarkdown(extension.GFM)
			} else {
				md = newMarkdown()
			}
			html, problems := convert(t, md, input)
			if *update {
				ar.Files = []txtar.File{
					{Name: "input.md", Data: sections["input.md"]},
					{Name: "output.html", Data: []byte(html)},
					{Name: "problems.txt", Data: []byte(problems)},
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(sections["output.html"]); html != want {
				t.Errorf("HTML differs (run with -update after checking)\n--- got\n%s--- want\n%s", html, want)
			}
			if want := string(sections["problems.txt"]); problems != want {
				t.Errorf("problems differ (run with -update after checking)\n--- got\n%s--- want\n%s", problems, want)
			}
		})
	}
}

// TestNoRawHTML checks goldmark's safe default inside callouts: raw HTML in
// a body or a heading is omitted, never passed through.
func TestNoRawHTML(t *testing.T) {
	inputs := []string{
		":::inset\n<script>alert(1)</script>\n:::\n",
		":::warning <script>alert(1)</script>\nx\n:::\n",
		":::details Hi <img src=x onerror=alert(1)>\n<iframe src=x></iframe>\n:::\n",
		":::do\n- <script>alert(1)</script>\n:::\n",
		":::dont Never <b onclick=x>this</b>\n- a <a href=\"javascript:alert(1)\">b</a>\n:::\n",
	}
	for _, in := range inputs {
		html, _ := convert(t, newMarkdown(), []byte(in))
		for _, bad := range []string{"<script", "<img", "<iframe", "onerror", "onclick", "javascript:"} {
			if strings.Contains(html, bad) {
				t.Errorf("%q rendered %q, which contains %q", in, html, bad)
			}
		}
		if !strings.Contains(html, "<!-- raw HTML omitted -->") {
			t.Errorf("%q: expected goldmark's omission marker in %q", in, html)
		}
	}
}

func TestLoadIcons(t *testing.T) {
	good := fstest.MapFS{
		callout.IconDir + "/nhsuk-icon-tick.svg":  {Data: []byte("<svg class=\"a\" aria-hidden=\"true\">t</svg>\n")},
		callout.IconDir + "/nhsuk-icon-cross.svg": {Data: []byte("<svg class=\"b\" aria-hidden=\"true\">c</svg>\n")},
	}
	icons, err := callout.LoadIcons(good)
	if err != nil || icons.Tick != `<svg class="a" aria-hidden="true">t</svg>` || icons.Cross != `<svg class="b" aria-hidden="true">c</svg>` {
		t.Errorf("LoadIcons = %+v, %v", icons, err)
	}
	if _, err := callout.LoadIcons(fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "npm ci") {
		t.Errorf("missing icons: err = %v, want advice to run npm ci", err)
	}
	bad := fstest.MapFS{
		callout.IconDir + "/nhsuk-icon-tick.svg":  {Data: []byte("<p>not an icon</p>")},
		callout.IconDir + "/nhsuk-icon-cross.svg": {Data: []byte("<p>not an icon</p>")},
	}
	if _, err := callout.LoadIcons(bad); err == nil {
		t.Error("a file that is not an inline SVG icon was accepted")
	}
}

// TestLoadIconsReal reads the icons from the node_modules that `npm ci`
// installs at the repository root.
func TestLoadIconsReal(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	testenv.NodeModules(t, root, "nhsuk-frontend")
	if _, err := os.Stat(filepath.Join(root, callout.IconDir)); err != nil {
		t.Fatalf("nhsuk-frontend is installed but its icons are not where Plinth reads them: %v", err)
	}
	icons, err := callout.LoadIcons(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(icons.Tick, `class="nhsuk-icon nhsuk-icon--tick"`) || !strings.Contains(icons.Cross, `class="nhsuk-icon nhsuk-icon--cross"`) {
		t.Errorf("unexpected icons:\n%s\n%s", icons.Tick, icons.Cross)
	}
}

// FuzzCallout checks that any input converts without panicking, that every
// problem points inside the source, and that raw HTML never gets through.
func FuzzCallout(f *testing.F) {
	for _, s := range []string{
		":::inset\nx\n:::\n", ":::warning\n", ":::\n", "::::details s\n:::inset\nx\n:::\n::::\n",
		":::do\n- a\n  - b\n:::\n", "- :::dont\n  - x\n:::\n", "> :::inset\n> x\n", ":::insett x\n\n\n",
		"```\n:::\n```\n", ":::details\n```\n:::\n", "\t:::inset\n", ":::do\n-\n:::\n", ":::dont\n- <b>x</b>\n:::",
	} {
		f.Add(s)
	}
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		pc := parser.NewContext()
		if err := md.Convert([]byte(in), &out, parser.WithContext(pc)); err != nil {
			t.Fatal(err)
		}
		for _, p := range callout.Problems(pc) {
			if p.Offset < 0 || p.Offset > len(in) {
				t.Fatalf("problem %q at offset %d, outside the %d-byte source", p.Msg, p.Offset, len(in))
			}
		}
		if strings.Contains(out.String(), "<script") && !strings.Contains(in, "<script") {
			t.Fatalf("a script element appeared from nowhere: %q", out.String())
		}
		if strings.Contains(strings.ToLower(in), "<script") && strings.Contains(out.String(), "<script") {
			t.Fatalf("raw HTML got through: %q → %q", in, out.String())
		}
	})
}
