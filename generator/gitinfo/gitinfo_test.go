package gitinfo

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	out := []byte("\x001700000200\ncontent/a.md\n\n\x001700000100\ncontent/a.md\ncontent/b.md\n")
	d := parse(out)
	if !d["content/a.md"].Equal(time.Unix(1700000200, 0)) || !d["content/b.md"].Equal(time.Unix(1700000100, 0)) || len(d) != 2 {
		t.Fatalf("parse = %v", d)
	}
}

func run(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestLoad(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	site := filepath.Join(repo, "site")
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	id := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org"}
	run(t, repo, nil, "init", "-q")
	for i, f := range []string{"content/a.md", "content/b.md"} {
		if err := os.WriteFile(filepath.Join(site, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
		date := time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
		run(t, repo, append(id, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date), "add", ".")
		run(t, repo, append(id, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date), "commit", "-q", "-m", f)
	}
	d, err := Load(context.Background(), site)
	if err != nil {
		t.Fatal(err)
	}
	if got := d["content/a.md"].Format("2006-01-02"); got != "2024-01-01" {
		t.Errorf("a.md = %s", got)
	}
	if got := d["content/b.md"].Format("2006-01-02"); got != "2024-01-02" {
		t.Errorf("b.md = %s", got)
	}

	// A cache gives the same dates back while HEAD stays, and reads the
	// log again once a commit moves it.
	c := &Cache{}
	first, err := c.Load(context.Background(), site)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := c.Load(context.Background(), site)
	if reflect.ValueOf(first).Pointer() != reflect.ValueOf(again).Pointer() {
		t.Error("the cache read the log again although HEAD had not moved")
	}
	if err := os.WriteFile(filepath.Join(site, "content/a.md"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	date := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	run(t, repo, append(id, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date), "commit", "-q", "-am", "a again")
	moved, err := c.Load(context.Background(), site)
	if err != nil {
		t.Fatal(err)
	}
	if got := moved["content/a.md"].Format("2006-01-02"); got != "2024-03-01" {
		t.Errorf("after a commit, a.md = %s, want 2024-03-01", got)
	}

	shallow := t.TempDir()
	run(t, shallow, nil, "clone", "-q", "--depth", "1", "file://"+repo, "c")
	if _, err := Load(context.Background(), filepath.Join(shallow, "c", "site")); !errors.Is(err, ErrShallow) {
		t.Errorf("shallow clone: err = %v", err)
	}
	if _, err := Load(context.Background(), t.TempDir()); !errors.Is(err, ErrNoGit) {
		t.Errorf("not a repository: err = %v", err)
	}
}

// TestCacheAsksGitOnlyAfterAChange: a cache starts no git process while
// nothing that decides git's answer has changed (a folder outside any
// repository included), and sees each change that does: a repository
// made, a commit, another branch checked out, the branches packed, a
// worktree's own commit.
func TestCacheAsksGitOnlyAfterAChange(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	processes := 0
	real := git
	git = func(ctx context.Context, dir string, args ...string) ([]byte, error) {
		processes++
		return real(ctx, dir, args...)
	}
	defer func() { git = real }()

	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	worktree := filepath.Join(top, "worktree")
	if err := os.MkdirAll(filepath.Join(repo, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	day := 0
	commit := func(dir string) func(t *testing.T) {
		return func(t *testing.T) {
			day++
			if err := os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte{byte(day)}, 0o644); err != nil {
				t.Fatal(err)
			}
			date := time.Date(2024, 1, day, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
			env := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org",
				"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}
			run(t, dir, env, "add", ".")
			run(t, dir, env, "commit", "-q", "-m", "edit")
		}
	}
	git := func(dir string, args ...string) func(t *testing.T) {
		return func(t *testing.T) { run(t, dir, nil, args...) }
	}
	nothing := func(*testing.T) {}
	steps := []struct {
		name string
		do   func(t *testing.T)
		dir  string
		// asks: whether git must be asked; day: the date a.md must have
		// (0: no dates, not a repository).
		asks bool
		day  int
	}{
		{"not a repository", nothing, repo, true, 0},
		{"still not a repository", nothing, repo, false, 0},
		{"made a repository", func(t *testing.T) { git(repo, "init", "-q", "-b", "main")(t); commit(repo)(t) }, repo, true, 1},
		{"unchanged", nothing, repo, false, 1},
		{"a commit", commit(repo), repo, true, 2},
		{"another branch", git(repo, "checkout", "-q", "-b", "other"), repo, true, 2},
		{"unchanged branch", nothing, repo, false, 2},
		{"branches packed", git(repo, "pack-refs", "--all"), repo, true, 2},
		{"a commit on a packed branch", commit(repo), repo, true, 3},
		{"a worktree", git(repo, "worktree", "add", "-q", worktree, "main"), worktree, true, 2},
		{"unchanged worktree", nothing, worktree, false, 2},
		{"a commit in the worktree", commit(worktree), worktree, true, 4},
		{"the first folder, unchanged by the worktree's commit", nothing, repo, true, 3}, // the cache had the worktree's answer
		{"the first folder again", nothing, repo, false, 3},
	}
	c := &Cache{}
	for _, st := range steps {
		st.do(t)
		before := processes
		d, err := c.Load(context.Background(), filepath.Join(st.dir, "content"))
		if asked := processes > before; asked != st.asks {
			t.Errorf("%s: git asked: %t, want %t", st.name, asked, st.asks)
		}
		if st.day == 0 {
			if !errors.Is(err, ErrNoGit) {
				t.Errorf("%s: err = %v, want ErrNoGit", st.name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got, want := d["a.md"], time.Date(2024, 1, st.day, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("%s: a.md last committed %s, want %s", st.name, got, want)
		}
	}
}
