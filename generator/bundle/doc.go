// Package bundle turns a site's front-end sources (CSS and JavaScript, plus
// the fonts and images they reference) into minified, content-hashed files
// using esbuild's Go API, in-process: no Node.js is run during a build.
//
// # Contract
//
// Build takes the site's source folder, the theme name and a list of entry
// points given by logical name ("css/main.css", "js/main.js"). Each entry is
// looked up in the site's assets/ folder first, then in
// themes/<theme>/assets/, so a site overrides its theme file by file, as it
// does with layouts. A relative import made from a theme file is overridden
// the same way when the site has a file at the same logical path (a site's
// assets/css/theme.css replaces the theme's, even though the theme's main.css
// imports it). Bare imports ("nhsuk-frontend", "echarts") resolve from
// <source>/node_modules, which `npm ci` fills from the site's package-lock.json.
//
// Build returns the output files (site.File values, paths under "assets/")
// and a Manifest mapping each logical entry name to the URL path of its
// output and a Subresource Integrity value ("sha384-…") computed over the
// exact bytes returned. File names carry esbuild's content hash, so the same
// sources always give the same names and bytes, and a changed file gets a new
// name (safe to cache forever). No source maps are emitted.
//
// Fonts and images referenced from CSS are emitted as hashed files under
// assets/media/ and referenced by relative URLs, so the site works under any
// base path. The published Content-Security-Policy allows only same-origin
// styles, scripts, fonts and images (plus data: images), so:
//
//   - an import or url() of an http://, https:// or protocol-relative //
//     address is an error, wherever it appears;
//   - @font-face rules in npm packages' CSS that load fonts from another
//     origin are removed as the file is read. NHS.UK frontend's compiled CSS
//     loads the Frutiger font from assets.nhs.uk, which its licence does not
//     let us copy; without the rule, browsers use the next font in NHS.UK
//     frontend's stack (Arial). A site licensed to self-host the font adds
//     its own @font-face rule with local files to its theme CSS;
//   - a root-relative url("/assets/…") inside an npm package's CSS is
//     resolved next to that stylesheet inside the package (NHS.UK frontend
//     refers to its icons this way) and bundled; in the site's own CSS it is
//     left as it is, pointing at a file the site publishes itself.
//
// The virtual stylesheet "plinth:chroma.css" can be imported from any CSS
// entry; it holds the syntax-highlighting rules returned by ChromaCSS for the
// style named in Options.ChromaStyle.
//
// # Pruning
//
// NHS.UK frontend's compiled stylesheet styles every component it has, and
// blocks the first paint of every page. After bundling, Build leaves out
// of the stylesheets the rules of npm packages that need a class no page
// of the site can carry (prune.go; what pages may carry, classes.go: the
// words of the layouts, of the built scripts, the generator's classes,
// those the site's own stylesheets name and Options.ContentClasses). A
// pruned stylesheet gets a new hashed name. Options.KeepUnused leaves
// them whole.
//
// # Reading the disk
//
// This is the one stage that reads the site's files from the real disk rather
// than through an fs.FS: esbuild resolves imports, package.json "exports" and
// node_modules with its own file-system layer and has no hook for an fs.FS.
// Emulating that through plugins would mean re-implementing Node's resolution
// rules. Nothing is written to the output: esbuild runs with Write off and
// every output is returned in memory for the publish stage.
//
// # Cache
//
// With Options.CacheDir set (the build sets SiteCacheDir, the site's
// .plinth-cache/bundle folder), Build keeps each bundle there and returns it
// again, without running esbuild, while every file esbuild read (and every
// file that could change how an import resolves, and every licence file the
// notices copy) has the same bytes; the cache holds esbuild's output whole,
// and pruning runs on every build after it. Entries
// are written atomically and checksummed, so a damaged one is a miss; a
// bundle with warnings is not kept, so its warnings show on every build.
//
// # Diagnostics
//
// Every esbuild error and warning becomes a diag.Diagnostic with the file
// path relative to the source folder, the line, the column converted from
// esbuild's 0-based byte column to a 1-based character column, the line text
// and a hint. A missing node_modules folder, or packages missing from it,
// give a single error telling the editor to run `npm ci`, however many
// imports fail because of it.
package bundle
