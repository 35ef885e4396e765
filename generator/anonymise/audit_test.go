package anonymise

import (
	"errors"
	"strings"
	"testing"
)

// table builds Counts from a body of values; labels are r1.. and c1...
func table(title string, body [][]int, m Margins) *Counts {
	var rl, cl []string
	for i := range body {
		rl = append(rl, "r"+string(rune('1'+i)))
	}
	for j := range body[0] {
		cl = append(cl, "c"+string(rune('1'+j)))
	}
	c := NewCounts(title, rl, cl)
	c.Margins = m
	for i, row := range body {
		for j, v := range row {
			c.Add(i, j, v)
		}
	}
	return c
}

// list builds a one-dimensional table with a total.
func list(values ...int) *Counts {
	var labels []string
	for i := range values {
		labels = append(labels, "item "+string(rune('1'+i)))
	}
	c := NewList("list", "Number", labels)
	for i, v := range values {
		c.Add(i, 0, v)
	}
	return c
}

// auditOnly returns the failures of the audit with only the primary cells
// hidden, i.e. before secondary suppression.
func auditOnly(t *testing.T, p Policy, c *Counts) map[int]reason {
	t.Helper()
	g := newGrid(p, c)
	vs, err := g.audit(0)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[int]reason)
	for _, v := range vs {
		if r := v.why(p); r != passes {
			out[v.cell] = r
		}
	}
	return out
}

func TestTrickyShapes(t *testing.T) {
	noRounding := DefaultPolicy()
	noRounding.RoundTo = 1
	tests := []struct {
		name string
		p    Policy
		c    *Counts
		// before: the audit's failures with only primary suppression,
		// by extended cell index.
		before map[int]reason
		// hiddenAfter: cells (extended index) that Publish must hide,
		// at least.
		hiddenAfter []int
	}{
		{
			name:        "one suppressed cell in a row",
			p:           DefaultPolicy(),
			c:           table("one in a row", [][]int{{3, 20, 40}, {12, 33, 9}, {10, 14, 25}}, AllMargins),
			before:      map[int]reason{0: derivedBy},
			hiddenAfter: []int{0},
		},
		{
			name: "two suppressed cells whose sum is small (no rounding)",
			p:    noRounding,
			c:    list(1, 2, 30, 40),
			// a + b = 3 is published in effect: both are 1 or 2, and
			// so is their sum (group 0, after the 10 cells).
			before: map[int]reason{0: smallBy, 2: smallBy, 10: groupSmall},
		},
		{
			name: "two suppressed cells whose sum is small (rounded)",
			p:    DefaultPolicy(),
			c:    list(1, 1, 30, 40),
			// total 72 → 70 means 68..72; 30 and 40 mean 28..32 and
			// 38..42; so a + b ≤ 6 and neither can reach 8, nor can
			// their sum (group 0, after the 10 cells).
			before: map[int]reason{0: smallBy, 2: smallBy, 10: groupSmall},
		},
		{
			name: "suppressed cells sharing a row and a column only",
			p:    DefaultPolicy(),
			c:    table("L shape", [][]int{{2, 3, 30}, {4, 40, 50}, {60, 70, 80}}, AllMargins),
			// (0,1) is alone in its column and (1,0) alone in its row.
			before:      map[int]reason{0: derivedBy, 1: derivedBy, 4: derivedBy},
			hiddenAfter: []int{0, 1, 4},
		},
		{
			name: "a margin that would be 1 to 7",
			p:    DefaultPolicy(),
			c:    table("small margin", [][]int{{3, 2, 0}, {30, 40, 50}, {60, 70, 80}}, AllMargins),
			// row 0's total (cell 3) is 5: hidden as primary. Row 0
			// then has three unknowns, but each column has one.
			before:      map[int]reason{0: derivedBy, 1: derivedBy, 3: derivedBy},
			hiddenAfter: []int{0, 1, 3},
		},
		{
			name:   "an all-zero row",
			p:      DefaultPolicy(),
			c:      table("zero row", [][]int{{0, 0, 0}, {30, 40, 50}, {60, 70, 80}}, AllMargins),
			before: map[int]reason{},
		},
		{
			name:        "a list with one small cell",
			p:           DefaultPolicy(),
			c:           list(3, 20, 40, 9),
			before:      map[int]reason{0: derivedBy},
			hiddenAfter: []int{0, 6}, // the small cell and the smallest other (9)
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := auditOnly(t, tt.p, tt.c)
			if len(got) != len(tt.before) {
				t.Errorf("before secondary suppression: failures %v, want %v", got, tt.before)
			}
			for k, r := range tt.before {
				if got[k] != r {
					t.Errorf("before secondary suppression: cell %d fails %v, want %v (all: %v)", k, got[k], r, got)
				}
			}
			tab, g, rep, err := tt.p.publish(tt.c)
			if err != nil {
				t.Fatal(err)
			}
			checkPublished(t, tt.p, tt.c, tab)
			for _, k := range tt.hiddenAfter {
				if !g.st[k].hidden() {
					t.Errorf("cell %d is not hidden\n%s", k, render(tab))
				}
			}
			if len(tt.before) == 0 && rep.Secondary != 0 {
				t.Errorf("nothing to protect, yet %d secondary suppressions\n%s", rep.Secondary, render(tab))
			}
			t.Logf("%v\n%s", rep, render(tab))
		})
	}
}

