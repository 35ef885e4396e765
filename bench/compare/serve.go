package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// editToReload measures, in `plinth serve`, what a person waits for after
// saving a page: the time from the save to the reload message, and to the
// edited page being served with the edit in it (the browser reloads on the
// message and asks for the page). Each edit adds a line to one page; a save
// without change rewrites the same bytes.
func editToReload(p paths, b binaries, n int, example bool, edits int) {
	fmt.Printf("\n## Edit to reload in `plinth serve`\n\nLoad average before: %s.\n\n", loadAverage())
	fmt.Printf("| site | content files | first build | %d one-line edits: to reload message | to edited page served | %d saves without change: to reload message |\n|---|--:|--:|--:|--:|--:|\n", edits, edits)
	if example {
		site := p.exampleSite()
		measureServe(b.plinth, "example site", site, "content/guidance/induction.md", edits)
	}
	if n > 0 {
		site := p.plinthSite(n, minimal, false)
		measureServe(b.plinth, "generated, minimal theme", site, "content/area-0/topic-0/page-0.md", edits)
	}
	fmt.Printf("\nLoad average after: %s.\n", loadAverage())
}

// exampleSite copies the repository's example site (its site folders and
// site.toml) into the work folder, so that edits leave the repository alone,
// and links node_modules.
func (p paths) exampleSite() string {
	dir := filepath.Join(p.work, "example")
	must(os.RemoveAll(dir))
	for _, d := range []string{"content", "data", "layouts", "themes", "static", "assets", "archetypes"} {
		if _, err := os.Stat(filepath.Join(p.repo, d)); err == nil {
			must(os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(p.repo, d))))
		}
	}
	must(copyFile(filepath.Join(p.repo, "site.toml"), filepath.Join(dir, "site.toml")))
	must(os.Symlink(p.nodeModules(), filepath.Join(dir, "node_modules")))
	settle(dir)
	return dir
}

// state is the server's build state as its event stream sends it.
type state struct {
	Version  int             `json:"version"`
	Problems json.RawMessage `json:"problems"`
}

// measureServe starts `plinth serve` on site, waits for its first build,
// then edits page (a slash path in the site) and measures.
func measureServe(plinth, label, site, page string, edits int) {
	port := freePort()
	cmd := exec.Command(plinth, "serve", "--source", site, "--port", port)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	start := time.Now()
	must(cmd.Start())
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	base := "http://127.0.0.1:" + port
	events := subscribe(base+"/__plinth/events", &logs)
	// The first state may come before the first build has finished.
	version := 0
	for version == 0 {
		st := next(events, 10*time.Minute, &logs)
		version = st.Version
		if st.Problems != nil && string(st.Problems) != "null" {
			fail(fmt.Errorf("the first build of %s failed: %s", site, st.Problems))
		}
	}
	first := time.Since(start)
	pages := countServed(site)

	file := filepath.Join(site, filepath.FromSlash(page))
	url := base + servedPath(page)
	var toEvent, toPage, noop []time.Duration
	for i := range edits {
		time.Sleep(300 * time.Millisecond) // let the watcher settle between edits
		marker := fmt.Sprintf("Benchmark edit number %d.", i)
		old, err := os.ReadFile(file)
		must(err)
		saved := save(file, append(old, "\n"+marker+"\n"...))
		version = waitForVersion(events, version, &logs)
		toEvent = append(toEvent, time.Since(saved))
		body := get(url)
		if !strings.Contains(body, marker) {
			fail(fmt.Errorf("%s was reloaded without the edit %q", url, marker))
		}
		toPage = append(toPage, time.Since(saved))
	}
	for range edits {
		time.Sleep(300 * time.Millisecond)
		data, err := os.ReadFile(file)
		must(err)
		saved := save(file, data)
		version = waitForVersion(events, version, &logs)
		noop = append(noop, time.Since(saved))
	}
	fmt.Printf("| %s | %d | %s | %s | %s | %s |\n", label, pages, first.Round(time.Millisecond), millis(toEvent), millis(toPage), millis(noop))
}

// save writes a file as an editor does, and returns the moment it was
// saved: after the file is closed.
func save(file string, data []byte) time.Time {
	must(os.WriteFile(file, data, 0o644))
	return time.Now()
}

// subscribe reads the server's event stream, once the server answers.
func subscribe(url string, logs *bytes.Buffer) <-chan state {
	var resp *http.Response
	for range 3000 { // the server listens once it has started
		r, err := http.Get(url)
		if err == nil {
			resp = r
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if resp == nil {
		fail(fmt.Errorf("plinth serve did not start:\n%s", logs))
	}
	out := make(chan state, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st state
				if json.Unmarshal([]byte(data), &st) == nil {
					out <- st
				}
			}
		}
	}()
	return out
}

func next(events <-chan state, wait time.Duration, logs *bytes.Buffer) state {
	select {
	case st := <-events:
		return st
	case <-time.After(wait):
		fail(fmt.Errorf("no message from plinth serve within %s:\n%s", wait, logs))
	}
	return state{}
}

// waitForVersion waits for the state after a rebuild that succeeded,
// failing on a rebuild that did not: the page would not reload.
func waitForVersion(events <-chan state, version int, logs *bytes.Buffer) int {
	for {
		st := next(events, time.Minute, logs)
		if st.Problems != nil && string(st.Problems) != "null" {
			fail(fmt.Errorf("a rebuild failed: %s", st.Problems))
		}
		if st.Version > version {
			return st.Version
		}
	}
}

func get(url string) string {
	resp, err := http.Get(url)
	must(err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(err)
	if resp.StatusCode != http.StatusOK {
		fail(fmt.Errorf("GET %s: %s", url, resp.Status))
	}
	return string(body)
}

// servedPath is the address of a content page, for sites served at "/".
func servedPath(page string) string {
	rel := strings.TrimSuffix(strings.TrimPrefix(page, "content/"), ".md")
	rel = strings.TrimSuffix(strings.TrimSuffix(rel, "_index"), "index")
	return "/" + strings.TrimSuffix(rel, "/") + "/"
}

// countServed counts the Markdown files of the site, as a stand-in for its
// pages (serve keeps the output in memory).
func countServed(site string) int {
	n := 0
	_ = filepath.WalkDir(filepath.Join(site, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			n++
		}
		return nil
	})
	return n
}

// freePort asks the kernel for a port nobody is listening on.
func freePort() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	defer ln.Close()
	_, port, err := net.SplitHostPort(ln.Addr().String())
	must(err)
	return port
}
