package search

import (
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

// shardEntry is one term as the shards are laid out.
type shardEntry struct {
	term, postings, ids string
	forms               *formSet
}

// size estimates the bytes an entry adds to its shard.
func (e shardEntry) size() int {
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
	return n
}

// layShards fills shards of about budget bytes (ShardBytes) with the
// entries, which must be sorted by compareUTF16, and returns each shard's
// first term and the shards. The forms of each term go into the shard whose range holds them
// (Shard.Forms when they begin with the term and share its shard, else
// Shard.Alias).
func layShards(entries []shardEntry, budget int) ([]string, []Shard) {
	var first []string
	var shards []Shard
	size := 0
	for _, e := range entries {
		if len(shards) == 0 || size > 0 && size+e.size() > budget {
			first = append(first, e.term)
			shards = append(shards, Shard{Terms: map[string]string{}})
			size = 0
		}
		sh := &shards[len(shards)-1]
		if e.postings != "" {
			sh.Terms[e.term] = e.postings
		}
		if e.ids != "" {
			if sh.IDs == nil {
				sh.IDs = map[string]string{}
			}
			sh.IDs[e.term] = e.ids
		}
		size += e.size()
	}
	home := func(key string) int {
		i, found := slices.BinarySearchFunc(first, key, compareUTF16)
		if !found {
			i--
		}
		return max(i, 0)
	}
	for _, e := range entries {
		if e.forms == nil {
			continue
		}
		own := home(e.term)
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
			sh := &shards[home(w)]
			if sh.Alias == nil {
				sh.Alias = map[string]string{}
			}
			sh.Alias[w] = mark + e.term
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
		sh := &shards[own]
		if sh.Forms == nil {
			sh.Forms = map[string]string{}
		}
		sh.Forms[e.term] = strings.Join(endings, " ")
	}
	return first, shards
}
