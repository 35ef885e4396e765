package svg

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
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
	// Marks are the words for each mark ECharts draws for a data item, by
	// series and data index ("London, Complete: 77%"): the drawing gives
	// the mark a <title> holding them. A mark without words gets none.
	Marks [][]string
}

// key identifies a drawing: every field of the chart, and the engine.
func (c Chart) key(engine [32]byte) [32]byte {
	h := sha256.New()
	h.Write(engine[:])
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

// Renderer draws charts. Start it as early as the build allows: loading
// ECharts takes a few hundred milliseconds, which it spends in the
// background while other stages run.
type Renderer struct {
	cache *Cache
	ready chan struct{}
	eng   *engine
	err   error
	// Drawn counts the drawings made (not reused from memory) by the last
	// Draw, and Rendered those of them that ECharts drew (not read from
	// the cache's folder).
	Drawn, Rendered atomic.Int64
}

// Start begins loading ECharts from the site folder dir (its node_modules)
// and starting a runtime for each core, and returns at once. The cache
// (the process's own when nil) supplies the engine, runtimes and drawings
// of earlier builds while the installed packages are unchanged.
//
// A site with no node_modules folder at all uses no npm packages, as a
// theme without front-end assets does: Start returns nil, and the site's
// charts are not drawn (their pages show the tables). A site with npm
// packages but not echarts gets ErrNotInstalled from Draw.
func Start(dir string, cache *Cache) *Renderer {
	if info, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil || !info.IsDir() {
		return nil
	}
	if cache == nil {
		cache = shared
	}
	r := &Renderer{cache: cache, ready: make(chan struct{})}
	go func() {
		defer close(r.ready)
		r.eng, r.err = cache.engine(dir)
		if r.err == nil {
			cache.warm(r.eng)
		}
	}()
	return r
}

// gcPercent is the garbage collector's target while charts are drawn:
// ECharts in goja allocates a great deal of short-lived memory, and
// collecting it at Go's default pace costs a fifth of the drawing time.
// The heap grows by tens of megabytes instead.
const gcPercent = 400

// gc counts the Draw calls under way, so that the first raises the
// collector's target and the last puts back what it found.
var gc struct {
	sync.Mutex
	drawing int
	old     int
}

// raiseGC raises the collector's target, unless it is higher already, and
// returns the function that lowers it again.
func raiseGC() func() {
	gc.Lock()
	defer gc.Unlock()
	if gc.drawing == 0 {
		gc.old = debug.SetGCPercent(gcPercent)
		if gc.old > gcPercent || gc.old < 0 {
			debug.SetGCPercent(gc.old)
		}
	}
	gc.drawing++
	return func() {
		gc.Lock()
		defer gc.Unlock()
		if gc.drawing--; gc.drawing == 0 {
			debug.SetGCPercent(gc.old)
		}
	}
}

// Draw draws every chart, in parallel, and returns the drawings in the
// order of charts. A chart the cache holds (same option, size, words and
// engine) is not drawn again. The error is ErrNotInstalled (wrapped) when
// the site has no ECharts.
func (r *Renderer) Draw(charts []Chart) ([]string, error) {
	<-r.ready
	if r.err != nil {
		return nil, r.err
	}
	now := r.cache.begin()
	out := make([]string, len(charts))
	keys := make([][32]byte, len(charts))
	var todo []int
	for i, c := range charts {
		keys[i] = c.key(r.eng.key)
		if s, ok := r.cache.lookup(keys[i], now); ok {
			out[i] = s
			continue
		}
		todo = append(todo, i)
	}
	if len(todo) > 0 {
		defer raiseGC()()
	}
	errs := make([]error, len(charts))
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	for range workers {
		wg.Go(func() {
			w, err := r.cache.worker(r.eng)
			if err != nil {
				for {
					k := int(next.Add(1) - 1)
					if k >= len(todo) {
						return
					}
					errs[todo[k]] = err
				}
			}
			defer r.cache.release(r.eng, w)
			for {
				k := int(next.Add(1) - 1)
				if k >= len(todo) {
					return
				}
				i := todo[k]
				out[i], errs[i] = draw(w, charts[i], &r.Rendered)
			}
		})
	}
	wg.Wait()
	r.Drawn.Store(int64(len(todo)))
	var all []error
	for i, err := range errs {
		if err != nil {
			all = append(all, fmt.Errorf("chart %s: %w", charts[i].ID, err))
			continue
		}
		r.cache.store(keys[i], out[i], now)
	}
	return out, errors.Join(all...)
}

// draw makes one drawing with one runtime.
func draw(w *worker, c Chart, rendered *atomic.Int64) (string, error) {
	if c.Width <= 0 || c.Height <= 0 {
		return "", fmt.Errorf("no size to draw at (%d × %d)", c.Width, c.Height)
	}
	decals, err := decalsOf(c.Option)
	if err != nil {
		return "", err
	}
	key := rawKey(w.engine.key, c)
	if raw, ok := w.cache.readRaw(key); ok {
		if out, err := finish(raw, c, decals); err == nil {
			return out, nil
		}
	}
	rendered.Add(1)
	raw, err := w.render(c.Option, c.Width, c.Height)
	if err != nil {
		return "", err
	}
	out, err := finish(raw, c, decals)
	if err == nil {
		w.cache.writeRaw(key, raw)
	}
	return out, err
}

// decalsOf reads the series' types from the option and gives each bar
// series after the first a pattern, when there are several: the first
// keeps its plain colour.
func decalsOf(option []byte) ([]int, error) {
	var o struct {
		Series     []struct{ Type string } `json:"series"`
		BaseOption *struct {
			Series []struct{ Type string } `json:"series"`
		} `json:"baseOption"`
	}
	if err := json.Unmarshal(option, &o); err != nil {
		return nil, fmt.Errorf("the option is not JSON: %w", err)
	}
	series := o.Series
	if o.BaseOption != nil {
		series = o.BaseOption.Series
	}
	out := make([]int, len(series))
	bars := 0
	for i, s := range series {
		out[i] = -1
		if s.Type == "bar" {
			bars++
		}
	}
	if bars < 2 {
		return out, nil
	}
	rank := 0
	for i, s := range series {
		if s.Type != "bar" {
			continue
		}
		if rank > 0 {
			out[i] = (rank - 1) % NumPatterns
		}
		rank++
	}
	return out, nil
}
