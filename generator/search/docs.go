package search

import (
	"crypto/sha256"
	"strconv"

	"github.com/plinth-ssg/plinth/generator/site"
)

// perFileSteps are the numbers of documents a file may hold: a step is at
// most half again the one before, so files stay near DocFileBytes, and
// few enough that the number changes only when the pages' average size
// changes markedly. Every file but the last has exactly that many
// documents, so an edit to one page changes one document file, and the
// browser finds a document's file by dividing.
var perFileSteps = []int{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128}

// docsPerFile returns how many documents go in each document file: the
// largest step that keeps an average file within DocFileBytes.
func docsPerFile(docs []*document) int {
	if len(docs) == 0 {
		return 1
	}
	total := 0
	for _, d := range docs {
		total += d.size + 1 // and its comma
	}
	fit := DocFileBytes * len(docs) / max(total, 1)
	n := 1
	for _, step := range perFileSteps {
		if step <= fit {
			n = step
		}
	}
	return n
}

// docLayout is how the last Builder.Files laid the documents out: so many
// to a file, and each file's size and digest.
type docLayout struct {
	perFile int
	sizes   []int
	sums    [][sha256.Size]byte
}

// docFilePath is where document file k is published.
func docFilePath(k int) string { return "search/d/" + strconv.Itoa(k) + ".json" }

// docFiles returns the document files (JSON lists of Docs, perFile to a
// file) that differ from those the last call returned, and whether the
// documents were laid out anew (then every file is returned, and files of
// the earlier layout beyond the new ones are gone). Only files holding a
// document whose entry changed are made again, so that an edit to one page
// rewrites one file.
func (b *Builder) docFiles() ([]site.File, bool) {
	per := docsPerFile(b.docs)
	n := (len(b.docs) + per - 1) / per
	regroup := b.layout.perFile != per || len(b.layout.sums) != n
	if regroup {
		b.layout = docLayout{perFile: per, sizes: make([]int, n), sums: make([][sha256.Size]byte, n)}
	}
	var files []site.File
	for k := range n {
		group := b.docs[k*per : min((k+1)*per, len(b.docs))]
		changed := regroup
		for _, d := range group {
			changed = changed || d.changed
			d.changed = false
		}
		if !changed {
			continue
		}
		size := len(group) + 1 // the brackets and commas
		for _, d := range group {
			size += d.size
		}
		buf := make([]byte, 0, size)
		buf = append(buf, '[')
		for i, d := range group {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = b.words.unpack(buf, d.data)
		}
		buf = append(buf, ']')
		sum := sha256.Sum256(buf)
		if !regroup && sum == b.layout.sums[k] {
			continue // changed back: the file written stands
		}
		b.layout.sizes[k], b.layout.sums[k] = len(buf), sum
		// A document file has no one source file: the identifier scan
		// reads each document in it as made from its page (ScanViews).
		files = append(files, site.File{Path: docFilePath(k), Data: buf})
	}
	return files, regroup
}
