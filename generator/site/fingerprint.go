package site

import "hash/maphash"

// fingerprintSeed is per process: fingerprints are only compared within one
// run of `plinth serve`, never stored.
var fingerprintSeed = maphash.MakeSeed()

// Fingerprint identifies a file's bytes between builds, so that the checks
// that run over every output (links, policy, the identifier scan) can keep
// a file's result while its bytes stay the same. The zero Fingerprint
// matches nothing.
type Fingerprint struct {
	first *byte // identity of the bytes last seen, to skip hashing
	size  int
	sum   uint64
	set   bool
}

// Unchanged reports whether data are the bytes fp was taken from, and
// returns the fingerprint of data to keep for next time. Outputs reused from
// the render cache are the very same slices, so the usual case costs a
// pointer comparison; other bytes are hashed.
func (fp Fingerprint) Unchanged(data []byte) (Fingerprint, bool) {
	var first *byte
	if len(data) > 0 {
		first = &data[0]
	}
	if fp.set && fp.first == first && fp.size == len(data) {
		return fp, true
	}
	now := Fingerprint{first: first, size: len(data), sum: maphash.Bytes(fingerprintSeed, data), set: true}
	return now, fp.set && fp.sum == now.sum
}
