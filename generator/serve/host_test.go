package serve

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/pipeline"
)

// TestHostCheck: the running server answers requests addressed to the
// address it listens on (and localhost, for loopback), and refuses any
// other Host with 403, the event stream included: a page on another site
// that had its name resolve to 127.0.0.1 can read nothing.
func TestHostCheck(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "site.toml", "title = \"T\"\nbaseURL = \"https://example.org/\"\ntheme = \"t\"\n")
	write(t, dir, "themes/t/layouts/page.html", `<html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>`)
	write(t, dir, "themes/t/layouts/section.html", `<html><head><title>{{ .Title }}</title></head><body>home</body></html>`)
	write(t, dir, "themes/t/layouts/404.html", `<html><head><title>404</title></head><body>missing</body></html>`)
	write(t, dir, "content/a.md", "+++\ntitle = \"A\"\n+++\nHello.\n")
	ln, err := Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	s := New(Options{Build: pipeline.Options{Source: dir, Now: time.Now()}})
	if d := s.Rebuild(); d.HasErrors() {
		t.Fatal(d.Err())
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln, nil) }()
	defer func() {
		cancel()
		<-done
	}()
	tests := []struct {
		host, path string
		code       int
		want       string
	}{
		{fmt.Sprintf("127.0.0.1:%d", port), "/a/", 200, "Hello."},
		{fmt.Sprintf("localhost:%d", port), "/a/", 200, "Hello."},
		{fmt.Sprintf("LOCALHOST:%d", port), "/a/", 200, "Hello."},
		{"attacker.example", "/a/", 403, "answers only requests addressed to it"},
		{fmt.Sprintf("attacker.example:%d", port), "/a/", 403, "answers only"},
		{fmt.Sprintf("attacker.example:%d", port), "/__plinth/events", 403, "answers only"},
		{fmt.Sprintf("attacker.example:%d", port), "/__plinth/live.js", 403, "answers only"},
		{fmt.Sprintf("127.0.0.1:%d", port+1), "/a/", 403, "answers only"},
		{"127.0.0.1", "/a/", 403, "answers only"}, // port 80 is not this server's
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", fmt.Sprintf("http://127.0.0.1:%d%s", port, tt.path), nil)
		req.Host = tt.host
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		_, _ = bufio.NewReader(resp.Body).WriteTo(&b)
		resp.Body.Close()
		code, body := resp.StatusCode, b.String()
		if code != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s with Host %s = %d %q, want %d containing %q", tt.path, tt.host, code, body, tt.code, tt.want)
		}
	}
}

// TestHostCheckWithoutRun: a server driven directly (not through Run)
// answers loopback names only.
func TestHostCheckWithoutRun(t *testing.T) {
	s := New(Options{})
	for host, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:1313": true, "[::1]:1313": true, "localhost": true,
		"attacker.example": false, "attacker.example:1313": false, "10.0.0.5:1313": false,
	} {
		if got := s.hostAllowed(&http.Request{Host: host}); got != want {
			t.Errorf("hostAllowed(%q) = %v, want %v", host, got, want)
		}
	}
}
