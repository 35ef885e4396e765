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
