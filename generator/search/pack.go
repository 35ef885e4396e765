package search

import "encoding/binary"

// A build holds every document's entry (its Doc as JSON) from the time its
// page is rendered until Builder.Files writes the document files, since a
// file holds several documents and how many depends on them all: at 50,000
// pages, about 85 MB, most of it running text. The text of a site is made
// of the same words again and again, so an entry is kept packed: each word
// (a run of ASCII letters) as its number in the Builder's wordTable,
// everything else as it is. Packing is a map lookup a word, several times
// cheaper than a general compressor on entries this short, and takes an
// entry to two fifths of its size on the example site, a fifth on the
// generated benchmark sites.
//
// The packed form is a run of uvarints: a word is (number+1)<<1, with the
// low bit set when one space follows it; 0 is followed by a length and that
// many bytes as they are.

// wordTable numbers the words of the packed entries. It is not safe for
// concurrent use.
type wordTable struct {
	ids   map[string]uint32
	words []string
	// recent holds, by a hash of the word, the number of a word seen
	// lately plus one: most words are found there, which is several
	// times faster than the map.
	recent [1 << 12]uint32
}

// maxPackedWords bounds the table: once it is full, new words are kept as
// they are, so that a site of ever new words (codes, names) does not make
// it grow with the site. Words already numbered keep their numbers, so an
// entry packs to the same bytes whenever it is packed.
const maxPackedWords = 1 << 16

// pack appends data packed to dst.
func (t *wordTable) pack(dst, data []byte) []byte {
	if t.ids == nil {
		t.ids = map[string]uint32{}
	}
	lit := 0 // where the bytes not yet written begin
	for i := 0; i < len(data); {
		if !isASCIILetter(data[i]) {
			i++
			continue
		}
		h := uint32(2166136261) // FNV-1a
		j := i
		for j < len(data) && isASCIILetter(data[j]) {
			h = (h ^ uint32(data[j])) * 16777619
			j++
		}
		slot := &t.recent[h%uint32(len(t.recent))]
		id, ok := *slot-1, *slot > 0 && t.words[*slot-1] == string(data[i:j])
		if !ok {
			id, ok = t.ids[string(data[i:j])]
		}
		if !ok && len(t.words) < maxPackedWords {
			w := string(data[i:j])
			id, ok = uint32(len(t.words)), true
			t.ids[w] = id
			t.words = append(t.words, w)
		}
		if !ok {
			i = j
			continue
		}
		*slot = id + 1
		dst = appendLiteral(dst, data[lit:i])
		code := uint64(id+1) << 1
		if j < len(data) && data[j] == ' ' {
			code |= 1
			j++
		}
		dst = binary.AppendUvarint(dst, code)
		i, lit = j, j
	}
	return appendLiteral(dst, data[lit:])
}

func appendLiteral(dst, b []byte) []byte {
	if len(b) == 0 {
		return dst
	}
	dst = binary.AppendUvarint(dst, 0)
	dst = binary.AppendUvarint(dst, uint64(len(b)))
	return append(dst, b...)
}

// unpack appends the entry packed in p to dst.
func (t *wordTable) unpack(dst, p []byte) []byte {
	for len(p) > 0 {
		code, n := binary.Uvarint(p)
		p = p[n:]
		if code == 0 {
			size, n := binary.Uvarint(p)
			dst = append(dst, p[n:n+int(size)]...)
			p = p[n+int(size):]
			continue
		}
		dst = append(dst, t.words[code>>1-1]...)
		if code&1 == 1 {
			dst = append(dst, ' ')
		}
	}
	return dst
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
