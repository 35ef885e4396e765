package anonymise

// An outside attacker's view of the action-plan releases: every published
// figure of every release at once, with the links between the tables of a
// release and what is true across releases (actions are never deleted,
// completed actions stay complete, the actions opened in a past quarter do
// not change). Run with PLINTH_ATTACK="a.toml b.toml c.toml".

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

type atkTable struct {
	Name        string
	Columns     []string
	TotalColumn string
	TotalRow    string
	Rows        [][]string
	Totals      []string
}

type atkRelease struct {
	Date  string
	Table []atkTable
}

type atkLin struct {
	terms map[int]int
	rhs   int
}

type atkModel struct {
	lo, hi []int // hi −1: unbounded
	names  []string
	eqs    []atkLin
	change []int // variables whose sum the reader takes at its least
	les    []atkLin
}

func (m *atkModel) v(lo, hi int, name string) int {
	m.lo = append(m.lo, lo)
	m.hi = append(m.hi, hi)
	m.names = append(m.names, name)
	return len(m.lo) - 1
}

func (m *atkModel) eq(t map[int]int, rhs int) { m.eqs = append(m.eqs, atkLin{t, rhs}) }
func (m *atkModel) le(t map[int]int, rhs int) { m.les = append(m.les, atkLin{t, rhs}) }

// leq says a ≤ b.
func (m *atkModel) leq(a, b int) { m.le(map[int]int{a: 1, b: -1}, 0) }

func (m *atkModel) simplex() (*simplex, error) {
	n := len(m.lo)
	nv := n + len(m.les)
	var a [][]int
	var b []int
	add := func(l atkLin, slack int) {
		row := make([]int, nv)
		rhs := l.rhs
		for k, c := range l.terms {
			row[k] += c
			rhs -= c * m.lo[k]
		}
		if slack >= 0 {
			row[slack] = 1
		}
		a = append(a, row)
		b = append(b, rhs)
	}
	for _, l := range m.eqs {
		add(l, -1)
	}
	for i, l := range m.les {
		add(l, n+i)
	}
	upper := make([]int, nv)
	for k := range nv {
		if k >= n || m.hi[k] < 0 {
			upper[k] = unbounded
		} else {
			upper[k] = m.hi[k] - m.lo[k]
		}
	}
	return newSimplex(a, b, upper)
}

func atkBounds(s string) (lo, hi int, hidden bool) {
	s = strings.ReplaceAll(s, ",", "")
	switch s {
	case "[c]":
		return 1, -1, true
	case "0":
		return 0, 0, false
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		panic(s)
	}
	return max(v-2, 8), v + 2, false
}

// atkCells is one release's variables: table → row label → column label.
type atkCells map[string]map[string]map[string]int

// atkRead reads release files.
func atkRead(t *testing.T, files []string) []atkRelease {
	t.Helper()
	var rels []atkRelease
	for _, f := range files {
		var r atkRelease
		if _, err := toml.DecodeFile(f, &r); err != nil {
			t.Fatal(err)
		}
		rels = append(rels, r)
	}
	return rels
}

