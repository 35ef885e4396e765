package publish

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// build returns a site of n files whose contents say which version they
// are.
func build(version string, n int) []site.File {
	var files []site.File
	for i := range n {
		files = append(files, site.File{Path: fmt.Sprintf("p%d/index.html", i), Data: []byte(version + " page " + fmt.Sprint(i))})
	}
	return files
}

// tree returns every regular file under dir with its contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)] = read(t, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func same(t *testing.T, what string, got map[string]string, files []site.File) {
	t.Helper()
	if len(got) != len(files) {
		t.Fatalf("%s has %d files, want %d", what, len(got), len(files))
	}
	for _, f := range files {
		if got[f.Path] != string(f.Data) {
			t.Fatalf("%s: %s = %q, want %q", what, f.Path, got[f.Path], f.Data)
		}
	}
}

func setup(t *testing.T) (Options, string) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(src, "public")
	return Options{Destination: dest, Source: src}, dest
}

// TestHardLinkedSnapshotUnchanged: a copy of the published site made with
// hard links keeps its contents through later builds, although the folder
// it shares files with is updated into a later site.
func TestHardLinkedSnapshotUnchanged(t *testing.T) {
	opts, dest := setup(t)
	for _, v := range []string{"A", "B"} {
		if err := Write(opts, build(v, 20)); err != nil {
			t.Fatal(err)
		}
	}
	snapshot := filepath.Join(filepath.Dir(dest), "snapshot")
	if out, err := runCmd("cp", "-al", dest, snapshot); err != nil {
		t.Fatalf("cp -al: %v %s", err, out)
	}
	// C updates the kept copy of A; D then updates B, whose files the
	// snapshot shares.
	for _, v := range []string{"C", "D"} {
		if err := Write(opts, build(v, 20)); err != nil {
			t.Fatal(err)
		}
	}
	same(t, "the snapshot", tree(t, snapshot), build("B", 20))
	same(t, "the published site", tree(t, dest), build("D", 20))
}

// TestRecoversFromKilledBuild: what a build killed while publishing leaves
// beside the destination (its staging folder, holding a half-updated copy
// of the previous site; or the destination moved aside) is cleared by the
// next build, which publishes the complete site and keeps a previous one.
func TestRecoversFromKilledBuild(t *testing.T) {
	tests := []struct {
		name  string
		leave func(t *testing.T, dest string)
	}{
		{"killed while updating the previous site", func(t *testing.T, dest string) {
			stage := dest + stagingInfix + "1234"
			if err := os.Rename(dest+PrevSuffix, filepath.Join(mkdir(t, stage), claimedName)); err != nil {
				t.Fatal(err)
			}
			// Half updated, and a temporary file never renamed.
			write(t, filepath.Join(stage, claimedName, "p0", "index.html"), "C page 0")
			write(t, filepath.Join(stage, claimedName, "p1", ".plinth-new-1"), "C page")
		}},
		{"killed while writing a site afresh", func(t *testing.T, dest string) {
			// (Its fraction of a site is not kept; the next build keeps
			// the site it replaces.)
			if err := os.RemoveAll(dest + PrevSuffix); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(dest+stagingInfix+"99", "site", "p3", "index.html"), "C page 3")
		}},
		{"killed between the two renames of a swap", func(t *testing.T, dest string) {
			// (Where renameat2 cannot exchange the folders.)
			stage := dest + stagingInfix + "77"
			if err := os.Rename(dest+PrevSuffix, filepath.Join(mkdir(t, stage), claimedName)); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(dest, filepath.Join(stage, claimedName+asideSuffix)); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, dest := setup(t)
			for _, v := range []string{"A", "B"} {
				if err := Write(opts, build(v, 10)); err != nil {
					t.Fatal(err)
				}
			}
			tt.leave(t, dest)
			if err := Write(opts, build("C", 10)); err != nil {
				t.Fatal(err)
			}
			same(t, "the published site", tree(t, dest), build("C", 10))
			entries, _ := os.ReadDir(filepath.Dir(dest))
			for _, e := range entries {
				if strings.Contains(e.Name(), stagingInfix) {
					t.Errorf("%s is left beside the destination", e.Name())
				}
			}
			// The site C replaced, whole.
			same(t, "the previous site", tree(t, dest+PrevSuffix), build("B", 10))
		})
	}
}

// TestFailedWriteKeepsPrevious: a failed publish puts the previous site it
// claimed back beside the destination.
func TestFailedWriteKeepsPrevious(t *testing.T) {
	opts, dest := setup(t)
	for _, v := range []string{"A", "B"} {
		if err := Write(opts, build(v, 5)); err != nil {
			t.Fatal(err)
		}
	}
	bad := []site.File{{Path: "x", Data: []byte("file")}, {Path: "x/y", Data: []byte("under a file")}}
	if err := Write(opts, bad); err == nil {
		t.Fatal("an impossible set of files was published")
	}
	if _, err := os.Stat(dest + PrevSuffix); err != nil {
		t.Errorf("the previous site was lost: %v", err)
	}
	// A first publish that fails leaves nothing behind: a fraction of a
	// site is not worth keeping on a disk that may be full.
	opts, dest = setup(t)
	if err := Write(opts, bad); err == nil {
		t.Fatal("an impossible set of files was published")
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 0 {
		t.Errorf("a failed first publish left %v", entries)
	}
}

// TestErrorsInPlainWords: a failure names the destination or its folder,
// never a staging folder, says why in plain words and has a hint.
func TestErrorsInPlainWords(t *testing.T) {
	opts, _ := setup(t)
	blocker := filepath.Join(filepath.Dir(opts.Destination), "file")
	write(t, blocker, "a file where a folder should be")
	opts.Destination = filepath.Join(blocker, "public")
	err := Write(opts, build("A", 1))
	var pe *Error
	if !errors.As(err, &pe) || pe.Msg != "cannot create the folder "+blocker+" to publish into: not a directory" || pe.Hint() == "" {
		t.Errorf("Write = %v (%#v)", err, pe)
	}
	for _, tt := range []struct {
		err  error
		want string
		hint string
	}{
		{&os.PathError{Op: "mkdir", Path: "/x/public" + stagingInfix + "1", Err: syscall.EACCES}, "step: permission denied", "check that you may create"},
		{&os.LinkError{Op: "rename", Old: "/x/public", New: "/x/public" + stagingInfix + "1/site-old", Err: syscall.EPERM}, "step: permission denied", "check that you may create"},
		{fmt.Errorf("cannot write a.html: %w", &os.PathError{Op: "write", Path: "/x/s/a.html", Err: syscall.ENOSPC}), "step: the disk is full", "free some space"},
		{&os.PathError{Op: "open", Path: "/x/a", Err: syscall.EROFS}, "step: the disk is read-only", "on a disk you can write to"},
	} {
		e := failure(tt.err, "public", "/x", "step")
		if e.Msg != tt.want || !strings.Contains(e.Hint(), tt.hint) || strings.Contains(e.Msg+e.Hint(), stagingInfix) {
			t.Errorf("failure(%v) = %q | %q, want %q | …%s…", tt.err, e.Msg, e.Hint(), tt.want, tt.hint)
		}
	}
}

func mkdir(t *testing.T, p string) string {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func write(t *testing.T, p, text string) {
	t.Helper()
	mkdir(t, filepath.Dir(p))
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func runCmd(name string, args ...string) ([]byte, error) {
	return exec.Command(name, args...).CombinedOutput()
}
