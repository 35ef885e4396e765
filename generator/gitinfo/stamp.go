package gitinfo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// stamp returns a signature of the files that decide what `git rev-parse
// --is-shallow-repository HEAD` answers in dir, read without starting a
// process: the GIT_ variables of the environment; whether each folder
// from dir up has a .git, until one does; then that repository's HEAD,
// the branch file HEAD names, packed-refs, reftable's table list and the
// shallow file (for a worktree, also its .git file and its common
// folder's). Every command that moves HEAD or makes the clone shallow or
// whole rewrites one of these (git writes a new file and renames it over
// the old, which changes its inode and time). stamp returns "" when it
// cannot tell, and then git is asked: a .git it cannot read, a folder that
// may be a bare repository, a branch file that names another.
func stamp(dir string) string {
	var b strings.Builder
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") {
			b.WriteString(kv)
			b.WriteByte(0)
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		dotgit := filepath.Join(d, ".git")
		st, err := os.Stat(dotgit)
		switch {
		case err == nil && st.IsDir():
			return repoStamp(&b, dotgit, dotgit)
		case err == nil && st.Mode().IsRegular():
			// A worktree or submodule: "gitdir: <folder>".
			data, err := os.ReadFile(dotgit)
			gitdir, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir: ")
			if err != nil || !ok {
				return ""
			}
			if !filepath.IsAbs(gitdir) {
				gitdir = filepath.Join(d, gitdir)
			}
			common := gitdir
			if data, err := os.ReadFile(filepath.Join(gitdir, "commondir")); err == nil {
				common = strings.TrimSpace(string(data))
				if !filepath.IsAbs(common) {
					common = filepath.Join(gitdir, common)
				}
			}
			fmt.Fprintf(&b, "%s\x00", data)
			return repoStamp(&b, gitdir, common)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return ""
		case err == nil:
			return "" // neither folder nor file
		}
		if _, err := os.Stat(filepath.Join(d, "HEAD")); !errors.Is(err, fs.ErrNotExist) {
			return "" // a bare repository, perhaps
		}
		if filepath.Dir(d) == d {
			b.WriteString("no repository")
			return b.String()
		}
	}
}

// repoStamp adds the files of a repository's folder (gitdir) and of the
// folder it shares with its other worktrees (common) to b.
func repoStamp(b *strings.Builder, gitdir, common string) string {
	head, err := os.ReadFile(filepath.Join(gitdir, "HEAD"))
	if err != nil {
		return ""
	}
	fmt.Fprintf(b, "%s\x00%s\x00", gitdir, head)
	if ref, ok := strings.CutPrefix(strings.TrimSpace(string(head)), "ref: "); ok {
		for _, dir := range []string{gitdir, common} {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(ref)))
			switch {
			case err == nil && strings.HasPrefix(string(data), "ref:"):
				return "" // a branch that names another
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				return ""
			}
			fmt.Fprintf(b, "%s\x00", data)
		}
	}
	for _, name := range []string{"HEAD", "packed-refs", "shallow", "reftable/tables.list"} {
		for _, dir := range []string{gitdir, common} {
			if !fileStamp(b, filepath.Join(dir, filepath.FromSlash(name))) {
				return ""
			}
		}
	}
	return b.String()
}

// fileStamp adds a file's size, time and inode (or its absence) to b;
// false if it cannot be read.
func fileStamp(b *strings.Builder, name string) bool {
	st, err := os.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		b.WriteString("-\x00")
		return true
	}
	if err != nil {
		return false
	}
	fmt.Fprintf(b, "%d %d %d\x00", st.Size(), st.ModTime().UnixNano(), inode(st))
	return true
}