// atkBuild is the reader's model of the releases: a variable for every
// figure of every table of every release (hidden ones and the sums of a
// line's hidden ones among them), with what links them. cross links the
// releases; same adds the guess that a figure shown with the same value
// twice did not change.
func atkBuild(rels []atkRelease, cross, same bool) (m *atkModel, hidden, gvars []int, all []atkCells) {
	m = &atkModel{}
	var allCells []atkCells
	var groups [][]int
	for _, r := range rels {
		cells := atkCells{}
		for _, tb := range r.Table {
			rowsOf := map[string]map[string]int{}
			cols := append(append([]string{}, tb.Columns...), tb.TotalColumn)
			rows := append(append([][]string{}, tb.Rows...), append([]string{tb.TotalRow}, tb.Totals...))
			var rowLabels []string
			for _, row := range rows {
				rowLabels = append(rowLabels, row[0])
				rv := map[string]int{}
				var hid []int
				for j, c := range cols {
					lo, hi, h := atkBounds(row[j+1])
					k := m.v(lo, hi, fmt.Sprintf("%s %s [%s, %s]", r.Date, tb.Name, row[0], c))
					rv[c] = k
					if h {
						hidden = append(hidden, k)
						if j < len(cols)-1 {
							hid = append(hid, k)
						}
					}
				}
				if len(hid) > 1 {
					groups = append(groups, hid)
				}
				rowsOf[row[0]] = rv
			}
			// Rows and columns add up.
			for _, rl := range rowLabels {
				eq := map[int]int{rowsOf[rl][tb.TotalColumn]: -1}
				for _, c := range tb.Columns {
					eq[rowsOf[rl][c]] = 1
				}
				m.eq(eq, 0)
			}
			for _, c := range cols {
				eq := map[int]int{rowsOf[tb.TotalRow][c]: -1}
				var hid []int
				for _, rl := range rowLabels[:len(rowLabels)-1] {
					eq[rowsOf[rl][c]] = 1
					if m.hi[rowsOf[rl][c]] < 0 {
						hid = append(hid, rowsOf[rl][c])
					}
				}
				if len(hid) > 1 && c != tb.TotalColumn {
					groups = append(groups, hid)
				}
				m.eq(eq, 0)
			}
			cells[tb.Name] = rowsOf
		}
		full := true
		for _, prev := range allCells {
			for row := range prev["actions-by-quarter"] {
				if _, ok := cells["actions-by-quarter"][row]; !ok {
					full = false
				}
			}
		}
		atkLinkRelease(m, cells, full)
		allCells = append(allCells, cells)
		all = append(all, cells)
	}
	if cross {
		for i := 1; i < len(all); i++ {
			atkLinkReleases(m, all[i-1], all[i])
			if same {
				atkSame(m, all[i-1], all[i])
			}
		}
	}
	// Group sums, as variables of their own.
	for _, g := range groups {
		k := m.v(0, -1, "sum of "+strings.Join(atkNames(m, g), " + "))
		eq := map[int]int{k: -1}
		for _, c := range g {
			eq[c] = 1
		}
		m.eq(eq, 0)
		gvars = append(gvars, k)
	}
	if len(m.change) > 0 {
		d := m.v(0, -1, "change")
		eq := map[int]int{d: -1}
		for _, k := range m.change {
			eq[k] = 1
		}
		m.eq(eq, 0)
		m.change = []int{d}
	}
	return m, hidden, gvars, all
}

func TestAttack(t *testing.T) {
	files := strings.Fields(os.Getenv("PLINTH_ATTACK"))
	if len(files) == 0 {
		t.Skip("PLINTH_ATTACK not set")
	}
	rels := atkRead(t, files)
	m, hidden, gvars, _ := atkBuild(rels, os.Getenv("PLINTH_ATTACK_ALONE") == "", os.Getenv("PLINTH_ATTACK_SAME") != "")
	if spec := os.Getenv("PLINTH_ATTACK_SMALL"); spec != "" {
		atkSmall(t, m, rels[len(rels)-1], hidden, spec)
		return
	}
	s, err := m.simplex()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.change) > 0 {
		least, err := s.minimise(m.change[0])
		if err != nil {
			t.Fatal(err)
		}
		s.capAtValue(m.change[0])
		t.Logf("least total change that explains the releases: %s", least.RatString())
	}
	report := func(k int) (int, int, string) {
		lo, err := s.minimise(k)
		if err != nil {
			t.Fatal(err)
		}
		hi, ok, err := s.maximise(k)
		if err != nil {
			t.Fatal(err)
		}
		l := m.lo[k] + ceil(lo)
		h := -1
		hs := "∞"
		if ok {
			h = m.lo[k] + floor(hi)
			hs = strconv.Itoa(h)
		}
		return l, h, fmt.Sprintf("%d..%s", l, hs)
	}
	var lines []string
	bad := 0
	intCheck := os.Getenv("PLINTH_ATTACK_INT") != ""
	for _, k := range append(hidden, gvars...) {
		lo, hi, iv := report(k)
		if intCheck && hi >= 8 && hi <= 12 {
			// The linear programme's bound need not be a whole
			// table's: check that a whole-number table reaches 8.
			save := m.lo[k]
			m.lo[k] = 8
			ok, nodes := atkIntFeasible(m, 0)
			m.lo[k] = save
			if !ok {
				hi = 7
				iv += fmt.Sprintf(" but no whole-number table reaches 8 (%d nodes)", nodes)
			}
		}
		flag := ""
		if hi >= 0 && hi <= 7 {
			flag = "  <-- LEAK: within 1..7"
			bad++
		} else if lo == hi {
			flag = "  <-- LEAK: exact"
			bad++
		} else if hi >= 0 && hi <= 10 {
			flag = "  (narrow)"
		}
		lines = append(lines, fmt.Sprintf("%-10s %s%s", iv, m.names[k], flag))
	}
	sort.Strings(lines)
	for _, l := range lines {
		if os.Getenv("PLINTH_ATTACK_ALL") != "" || strings.Contains(l, "LEAK") || strings.Contains(l, "narrow") {
			t.Log(l)
		}
	}
	t.Logf("%d variables, %d equations, %d inequalities; %d hidden figures and %d groups attacked; %d leaks", len(m.lo), len(m.eqs), len(m.les), len(hidden), len(gvars), bad)
}

