package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/plinth-ssg/plinth/generator/site"
)

func TestBodyReads(t *testing.T) {
	partials := `{{ define "partials/own.html" }}{{ .Content }}{{ .HeadingsAt 2 }}{{ end }}` +
		`{{ define "partials/other.html" }}{{ .Content }}{{ end }}` +
		`{{ define "partials/tree.html" }}{{ .Content }}{{ range .Children }}{{ template "partials/tree.html" . }}{{ end }}{{ end }}`
	tests := []struct {
		layout string
		want   Reads
		paths  []string // into .Extra, with ReadsExtra
	}{
		{`{{ .Title }}{{ .Content }}{{ range .TOC }}{{ .ID }}{{ end }}{{ .WordCount }}`, 0, nil},
		{`{{ with . }}{{ .Content }}{{ end }}{{ $.Content }}`, 0, nil},
		{`{{ template "partials/own.html" . }}`, 0, nil},
		{`{{ range .Pages }}{{ .Title }}{{ end }}`, 0, nil},
		{`{{ $f := .Extra }}{{ with $f.Source }}{{ .Name }}{{ end }}`, 0, nil}, // a published table's source
		{`{{ range .Pages }}{{ .Content }}{{ end }}`, ReadsChildren, nil},
		{`{{ range $i, $p := .Sections }}{{ $p.TOC }}{{ end }}`, ReadsChildren, nil},
		{`{{ .Parent.Content }}`, ReadsParent, nil},
		{`{{ (index .Pages 0).TOC }}`, ReadsAny, nil},
		{`{{ with .Prev }}{{ .WordCount }}{{ end }}`, ReadsNeighbours, nil},
		{`{{ $p := .Next }}{{ $p.Content }}`, ReadsNeighbours, nil},
		{`{{ range .Pages }}{{ template "partials/other.html" . }}{{ end }}`, ReadsChildren, nil},
		{`{{ template "partials/other.html" .Parent }}`, ReadsParent, nil},
		{`{{ (.Site.GetPage "x").Content }}`, ReadsAny, nil},
		{`{{ range .Parent.Pages }}{{ .Content }}{{ end }}`, ReadsAny, nil},
		{`{{ with .Parent }}{{ range .Pages }}{{ .Content }}{{ end }}{{ end }}`, ReadsAny, nil},
		{`{{ $e := .Extra }}{{ range $e.Standards }}{{ .Content }}{{ end }}`, ReadsExtra, []string{"Standards.*"}},
		{`{{ range .Extra.Domains }}{{ range $i, $s := .Standards }}{{ template "partials/other.html" $s }}{{ end }}{{ end }}`, ReadsExtra, []string{"Domains.*.Standards.*"}},
		{`{{ with .Extra.Page }}{{ .Content }}{{ end }}{{ .Extra.Next.TOC }}{{ .Parent.Content }}`, ReadsParent | ReadsExtra, []string{"Next", "Page"}},
		{`{{ .Extra.Content }}{{ .Extra.Title }}`, ReadsExtra, []string{""}},
		{`{{ range $p, $v := .Extra.ByPage }}{{ $p.Content }}{{ end }}`, ReadsAny, nil}, // a map's key
		{`{{ (index .Extra.Standards 0).Content }}`, ReadsAny, nil},
		{`{{ range .Pages }}{{ .Extra.Content }}{{ end }}`, ReadsAny, nil}, // another page's data
		{`{{ .Extra.Content }}{{ .Site.Home.Content }}`, ReadsAny, nil},
		{`{{ template "partials/tree.html" .Extra }}`, ReadsAny, nil}, // ever deeper
		{`{{ $x := .Extra.A }}{{ $x := .Extra.B }}{{ $x.Content }}`, ReadsAny, nil},
		{`{{ range .Site.RegularPages }}{{ .Content }}{{ end }}`, ReadsAny, nil},
		{`{{ range first 3 .Pages }}{{ .Content }}{{ end }}`, ReadsAny, nil},
		{`{{ template "partials/other.html" (dict "p" .) }}`, ReadsAny, nil},
		{`{{ $x := .Parent }}{{ range .Pages }}{{ $x := . }}{{ end }}{{ $x.Content }}`, ReadsAny, nil},
	}
	for _, tt := range tests {
		tm := template.Must(template.New("page.html").Funcs(template.FuncMap{"first": func(int, any) any { return nil }, "dict": func(...any) any { return nil }}).Parse(tt.layout))
		template.Must(tm.New("p").Parse(partials))
		trees := map[string]*parse.Tree{}
		for _, x := range tm.Templates() {
			trees[x.Name()] = x.Tree
		}
		got := bodyReads(trees, "page.html")
		if got&relations != tt.want {
			t.Errorf("%s: bodyReads = %b, want %b", tt.layout, got&relations, tt.want)
		}
		var paths []string
		for _, p := range got.paths() {
			paths = append(paths, strings.Join(p, "."))
		}
		if !slices.Equal(paths, tt.paths) {
			t.Errorf("%s: paths into .Extra = %q, want %q", tt.layout, paths, tt.paths)
		}
	}
}

