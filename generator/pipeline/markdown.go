package pipeline

import (
	"errors"
	"io/fs"
	"os"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/markdown"
	"github.com/plinth-ssg/plinth/generator/markdown/callout"
)

// reservedIDs are element IDs the layouts use; headings never take them.
var reservedIDs = []string{"maincontent", "contents", "search", "search-field", "top", "header", "footer", "menu", "breadcrumbs", "toggle-menu"}

// markdownOptions configures the Markdown stage: the IDs layouts reserve,
// and NHS.UK callouts (:::inset, :::warning, :::details, :::do, :::dont)
// whose mistakes become diagnostics at the page's line and column.
//
// The do and don't lists draw NHS.UK frontend's tick and cross icons, read
// from the site's node_modules. They are read through os.DirFS rather than
// the site's os.Root because node_modules may be a link to a shared folder,
// which the bundle stage accepts too. Without node_modules the lists are
// drawn without icons (which are decorative, hidden from screen readers);
// the bundle stage tells the editor to run `npm ci` when the theme needs
// the packages.
func markdownOptions(srcDir string) (markdown.Options, diag.List) {
	var diags diag.List
	var opts []callout.Option
	icons, err := callout.LoadIcons(os.DirFS(srcDir))
	switch {
	case err == nil:
		opts = append(opts, callout.WithIcons(icons))
	case !errors.Is(err, fs.ErrNotExist):
		diags.Add(diag.Errorf(diag.Pos{File: callout.IconDir}, "%v", err).
			WithHint("run `npm ci` in the site folder to reinstall the front-end packages"))
	}
	return markdown.Options{
		ReservedIDs: reservedIDs,
		Extensions:  []goldmark.Extender{callout.New(opts...)},
		Problems:    calloutProblems,
	}, diags
}

// calloutProblems hands the callout extension's problems to the Markdown
// stage, which places them at the page's line and column.
func calloutProblems(pc parser.Context) []markdown.Problem {
	var out []markdown.Problem
	for _, p := range callout.Problems(pc) {
		out = append(out, markdown.Problem{Offset: p.Offset, Msg: p.Msg, Hint: p.Hint})
	}
	return out
}
