package search

import (
	"crypto/sha256"
	"encoding/binary"
	"hash/fnv"
	"slices"
	"strings"
)

// Shard is one term shard, search/t/N.json. Every key of a shard (term,
// form or alias) is in the shard's range of the manifest's Shards, so the
// browser finds a word by looking in one shard only.
type Shard struct {
	// Terms maps a term to its postings (EncodePostings).
	Terms map[string]string `json:"terms"`
	// Forms lists, for a term, the word forms that lead to it and lie in
	// this shard, as the endings that follow the term, separated by
	// spaces: "e ing ion" under "supervis" stands for supervise,
	// supervising and supervision. "=" says the term is itself a word of
	// the site; an ending written "+ed" is a form the site does not use
	// (formSet.more). A term without an entry is a word of the site with
	// no other forms.
	Forms map[string]string `json:"forms,omitempty"`
	// Alias maps a word form that does not begin with its term ("study"
	// for "studi", "color" for "colour"), or that falls in another
	// shard than its term, to the term; a term written "+colour" marks a
	// form the site does not use. A form may be two words ("well being"
	// for "wellb"): a word of the site that is made of two. The term's
	// postings may be in another shard.
	Alias map[string]string `json:"alias,omitempty"`
	// IDs maps a standard ID to the documents of the standards with that
	// ID, one per edition (EncodeDocs), so that a query for "1.3" can put
	// them first.
	IDs map[string]string `json:"ids,omitempty"`
}

// shardEntry is one term as the shards are laid out: its postings, the
// standards whose ID it is, and its forms. Whoever changes those calls
// changed, which measures the entry again and gives it a new version, so
// that the shard holding it is made again (shardCache).
type shardEntry struct {
	term, postings, ids string
	forms               *formSet
	size                int    // measure()
	hash                uint64 // the term's, which says whether a shard may start at it
	version             uint64
}

// newEntry returns the entry of a term, measured, at version v.
func newEntry(term, postings, ids string, forms *formSet, v uint64) *shardEntry {
	h := fnv.New64a()
	h.Write([]byte(term))
	e := &shardEntry{term: term, postings: postings, ids: ids, forms: forms, hash: h.Sum64()}
	e.changed(v)
	return e
}

// changed measures the entry again after a change, and gives it version v.
func (e *shardEntry) changed(v uint64) {
	e.measure()
	e.version = v
}

// measure estimates the bytes the entry adds to its shard.
func (e *shardEntry) measure() {
	n := len(e.term) + len(e.postings) + 6
	if e.ids != "" {
		n += len(e.term) + len(e.ids) + 6
	}
	if e.forms != nil {
		// The term again as the key of its forms, each form's ending and
		// its space, or a whole alias entry for a form that does not
		// begin with the term.
		n += len(e.term) + 6
		for _, w := range slices.Concat(e.forms.used, e.forms.more) {
			if strings.HasPrefix(w, e.term) {
				n += len(w) - len(e.term) + 2
			} else {
				n += len(w) + len(e.term) + 7
			}
		}
	}
	e.size = n
}

// Where shards end. Were each shard filled to the budget in turn, an
// entry that grew by a byte would move the end of its shard and of every
// shard after it, and `plinth serve` would write every shard after an
// edit. Instead a shard ends before a term chosen by the term's hash once
// it holds half the budget: each byte of an entry gives its term a
// 1-in-cutEvery chance of being chosen, so that a large entry is likelier
// to start a shard. An edit then moves the ends of the shards near the
// terms it changed, and the next chosen term ends a shard as before. A
// shard ends early, as ever, before an entry that would take it over the
// budget; a term larger than the budget gets a shard of its own.
// cutEvery is the mean number of bytes between two chosen terms, a
// quarter of the budget: most shards end between half and all of it.
func cutEvery(budget int) int { return max(budget/4, 1) }

// shardStarts returns the index in entries, which must be sorted by
// compareUTF16, of each shard's first entry.
func shardStarts(entries []*shardEntry, budget int) []int {
	var starts []int
	size := 0
	every := uint64(cutEvery(budget))
	for i, e := range entries {
		chosen := e.hash%every < uint64(e.size)
		if i == 0 || size+e.size > budget || size >= budget/2 && chosen {
			starts = append(starts, i)
			size = 0
		}
		size += e.size
	}
	return starts
}

