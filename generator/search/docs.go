package search

import (
	"bytes"
	"math/bits"
	"strconv"

	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// maxDocsPerFile bounds a document file on a site of tiny pages.
const maxDocsPerFile = 128

// docsPerFile returns how many documents go in each document file: a
// power of two near DocFileBytes over the documents' average size, so
// that it changes only when the average size halves or doubles. Every
// file but the last has exactly that many, so an edit to one page
// changes one document file, and the browser finds a document's file by
// dividing.
func docsPerFile(docs []document) int {
	if len(docs) == 0 {
		return 1
	}
	total := 0
	for _, d := range docs {
		total += len(d.url) + len(d.title) + len(d.description) + min(len(d.text), MaxText) + 40
	}
	n := DocFileBytes * len(docs) / max(total, 1)
	if n <= 1 {
		return 1
	}
	return min(1<<(bits.Len(uint(n))-1), maxDocsPerFile)
}

// docFiles writes the documents, perFile to a file, as JSON lists.
func docFiles(docs []document, perFile int, cache *Cache) ([]site.File, error) {
	parts := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	parallel.For(len(docs), func(i int) {
		d := docs[i]
		parts[i], errs[i] = cache.doc(Doc{URL: d.url, Title: d.title, Description: d.description, Text: clip(d.text, MaxText)})
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	var files []site.File
	for start := 0; start < len(docs); start += perFile {
		end := min(start+perFile, len(docs))
		var b bytes.Buffer
		b.WriteByte('[')
		for i := start; i < end; i++ {
			if i > start {
				b.WriteByte(',')
			}
			b.Write(parts[i])
		}
		b.WriteByte(']')
		// A document file has no one source file. What the identifier scan
		// finds in it, it also finds in the page the text comes from, and
		// reports there at the source.
		files = append(files, site.File{Path: "d/" + strconv.Itoa(start/perFile) + ".json", Data: b.Bytes()})
	}
	return files, nil
}
