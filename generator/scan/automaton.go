package scan

// automaton is an Aho–Corasick automaton over the folded bytes of the
// terms, compiled to a full transition table so that scanning a file is one
// table lookup per byte whatever the number of terms.
//
// Bytes are first mapped to classes: every byte that occurs in some term
// has a class of its own, and all other bytes share class 0, which always
// leads back towards the root. This keeps the table at states × classes
// rather than states × 256.
type automaton struct {
	class   [256]uint16
	classes int
	// next[row+class] is the row of the next state, where a state's row
	// is its number times classes (so a step needs no multiplication);
	// the row of a state from which some term is reported is written
	// complemented (^row, negative), so that the common case of nothing
	// to report costs nothing beyond the transition itself. Each byte's
	// step waits for the last, so every instruction in it counts.
	next []int32
	term []int32 // the term ending at each state, or -1
	dict []int32 // the nearest proper suffix state with a term, or -1
	// first is the state itself if a term ends there, else dict: the
	// first state to report from, or -1.
	first []int32
	lens  []int // byte length of each term
	// empty reports an automaton without terms, which finds nothing.
	empty bool
}

// newAutomaton builds the automaton for the given (distinct, non-empty)
// folded terms; term i is reported by index i.
func newAutomaton(terms []string) *automaton {
	a := &automaton{classes: 1}
	for _, t := range terms {
		for i := 0; i < len(t); i++ {
			if a.class[t[i]] == 0 {
				a.class[t[i]] = uint16(a.classes)
				a.classes++
			}
		}
		a.lens = append(a.lens, len(t))
	}
	// The trie, as the first rows of the table; 0 means "no child yet",
	// which is safe because no edge leads back to the root.
	a.next = make([]int32, a.classes)
	a.term = []int32{-1}
	for ti, t := range terms {
		if t == "" {
			continue // holds a place only: never reported
		}
		s := int32(0)
		for i := 0; i < len(t); i++ {
			c := int(a.class[t[i]])
			n := a.next[int(s)*a.classes+c]
			if n == 0 {
				n = int32(len(a.term))
				a.term = append(a.term, -1)
				a.next = append(a.next, make([]int32, a.classes)...)
				a.next[int(s)*a.classes+c] = n
			}
			s = n
		}
		a.term[s] = int32(ti)
	}
	// Breadth-first, fill in failure transitions and dictionary links.
	fail := make([]int32, len(a.term))
	a.dict = make([]int32, len(a.term))
	a.dict[0] = -1
	queue := make([]int32, 0, len(a.term))
	for c := 0; c < a.classes; c++ {
		if n := a.next[c]; n != 0 {
			fail[n] = 0
			a.dict[n] = -1
			queue = append(queue, n)
		}
	}
	order := append([]int32{0}, queue...) // every state, breadth first
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := 0; c < a.classes; c++ {
			idx := int(s)*a.classes + c
			n := a.next[idx]
			f := a.next[int(fail[s])*a.classes+c]
			if n == 0 {
				a.next[idx] = f
				continue
			}
			fail[n] = f
			if a.term[f] >= 0 {
				a.dict[n] = f
			} else {
				a.dict[n] = a.dict[f]
			}
			queue = append(queue, n)
			order = append(order, n)
		}
	}
	a.renumber(order)
	a.first = make([]int32, len(a.term))
	for s := range a.first {
		if a.term[s] >= 0 {
			a.first[s] = int32(s)
		} else {
			a.first[s] = a.dict[s]
		}
	}
	for i, n := range a.next {
		row := n * int32(a.classes)
		if a.first[n] > 0 {
			row = ^row
		}
		a.next[i] = row
	}
	a.empty = len(a.term) == 1
	return a
}

// renumber gives the states new numbers in the given order (breadth
// first), so that the states near the root, which ordinary text visits
// most, share the first rows of the table and stay in the processor's
// cache.
func (a *automaton) renumber(order []int32) {
	id := make([]int32, len(order)) // new number by old
	for n, s := range order {
		id[s] = int32(n)
	}
	next := make([]int32, len(a.next))
	term, dict := make([]int32, len(a.term)), make([]int32, len(a.dict))
	for n, s := range order {
		for c := 0; c < a.classes; c++ {
			next[n*a.classes+c] = id[a.next[int(s)*a.classes+c]]
		}
		term[n], dict[n] = a.term[s], -1
		if d := a.dict[s]; d >= 0 {
			dict[n] = id[d]
		}
	}
	a.next, a.term, a.dict = next, term, dict
}

// step returns the row of the state after reading c in the state at row,
// and whether some term ends there (a.report says which).
func (a *automaton) step(row int32, c byte) (next int32, report bool) {
	n := a.next[row+int32(a.class[c])]
	if n < 0 {
		return ^n, true
	}
	return n, false
}

// match calls found(term, end) for every occurrence of every term in b,
// where end is the offset just after the occurrence.
func (a *automaton) match(b []byte, found func(term, end int)) {
	if a.empty {
		return
	}
	s := int32(0)
	for i, c := range b {
		var report bool
		if s, report = a.step(s, c); report {
			a.report(s, i+1, found)
		}
	}
}

// report calls found for every term that ends in the state at row.
func (a *automaton) report(row int32, end int, found func(term, end int)) {
	for o := a.first[row/int32(a.classes)]; o > 0; o = a.dict[o] {
		if t := a.term[o]; t >= 0 {
			found(int(t), end)
		}
	}
}
