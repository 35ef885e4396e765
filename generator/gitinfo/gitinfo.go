// Package gitinfo reads, from the site's git history, when each file was
// last committed, so that a page with no review date in its front matter can
// still show "Page last reviewed".
//
// It runs git once for the whole repository (git log --name-only), not once
// per file, so a site of thousands of pages pays for one process. It is the
// only place the build starts another program, and it tolerates git being
// absent: then pages simply show the dates their front matter gives.
//
// A shallow clone (CI systems often fetch one commit) would make every file
// look as if it changed in the newest commit; Load detects it and returns
// no dates and a warning instead of wrong dates.
package gitinfo

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Dates maps a slash path relative to the site folder to the time of the
// last commit that touched it.
type Dates map[string]time.Time

// ErrShallow is returned, with no dates, for a shallow clone.
var ErrShallow = errors.New("this is a shallow git clone, so file dates from git would be wrong; pages without review dates in their front matter show none (fetch the full history, e.g. actions/checkout with fetch-depth: 0)")

// ErrNoGit means the site folder is not in a git repository or git is not
// installed; it is not a problem for the build.
var ErrNoGit = errors.New("no git history")

// Load returns the last commit time of every file under dir that git
// tracks.
func Load(ctx context.Context, dir string) (Dates, error) {
	return (*Cache)(nil).Load(ctx, dir)
}

// Cache keeps the dates of the last Load for as long as the repository's
// HEAD commit stays the same: the dates depend on committed history only,
// so `plinth serve` does not read the whole log again (30 ms on the example
// site, more as history grows). It does not even ask git for the commit ID
// (a process each rebuild, 5–6 ms) while the files that decide git's
// answer are unchanged (see stamp). A nil Cache keeps nothing.
type Cache struct {
	dir, head string
	dates     Dates
	// stamp is the stamp of dir before the last answer, err that answer's
	// error; stamp is empty when there is no answer to give again.
	stamp string
	err   error
}

// Load is the package's Load, reusing the last dates when HEAD has not
// moved.
func (c *Cache) Load(ctx context.Context, dir string) (Dates, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// Taken before git runs, so that a change made while it runs shows
	// in the next stamp.
	st := ""
	if c != nil {
		st = stamp(abs)
		if st != "" && c.stamp == st && c.dir == abs {
			return c.dates, c.err
		}
		c.stamp = ""
	}
	// One process answers both questions; a repository without commits
	// fails here, and has no dates to give.
	out, err := git(ctx, abs, "rev-parse", "--is-shallow-repository", "HEAD")
	if err != nil {
		c.keep(abs, st, "", nil, ErrNoGit)
		return nil, ErrNoGit
	}
	shallow, head, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if shallow == "true" {
		c.keep(abs, st, "", nil, ErrShallow)
		return nil, ErrShallow
	}
	if c != nil && c.dates != nil && c.dir == abs && c.head == head {
		c.keep(abs, st, head, c.dates, nil)
		return c.dates, nil
	}
	// %x00%ct marks each commit with its time; --relative makes the names
	// relative to dir even when the repository root is above it.
	out, err = git(ctx, abs, "log", "--no-renames", "--pretty=format:%x00%ct", "--name-only", "--relative", "--", ".")
	if err != nil {
		return nil, ErrNoGit
	}
	d := parse(out)
	c.keep(abs, st, head, d, nil)
	return d, nil
}

// keep remembers an answer for dir, given again while its stamp stays st.
func (c *Cache) keep(dir, st, head string, d Dates, err error) {
	if c == nil {
		return
	}
	c.dir, c.stamp, c.head, c.dates, c.err = dir, st, head, d, err
}

// git runs git in dir; a variable so that tests can count the processes.
var git = func(ctx context.Context, dir string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir, "-c", "core.quotepath=off"}, args...)...)
	return cmd.Output()
}

// parse reads the log: commits newest first, so the first time a name is
// seen is its last change.
func parse(out []byte) Dates {
	d := Dates{}
	var when time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "\x00"); ok {
			if n, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64); err == nil {
				when = time.Unix(n, 0).UTC()
			}
			continue
		}
		if line == "" || when.IsZero() {
			continue
		}
		if _, seen := d[line]; !seen {
			d[line] = when
		}
	}
	return d
}