func atkNames(m *atkModel, ks []int) []string {
	var out []string
	for _, k := range ks {
		out = append(out, m.names[k])
	}
	return out
}

// atkLinkRelease declares what the reader knows links the tables of one
// release (generator/actionplans/family.go).
func atkLinkRelease(m *atkModel, c atkCells, allQuarters bool) {
	st, q, cq := c["actions-by-status"], c["actions-by-quarter"], c["complete-by-quarter"]
	dom, prof, std, pr := c["actions-by-domain"], c["actions-by-profession"], c["actions-by-standard"], c["providers-by-plan"]
	same := func(a, b int) { m.eq(map[int]int{a: 1, b: -1}, 0) }
	for col, k := range st["Total"] {
		same(k, dom["Total"][col])
		same(k, prof["Total"][col])
		if allQuarters {
			same(k, q["Total"][col])
			same(cq["Total"][col], st["Complete"][col])
		} else {
			m.leq(q["Total"][col], k)
			m.leq(cq["Total"][col], st["Complete"][col])
		}
		m.le(map[int]int{pr["All actions complete"][col]: 1, st["Complete"][col]: -1}, 0)
		m.le(map[int]int{pr["At least one action overdue"][col]: 1, st["Overdue"][col]: -1}, 0)
		m.le(map[int]int{pr["Actions open, none overdue"][col]: 1, st["Not started"][col]: -1, st["On track"][col]: -1, st["At risk"][col]: -1}, 0)
	}
	for row, cols := range cq {
		for col, k := range cols {
			m.leq(k, q[row][col])
		}
	}
	for status, k := range std["Total"] {
		if status == "Total" {
			same(k, st["Total"]["England"])
		} else {
			same(k, st[status]["England"])
		}
	}
	for drow, cols := range dom {
		if drow == "Total" {
			continue
		}
		d := drow[:strings.Index(drow, ".")]
		eq := map[int]int{cols["England"]: -1}
		for srow, scols := range std {
			if strings.HasPrefix(srow, d+".") {
				eq[scols["Total"]] = 1
			}
		}
		m.eq(eq, 0)
	}
}

// atkLinkReleases declares what is true from one release to the next.
func atkLinkReleases(m *atkModel, a, b atkCells) {
	for row, cols := range a["actions-by-quarter"] {
		if _, ok := b["actions-by-quarter"][row]; row == "Total" || !ok {
			continue
		}
		for col, k := range cols {
			m.eq(map[int]int{k: 1, b["actions-by-quarter"][row][col]: -1}, 0)
		}
	}
	for _, name := range []string{"complete-by-quarter", "actions-by-domain", "actions-by-profession"} {
		for row, cols := range a[name] {
			if _, ok := b[name][row]; !ok || (row == "Total" && name == "complete-by-quarter") {
				continue
			}
			for col, k := range cols {
				m.leq(k, b[name][row][col])
			}
		}
	}
	for row, cols := range a["actions-by-standard"] {
		m.leq(cols["Total"], b["actions-by-standard"][row]["Total"])
		m.leq(cols["Complete"], b["actions-by-standard"][row]["Complete"])
	}
	for col, k := range a["providers-by-plan"]["Total"] {
		m.leq(k, b["providers-by-plan"]["Total"][col])
		none, none2 := a["providers-by-plan"]["No actions"][col], b["providers-by-plan"]["No actions"][col]
		// Providers with actions never decrease.
		m.le(map[int]int{k: 1, none: -1, b["providers-by-plan"]["Total"][col]: -1, none2: 1}, 0)
	}
	for col, k := range a["actions-by-status"]["Complete"] {
		m.leq(k, b["actions-by-status"]["Complete"][col])
	}
}