// TestAuditErrorPinned: seven counts of 1 and their total of 7. Hiding
// everything leaves a public reader nothing, but an insider who knows all
// eight are small knows they are all 1 (and the total 7). Nothing more can be
// hidden, so Publish must refuse, naming every cell and no figure.
func TestAuditErrorPinned(t *testing.T) {
	c := list(1, 1, 1, 1, 1, 1, 1)
	c.Meta.Title = "Seven ones"
	_, _, err := DefaultPolicy().Publish(c)
	var ae *AuditError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want *AuditError", err)
	}
	if ae.Table != "Seven ones" || len(ae.Cells) != 8 {
		t.Fatalf("AuditError = %+v, want 8 cells of table %q", ae, "Seven ones")
	}
	if ae.Cells[0].Row != "item 1" || ae.Cells[0].Column != "Number" || ae.Cells[7].Row != "Total" {
		t.Errorf("cells named %+v", ae.Cells)
	}
	msg := err.Error()
	if !strings.Contains(msg, `table "Seven ones"`) || !strings.Contains(msg, `row "item 3", column "Number"`) {
		t.Errorf("message does not name the table and cells:\n%s", msg)
	}
	// Apart from the labels, the message must hold no figure at all.
	stripped := msg
	for i := 1; i <= 7; i++ {
		stripped = strings.ReplaceAll(stripped, "item "+string(rune('0'+i)), "")
	}
	if strings.ContainsAny(stripped, "0123456789") {
		t.Errorf("message gives a figure away:\n%s", msg)
	}
	if ae.Hint() == "" {
		t.Error("no hint")
	}
}

func TestAuditUnprotectedFails(t *testing.T) {
	// A hand-made pattern that the line rule ("two hidden per line") is
	// happy with but the bounds are not: two small cells in one row and
	// one column each... within a rectangle whose other corners are
	// published exactly (no rounding), so the rectangle can only shift by
	// amounts that keep both small.
	p := DefaultPolicy()
	p.RoundTo = 1
	c := table("rectangle of small cells", [][]int{{1, 2, 30}, {2, 1, 40}, {50, 60, 70}}, AllMargins)
	got := auditOnly(t, p, c)
	for _, k := range []int{0, 1, 4, 5} {
		if got[k] != smallBy {
			t.Errorf("cell %d: %v, want smallBy (all %v)", k, got[k], got)
		}
	}
	if _, _, err := p.Publish(c); err != nil {
		t.Fatalf("Publish: %v", err)
	}
}
