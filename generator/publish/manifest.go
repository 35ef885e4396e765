package publish

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ManifestSuffix names the file beside a published folder that lists what
// the build wrote into it ("public.plinth-manifest"): each file's SHA-256
// (its first 128 bits), size and modification time. The next build to
// update that folder compares its files' hashes with the list instead of
// reading the old files, and trusts an entry only while the file on disk
// still has the size and time the build gave it, so a file changed by
// hand is written again. The list names the folder it describes (its
// device and inode, which renaming keeps), so a list that has come apart
// from its folder is ignored.
const ManifestSuffix = ".plinth-manifest"

// manifest is one file's entry.
type manifest struct {
	hash  [16]byte
	size  int64
	mtime int64
}

const manifestHeader = "plinth-manifest 1"

// readManifest reads the manifest file of dir, or returns nil if there is
// none or it does not describe dir.
func readManifest(file, dir string) map[string]manifest {
	id, err := folderID(dir)
	if err != nil || id == "" {
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	if !sc.Scan() || sc.Text() != manifestHeader+" "+id {
		return nil
	}
	out := map[string]manifest{}
	for sc.Scan() {
		// hash size mtime path
		fields := strings.SplitN(sc.Text(), " ", 4)
		if len(fields) != 4 {
			return nil
		}
		var m manifest
		h, err1 := hex.DecodeString(fields[0])
		size, err2 := strconv.ParseInt(fields[1], 10, 64)
		mtime, err3 := strconv.ParseInt(fields[2], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil || len(h) != len(m.hash) {
			return nil
		}
		copy(m.hash[:], h)
		m.size, m.mtime = size, mtime
		out[fields[3]] = m
	}
	if sc.Err() != nil {
		return nil
	}
	return out
}

// writeManifest writes the manifest of the folder with the given ID,
// through a temporary file, so a reader never sees half of it.
func writeManifest(file, id string, files map[string]manifest) error {
	tmp := file + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "%s %s\n", manifestHeader, id)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if strings.ContainsAny(name, "\n\r") {
			continue // not listed: such a file is written every time
		}
		m := files[name]
		fmt.Fprintf(w, "%s %d %d %s\n", hex.EncodeToString(m.hash[:]), m.size, m.mtime, name)
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, file)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", filepath.Base(file), err)
	}
	return nil
}
