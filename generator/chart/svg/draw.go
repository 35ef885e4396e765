package svg

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/plinth-ssg/plinth/generator/parallel"
)

// Chart is one drawing to make.
type Chart struct {
	// Option is the ECharts option, as JSON: data only, no functions.
	Option []byte
	// Width and Height are the drawing's size in CSS pixels: its viewBox,
	// and the size at which its text has the sizes the option gives.
	Width, Height int
	// ID prefixes every ID in the drawing ("chart-actions-by-status-wide");
	// it must be unique in the page that shows the drawing.
	ID string
	// Class is the class of the <svg> element, if any.
	Class string
	// Marks are the words for each mark drawn for a data item, by series
	// and data index ("London, Complete: 77%"): the drawing gives the mark
	// a <title> holding them. A mark without words gets none.
	Marks [][]string
}

// key identifies a drawing: every field of the chart.
func (c Chart) key() [32]byte {
	h := sha256.New()
	var n [8]byte
	for _, v := range []int{len(c.Option), c.Width, c.Height, len(c.ID), len(c.Class)} {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	h.Write(c.Option)
	h.Write([]byte(c.ID))
	h.Write([]byte(c.Class))
	marks, _ := json.Marshal(c.Marks)
	h.Write(marks)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// Draw draws every chart, on every core, and returns the drawings in the
// order of charts. A chart the cache holds (the same option, size, words
// and IDs) is not drawn again; with a nil cache every chart is drawn.
func Draw(charts []Chart, cache *Cache) ([]string, error) {
	now := cache.begin()
	out := make([]string, len(charts))
	errs := make([]error, len(charts))
	parallel.For(len(charts), func(i int) {
		k := charts[i].key()
		if s, ok := cache.lookup(k, now); ok {
			out[i] = s
			return
		}
		s, err := render(charts[i])
		if err != nil {
			errs[i] = fmt.Errorf("chart %s: %w", charts[i].ID, err)
			return
		}
		out[i] = s
		cache.store(k, s, now)
	})
	return out, errors.Join(errs...)
}
