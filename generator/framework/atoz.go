package framework

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/slug"
)

// AtoZPath is the content path of the A to Z of the standards in force, at
// /framework/a-z/. The search page links to it for readers whose browser
// does not run the search script.
const AtoZPath = Section + "/a-z"

// AtoZ is the A to Z page's data (.Extra, layout framework/a-z.html): the
// standards of the edition in force by title, grouped by first letter.
type AtoZ struct {
	Edition *Edition
	Letters []Letter
}

// Letter is one group of the A to Z.
type Letter struct {
	// Letter is the group's heading ("A"); ID is its element ID ("a"),
	// for the list of letters at the top of the page.
	Letter string
	ID     string
	// Standards are sorted by title, ignoring case and accents.
	Standards []*Standard
}

// atoz makes the A to Z page of the edition in force.
func atoz(in *Edition) *site.Page {
	standards := slices.Clone(in.Standards)
	slices.SortStableFunc(standards, func(a, b *Standard) int {
		if c := strings.Compare(slug.Fold(a.Title), slug.Fold(b.Title)); c != 0 {
			return c
		}
		return a.ID.Compare(b.ID)
	})
	data := &AtoZ{Edition: in}
	for _, s := range standards {
		letter := initial(s.Title)
		if n := len(data.Letters); n == 0 || data.Letters[n-1].Letter != letter {
			id := "letter-" + strings.ToLower(letter)
			if letter == "#" {
				id = "letter-other"
			}
			data.Letters = append(data.Letters, Letter{Letter: letter, ID: id})
		}
		l := &data.Letters[len(data.Letters)-1]
		l.Standards = append(l.Standards, s)
	}
	p := generated(site.KindPage, AtoZPath, "/"+AtoZPath+"/", "Standards A to Z", "a-z", data)
	p.Description = "Every standard of the " + in.Title + " by title, from A to Z."
	p.Weight = 999 // after the editions, before what changed
	return p
}

// initial is the letter a title is filed under: its first letter without
// accents, in capitals, or "#" for a title that starts otherwise. Folding
// first keeps sorting and grouping in step ("Équité" sorts and files under
// E).
func initial(title string) string {
	r, _ := utf8.DecodeRuneInString(slug.Fold(strings.TrimSpace(title)))
	if !unicode.IsLetter(r) {
		return "#"
	}
	return string(unicode.ToUpper(r))
}