// shardPlan is where the shards start and what each holds besides its
// entries' terms: the forms of its terms (by entry), and the aliases that
// fall in its range. The forms of each term go into the shard whose range
// holds them (Shard.Forms when they begin with the term and share its
// shard, else Shard.Alias).
type shardPlan struct {
	starts  []int
	first   []string
	endings []string // by entry: Shard.Forms, or "" for none
	aliases [][][2]string
}

// planShards lays out entries, which must be sorted by compareUTF16, in
// shards of about budget bytes (ShardBytes).
func planShards(entries []*shardEntry, budget int) shardPlan {
	p := shardPlan{starts: shardStarts(entries, budget)}
	p.first = make([]string, len(p.starts))
	for k, i := range p.starts {
		p.first[k] = entries[i].term
	}
	p.endings = make([]string, len(entries))
	p.aliases = make([][][2]string, len(p.starts))
	home := func(key string) int {
		i, found := slices.BinarySearchFunc(p.first, key, compareUTF16)
		if !found {
			i--
		}
		return max(i, 0)
	}
	own := 0
	for i, e := range entries {
		for own+1 < len(p.starts) && p.starts[own+1] <= i {
			own++
		}
		if e.forms == nil {
			continue
		}
		var endings []string
		if e.forms.isWord(e.term) {
			endings = append(endings, "=")
		}
		place := func(w, mark string) {
			if w == e.term {
				return
			}
			if end, ok := strings.CutPrefix(w, e.term); ok && home(w) == own {
				endings = append(endings, mark+end)
				return
			}
			k := home(w)
			p.aliases[k] = append(p.aliases[k], [2]string{w, mark + e.term})
		}
		for _, w := range e.forms.used {
			place(w, "")
		}
		for _, w := range e.forms.more {
			place(w, "+")
		}
		// A term that is a word of the site and has no other forms here
		// needs no entry.
		if len(endings) == 1 && endings[0] == "=" {
			continue
		}
		p.endings[i] = strings.Join(endings, " ")
	}
	return p
}

// bounds returns the range of entries shard k holds.
func (p shardPlan) bounds(k, n int) (int, int) {
	end := n
	if k+1 < len(p.starts) {
		end = p.starts[k+1]
	}
	return p.starts[k], end
}

// shard returns shard k.
func (p shardPlan) shard(entries []*shardEntry, k int) Shard {
	sh := Shard{Terms: map[string]string{}}
	start, end := p.bounds(k, len(entries))
	for i := start; i < end; i++ {
		e := entries[i]
		if e.postings != "" {
			sh.Terms[e.term] = e.postings
		}
		if e.ids != "" {
			if sh.IDs == nil {
				sh.IDs = map[string]string{}
			}
			sh.IDs[e.term] = e.ids
		}
		if p.endings[i] != "" {
			if sh.Forms == nil {
				sh.Forms = map[string]string{}
			}
			sh.Forms[e.term] = p.endings[i]
		}
	}
	for _, a := range p.aliases[k] {
		if sh.Alias == nil {
			sh.Alias = map[string]string{}
		}
		sh.Alias[a[0]] = a[1]
	}
	return sh
}

// fingerprint identifies what shard k holds: its entries (by term and
// version), their forms and its aliases. Versions are never reused within
// a Builder, so two shards with the same fingerprint have the same bytes.
func (p shardPlan) fingerprint(entries []*shardEntry, k int) [sha256.Size]byte {
	h := sha256.New()
	var num [8]byte
	start, end := p.bounds(k, len(entries))
	for i := start; i < end; i++ {
		binary.LittleEndian.PutUint64(num[:], entries[i].version)
		h.Write(num[:])
		h.Write([]byte(entries[i].term))
		h.Write([]byte{0})
		h.Write([]byte(p.endings[i]))
		h.Write([]byte{0})
	}
	for _, a := range p.aliases[k] {
		h.Write([]byte(a[0]))
		h.Write([]byte{0})
		h.Write([]byte(a[1]))
		h.Write([]byte{0})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}
