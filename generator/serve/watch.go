package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/plinth-ssg/plinth/generator/source"
)

// Watched are the folders of a site whose changes trigger a rebuild, with
// site.toml in the site folder itself.
var Watched = []string{"content", "data", "layouts", "themes", "static", "assets", "archetypes"}

// Everything in a batch means the watcher may have missed changes, so
// nothing from earlier builds can be trusted.
const Everything = "*"

// Watch reports changes under the site's source folders. Events that arrive
// within debounce of each other are coalesced into one batch of paths, so
// an editor that saves by writing a temporary file and renaming it causes
// one rebuild. It watches new folders as they appear. The returned stop
// function ends the watch and closes the channel.
func Watch(dir string, debounce time.Duration) (<-chan []string, func(), error) {
	return watch(dir, &quietTimer{wait: debounce})
}

// settler decides when a batch of changes is complete. Watch's settler is
// a timer restarted by every change; the tests use one they end by hand,
// so that what they check does not depend on how fast the machine is.
type settler interface {
	// changed is told of every change taken into the pending batch.
	changed(name string)
	// settled receives once the batch is complete, after changed.
	settled() <-chan time.Time
}

// quietTimer ends a batch when no change has arrived for wait.
type quietTimer struct {
	wait  time.Duration
	timer *time.Timer
}

func (q *quietTimer) changed(string) {
	if q.timer == nil {
		q.timer = time.NewTimer(q.wait)
		return
	}
	// Since Go 1.23 Reset also discards a firing not yet received.
	q.timer.Reset(q.wait)
}

func (q *quietTimer) settled() <-chan time.Time { return q.timer.C }

// watch is Watch with the rule that ends a batch given as a value.
func watch(dir string, settle settler) (<-chan []string, func(), error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, nil, err
	}
	if err := w.Add(dir); err != nil { // site.toml and new top-level folders
		w.Close()
		return nil, nil, err
	}
	for _, d := range Watched {
		addTree(w, filepath.Join(dir, d))
	}
	out := make(chan []string)
	done := make(chan struct{})
	go func() {
		defer close(out)
		var (
			pending []string
			fire    <-chan time.Time // nil while nothing is pending
		)
		add := func(name string) {
			if !slices.Contains(pending, name) {
				pending = append(pending, name)
			}
			settle.changed(name)
			fire = settle.settled()
		}
		for {
			select {
			case <-done:
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !relevant(dir, ev.Name) {
					continue
				}
				if ev.Op&fsnotify.Create != 0 {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
						addTree(w, ev.Name)
					}
				}
				add(ev.Name)
			case <-fire:
				batch := pending
				pending, fire = nil, nil
				select {
				case out <- batch:
				case <-done:
					return
				}
			case <-w.Errors:
				// Events may have been dropped (the kernel's queue
				// overflowed): ask for a rebuild from scratch.
				add(Everything)
			}
		}
	}()
	stop := func() {
		close(done)
		w.Close()
	}
	return out, stop, nil
}

// relevant drops changes that cannot affect the site: editor by-products,
// the output folders and the staging folders beside them.
func relevant(dir, name string) bool {
	rel, err := filepath.Rel(dir, name)
	if err != nil {
		return false
	}
	base := filepath.Base(rel)
	if source.Ignored(base) {
		return false
	}
	top := rel
	if i := indexSep(rel); i >= 0 {
		top = rel[:i]
	}
	return top == "site.toml" || slices.Contains(Watched, top)
}

func indexSep(p string) int {
	for i := 0; i < len(p); i++ {
		if os.IsPathSeparator(p[i]) {
			return i
		}
	}
	return -1
}

func addTree(w *fsnotify.Watcher, root string) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != root && source.Ignored(d.Name()) || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			_ = w.Add(p)
		}
		return nil
	})
}