// Feature data for TestShownThrough.
type (
	tEdition struct {
		Domains []*tDomain
		ByKey   map[string]*tStandard
		Page    *site.Page
		Missing *site.Page
		Count   int
	}
	tDomain struct {
		Standards []*tStandard
	}
	tStandard struct{ page *site.Page }
	tTable    struct{ Content string }
)

func (s *tStandard) BodyPage() *site.Page        { return s.page }
func (e *tEdition) First() *tStandard            { return e.Domains[0].Standards[0] }
func (e *tEdition) Standard(n int) *tStandard    { return e.Domains[0].Standards[n] }
func (e *tEdition) Failing() (*tStandard, error) { return nil, fmt.Errorf("no") }

// TestShownThrough: a layout's paths into feature data are followed to
// the pages whose bodies they show, and anything the walk cannot tell
// (a value that does not say whose body it has, a method that needs
// arguments, a range over a number) makes it report false.
func TestShownThrough(t *testing.T) {
	pg := func(url string) *site.Page { return &site.Page{URL: url} }
	s1, s2, s3, home := &tStandard{pg("/1/")}, &tStandard{pg("/2/")}, &tStandard{pg("/3/")}, pg("/")
	e := &tEdition{Domains: []*tDomain{{Standards: []*tStandard{s1, s2}}, {Standards: []*tStandard{s3}}}, ByKey: map[string]*tStandard{"b": s2}, Page: home}
	tests := []struct {
		paths []string
		want  []string // URLs; nil with ok false
		ok    bool
	}{
		{[]string{"Domains.*.Standards.*"}, []string{"/1/", "/2/", "/3/"}, true},
		{[]string{"First", "Page"}, []string{"/1/", "/"}, true},
		{[]string{"ByKey.b", "ByKey.nothing"}, []string{"/2/"}, true},
		{[]string{"ByKey.*"}, []string{"/2/"}, true},
		{[]string{"Missing", "Failing"}, nil, true}, // nil: nothing shown
		{[]string{"Domains.*"}, nil, false},         // a domain has no body of its own
		{[]string{"Standard"}, nil, false},          // needs an argument
		{[]string{"Count.*"}, nil, false},
		{[]string{"Nowhere"}, nil, false},
	}
	for _, tt := range tests {
		r := ReadsExtra | intern(tt.paths)
		got, ok := r.ShownThrough(e)
		var urls []string
		for _, p := range got {
			urls = append(urls, p.URL)
		}
		if ok != tt.ok || !slices.Equal(urls, tt.want) {
			t.Errorf("%q: ShownThrough = %q, %t; want %q, %t", tt.paths, urls, ok, tt.want, tt.ok)
		}
	}
	if _, ok := (ReadsExtra | intern([]string{""})).ShownThrough(&tTable{}); ok {
		t.Error("a value with a Content field of its own was taken to show no page's body")
	}
	if got, ok := Reads(ReadsParent).ShownThrough(e); !ok || got != nil {
		t.Errorf("without ReadsExtra: ShownThrough = %v, %t; want nothing, true", got, ok)
	}
}

