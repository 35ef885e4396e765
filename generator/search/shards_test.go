package search

import (
	"maps"
	"slices"
	"testing"
)

// layShards returns each shard's first term and the shards.
func layShards(entries []*shardEntry, budget int) ([]string, []Shard) {
	plan := planShards(entries, budget)
	shards := make([]Shard, len(plan.starts))
	for k := range plan.starts {
		shards[k] = plan.shard(entries, k)
	}
	return plan.first, shards
}

// TestLayShards: the forms of a term go beside it when they share its
// shard, and into the shard that covers them (as aliases) when they do
// not; a term that is not a word of the site says so.
func TestLayShards(t *testing.T) {
	entries := []*shardEntry{
		newEntry("paediatr", "AB", "", &formSet{used: []string{"paediatric", "paediatrics"}}, 1),
		newEntry("studi", "AB", "", &formSet{used: []string{"studies", "study"}, more: []string{"studied"}}, 2),
		newEntry("supervis", "AB", "", &formSet{used: []string{"supervise", "supervision"}}, 3),
		newEntry("wellb", "AB", "", &formSet{used: []string{"wellbeing"}, more: []string{"pediatric"}}, 4),
		newEntry("word", "AB", "", &formSet{used: []string{"word", "wordsmith"}}, 5),
		newEntry("words", "AB", "", &formSet{used: []string{"words"}}, 6),
	}
	// A budget of one entry a shard.
	first, shards := layShards(entries, 1)
	if !slices.Equal(first, []string{"paediatr", "studi", "supervis", "wellb", "word", "words"}) {
		t.Fatalf("shards start at %q", first)
	}
	want := []Shard{
		// A form of a term in a later shard ("pediatric", made up for the
		// test) is an alias where the browser looks for it.
		{Forms: map[string]string{"paediatr": "ic ics"}, Alias: map[string]string{"pediatric": "+wellb"}},
		// "study" does not begin with its term.
		{Forms: map[string]string{"studi": "es +ed"}, Alias: map[string]string{"study": "studi"}},
		{Forms: map[string]string{"supervis": "e ion"}},
		{Forms: map[string]string{"wellb": "eing"}},
		// "wordsmith" begins with "word" but sorts after "words", where
		// the next shard starts; "word" is then a word with no other
		// forms here, and needs no entry.
		{},
		{Alias: map[string]string{"wordsmith": "word"}},
	}
	for i, w := range want {
		got := shards[i]
		if len(got.Terms) != 1 || !maps.Equal(got.Forms, w.Forms) || !maps.Equal(got.Alias, w.Alias) {
			t.Errorf("shard %d = %+v, want forms %v and alias %v", i, got, w.Forms, w.Alias)
		}
	}

	// With room for everything, one shard, and every form that begins
	// with its term beside it.
	first, shards = layShards(entries, 1<<20)
	if len(first) != 1 || shards[0].Forms["word"] != "= smith" || shards[0].Alias["study"] != "studi" || len(shards[0].Alias) != 2 {
		t.Errorf("one shard: %v %+v", first, shards)
	}
	if _, listed := shards[0].Forms["words"]; listed {
		t.Error("a term that is the site's only form of itself is listed")
	}
}
