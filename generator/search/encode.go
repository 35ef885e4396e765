package search

import (
	"errors"
	"strings"
)

// Postings are written as text, compactly, since a query on a large site
// downloads them: for each page that contains a term, in page order, the
// gap from the previous page's number (minus one) as a variable-length
// number, then the term's weight on that page as one character. Both use
// the 64 characters of base64url, which need no escaping in JSON:
//
//   - a number is written five bits at a time, lowest first; a character
//     worth 32 or more carries five bits and says more follow;
//   - a weight is one character, 1 to 63 (MaxImpact).
//
// A page list without weights (the pages whose standard ID is the term) is
// the gaps alone. A page that contains a term in every one of 10,000 pages
// costs two characters, so the largest possible list is 20 KB before
// compression.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// MaxImpact is the largest weight a posting can carry.
const MaxImpact = 63

var digit = func() [256]int8 {
	var d [256]int8
	for i := range d {
		d[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		d[alphabet[i]] = int8(i)
	}
	return d
}()

// Posting is one page that contains a term, and the term's weight there.
type Posting struct {
	Doc    int
	Impact int
}

// appendNumber writes n (≥ 0) five bits at a time.
func appendNumber(b *strings.Builder, n int) {
	for n >= 32 {
		b.WriteByte(alphabet[32+(n&31)])
		n >>= 5
	}
	b.WriteByte(alphabet[n])
}

// EncodePostings writes postings, which must be sorted by Doc with no
// repeats, with impacts between 1 and MaxImpact.
func EncodePostings(ps []Posting) string {
	var b strings.Builder
	prev := -1
	for _, p := range ps {
		appendNumber(&b, p.Doc-prev-1)
		b.WriteByte(alphabet[p.Impact])
		prev = p.Doc
	}
	return b.String()
}

// EncodeDocs writes a sorted list of page numbers without weights.
func EncodeDocs(docs []int) string {
	var b strings.Builder
	prev := -1
	for _, d := range docs {
		appendNumber(&b, d-prev-1)
		prev = d
	}
	return b.String()
}

var errEncoding = errors.New("malformed postings")

// readNumber reads one number from s at i, returning it and the next
// position.
func readNumber(s string, i int) (int, int, error) {
	n, shift := 0, 0
	for {
		if i >= len(s) || shift > 30 {
			return 0, 0, errEncoding
		}
		v := digit[s[i]]
		if v < 0 {
			return 0, 0, errEncoding
		}
		i++
		n |= int(v&31) << shift
		if v < 32 {
			return n, i, nil
		}
		shift += 5
	}
}

// DecodePostings reads what EncodePostings wrote. The browser has its own
// decoder; this one is for tests and tools.
func DecodePostings(s string) ([]Posting, error) {
	var out []Posting
	prev := -1
	for i := 0; i < len(s); {
		gap, next, err := readNumber(s, i)
		if err != nil || next >= len(s) {
			return nil, errEncoding
		}
		w := digit[s[next]]
		if w < 1 {
			return nil, errEncoding
		}
		prev += gap + 1
		out = append(out, Posting{Doc: prev, Impact: int(w)})
		i = next + 1
	}
	return out, nil
}

// DecodeDocs reads what EncodeDocs wrote.
func DecodeDocs(s string) ([]int, error) {
	var out []int
	prev := -1
	for i := 0; i < len(s); {
		gap, next, err := readNumber(s, i)
		if err != nil {
			return nil, err
		}
		prev += gap + 1
		out = append(out, prev)
		i = next
	}
	return out, nil
}
