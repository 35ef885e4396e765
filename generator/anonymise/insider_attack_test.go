package anonymise

// The insider's attack on the action-plan releases: the outsider's model
// (attack_test.go) plus what one provider, or two of the same region
// pooling their figures, know of their own: their contribution to every
// figure of every release. Taking it away, they solve for the others'
// total in each figure. Run with
//
//	PLINTH_INSIDER="DIR1 DIR2 DIR3" go test ./generator/anonymise -run InsiderAttack -v
//
// where each DIR holds one release (release.toml) and the SYNTHETIC data
// it was made from (providers.csv, actions.csv, regions.toml,
// professions.toml), oldest first; tools/samplereleases' scenario test
// writes such folders. With several folders the insider knows every
// release (an earlier one and the one after too) and the releases are
// linked as for the outsider. PLINTH_INSIDER_PAIRS=1 attacks with pairs
// instead of single providers; PLINTH_INSIDER_ONLY=CODE,CODE+CODE names
// the insiders to try; PLINTH_INSIDER_REACH=N reports every figure whose
// others' total cannot reach N, to see the narrowest intervals.
//
// A leak is the others' total in a figure (a single other provider's
// figure, when it is the only other one) worked out exactly, or narrowed
// to an interval inside 1 to SuppressTo; "others at most SuppressTo" is
// the weaker finding the dominance rule is about: the insider learns that
// the rest, if there are any, are small.

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/internal/actiontruth"
)

// insContrib is each provider's contribution to the model's variables.
type insContrib struct {
	region map[string]string      // provider → region name
	own    map[string]map[int]int // provider → variable → count
	truth  map[int]int            // variable → true count
	byCell map[int]map[string]int // variable → provider → count
	shown  map[int]int            // variable → published figure (-1 hidden)
	last   map[int]bool           // variable of the last release
}

func TestInsiderAttack(t *testing.T) {
	dirs := strings.Fields(os.Getenv("PLINTH_INSIDER"))
	if len(dirs) == 0 {
		t.Skip("PLINTH_INSIDER not set")
	}
	p := DefaultPolicy()
	var files []string
	for _, d := range dirs {
		files = append(files, filepath.Join(d, "release.toml"))
	}
	rels := atkRead(t, files)
	m, hidden, gvars, all := atkBuild(rels, true, false)
	c := &insContrib{region: map[string]string{}, own: map[string]map[int]int{}, truth: map[int]int{},
		byCell: map[int]map[string]int{}, shown: map[int]int{}, last: map[int]bool{}}
	for i, d := range dirs {
		insCount(t, c, d, all[i], i == len(dirs)-1)
	}
	for k := range m.lo {
		c.shown[k] = -1
		if m.hi[k] >= 0 {
			c.shown[k] = max(0, m.hi[k]-p.RoundTo/2)
		}
	}
	// Groups: the true sum of their figures.
	for _, g := range gvars {
		for l := range m.eqs {
			if m.eqs[l].terms[g] != -1 || len(m.eqs[l].terms) < 2 {
				continue
			}
			n := 0
			for k, coef := range m.eqs[l].terms {
				if k != g && coef == 1 {
					n += c.truth[k]
					c.last[g] = c.last[k]
					for who, v := range c.byCell[k] {
						if c.byCell[g] == nil {
							c.byCell[g] = map[string]int{}
						}
						c.byCell[g][who] += v
						c.own[who][g] += v
					}
				}
			}
			c.truth[g] = n
			break
		}
	}
	// Every true figure must fit what the model says of it, or the model
	// (or the labels matched to the data) is wrong.
	for k := range m.lo {
		if c.truth[k] < m.lo[k] || (m.hi[k] >= 0 && c.truth[k] > m.hi[k]) {
			t.Fatalf("the data give %d for %s, outside what is published (%d..%d)", c.truth[k], m.names[k], m.lo[k], m.hi[k])
		}
	}
	targets := append(slices.Clone(hidden), gvars...)
	insiders := insChoose(c, m, os.Getenv("PLINTH_INSIDER_PAIRS") != "", p)
	t.Logf("%d releases, %d variables, %d hidden figures and %d groups; %d insiders", len(rels), len(m.lo), len(hidden), len(gvars), len(insiders))
	strict, weak := 0, 0
	// reach is what the others' total must be able to reach: SuppressTo+1,
	// or more with PLINTH_INSIDER_REACH, to see the narrowest intervals.
	reach := p.SuppressTo + 1
	if r := os.Getenv("PLINTH_INSIDER_REACH"); r != "" {
		fmt.Sscan(r, &reach)
	}
	narrowest, narrowWhat := -1, ""
	for _, who := range insiders {
		own := map[int]int{}
		for _, w := range who {
			for k, n := range c.own[w] {
				own[k] += n
			}
		}
		save := slices.Clone(m.lo)
		for k, n := range own {
			m.lo[k] = max(m.lo[k], n)
		}
		s, err := m.simplex()
		if err != nil {
			t.Fatalf("%v: %v", who, err)
		}
		check := func(k int) {
			others := c.truth[k] - own[k]
			if others == 0 && own[k] > 0 {
				return // the insider gives all of it: nobody else's figure
			}
			ok, err := s.reaches(k, ratInt(int64(own[k]+reach-m.lo[k])).big())
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				return
			}
			lo, err := s.minimise(k)
			if err != nil {
				t.Fatal(err)
			}
			hi, _, err := s.maximise(k)
			if err != nil {
				t.Fatal(err)
			}
			ylo, yhi := m.lo[k]+ceil(lo)-own[k], m.lo[k]+floor(hi)-own[k]
			kind := "others at most " + fmt.Sprint(p.SuppressTo)
			if yhi > p.SuppressTo {
				kind = "narrow"
			} else if (ylo >= 1 && yhi <= p.SuppressTo) || (ylo == yhi && ylo >= 1) {
				kind = "LEAK"
				strict++
			} else if yhi <= p.SuppressTo {
				weak++
			}
			state := "hidden"
			if c.shown[k] >= 0 {
				state = fmt.Sprintf("shown %d", c.shown[k])
			}
			t.Logf("%s: %v (own %d) learn others give %d..%d (truly %d) of %s (%s)", kind, who, own[k], ylo, yhi, others, m.names[k], state)
			if narrowest < 0 || yhi-ylo < narrowest {
				narrowest, narrowWhat = yhi-ylo, fmt.Sprintf("%d..%d: %s by %v", ylo, yhi, m.names[k], who)
			}
		}
		for _, k := range targets {
			if own[k] > 0 || c.region[who[0]] == "" || strings.Contains(m.names[k], c.region[who[0]]) {
				check(k)
			}
		}
		// Shown figures the insider gives most of: the dominance rule's
		// question, with every link between the figures.
		for k, n := range own {
			if c.shown[k] > 0 && m.hi[k]-n <= p.SuppressTo+5 {
				check(k)
			}
		}
		m.lo = save
	}
	if narrowWhat != "" {
		t.Logf("narrowest interval for the others' total: %s", narrowWhat)
	}
	t.Logf("%d insiders attacked: %d leaks (exact or inside 1..%d), %d figures where others are shown to be at most %d", len(insiders), strict, p.SuppressTo, weak, p.SuppressTo)
}

