package site

import "testing"

func TestFingerprint(t *testing.T) {
	a := []byte("<p>same</p>")
	b := []byte("<p>same</p>") // equal bytes, another slice
	c := []byte("<p>else</p>")

	var zero Fingerprint
	fa, same := zero.Unchanged(a)
	if same {
		t.Error("the zero fingerprint matched")
	}
	if _, same := zero.Unchanged(nil); same {
		t.Error("the zero fingerprint matched empty bytes")
	}
	if _, same := fa.Unchanged(a); !same {
		t.Error("the very same slice did not match")
	}
	fb, same := fa.Unchanged(b)
	if !same {
		t.Error("equal bytes in another slice did not match")
	}
	if fb.first != &b[0] {
		t.Error("the returned fingerprint does not point at the new slice")
	}
	if _, same := fa.Unchanged(c); same {
		t.Error("different bytes matched")
	}
	if _, same := fa.Unchanged(a[:3]); same {
		t.Error("a prefix of the same slice matched")
	}
	fe, _ := zero.Unchanged(nil)
	if _, same := fe.Unchanged([]byte{}); !same {
		t.Error("empty bytes did not match empty bytes")
	}
}
