package bundle

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// layout knows where a site's front-end files live on disk, and provides the
// esbuild plugins that apply Plinth's rules to every import.
type layout struct {
	src   string // absolute source folder
	theme string // theme name, may be empty
}

func (l layout) siteAssets() string  { return filepath.Join(l.src, "assets") }
func (l layout) themeAssets() string { return filepath.Join(l.src, "themes", l.theme, "assets") }
func (l layout) nodeModules() string { return filepath.Join(l.src, "node_modules") }

// within reports whether abs is dir itself or inside it.
func within(dir, abs string) bool {
	rel, err := filepath.Rel(dir, abs)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// packageRoot returns the folder of the npm package holding the file abs,
// or "" if abs is not inside a node_modules folder. It goes by the path
// rather than by <source>/node_modules because esbuild reports files by
// their real path, and node_modules may be a link to somewhere else.
func packageRoot(abs string) string {
	slash := filepath.ToSlash(abs)
	i := strings.LastIndex(slash, "/node_modules/")
	if i < 0 {
		return ""
	}
	rest := slash[i+len("/node_modules/"):]
	name := packageName(rest)
	if name == "" || name == rest {
		return ""
	}
	return filepath.FromSlash(slash[:i+len("/node_modules/")] + name)
}

// isFile reports whether abs is an existing regular file.
func isFile(abs string) bool {
	info, err := os.Stat(abs)
	return err == nil && info.Mode().IsRegular()
}

// detail travels in api.Message.Detail from a plugin to convertMessages: the
// hint for the message and, for a missing package, which one.
type detail struct {
	hint           string
	missingPackage string
}

// fail returns a plugin result holding one error.
func fail(hint, format string, args ...any) api.OnResolveResult {
	return api.OnResolveResult{Errors: []api.Message{{
		Text:   fmt.Sprintf(format, args...),
		Detail: detail{hint: hint},
	}}}
}

const chromaModule = "plinth:chroma.css"

// plugins returns Plinth's esbuild plugins, in the order they must run:
// esbuild offers each import to the plugins' OnResolve callbacks in turn
// until one returns a path or an error.
func (l layout) plugins(chromaCSS string) []api.Plugin {
	return []api.Plugin{
		{Name: "plinth-remote", Setup: l.remoteSetup},
		{Name: "plinth-chroma", Setup: func(b api.PluginBuild) { chromaSetup(b, chromaCSS) }},
		{Name: "plinth-paths", Setup: l.pathsSetup},
		{Name: "plinth-packages", Setup: l.packagesSetup},
		{Name: "plinth-package-css", Setup: l.packageCSSSetup},
	}
}

// remoteSetup refuses every import or url() of another origin: the site's
// Content-Security-Policy would block it, and a build that silently relied
// on another website would not be self-contained.
func (l layout) remoteSetup(b api.PluginBuild) {
	b.OnResolve(api.OnResolveOptions{Filter: `^([a-zA-Z][a-zA-Z0-9+.-]*:)?//`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
		return fail("download the file into the site's assets/ folder and refer to it with a relative path",
			"%q is on another website; the site may only use files it publishes itself", a.Path), nil
	})
}

// chromaSetup serves the syntax-highlighting stylesheet as a virtual file.
func chromaSetup(b api.PluginBuild, css string) {
	b.OnResolve(api.OnResolveOptions{Filter: `^plinth:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
		if a.Path != chromaModule {
			return fail(fmt.Sprintf("the only built-in stylesheet is %q", chromaModule),
				"there is no built-in file called %q", a.Path), nil
		}
		return api.OnResolveResult{Path: "chroma.css", Namespace: "plinth"}, nil
	})
	b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "plinth"}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
		return api.OnLoadResult{Contents: &css, Loader: api.LoaderCSS}, nil
	})
}

// pathsSetup applies Plinth's rules to relative and root-relative paths:
//   - a relative import from a theme file is replaced by the site's file at
//     the same place under assets/, if there is one;
//   - nothing may be imported from outside the source folder;
//   - a root-relative url() in an npm package's CSS is looked up next to that
//     stylesheet (NHS.UK frontend writes url("/assets/images/…") meaning its
//     own dist/nhsuk/assets folder); in the site's own CSS it is left alone,
//     as a link to a file the site publishes;
//   - a root-relative import is refused, because esbuild would read it as an
//     absolute path on the build machine's disk.
func (l layout) pathsSetup(b api.PluginBuild) {
	b.OnResolve(api.OnResolveOptions{Filter: `^\.\.?(/|$)`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
		if a.Namespace != "file" || a.ResolveDir == "" {
			return api.OnResolveResult{}, nil
		}
		target := filepath.Join(a.ResolveDir, filepath.FromSlash(stripSuffix(a.Path)))
		if packageRoot(a.Importer) == "" && !within(l.src, target) {
			return fail("keep every file the site uses inside the site folder and refer to it with a path that stays inside",
				"%q points outside the site folder", a.Path), nil
		}
		if l.theme == "" || !within(l.themeAssets(), a.Importer) {
			return api.OnResolveResult{}, nil
		}
		rel, err := filepath.Rel(l.themeAssets(), target)
		if err != nil || !filepath.IsLocal(rel) {
			return api.OnResolveResult{}, nil
		}
		if override := filepath.Join(l.siteAssets(), rel); isFile(override) && stripSuffix(a.Path) == a.Path {
			return api.OnResolveResult{Path: override}, nil
		}
		return api.OnResolveResult{}, nil
	})
	b.OnResolve(api.OnResolveOptions{Filter: `^/`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
		if a.Kind == api.ResolveEntryPoint {
			// Build passes entries by absolute path, after checking them.
			return api.OnResolveResult{}, nil
		}
		if a.Kind != api.ResolveCSSURLToken {
			return fail("write the path relative to this file, for example \"./other.css\"",
				"%q starts with \"/\", which the bundler would read as a path on the computer's disk", a.Path), nil
		}
		pkg := packageRoot(a.Importer)
		if pkg == "" {
			return api.OnResolveResult{Path: a.Path, External: true}, nil
		}
		target := filepath.Join(filepath.Dir(a.Importer), filepath.FromSlash(stripSuffix(a.Path)))
		if !within(pkg, target) || !isFile(target) {
			return fail("the npm package may be damaged: run `npm ci` in the site folder",
				"the package stylesheet refers to %q, which is not in the package", a.Path), nil
		}
		return api.OnResolveResult{Path: target, Suffix: a.Path[len(stripSuffix(a.Path)):]}, nil
	})
}

// stripSuffix drops a "?query" or "#fragment" from a url() path.
func stripSuffix(p string) string {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		return p[:i]
	}
	return p
}

// packagesSetup checks that every package the site's own files import is
// installed in <source>/node_modules. A missing package would otherwise give
// one "could not resolve" error per import, all with the same cause; here
// each gets a marked error that convertMessages folds into one diagnostic
// telling the editor to run `npm ci`.
func (l layout) packagesSetup(b api.PluginBuild) {
	b.OnResolve(api.OnResolveOptions{Filter: `^(@[^/]+/)?[^./:#@][^/:]*(/|$)`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
		if a.Namespace != "file" || a.Kind == api.ResolveCSSURLToken || a.Kind == api.ResolveEntryPoint ||
			packageRoot(a.Importer) != "" {
			// url(image.png) means ./image.png in CSS, and packages
			// resolve their own dependencies.
			return api.OnResolveResult{}, nil
		}
		if a.Kind == api.ResolveCSSImportRule && isFile(filepath.Join(a.ResolveDir, filepath.FromSlash(a.Path))) {
			// @import "theme.css" may mean a file next to the importer.
			return api.OnResolveResult{}, nil
		}
		name := packageName(a.Path)
		manifest := filepath.Join(l.nodeModules(), filepath.FromSlash(name), "package.json")
		if _, err := os.Stat(manifest); errors.Is(err, fs.ErrNotExist) {
			return api.OnResolveResult{Errors: []api.Message{{
				Text:   fmt.Sprintf("the npm package %q is not installed", name),
				Detail: detail{missingPackage: name},
			}}}, nil
		}
		return api.OnResolveResult{}, nil
	})
}

// packageName returns the npm package part of a bare import path:
// "nhsuk-frontend/dist/x.css" → "nhsuk-frontend", "@scope/pkg/x" → "@scope/pkg".
func packageName(p string) string {
	parts := strings.SplitN(p, "/", 3)
	if strings.HasPrefix(p, "@") && len(parts) >= 2 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// packageCSSSetup removes, from stylesheets inside node_modules, @font-face
// rules that load fonts from another origin (see removeRemoteFontFaces).
func (l layout) packageCSSSetup(b api.PluginBuild) {
	b.OnLoad(api.OnLoadOptions{Filter: `\.css$`, Namespace: "file"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
		if packageRoot(a.Path) == "" {
			return api.OnLoadResult{}, nil
		}
		data, err := os.ReadFile(a.Path)
		if err != nil {
			return api.OnLoadResult{}, err
		}
		css, removed := removeRemoteFontFaces(string(data))
		if removed == 0 {
			return api.OnLoadResult{}, nil
		}
		return api.OnLoadResult{Contents: &css, Loader: api.LoaderCSS, ResolveDir: filepath.Dir(a.Path)}, nil
	})
}
