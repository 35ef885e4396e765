package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestEndLines(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"LF stays", "a\nb\n", "a\nb\n"},
		{"CRLF stays", "a\r\nb\r\n", "a\r\nb\r\n"},
		{"lone CR", "+++\rtitle = \"x\"\r+++\rbody", "+++\ntitle = \"x\"\n+++\nbody"},
		{"CR at the end", "a\r", "a\n"},
		{"CR before CRLF", "a\r\r\nb", "a\n\r\nb"},
		{"mixed", "a\rb\r\nc\nd", "a\nb\r\nc\nd"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte(tt.in)
			EndLines(b)
			if string(b) != tt.want {
				t.Errorf("EndLines(%q) = %q, want %q", tt.in, b, tt.want)
			}
		})
	}
}

// TestReadFileRefusesSpecialFiles: a named pipe in the site (or a link to
// one) is refused at once, in plain words, instead of blocking the build
// until something writes to it.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.csv"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if err := os.Symlink("pipe.csv", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pipe.csv", "link.md"} {
		done := make(chan error, 1)
		go func() {
			_, err := ReadText(fsys, name)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil {
				t.Fatalf("%s: read a named pipe", name)
			}
			d := Problem(fsys, name, err)
			if !strings.Contains(d.Msg, "is not a plain file") || d.Hint == "" {
				t.Errorf("%s: got %q (hint %q), want a plain-words refusal with a hint", name, d.Msg, d.Hint)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: reading a named pipe blocked", name)
		}
	}
}

// TestReadFileOnce: reading through the site's root in one open gives the
// bytes, and the errors, that a stat then a read give.
func TestReadFileOnce(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("standard 1.3\n", 1000)
	for name, text := range map[string]string{"a.md": "+++\ntitle = \"A\"\n+++\n", "empty.md": "", "big.md": big} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	site, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := site.(*siteFS); !ok {
		t.Fatalf("Open returned %T, which ReadFile would read by path twice", site)
	}
	plain := os.DirFS(dir)
	for _, name := range []string{"a.md", "empty.md", "big.md", "link.md", "folder", "missing.md", "../x.md"} {
		got, gerr := ReadFile(site, name)
		want, werr := ReadFile(plain, name)
		if string(got) != string(want) || (gerr == nil) != (werr == nil) {
			t.Errorf("%s: read %d bytes, error %v; by stat then read, %d bytes, error %v", name, len(got), gerr, len(want), werr)
		}
	}
}
