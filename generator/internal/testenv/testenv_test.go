package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// stopped records how a fake test ended. Skip and Fatal end the calling
// goroutine, as the testing package's own do.
type stopped struct {
	testing.TB
	skipped, failed string
}

func (s *stopped) Helper()          {}
func (s *stopped) Skip(args ...any) { s.skipped = fmt.Sprint(args...); runtime.Goexit() }
func (s *stopped) Fatalf(format string, args ...any) {
	s.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (s *stopped) Fatal(args ...any) { s.failed = fmt.Sprint(args...); runtime.Goexit() }

// run calls fn with a fake test and reports how it ended.
func run(fn func(testing.TB)) *stopped {
	s := &stopped{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(s)
	}()
	<-done
	return s
}

func TestMissing(t *testing.T) {
	tests := []struct {
		env                string
		wantSkip, wantFail bool
	}{
		{"", true, false},
		{"0", true, false},
		{"1", false, true},
	}
	for _, tt := range tests {
		t.Run("env="+tt.env, func(t *testing.T) {
			t.Setenv(RequireEnv, tt.env)
			s := run(func(tb testing.TB) { Missing(tb, "the npm package x is not installed") })
			if (s.skipped != "") != tt.wantSkip || (s.failed != "") != tt.wantFail {
				t.Fatalf("skipped %q, failed %q; want skip %v, fail %v", s.skipped, s.failed, tt.wantSkip, tt.wantFail)
			}
			if !strings.Contains(s.skipped+s.failed, "the npm package x is not installed") {
				t.Errorf("the reason was lost: skipped %q, failed %q", s.skipped, s.failed)
			}
		})
	}
}

func TestNodeModules(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "node_modules", "@scope", "pkg"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "node_modules", "@scope", "pkg", "package.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(RequireEnv, "1")
	var got string
	s := run(func(tb testing.TB) { got = NodeModules(tb, root, "@scope/pkg") })
	if s.failed != "" || s.skipped != "" || got != filepath.Join(root, "node_modules") {
		t.Errorf("installed package: got %q, failed %q, skipped %q", got, s.failed, s.skipped)
	}
	s = run(func(tb testing.TB) { NodeModules(tb, root, "@scope/pkg", "absent") })
	if !strings.Contains(s.failed, `absent is not installed`) {
		t.Errorf("missing package under %s=1: failed %q, skipped %q", RequireEnv, s.failed, s.skipped)
	}

	site := t.TempDir()
	s = run(func(tb testing.TB) { LinkNodeModules(tb, root, site, "@scope/pkg") })
	if s.failed != "" {
		t.Fatal(s.failed)
	}
	if _, err := os.Stat(filepath.Join(site, "node_modules", "@scope", "pkg", "package.json")); err != nil {
		t.Errorf("the link does not lead to the packages: %v", err)
	}
}