// insChoose picks the insiders worth trying: for each hidden figure, group
// and shown figure of the last release, the provider that gives most of
// it, and with pairs the two that give most, if of the same region.
func insChoose(c *insContrib, m *atkModel, pairs bool, p Policy) [][]string {
	seen := map[string]bool{}
	var out [][]string
	for k, by := range c.byCell {
		if !c.last[k] {
			continue
		}
		var who []string
		for w := range by {
			who = append(who, w)
		}
		sort.Slice(who, func(i, j int) bool {
			if by[who[i]] != by[who[j]] {
				return by[who[i]] > by[who[j]]
			}
			return who[i] < who[j]
		})
		if c.shown[k] > 0 && m.hi[k]-by[who[0]]-by[who[min(1, len(who)-1)]] > p.SuppressTo+5 {
			continue
		}
		var pick []string
		switch {
		case !pairs:
			pick = who[:1]
		case len(who) >= 2 && c.region[who[0]] == c.region[who[1]]:
			pick = []string{who[0], who[1]}
			sort.Strings(pick)
		default:
			continue
		}
		key := strings.Join(pick, "+")
		if !seen[key] {
			seen[key] = true
			out = append(out, pick)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i], "+") < strings.Join(out[j], "+") })
	if only := os.Getenv("PLINTH_INSIDER_ONLY"); only != "" {
		// Attacks over every release take minutes per insider: try
		// the ones named (CODE or CODE+CODE, comma-separated) only.
		out = slices.DeleteFunc(out, func(who []string) bool {
			return !slices.Contains(strings.Split(only, ","), strings.Join(who, "+"))
		})
	}
	return out
}

// insCount reads one release's data and adds each provider's contribution
// to every figure of its tables (cells, as the model names them).
func insCount(t *testing.T, c *insContrib, dir string, cells atkCells, last bool) {
	t.Helper()
	d, err := actiontruth.Read(dir)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	maps.Copy(c.region, d.Region)
	for _, p := range d.Parts {
		rows, ok := cells[p.Table]
		if !ok {
			t.Fatalf("%s: no table %s", dir, p.Table)
		}
		var k int
		found := false
		for label, cols := range rows {
			if label == p.Row || (strings.HasSuffix(p.Row, " ") && strings.HasPrefix(label, p.Row)) {
				if k, found = cols[p.Col]; !found {
					t.Fatalf("%s: table %s has no column %q", dir, p.Table, p.Col)
				}
				break
			}
		}
		if !found {
			t.Fatalf("%s: table %s has no row %q", dir, p.Table, p.Row)
		}
		if c.own[p.Provider] == nil {
			c.own[p.Provider] = map[int]int{}
		}
		c.own[p.Provider][k]++
		c.truth[k]++
		if c.byCell[k] == nil {
			c.byCell[k] = map[string]int{}
		}
		c.byCell[k][p.Provider]++
		c.last[k] = last
	}
}