// atkSame assumes that a figure shown with the same value in two releases
// in a row did not change: not a fact, but what a reader may guess.
func atkSame(m *atkModel, a, b atkCells) {
	for name, rows := range a {
		for row, cols := range rows {
			for col, k := range cols {
				k2, ok := b[name][row][col]
				if ok && m.hi[k] > 0 && m.lo[k] == m.lo[k2] && m.hi[k] == m.hi[k2] {
					up, down := m.v(0, -1, "up"), m.v(0, -1, "down")
					m.eq(map[int]int{k: 1, k2: -1, up: 1, down: -1}, 0)
					m.change = append(m.change, up, down)
				}
			}
		}
	}
}

// atkSmall uses a count of the small figures among a table's hidden ones
// (as "plinth build --disclosure" prints: 6 hidden (2 small, 4 to protect
// them)): it tries every choice of which are small, keeps those the
// figures allow, and reports a figure that is small in every one.
func atkSmall(t *testing.T, m *atkModel, last atkRelease, hidden []int, spec string) {
	for _, part := range strings.Split(spec, ",") {
		name, num, _ := strings.Cut(part, "=")
		small, _ := strconv.Atoi(num)
		var cells []int
		for _, k := range hidden {
			if strings.HasPrefix(m.names[k], last.Date+" "+name+" [") {
				cells = append(cells, k)
			}
		}
		smallIn := make([]int, len(cells))
		feasible := 0
		var try func(i, left int, chosen []bool)
		try = func(i, left int, chosen []bool) {
			if left > len(cells)-i {
				return
			}
			if i == len(cells) {
				lo, hi := slices.Clone(m.lo), slices.Clone(m.hi)
				for j, k := range cells {
					if chosen[j] {
						m.hi[k] = 7
					} else {
						m.lo[k] = 8
					}
				}
				_, err := m.simplex()
				m.lo, m.hi = lo, hi
				if err == nil {
					feasible++
					for j := range cells {
						if chosen[j] {
							smallIn[j]++
						}
					}
				}
				return
			}
			if left > 0 {
				chosen[i] = true
				try(i+1, left-1, chosen)
			}
			chosen[i] = false
			try(i+1, left, chosen)
		}
		try(0, small, make([]bool, len(cells)))
		t.Logf("%s: %d hidden, %d small: %d choices fit the figures", name, len(cells), small, feasible)
		for j, k := range cells {
			flag := ""
			if smallIn[j] == feasible {
				flag = "  <-- LEAK: small in every choice"
			}
			t.Logf("  small in %d of %d: %s%s", smallIn[j], feasible, m.names[k], flag)
		}
	}
}

// atkIntFeasible reports whether some whole-number point meets the model's
// constraints: branch and bound on the simplex's feasible vertex.
func atkIntFeasible(m *atkModel, depth int) (bool, int) {
	s, err := m.simplex()
	if err != nil {
		return false, 1
	}
	for k := range m.lo {
		v := s.value(k).big()
		if v.IsInt() {
			continue
		}
		if depth > 60 {
			return true, 1 // give up: assume the reader cannot rule it out
		}
		f := m.lo[k] + floor(v)
		lo, hi := m.lo[k], m.hi[k]
		m.hi[k] = f
		ok, n1 := atkIntFeasible(m, depth+1)
		m.hi[k] = hi
		if ok {
			return true, n1 + 1
		}
		m.lo[k] = f + 1
		ok, n2 := atkIntFeasible(m, depth+1)
		m.lo[k] = lo
		return ok, n1 + n2 + 1
	}
	return true, 1
}
