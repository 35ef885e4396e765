package policy

import (
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"strings"
	"sync"
)

// integrityMemo remembers integrity checks by attribute and file bytes:
// every page names the same stylesheet and script, and hashing a 300 KB
// stylesheet once per page would cost more than the rest of the check. The
// key holds the bytes' address, which keeps them alive, so an address is
// never reused for other bytes while the entry exists. Each Check has its
// own memo.
type integrityKey struct {
	attr  string
	first *byte
	size  int
}

type integrityMemo struct{ m sync.Map } // integrityKey → bool

func (memo *integrityMemo) matches(attr string, data []byte) bool {
	if len(data) == 0 {
		return integrityMatches(attr, data)
	}
	k := integrityKey{attr, &data[0], len(data)}
	if v, ok := memo.m.Load(k); ok {
		return v.(bool)
	}
	ok := integrityMatches(attr, data)
	memo.m.Store(k, ok)
	return ok
}

// integrityMatches reports whether an integrity attribute accepts data, as
// a browser decides: among the values with the strongest algorithm given
// (sha512 > sha384 > sha256), one must match. Values with unknown
// algorithms are ignored; options after "?" are ignored. A value holding
// no known algorithm does not match: the browser would then load the file
// unchecked, which is not what the attribute promised.
func integrityMatches(attr string, data []byte) bool {
	digests := map[string]func([]byte) []byte{
		"sha256": func(b []byte) []byte { s := sha256.Sum256(b); return s[:] },
		"sha384": func(b []byte) []byte { s := sha512.Sum384(b); return s[:] },
		"sha512": func(b []byte) []byte { s := sha512.Sum512(b); return s[:] },
	}
	strength := map[string]int{"sha256": 1, "sha384": 2, "sha512": 3}
	best := 0
	type value struct {
		alg    string
		digest []byte
	}
	var values []value
	for tok := range strings.FieldsSeq(attr) {
		tok, _, _ = strings.Cut(tok, "?")
		alg, b64, ok := strings.Cut(tok, "-")
		if !ok || strength[alg] == 0 {
			continue
		}
		d, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			// A malformed value can never match.
			d = nil
		}
		values = append(values, value{alg, d})
		best = max(best, strength[alg])
	}
	for _, v := range values {
		if strength[v.alg] == best && subtle.ConstantTimeCompare(digests[v.alg](data), v.digest) == 1 {
			return true
		}
	}
	return false
}
