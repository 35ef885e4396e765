package site

// Redirect is one rule of the site's redirect list, which the redirects
// package writes to _redirects for hosts that read one (Netlify,
// Cloudflare Pages, GitLab Pages). Features add rules to the list (the
// framework's /framework/latest/*); page aliases are added by the writer.
// Hosts without such a file rely on the HTML redirect pages render writes
// for aliases.
type Redirect struct {
	// From and To are addresses relative to the base URL, like Page.URL
	// ("/framework/latest/*", "/framework/2021/:splat"); the writer adds
	// the base path. From may end in "*", which To reuses as ":splat".
	From, To string
	// Status is 301 (moved for good) or 302 (moves again later).
	Status int
	// Force applies the rule even where a file exists at From, as it
	// does for addresses that also have an HTML redirect page (written
	// "301!").
	Force bool
	// Comment, if set, is written on a line of its own above the rule.
	Comment string
}
