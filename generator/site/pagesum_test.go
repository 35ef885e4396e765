package site

import (
	"hash/maphash"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// pageFields says how Page.Sum covers each field of Page: "hashed" by
// Sum itself, or the reason it need not be. TestPageSumCoversEveryField
// fails when Page gains a field this table does not name, so whoever adds
// one decides whether caches must see it.
var pageFields = map[string]string{
	// The front matter: as written in the file, or as the feature set it.
	"Title":         "hashed",
	"Description":   "hashed",
	"Date":          "hashed",
	"Lastmod":       "hashed",
	"PublishDate":   "hashed",
	"ExpiryDate":    "hashed",
	"Reviewed":      "hashed",
	"NextReview":    "hashed",
	"Draft":         "hashed",
	"Weight":        "hashed",
	"Slug":          "hashed",
	"Aliases":       "hashed",
	"Layout":        "hashed",
	"Tags":          "hashed",
	"Params":        "hashed",
	"Kind":          "hashed",
	"File":          "hashed",
	"Path":          "hashed",
	"Section":       "hashed",
	"Type":          "hashed",
	"URL":           "hashed",
	"RelPermalink":  "derived from URL and the configuration (which caches hash apart)",
	"Permalink":     "derived from URL and the configuration",
	"OutputPath":    "derived from URL",
	"Source":        "its front matter is hashed, its body is BodySum",
	"Body":          "the body: BodySum",
	"BodyOffset":    "where the hashed front matter ends",
	"BodySum":       "the body's own hash, which caches add",
	"Front":         "decoded from the hashed front matter",
	"Content":       "rendered from the body",
	"TOC":           "rendered from the body",
	"WordCount":     "counted from the body",
	"LastReviewed":  "hashed",
	"NextReviewDue": "hashed",
	"Modified":      "hashed",
	"Parent":        "hashed", // its address; the parent has a Sum of its own
	"Pages":         "other pages, each with a Sum, ordered by what their Sums hash",
	"Sections":      "other pages, each with a Sum",
	"Prev":          "other pages, each with a Sum",
	"Next":          "other pages, each with a Sum",
	"Resources":     "hashed",
	"Extra":         "from the hashed front matter, or from other pages (caches then add every body)",
	"Bundle":        "hashed",
	"Unlisted":      "hashed",
	"Withheld":      "hashed",
	"NoIndex":       "hashed",
	"Canonical":     "hashed",
}

// TestPageSumCoversEveryField: every field of Page is in pageFields, and
// changing any field marked hashed (or any front matter key of a
// generated page) changes the Sum.
func TestPageSumCoversEveryField(t *testing.T) {
	pt := reflect.TypeFor[Page]()
	var names []string
	for f := range pt.Fields() {
		names = append(names, f.Name)
		if _, ok := pageFields[f.Name]; !ok {
			t.Errorf("Page.%s is new: say in pageFields whether Page.Sum hashes it, and hash it if a layout can show it", f.Name)
		}
	}
	for name := range pageFields {
		if !slices.Contains(names, name) {
			t.Errorf("pageFields names Page.%s, which no longer exists", name)
		}
	}
	seed := maphash.MakeSeed()
	base := func() *Page { return &Page{Kind: KindPage, URL: "/a/", Path: "a"} }
	before := base().Sum(seed)
	for f := range pt.Fields() {
		if pageFields[f.Name] != "hashed" {
			continue
		}
		p := base()
		set(t, reflect.ValueOf(p).Elem().FieldByIndex(f.Index))
		if p.Sum(seed) == before {
			t.Errorf("changing Page.%s does not change Page.Sum", f.Name)
		}
	}
	// A file's front matter, as written.
	file := func(front string) *Page {
		text := front + "Body.\n"
		return &Page{Kind: KindPage, File: "content/a.md", URL: "/a/", Source: diag.NewSource("content/a.md", []byte(text)), BodyOffset: len(front)}
	}
	if file("+++\ntitle = \"A\"\n+++\n").Sum(seed) == file("+++\ntitle = \"B\"\n+++\n").Sum(seed) {
		t.Error("changing a file's front matter does not change Page.Sum")
	}
}

// set gives a field a value other than its zero value.
func set(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString("changed")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int:
		v.SetInt(7)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		if s.Index(0).Kind() == reflect.String {
			s.Index(0).SetString("changed")
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.ValueOf("changed"), reflect.ValueOf(any(1)))
		v.Set(m)
	case reflect.Pointer:
		if v.Type() == reflect.TypeFor[*Page]() {
			v.Set(reflect.ValueOf(&Page{URL: "/parent/"}))
			return
		}
		t.Fatalf("no test value for %s", v.Type())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[Date]() {
			v.Set(reflect.ValueOf(Date{time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}))
			return
		}
		t.Fatalf("no test value for %s", v.Type())
	default:
		t.Fatalf("no test value for %s", v.Type())
	}
}
