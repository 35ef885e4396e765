package tomldecode

import (
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// benchFront is front matter shaped like most pages' (the example site's
// and bench/sitegen's): a title, description, date, weight and tags.
const benchFront = `title = "Page 936: feedback workforce feedback wellbeing"
description = "Synthetic page number 936."
date = 2024-01-13
weight = 37
tags = ["tag-16", "tag-3"]
`

type benchPage struct {
	Title       string         `toml:"title"`
	Description string         `toml:"description"`
	Date        time.Time      `toml:"date"`
	Lastmod     time.Time      `toml:"lastmod"`
	Draft       bool           `toml:"draft"`
	Weight      int            `toml:"weight"`
	Slug        slug           `toml:"slug"`
	Aliases     []string       `toml:"aliases"`
	Tags        []string       `toml:"tags"`
	Params      map[string]any `toml:"params"`
}

// BenchmarkDecodeFrontMatter decodes one page's front matter, as content
// loading does for every page.
func BenchmarkDecodeFrontMatter(b *testing.B) {
	src := diag.NewSource("content/a.md", []byte("+++\n"+benchFront+"+++\nBody.\n"))
	start, end := 4, 4+len(benchFront)
	b.ReportAllocs()
	for b.Loop() {
		var v benchPage
		if _, d := Decode(src, start, end, &v); len(d) != 0 || v.Weight != 37 {
			b.Fatalf("decoded %+v, %v", v, d)
		}
	}
}
