package site

// Asset is one built front-end file (a stylesheet or script) as a layout
// references it: the bundle stage makes it, the render stage's asset
// function hands it to templates.
type Asset struct {
	// URL is the file's path relative to the site root, without a leading
	// slash ("assets/css/main.3F9A1C2B.css"): pass it through relURL.
	URL string
	// Integrity is the Subresource Integrity value of the file's exact
	// bytes, "sha384-" followed by the base64 digest, for the integrity
	// attribute of <link rel="stylesheet"> and <script>.
	Integrity string
}
