package svg

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
)

// What ECharts draws for an option at a size depends on nothing else, so a
// cache with a folder keeps ECharts' own SVG there between processes: a
// build after the first (an editor's next `plinth build`) draws only the
// charts whose option changed. The folder holds ECharts' output before
// finish rewrites it, so that a change to Plinth's rewriting (IDs, words,
// patterns) applies to every drawing at once. Files are written to a
// temporary name and renamed, so a reader never sees half a file; a file
// that does not parse is drawn again.

// rawKey names ECharts' drawing of an option at a size, by one engine.
func rawKey(engine [32]byte, c Chart) string {
	h := sha256.New()
	h.Write(engine[:])
	var n [8]byte
	for _, v := range []int{c.Width, c.Height, len(c.Option)} {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	h.Write(c.Option)
	return hex.EncodeToString(h.Sum(nil))
}

// readRaw returns ECharts' drawing from the cache's folder, if it has one.
func (c *Cache) readRaw(key string) (string, bool) {
	if c.dir == "" {
		return "", false
	}
	b, err := os.ReadFile(filepath.Join(c.dir, key[:2], key+".svg"))
	return string(b), err == nil
}

// writeRaw keeps ECharts' drawing in the cache's folder. A folder that
// cannot be written is no fault: the chart is drawn again next time.
func (c *Cache) writeRaw(key, raw string) {
	if c.dir == "" {
		return
	}
	dir := filepath.Join(c.dir, key[:2])
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(dir, key+".*.tmp")
	if err != nil {
		return
	}
	_, err = f.WriteString(raw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, key+".svg"))
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// NewDiskCache returns an empty cache that keeps ECharts' drawings in the
// folder dir as well, between processes.
func NewDiskCache(dir string) *Cache {
	c := NewCache()
	c.dir = dir
	return c
}

// userCacheDir is the folder of the process's cache: the user's cache
// folder (on Linux $XDG_CACHE_HOME or ~/.cache) under plinth/charts, or
// none when there is no such folder.
func userCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "plinth", "charts")
}
