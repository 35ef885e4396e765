package search

import (
	"crypto/sha256"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// postingList is one term's postings in document order: the documents
// that contain it, its weighted frequency and its impact in each, and the
// list as a shard writes it (EncodePostings).
type postingList struct {
	docs    []int32
	tfs     []float32
	impacts []uint8
	encoded string
	// top is the term's heaviest weight (scale.score) and topDoc a
	// document that has it.
	top    float64
	topDoc int32
}

// at returns where doc is in the list, or where it would go.
func (l *postingList) at(doc int32) (int, bool) {
	if n := len(l.docs); n == 0 || l.docs[n-1] < doc {
		return n, false // documents are added in order on a first build
	}
	return slices.BinarySearch(l.docs, doc)
}

func (l *postingList) set(doc int32, tf float32) {
	i, found := l.at(doc)
	if found {
		l.tfs[i] = tf
		return
	}
	l.docs = slices.Insert(l.docs, i, doc)
	l.tfs = slices.Insert(l.tfs, i, tf)
	l.impacts = slices.Insert(l.impacts, i, 0)
}

func (l *postingList) remove(doc int32) {
	if i, found := l.at(doc); found {
		l.docs = slices.Delete(l.docs, i, i+1)
		l.tfs = slices.Delete(l.tfs, i, i+1)
		l.impacts = slices.Delete(l.impacts, i, i+1)
	}
}

// encode writes the list as a shard holds it.
func (l *postingList) encode() {
	ps := make([]Posting, len(l.docs))
	for i, d := range l.docs {
		ps[i] = Posting{Doc: int(d), Impact: int(l.impacts[i])}
	}
	l.encoded = EncodePostings(ps)
}

// inverted is the index as the last Builder.Files left it, kept so that
// the next call redoes only what the pages added since reach: the
// postings of their terms, the forms of the words they brought or took
// away, and the shards that hold those. A posting's impact depends on
// other pages only through the scale (the number of documents and their
// rounded average length), the term's document frequency and the index's
// heaviest weight, so a page whose words or length changed changes its
// own postings, a term a page gained or lost changes that term's
// postings, and a change of scale or of the heaviest weight, rare,
// changes every posting. A first call is the same work over every page,
// so what a patched index holds is what a new one would.
type inverted struct {
	counts []*counts // each document's counts as last indexed
	// total is the sum of the lengths of the documents that count towards
	// the average (not those of an edition out for consultation, which
	// are mostly a copy of the edition in force and would make every page
	// look longer or shorter than the site's pages are); counted says
	// which documents do, and averaged how many.
	total    float64
	counted  []bool
	averaged int
	scale    scale
	best     float64       // the heaviest weight of all, MaxImpact's
	lists    []postingList // by dictionary number
	// wordDocs counts, by dictionary number, the documents that use a
	// word; termWords are the words of the site with each term, sorted.
	wordDocs  []int32
	termWords map[string][]string
	// entries are the terms with postings or standards, in compareUTF16
	// order; version numbers their changes.
	entries []*shardEntry
	byTerm  map[string]*shardEntry
	version uint64
	// shards are the term shards the last call wrote, by fingerprint;
	// remade counts those it had to make.
	shards map[[sha256.Size]byte]shardFile
	remade int
}

// shardFile is one term shard as written, and the digest of its bytes.
type shardFile struct {
	data []byte
	sum  [sha256.Size]byte
}

// update brings the postings and forms up to the documents' counts (the
// documents are those of the last call, in the same order).
func (x *inverted) update(docs []*document, dict *dictionary) {
	first := x.counts == nil
	if first {
		x.counts = make([]*counts, len(docs))
		x.counted = make([]bool, len(docs))
		x.termWords = map[string][]string{}
		x.byTerm = map[string]*shardEntry{}
	}
	for len(x.lists) < len(dict.names) {
		x.lists = append(x.lists, postingList{})
	}
	for len(x.wordDocs) < len(dict.names) {
		x.wordDocs = append(x.wordDocs, 0)
	}

	// The postings and words each changed document brings and takes away.
	var edited []int
	rescore := map[int32]bool{} // terms whose document frequency changed
	wasWord := map[int32]bool{} // words whose use changed, and whether they were used before
	use := func(id int32, by int32) {
		if _, seen := wasWord[id]; !seen {
			wasWord[id] = x.wordDocs[id] > 0
		}
		x.wordDocs[id] += by
	}
	for i, d := range docs {
		old, c := x.counts[i], d.counts
		// A document's share of the average follows its edition's
		// status as well as its length, so it is settled before the
		// unchanged are skipped.
		if counted := !d.proposed; counted != x.counted[i] || old != c {
			if x.counted[i] {
				x.total -= x.counts[i].length
				x.averaged--
			}
			if counted {
				x.total += c.length
				x.averaged++
			}
			x.counted[i] = counted
		}
		if old == c {
			continue
		}
		edited = append(edited, i)
		x.counts[i] = c
		var before map[int32]bool
		if old != nil {
			before = map[int32]bool{}
			old.eachTerm(func(id int32, _ float32) { before[id] = true })
		}
		c.eachTerm(func(id int32, tf float32) {
			x.lists[id].set(int32(i), tf)
			if !before[id] {
				rescore[id] = true
			}
			delete(before, id)
		})
		for id := range before {
			x.lists[id].remove(int32(i))
			rescore[id] = true
		}
		c.eachWord(func(id int32) { use(id, 1) })
		if old != nil {
			old.eachWord(func(id int32) { use(id, -1) })
		}
	}

	// Weights: every posting's when the scale changed, else every
	// posting's of a term whose frequency changed and the edited
	// documents' own. The heaviest weight of all is the top of every
	// impact (impact), so when it changes every impact is written again.
	sc := newScale(x.averaged, x.total)
	all := first || sc != x.scale
	x.scale = sc
	var terms []int32
	if all {
		for id := range x.lists {
			if len(x.lists[id].docs) > 0 || x.lists[id].encoded != "" {
				terms = append(terms, int32(id))
			}
		}
	} else {
		for id := range rescore {
			terms = append(terms, id)
		}
		slices.Sort(terms)
	}
	parallel.For(len(terms), func(i int) { x.weigh(terms[i], docs) })
	for _, i := range edited {
		c := docs[i].counts
		c.eachTerm(func(id int32, tf float32) {
			if all || rescore[id] {
				return
			}
			l := &x.lists[id]
			s := x.scale.score(docs[i].weight, x.idf(l, docs), tf, c.length)
			switch {
			case l.topDoc == int32(i):
				x.weigh(id, docs) // it may no longer be the heaviest
			case s > l.top:
				l.top, l.topDoc = s, int32(i)
			}
		})
	}
	best := 0.0
	for id := range x.lists {
		if len(x.lists[id].docs) > 0 {
			best = max(best, x.lists[id].top)
		}
	}
	dirty := map[int32]bool{}
	if all || best != x.best {
		x.best = best
		terms = terms[:0]
		for id := range x.lists {
			if len(x.lists[id].docs) > 0 || x.lists[id].encoded != "" {
				terms = append(terms, int32(id))
			}
		}
	} else {
		for _, i := range edited {
			c := docs[i].counts
			c.eachTerm(func(id int32, tf float32) {
				if rescore[id] {
					return
				}
				l := &x.lists[id]
				k, _ := l.at(int32(i))
				imp := impact(x.scale.score(docs[i].weight, x.idf(l, docs), tf, c.length), best)
				if imp != l.impacts[k] {
					l.impacts[k] = imp
					dirty[id] = true
				}
			})
		}
		for id := range dirty {
			x.lists[id].encode()
		}
	}
	parallel.For(len(terms), func(i int) { x.impacts(terms[i], docs) })
	for _, id := range terms {
		dirty[id] = true
	}

	// The entries of the terms whose postings changed.
	if first {
		x.entries = make([]*shardEntry, 0, len(dirty)+8)
		for id, list := range standardIDs(docs) {
			x.version++
			e := newEntry(id, "", list, nil, x.version)
			x.byTerm[id], x.entries = e, append(x.entries, e)
		}
	}
	for id := range dirty {
		x.setPostings(dict.names[id], x.lists[id].encoded, first)
	}
	if first {
		slices.SortFunc(x.entries, func(a, b *shardEntry) int { return compareUTF16(a.term, b.term) })
	}

	x.updateForms(wasWord, dict, first)

	dict.live = 0
	for id := range dict.names {
		if len(x.lists[id].docs) > 0 || x.wordDocs[id] > 0 {
			dict.live++
		}
	}
}

// weigh finds a term's heaviest weight.
func (x *inverted) weigh(id int32, docs []*document) {
	l := &x.lists[id]
	idf := x.idf(l, docs)
	l.top, l.topDoc = 0, -1
	for k, i := range l.docs {
		d := docs[i]
		if d.proposed {
			continue // its weight may reach past the top: impact caps it
		}
		if s := x.scale.score(d.weight, idf, l.tfs[k], d.counts.length); s > l.top || l.topDoc < 0 {
			l.top, l.topDoc = s, i
		}
	}
}

// impacts gives every posting of a term its impact, and encodes the list.
func (x *inverted) impacts(id int32, docs []*document) {
	l := &x.lists[id]
	idf := x.idf(l, docs)
	for k, i := range l.docs {
		d := docs[i]
		l.impacts[k] = impact(x.scale.score(d.weight, idf, l.tfs[k], d.counts.length), x.best)
	}
	l.encode()
}

// setPostings gives a term's entry its postings, making the entry, or
// dropping it when the term has neither postings nor standards left. On a
// first build the entries are sorted afterwards.
func (x *inverted) setPostings(term, postings string, first bool) {
	e := x.byTerm[term]
	switch {
	case e == nil && postings == "":
		return
	case e == nil:
		x.version++
		e = newEntry(term, postings, "", nil, x.version)
		x.byTerm[term] = e
		if first {
			x.entries = append(x.entries, e)
			return
		}
		i, _ := slices.BinarySearchFunc(x.entries, term, func(e *shardEntry, t string) int { return compareUTF16(e.term, t) })
		x.entries = slices.Insert(x.entries, i, e)
		return
	case postings == "" && e.ids == "":
		delete(x.byTerm, term)
		i, _ := slices.BinarySearchFunc(x.entries, term, func(e *shardEntry, t string) int { return compareUTF16(e.term, t) })
		x.entries = slices.Delete(x.entries, i, i+1)
		return
	}
	if e.postings != postings {
		e.postings = postings
		x.version++
		e.changed(x.version)
	}
}

// updateForms lists again the forms of the terms whose words changed:
// the term of each word the site began or stopped using, and the terms
// of the words that begin or end with it, which may split in two around
// it (splits).
func (x *inverted) updateForms(wasWord map[int32]bool, dict *dictionary, first bool) {
	terms := map[string]bool{}
	var changed []string
	for id, was := range wasWord {
		now := x.wordDocs[id] > 0
		if now == was {
			continue
		}
		w := dict.names[id]
		t := Stem(w)
		words := x.termWords[t]
		i, found := slices.BinarySearch(words, w)
		switch {
		case now && !found:
			words = slices.Insert(words, i, w)
		case !now && found:
			words = slices.Delete(words, i, i+1)
		}
		if len(words) == 0 {
			delete(x.termWords, t)
		} else {
			x.termWords[t] = words
		}
		terms[t] = true
		if len(w) >= minPart {
			changed = append(changed, w)
		}
	}
	if !first && len(changed) > 0 {
		for t, words := range x.termWords {
			for _, v := range words {
				for _, w := range changed {
					if len(v) >= len(w)+minPart && (strings.HasPrefix(v, w) || strings.HasSuffix(v, w)) {
						terms[t] = true
					}
				}
			}
		}
	}
	isWord := func(w string) bool {
		id, ok := dict.ids[w]
		return ok && int(id) < len(x.wordDocs) && x.wordDocs[id] > 0
	}
	list := make([]string, 0, len(terms))
	for t := range terms {
		list = append(list, t)
	}
	forms := make([]*formSet, len(list))
	parallel.For(len(list), func(i int) {
		if words := x.termWords[list[i]]; len(words) > 0 {
			forms[i] = formsOf(list[i], words, isWord)
		}
	})
	for i, t := range list {
		if e := x.byTerm[t]; e != nil && !sameForms(e.forms, forms[i]) {
			e.forms = forms[i]
			x.version++
			e.changed(x.version)
		}
	}
}

// standardIDs returns the documents of each standard ID, encoded.
func standardIDs(docs []*document) map[string]string {
	byID := map[string][]int{}
	for i, d := range docs {
		if d.id != "" {
			byID[d.id] = append(byID[d.id], i)
		}
	}
	out := make(map[string]string, len(byID))
	for id, list := range byID {
		out[id] = EncodeDocs(list)
	}
	return out
}

// shardFiles lays the entries out in shards and returns each shard's
// first term and the shards' files, making again only the shards whose
// contents changed since the last call.
func (x *inverted) shardFiles() ([]string, []site.File, [][sha256.Size]byte, error) {
	plan := planShards(x.entries, ShardBytes)
	n := len(plan.starts)
	prints := make([][sha256.Size]byte, n)
	parallel.For(n, func(k int) { prints[k] = plan.fingerprint(x.entries, k) })
	made := make([]shardFile, n)
	var redo []int
	for k, fp := range prints {
		if f, ok := x.shards[fp]; ok {
			made[k] = f
		} else {
			redo = append(redo, k)
		}
	}
	x.remade = len(redo)
	errs := make([]error, len(redo))
	parallel.For(len(redo), func(j int) {
		k := redo[j]
		data, err := marshal(plan.shard(x.entries, k))
		made[k], errs[j] = shardFile{data: data, sum: sha256.Sum256(data)}, err
	})
	for _, err := range errs {
		if err != nil {
			return nil, nil, nil, err
		}
	}
	x.shards = make(map[[sha256.Size]byte]shardFile, n)
	files := make([]site.File, n)
	sums := make([][sha256.Size]byte, n)
	for k, f := range made {
		x.shards[prints[k]] = f
		files[k] = site.File{Path: "search/t/" + strconv.Itoa(k) + ".json", Data: f.data}
		sums[k] = f.sum
	}
	return plan.first, files, sums, nil
}

// sameForms reports whether two terms' forms are the same.
func sameForms(a, b *formSet) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.used, b.used) && slices.Equal(a.more, b.more)
}

// idf is the term's inverse document frequency over the documents that
// count towards the scale (not an edition out for consultation's: see
// inverted.total), so that publishing a draft, mostly a copy of the
// edition in force, changes no weight of the pages that apply.
func (x *inverted) idf(l *postingList, docs []*document) float64 {
	df := 0
	for _, i := range l.docs {
		if !docs[i].proposed {
			df++
		}
	}
	return x.scale.idf(df)
}
