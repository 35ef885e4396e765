package framework

import "strings"

// Op says what happened to a piece of text between two editions.
type Op string

// The operations of a redline.
const (
	Equal  Op = "equal"
	Delete Op = "delete"
	Insert Op = "insert"
)

// Segment is a run of words (or one list item) that was kept, deleted or
// inserted. Layouts show deletions in <del> and insertions in <ins>, each
// with visually hidden "deleted:"/"inserted:" text for screen readers.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// Deleted and Inserted are for layouts.
func (s Segment) Deleted() bool { return s.Op == Delete }

// Inserted reports whether the segment is new text.
func (s Segment) Inserted() bool { return s.Op == Insert }

// maxCells bounds the comparison table of one diff. Standards are a few
// sentences, so this is never reached in practice; past it the texts are
// shown as wholly deleted and inserted instead of using a lot of memory.
const maxCells = 4_000_000

// Redline compares two texts word by word and returns the runs of kept,
// deleted and inserted words, joined by single spaces. Words are compared
// exactly, so a changed comma or capital shows as a changed word.
func Redline(old, new string) []Segment {
	return diff(strings.Fields(old), strings.Fields(new), " ")
}

// listDiff compares two lists item by item (what providers must do, the
// evidence): each item is kept, deleted or inserted whole.
func listDiff(old, new []string) []Segment {
	return diff(old, new, "")
}

// diff returns the shortest edit from a to b as segments. With a joiner,
// consecutive tokens with the same operation are merged into one segment;
// without one, every token is its own segment.
func diff(a, b []string, joiner string) []Segment {
	// Common ends are cheap to strip and make the table small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []Segment
	for _, t := range a[:pre] {
		ops = append(ops, Segment{Equal, t})
	}
	ops = append(ops, middle(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, t := range a[len(a)-suf:] {
		ops = append(ops, Segment{Equal, t})
	}
	if joiner == "" {
		return ops
	}
	var out []Segment
	for _, s := range ops {
		if n := len(out); n > 0 && out[n-1].Op == s.Op {
			out[n-1].Text += joiner + s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}

// middle is the longest-common-subsequence edit of a and b, with
// deletions before insertions where both are possible, so a replaced word
// reads as "old new".
func middle(a, b []string) []Segment {
	n, m := len(a), len(b)
	if n == 0 || m == 0 || n*m > maxCells {
		var out []Segment
		for _, t := range a {
			out = append(out, Segment{Delete, t})
		}
		for _, t := range b {
			out = append(out, Segment{Insert, t})
		}
		return out
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:], in one flat slice.
	w := m + 1
	lcs := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	var out []Segment
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, Segment{Equal, a[i]})
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			out = append(out, Segment{Delete, a[i]})
			i++
		default:
			out = append(out, Segment{Insert, b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, Segment{Delete, a[i]})
	}
	for ; j < m; j++ {
		out = append(out, Segment{Insert, b[j]})
	}
	return out
}
