package site

// File is one file of the built site, held in memory until the publish stage
// writes it. Stages after rendering (link checking, the identifier scan) read
// these values rather than the disk, so that a build that fails leaves
// nothing behind.
type File struct {
	// Path is the slash-separated path relative to the output root, for
	// example "strategy/culture/index.html". It never starts with "/" and
	// never contains "..": publish refuses such paths.
	Path string
	// Data is the file's content.
	Data []byte
	// Source is the slash-separated source path (relative to the site's
	// source folder) that produced the file, for diagnostics; it may be
	// empty for files the generator makes up (sitemap, feeds).
	Source string
}
