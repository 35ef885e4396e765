package svg

import (
	"crypto/sha256"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
)

//go:embed entry.js
var entrySource string

// ErrNotInstalled means the site has no ECharts to draw with: its
// node_modules folder lacks the echarts package.
var ErrNotInstalled = errors.New("the echarts npm package is not installed in the site's node_modules folder")

// packages are the npm packages the drawing code is made of; their
// package.json files (which carry the version) make the engine's key.
var packages = []string{"echarts", "zrender"}

// drawTimeout stops a drawing that runs away (a fault in Plinth or in
// ECharts): no chart of a real site takes a tenth of it.
const drawTimeout = 60 * time.Second

// engine is ECharts' drawing code, bundled for goja and compiled once; any
// number of runtimes run the same compiled program.
type engine struct {
	// key names the installed packages and the entry script: drawings
	// made by another engine are never reused.
	key     [32]byte
	program *goja.Program
}

// engineKey hashes what the engine is made of, reading only small files:
// the entry script and the package.json of each package.
func engineKey(dir string) ([32]byte, error) {
	h := sha256.New()
	h.Write([]byte(entrySource))
	for _, p := range packages {
		data, err := os.ReadFile(filepath.Join(dir, "node_modules", p, "package.json"))
		if errors.Is(err, fs.ErrNotExist) {
			return [32]byte{}, ErrNotInstalled
		}
		if err != nil {
			return [32]byte{}, err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
	}
	var key [32]byte
	h.Sum(key[:0])
	return key, nil
}

// loadEngine bundles entry.js with the site's ECharts (esbuild's Go API,
// as the bundle stage does for the browser) and compiles it for goja.
func loadEngine(dir string, key [32]byte) (*engine, error) {
	res := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   entrySource,
			ResolveDir: dir,
			Sourcefile: "plinth-charts-entry.js",
			Loader:     api.LoaderJS,
		},
		AbsWorkingDir: dir,
		Bundle:        true,
		Write:         false,
		Metafile:      true,
		Format:        api.FormatIIFE,
		Target:        api.ES2017,
		// Neither browser nor Node: goja has no DOM and no require.
		Platform:          api.PlatformNeutral,
		MainFields:        []string{"module", "main"},
		Define:            map[string]string{"process.env.NODE_ENV": `"production"`},
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		LegalComments:     api.LegalCommentsNone,
		Charset:           api.CharsetUTF8,
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			msgs = append(msgs, m.Text)
		}
		return nil, fmt.Errorf("cannot bundle ECharts for drawing: %s", strings.Join(msgs, "; "))
	}
	if err := checkInputs(res.Metafile, dir); err != nil {
		return nil, err
	}
	program, err := goja.Compile("echarts-ssr.js", string(res.OutputFiles[0].Contents), true)
	if err != nil {
		return nil, fmt.Errorf("cannot compile ECharts for drawing: %w", err)
	}
	return &engine{key: key, program: program}, nil
}

// checkInputs refuses a bundle that took code from outside the site's own
// node_modules (esbuild also looks in the folders above it).
func checkInputs(metafile, dir string) error {
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(metafile), &meta); err != nil {
		return fmt.Errorf("cannot read the bundler's metafile: %w", err)
	}
	// esbuild names files by their real path: node_modules may be a link.
	modules := filepath.Join(dir, "node_modules")
	real, err := filepath.EvalSymlinks(modules)
	if err != nil {
		return err
	}
	for p := range meta.Inputs {
		if p == "<stdin>" || p == "plinth-charts-entry.js" {
			continue
		}
		abs := filepath.FromSlash(p)
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(dir, abs)
		}
		if !within(modules, abs) && !within(real, abs) {
			return fmt.Errorf("the drawing code would load %s, outside the site's node_modules folder", p)
		}
	}
	return nil
}

// within reports whether abs is inside dir.
func within(dir, abs string) bool {
	rel, err := filepath.Rel(dir, abs)
	return err == nil && filepath.IsLocal(rel)
}

// worker is one JavaScript runtime with ECharts loaded. A runtime is not
// safe for concurrent use: each drawing goroutine has its own.
type worker struct {
	vm   *goja.Runtime
	draw goja.Callable
	rng  *rand.ChaCha8
	// engine and cache are the worker's: the engine it runs, and the
	// cache whose folder keeps what it draws.
	engine *engine
	cache  *Cache
}

// seed starts every drawing's random numbers at the same point, so that a
// drawing never depends on the ones before it.
var seed = [32]byte{'p', 'l', 'i', 'n', 't', 'h'}

// newWorker starts a runtime and runs the engine in it. ECharts looks for
// a few things a browser or Node would provide: the global object as
// `global`, and timers, which a drawing with animation off never needs.
func (e *engine) newWorker() (*worker, error) {
	vm := goja.New()
	w := &worker{vm: vm, rng: rand.NewChaCha8(seed)}
	r := rand.New(w.rng)
	vm.SetRandSource(r.Float64)
	vm.SetTimeSource(func() time.Time { return time.Unix(0, 0).UTC() })
	noop := func(goja.FunctionCall) goja.Value { return goja.Undefined() }
	for name, v := range map[string]any{"global": vm.GlobalObject(), "setTimeout": noop, "clearTimeout": noop} {
		if err := vm.Set(name, v); err != nil {
			return nil, err
		}
	}
	if _, err := vm.RunProgram(e.program); err != nil {
		return nil, fmt.Errorf("cannot start ECharts: %w", err)
	}
	draw, ok := goja.AssertFunction(vm.Get("plinthDraw"))
	if !ok {
		return nil, errors.New("cannot start ECharts: the entry script defines no plinthDraw")
	}
	w.draw = draw
	return w, nil
}

// render draws one option at one size and returns ECharts' SVG.
func (w *worker) render(option []byte, width, height int) (string, error) {
	w.rng.Seed(seed)
	stop := time.AfterFunc(drawTimeout, func() { w.vm.Interrupt("the drawing took too long") })
	defer stop.Stop()
	v, err := w.draw(goja.Undefined(), w.vm.ToValue(string(option)), w.vm.ToValue(width), w.vm.ToValue(height))
	if err != nil {
		w.vm.ClearInterrupt()
		var ex *goja.Exception
		if errors.As(err, &ex) {
			return "", fmt.Errorf("ECharts: %s", ex.Value().String())
		}
		return "", err
	}
	return v.String(), nil
}