// Feature data for TestDerivedThrough: comparisons whose summaries and
// changes are made from pages' bodies, and domains whose Summary only
// shares the name.
type (
	dFramework struct {
		Comparisons []*dComparison
		Domains     []*dDomain
		Title       string
	}
	dComparison struct {
		pages   []*site.Page
		Summary string
		Changes []string
	}
	dDomain struct{ Summary, Title string }
)

func (c *dComparison) DerivedFrom() []*site.Page { return c.pages }

// TestDerivedThrough: a layout that reads names of values made from
// bodies (site.DerivedData) through a page's feature data depends on the
// pages the values it reads them on name; reading one on a value that
// does not say, or on a value of unknown origin, makes DerivedThrough
// report false.
func TestDerivedThrough(t *testing.T) {
	pg := func(url string) *site.Page { return &site.Page{URL: url} }
	f := &dFramework{
		Comparisons: []*dComparison{{pages: []*site.Page{pg("/a/"), pg("/b/")}, Changes: []string{"reworded"}}, {pages: []*site.Page{pg("/c/")}}},
		Domains:     []*dDomain{{Title: "D"}},
	}
	derived := []string{"Summary", "Changes", "Text"}
	tests := []struct {
		layout string
		want   []string // URLs; nil with ok false
		ok     bool
	}{
		{`{{ .Extra.Title }}{{ range .Extra.Domains }}{{ .Title }}{{ end }}{{ .Site.Title }}`, nil, true},
		{`{{ range .Extra.Comparisons }}{{ .Summary }}{{ end }}`, []string{"/a/", "/b/", "/c/"}, true},
		{`{{ with .Extra }}{{ range $i, $c := .Comparisons }}{{ $c.Changes }}{{ end }}{{ end }}`, []string{"/a/", "/b/", "/c/"}, true},
		{`{{ template "p" .Extra.Comparisons }}`, []string{"/a/", "/b/", "/c/"}, true},
		{`{{ range .Extra.Domains }}{{ .Summary }}{{ end }}`, nil, false},                               // a domain does not say
		{`{{ range .Extra.Comparisons }}{{ range .Changes }}{{ .Text }}{{ end }}{{ end }}`, nil, false}, // nor does a change
		{`{{ with index .Extra.Comparisons 0 }}{{ .Summary }}{{ end }}`, nil, false},                    // of unknown origin
		{`{{ template "q" (dict "c" .Extra) }}`, nil, false},
		{`{{ (.Site.GetPage "x").Extra.Summary }}`, nil, false},
	}
	for _, tt := range tests {
		tm := template.Must(template.New("page.html").Funcs(template.FuncMap{"dict": func(...any) any { return nil }}).Parse(tt.layout))
		template.Must(tm.New("p").Parse(`{{ define "p" }}{{ range . }}{{ .Summary }}{{ end }}{{ end }}{{ define "q" }}{{ .c.Summary }}{{ end }}`))
		trees := map[string]*parse.Tree{}
		for _, x := range tm.Templates() {
			trees[x.Name()] = x.Tree
		}
		got, ok := bodyReads(trees, "page.html").DerivedThrough(f, derived)
		var urls []string
		for _, p := range got {
			urls = append(urls, p.URL)
		}
		if ok != tt.ok || !slices.Equal(urls, tt.want) {
			t.Errorf("%s: DerivedThrough = %q, %t; want %q, %t", tt.layout, urls, ok, tt.want, tt.ok)
		}
	}
}
