package anonymise

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// rowOfTwoSmall is a 3 × 3 table whose first row holds two small counts
// (4 and 3) beside 40; the rest are large. The sum of the row's two
// hidden figures is its total (47, shown as 45: 43 to 47) less 40 (38 to
// 42): at most 9, so it passes the test of a group (it can reach 8).
var rowOfTwoSmall = [][]int{{4, 3, 40}, {45, 50, 40}, {30, 40, 45}}

// TestGroupContributors: under version 2 of the rules, the hidden figures
// of a line, summed from the line's total, are protected against the one
// or two contributors who give most of them, as the dominance rule
// protects one figure. The check is made here without the package's own
// target: from the parts each case gives, the contributors' share is taken
// away from the most a public reader can show the sum to be.
func TestGroupContributors(t *testing.T) {
	tests := []struct {
		name  string
		parts []part // the parts of the row's two small counts
		// more says that version 2 hides more than version 1; without it
		// the two patterns are the same.
		more bool
	}{
		// One provider gives 3 + 2 of the 7 and two others 1 each. The
		// two largest pool 6, and the others' 1 can be shown to be at
		// most 9 − 6 = 3.
		{"one gives 5 of 7", []part{{0, 0, "big", 3}, {0, 0, "x", 1}, {0, 1, "big", 2}, {0, 1, "y", 1}}, true},
		// Two providers of a region give 3 + 2 between them, and two
		// others 1 each: neither alone gives most, the two together do.
		{"two give 5 of 7", []part{{0, 0, "a", 2}, {0, 0, "b", 1}, {0, 0, "x", 1}, {0, 1, "a", 1}, {0, 1, "b", 1}, {0, 1, "y", 1}}, true},
		// Seven providers, one action each: taking 2 away leaves up to 7
		// for the others, and 9 − 2 = 7 is not enough.
		{"seven give one each", []part{{0, 0, "a", 1}, {0, 0, "b", 1}, {0, 0, "c", 1}, {0, 0, "d", 1}, {0, 1, "e", 1}, {0, 1, "f", 1}, {0, 1, "g", 1}}, true},
		// One provider gives all 7: nobody else's figure to protect.
		{"one gives all", []part{{0, 0, "only", 4}, {0, 1, "only", 3}}, false},
		// Two providers give all 7: taken together, nobody else; the
		// larger alone, taking its 4 away, knows the other gives at
		// most 5, which the rule asks to protect.
		{"two give all", []part{{0, 0, "a", 4}, {0, 1, "b", 3}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := spread(rowOfTwoSmall, tt.parts)
			v1 := DefaultPolicy()
			v1.Rules = Rules1
			old, _, err := v1.Publish(c)
			if err != nil {
				t.Fatal(err)
			}
			p := DefaultPolicy()
			if p.rules() != Rules2 {
				t.Fatalf("the default policy applies version %d", p.rules())
			}
			got, _, err := p.Publish(c)
			if err != nil {
				t.Fatal(err)
			}
			if more := hiddenCount(got) > hiddenCount(old); more != tt.more {
				t.Errorf("version 2 hides %d, version 1 %d; want more: %v\nversion 1:\n%s\nversion 2:\n%s",
					hiddenCount(got), hiddenCount(old), tt.more, render(old), render(got))
			}
			if !tt.more && !slices.Equal(pattern(got), pattern(old)) {
				t.Errorf("the patterns differ:\n%s\n%s", render(old), render(got))
			}
			for _, leak := range insiderSums(t, c, got) {
				t.Errorf("version 2: %s\n%s", leak, render(got))
			}
			if tt.more && len(insiderSums(t, c, old)) == 0 {
				t.Errorf("version 1's pattern leaks nothing: the case does not test the rule")
			}
		})
	}
}

// hiddenCount is the number of hidden figures of a table.
func hiddenCount(t *Table) int {
	n := 0
	for _, h := range pattern(t) {
		if h {
			n++
		}
	}
	return n
}

// insiderSums returns, for the published table got of counts c, each line
// with two or more hidden figures whose sum the one or two contributors
// who give most of it could show, taking their share away, to leave the
// others SuppressTo or fewer (when others give any). The public's bounds
// on the sums come from the reference audit run under version 1, which
// knows no contributors; the shares are added up here from c's parts.
func insiderSums(t *testing.T, c *Counts, got *Table) []string {
	t.Helper()
	p := DefaultPolicy()
	p.Rules = Rules1
	g := newGrid(p, c)
	for k := range g.st {
		g.st[k] = statusOf(got, g, k, g.st[k])
	}
	vs, err := g.audit(0)
	if err != nil {
		t.Fatal(err)
	}
	groups := g.groups()
	parts := c.contributions()
	var out []string
	for _, v := range vs {
		if !v.group {
			continue
		}
		gr := groups[v.cell-len(g.st)]
		share := map[string]int{}
		for _, k := range gr.hidden {
			for who, n := range parts[k] {
				share[who] += n
			}
		}
		var who []string
		for w := range share {
			who = append(who, w)
		}
		slices.SortFunc(who, func(a, b string) int { return share[b] - share[a] })
		all := 0
		for _, n := range share {
			all += n
		}
		top := share[who[0]]
		if len(who) > 2 {
			top += share[who[1]]
		}
		if all > top && v.pubHi != unbounded && v.pubHi-top <= p.SuppressTo {
			out = append(out, fmt.Sprintf("the hidden figures %v add up to at most %d, of which %d are the largest contributors': the others give at most %d",
				gr.hidden, v.pubHi, top, v.pubHi-top))
		}
	}
	return out
}

// TestRulesOfARelease: a pattern released under version 1 is audited
// under version 1, and passes, although version 2 would have hidden more;
// audited under version 2 it would fail, and the site, whose release can
// never be rewritten, would stop building. An unknown version is refused.
func TestRulesOfARelease(t *testing.T) {
	c := spread(rowOfTwoSmall, []part{{0, 0, "big", 3}, {0, 0, "x", 1}, {0, 1, "big", 2}, {0, 1, "y", 1}})
	v1 := DefaultPolicy()
	v1.Rules = Rules1
	old, _, err := v1.Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	release := func(p Policy) error {
		kept := spread(rowOfTwoSmall, []part{{0, 0, "big", 3}, {0, 0, "x", 1}, {0, 1, "big", 2}, {0, 1, "y", 1}})
		kept.Released(earlierOf(old, kept.Margins))
		var l Linked
		l.Add(kept)
		_, _, err := p.PublishLinked(&l)
		return err
	}
	if err := release(v1); err != nil {
		t.Errorf("the release made under version 1 fails its audit under version 1: %v", err)
	}
	var ae *AuditError
	if err := release(DefaultPolicy()); !errors.As(err, &ae) {
		t.Fatalf("under version 2 the release gives %v; want an audit error (else this test shows nothing)", err)
	} else if len(ae.Cells) == 0 || !strings.Contains(ae.Cells[0].Problem, "one or two providers") {
		t.Errorf("the audit error does not say why: %v", ae)
	}
	for _, v := range []Rules{-1, LatestRules + 1} {
		bad := DefaultPolicy()
		bad.Rules = v
		if err := release(bad); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("no version %d of the rules", v)) {
			t.Errorf("version %d: %v", v, err)
		}
	}
}
