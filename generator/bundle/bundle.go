package bundle

import (
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options says what to bundle.
type Options struct {
	// SourceDir is the absolute path of the site's source folder.
	SourceDir string
	// Theme is the name of the folder under themes/ whose assets/ folder is
	// searched after the site's own assets/.
	Theme string
	// Entries are the logical names of the files to build, such as
	// "css/main.css" or "js/charts.js": slash paths relative to an assets/
	// folder, ending in .css, .js or .mjs.
	Entries []string
	// Optional makes an entry found in neither assets/ folder no error: it
	// is left out of the manifest, and when no entry is found at all nothing
	// is bundled, so node_modules is not needed. The build sets it so that a
	// theme without front-end files (such as the generator's test fixtures)
	// still builds; a layout asking for a missing asset then fails with the
	// layout's line.
	Optional bool
	// ChromaStyle names the chroma style served as "plinth:chroma.css";
	// empty means DefaultChromaStyle.
	ChromaStyle string
	// CacheDir, if not empty, is the folder where bundles are kept between
	// builds (SiteCacheDir gives the site's): a build whose inputs all
	// have the bytes they had when a bundle was stored returns that bundle
	// instead of running esbuild. See cache.go.
	CacheDir string
	// ContentClasses are the classes editors give headings in the site's
	// Markdown (ContentClasses of every page's body, merged and sorted).
	// Rules of npm packages' stylesheets that need a class no page can
	// carry are left out (see prune.go); these are among the classes
	// pages can carry, with those of the layouts, the scripts, the
	// generator and the site's own stylesheets.
	ContentClasses []string
	// KeepUnused leaves the stylesheets whole, for a test comparing pages
	// under the pruned stylesheet and under the whole one
	// (tests/browser/prune_test.go).
	KeepUnused bool
}

// Asset is what a template needs to reference one built entry: the URL of
// the output relative to the site root and its Subresource Integrity value.
// It is the model's type, so that the render stage need not import the
// bundler.
type Asset = site.Asset

// Manifest maps an entry's logical name ("css/main.css") to its built asset.
type Manifest map[string]Asset

// Lookup returns the asset built for a logical entry name.
func (m Manifest) Lookup(name string) (Asset, bool) {
	a, ok := m[name]
	return a, ok
}

// Result is the outcome of a successful Build.
type Result struct {
	// Files are the built files, sorted by Path, every one under "assets/".
	Files []site.File
	// Manifest maps every requested entry to its output.
	Manifest Manifest
	// Cached reports that the files came from Options.CacheDir rather than
	// from esbuild.
	Cached bool
}

// Where outputs go. esbuild needs an output folder to compute names and
// relative url()s, but nothing is written there (Write is off): the folder is
// a name only, and outputs are returned relative to outRoot.
const (
	outRoot   = ".plinth-bundle"
	outAssets = "assets"
	// mediaDir holds fonts and images referenced from CSS or JS.
	mediaDir = "media"
)

// fileLoaders are the extensions of files copied (with a hashed name) when CSS
// or JavaScript references them.
var fileLoaders = []string{
	".avif", ".eot", ".gif", ".ico", ".jpeg", ".jpg", ".otf", ".png",
	".svg", ".ttf", ".webp", ".woff", ".woff2",
}

// Build bundles the entries once for the whole site. It returns the built
// files and manifest, and every problem found; the Result is only meaningful
// when the list holds no errors.
func Build(opts Options) (Result, diag.List) {
	var diags diag.List
	if !filepath.IsAbs(opts.SourceDir) {
		diags.Errorf(diag.Pos{}, "internal error: the bundler needs an absolute source folder, got %q", opts.SourceDir)
		return Result{}, diags
	}
	src := filepath.Clean(opts.SourceDir)
	style := opts.ChromaStyle
	if style == "" {
		style = DefaultChromaStyle
	}
	chromaCSS, err := ChromaCSS(style)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{}, "%v", err).
			WithHint("leave the highlighting style unset to use %q, which is checked for contrast", DefaultChromaStyle))
		return Result{}, diags
	}

	entries := findEntries(src, opts.Theme, opts.Entries, opts.Optional, &diags)
	if diags.HasErrors() {
		return Result{}, diags
	}
	if len(entries) == 0 {
		// Only possible with Optional: there is nothing to bundle.
		return Result{Manifest: Manifest{}}, diags
	}

	l := layout{src: src, theme: opts.Theme}
	cache, caching := openCache(opts, l, entries, chromaCSS)
	if caching {
		if res, own, ok := cache.load(entries); ok {
			return prune(res, own, opts, src), diags
		}
	}
	loaders := map[string]api.Loader{".js": api.LoaderJS, ".mjs": api.LoaderJS, ".css": api.LoaderCSS}
	for _, ext := range fileLoaders {
		loaders[ext] = api.LoaderFile
	}
	var eps []api.EntryPoint
	for _, e := range entries {
		eps = append(eps, api.EntryPoint{InputPath: e.abs, OutputPath: strings.TrimSuffix(e.name, path.Ext(e.name))})
	}
	res := api.Build(api.BuildOptions{
		AbsWorkingDir:       src,
		EntryPointsAdvanced: eps,
		Bundle:              true,
		Write:               false,
		Metafile:            true,
		Outdir:              filepath.Join(src, outRoot, outAssets),
		Outbase:             src,
		EntryNames:          "[dir]/[name].[hash]",
		AssetNames:          mediaDir + "/[name].[hash]",
		ChunkNames:          "chunks/[name].[hash]",
		Platform:            api.PlatformBrowser,
		Format:              api.FormatIIFE,
		Target:              api.ES2020,
		MinifyWhitespace:    true,
		MinifyIdentifiers:   true,
		MinifySyntax:        true,
		Charset:             api.CharsetUTF8,
		LegalComments:       api.LegalCommentsEndOfFile,
		Sourcemap:           api.SourceMapNone,
		Loader:              loaders,
		LogLevel:            api.LogLevelSilent,
		Plugins:             l.plugins(chromaCSS),
	})
	diags.Append(convertMessages(res.Errors, diag.Error, src))
	diags.Append(convertMessages(res.Warnings, diag.Warning, src))
	if len(res.Errors) > 0 {
		return Result{}, diags
	}
	result, inputs, err := collect(res, src, entries)
	if err != nil {
		diags.Errorf(diag.Pos{}, "internal error reading the bundler's output: %v", err)
		return Result{}, diags
	}
	own, err := ownClasses(src, inputs, chromaCSS)
	if err != nil {
		diags.Errorf(diag.Pos{}, "internal error reading the site's stylesheets again: %v", err)
		return Result{}, diags
	}
	if caching && len(res.Warnings) == 0 {
		// A bundle with warnings is made again each time, so that the
		// warnings are shown on every build until they are dealt with.
		cache.store(inputs, result, own)
	}
	return prune(result, own, opts, src), diags
}

