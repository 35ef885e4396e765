package search

import (
	"bytes"
	"strconv"

	"github.com/plinth-ssg/plinth/generator/parallel"
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
func docsPerFile(docs []document) int {
	if len(docs) == 0 {
		return 1
	}
	total := 0
	for _, d := range docs {
		total += len(d.url) + len(d.title) + len(d.description) + min(len(d.text), MaxText) + 40
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
