package dataset

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestReferenceLimits: a reference file far larger than any real one (a
// key or name of megabytes, thousands of regions) is an error at its
// place, not minutes of work and gigabytes of hints quoting it; entries
// at the limits load.
func TestReferenceLimits(t *testing.T) {
	region := func(key, name string) string { return fmt.Sprintf("[[region]]\nkey = %q\nname = %q\n", key, name) }
	prof := func(key, desc string) string {
		return fmt.Sprintf("[[profession]]\nkey = %q\nname = \"N\"\nplural = \"p\"\ndescription = %q\n", key, desc)
	}
	many := func(n int, entry func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(entry(i))
		}
		return b.String()
	}
	tests := []struct {
		name, regions, profs string
		want                 []string
	}{
		{"at the limits", region(strings.Repeat("k", MaxKey), strings.Repeat("é", MaxName)) + many(MaxReferences-1, func(i int) string { return region(fmt.Sprint("r", i), fmt.Sprint("R", i)) }),
			prof("p", strings.Repeat("d", MaxDescription)), nil},
		{"long key", region(strings.Repeat("l", 5<<20), "London"), prof("p", ""),
			[]string{"data/regions.toml:2:7: the key is 5242880 characters long; a key may have at most 60"}},
		{"long name", region("london", strings.Repeat("n", MaxName+1)), prof("p", ""),
			[]string{"data/regions.toml:3:8: this name is 251 characters long; it may have at most 250"}},
		{"long description", region("london", "London"), prof("p", strings.Repeat("d", 1<<20)),
			[]string{"data/professions.toml:5:15: this description is 1048576 characters long; it may have at most 1000"}},
		{"override in a name", region("london", "Lon\u202edon"), prof("p", "a\x1bb"),
			[]string{"data/regions.toml:3:8: this name has the invisible character U+202E, which would garble it on the page",
				"data/professions.toml:5:15: this description has the invisible character U+001B, which would garble it on the page"}},
		{"name used twice", region("london", "London") + region("south-east", "South East") + region("london-2", " london"), prof("p", ""),
			[]string{`data/regions.toml:9:8: the name " london" is also the name of the region "london"; readers could not tell the two apart in tables, charts and lists`}},
		{"too many", many(20000, func(i int) string { return region(fmt.Sprint("r", i), "R") }), prof("p", ""),
			[]string{"data/regions.toml:301:1: this file lists 20000 entries of [[region]]; it may list at most 100"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{RegionsPath: {Data: []byte(tt.regions)}, ProfessionsPath: {Data: []byte(tt.profs)}}
			_, l := Load(fsys, Options{Standards: testStandards})
			var got []string
			for _, d := range l {
				if d.Hint == "" {
					t.Errorf("%s has no hint", d.Error())
				}
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
