package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPostingsRoundTrip(t *testing.T) {
	tests := []struct {
		postings []Posting
		encoded  string
	}{
		{nil, ""},
		{[]Posting{{0, 1}}, "AB"},
		{[]Posting{{0, 63}, {1, 2}}, "A_AC"},
		// gap 37 is 5 + 1×32: "l" (32+5) then "B"
		{[]Posting{{37, 1}}, "lBB"},
		{[]Posting{{5, 1}, {1000, 9}}, "FBifJ"}, // gap 994 = 2 + 31×32
	}
	for _, tt := range tests {
		got := EncodePostings(tt.postings)
		if got != tt.encoded {
			t.Errorf("EncodePostings(%v) = %q, want %q", tt.postings, got, tt.encoded)
		}
		back, err := DecodePostings(got)
		if err != nil || !slices.Equal(back, tt.postings) {
			t.Errorf("DecodePostings(%q) = %v, %v", got, back, err)
		}
	}
	for _, bad := range []string{"A", "A@", "gg", "AA", "g"} {
		if _, err := DecodePostings(bad); err == nil {
			t.Errorf("DecodePostings(%q) accepted malformed input", bad)
		}
	}
}

func TestDocsRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100 {
		var docs []int
		d := -1
		for range rng.IntN(50) {
			d += 1 + rng.IntN(5000)
			docs = append(docs, d)
		}
		back, err := DecodeDocs(EncodeDocs(docs))
		if err != nil || !slices.Equal(back, docs) {
			t.Fatalf("round trip of %v gave %v, %v", docs, back, err)
		}
	}
}

// FuzzDecodePostings feeds arbitrary text to the decoder, which must
// refuse it or return postings that encode back to a list decoding the
// same way.
func FuzzDecodePostings(f *testing.F) {
	for _, s := range []string{"", "AB", "A_AC", "lBB", "FBifJ", "gggggggggA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := DecodePostings(s)
		if err != nil {
			return
		}
		prev := -1
		for _, p := range ps {
			if p.Doc <= prev || p.Impact < 1 || p.Impact > MaxImpact {
				t.Fatalf("DecodePostings(%q) = %v: not increasing or impact out of range", s, ps)
			}
			prev = p.Doc
		}
		again, err := DecodePostings(EncodePostings(ps))
		if err != nil || !slices.Equal(again, ps) {
			t.Fatalf("re-encoding %v gave %v, %v", ps, again, err)
		}
	})
}