// metafile is the part of esbuild's metafile that Build reads.
type metafile struct {
	// Inputs are keyed by every file esbuild read, relative to the working
	// folder, or "namespace:path" for a plugin's virtual file.
	Inputs  map[string]struct{} `json:"inputs"`
	Outputs map[string]struct {
		EntryPoint string `json:"entryPoint"`
		Inputs     map[string]struct {
			BytesInOutput int `json:"bytesInOutput"`
		} `json:"inputs"`
	} `json:"outputs"`
}

// collect turns esbuild's in-memory outputs into site files and a manifest,
// and returns the inputs esbuild read, sorted.
func collect(res api.BuildResult, src string, entries []entry) (Result, []string, error) {
	var meta metafile
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err != nil {
		return Result{}, nil, err
	}
	byInput := map[string]string{} // entry input path → logical name
	for _, e := range entries {
		byInput[e.rel] = e.name
	}
	out := Result{Manifest: Manifest{}}
	for _, f := range res.OutputFiles {
		// The metafile names outputs relative to the working directory (the
		// source folder); the site wants them relative to the output root.
		key, err := filepath.Rel(src, f.Path)
		if err != nil {
			return Result{}, nil, err
		}
		p, err := filepath.Rel(filepath.Join(src, outRoot), f.Path)
		if err != nil {
			return Result{}, nil, err
		}
		key, p = filepath.ToSlash(key), filepath.ToSlash(p)
		if !strings.HasPrefix(p, outAssets+"/") || !filepath.IsLocal(p) {
			return Result{}, nil, fmt.Errorf("output %q falls outside %s/", p, outAssets)
		}
		o, ok := meta.Outputs[key]
		if !ok {
			return Result{}, nil, fmt.Errorf("output %q is missing from the metafile", key)
		}
		source := o.EntryPoint
		if source == "" && len(o.Inputs) == 1 {
			for in := range o.Inputs {
				source = in
			}
		}
		out.Files = append(out.Files, site.File{Path: p, Data: f.Contents, Source: source})
		if name, ok := byInput[o.EntryPoint]; ok {
			out.Manifest[name] = Asset{URL: p, Integrity: Integrity(f.Contents)}
		}
	}
	for _, e := range entries {
		if _, ok := out.Manifest[e.name]; !ok {
			return Result{}, nil, fmt.Errorf("no output for entry %q", e.name)
		}
	}
	n, licences, err := notices(src, meta)
	if err != nil {
		return Result{}, nil, err
	}
	out.Files = append(out.Files, n)
	out.Manifest[NoticesName] = Asset{URL: n.Path, Integrity: Integrity(n.Data)}
	slices.SortFunc(out.Files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	// The notices are made from the packages' licence files, which esbuild
	// never reads: the disk cache checks them as it checks its inputs.
	inputs := slices.Concat(slices.Collect(maps.Keys(meta.Inputs)), licences)
	slices.Sort(inputs)
	return out, slices.Compact(inputs), nil
}

// Integrity returns the Subresource Integrity value ("sha384-…") of data.
// SHA-384 is what browsers and the webhint sri check expect at minimum.
func Integrity(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}
