package content

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// IsMarkdown reports whether a file name is a Markdown page's: it ends in
// .md or .markdown, in any case (new-page.MD, as some editors save it, is
// a page, not a file to copy with its front matter showing).
func IsMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// Stem returns a Markdown file's name without its extension
// ("learner-wellbeing.md" → "learner-wellbeing"): the last segment of the
// page's address, or "_index" and "index" for section and bundle pages.
func Stem(name string) string {
	return strings.TrimSuffix(path.Base(name), path.Ext(name))
}

// PublishedTypes are the extensions (in lower case, without the dot) of the
// files in content/ that are published beside the pages without asking:
// what a browser shows, or a reader expects to download from a web page.
// Any other file there (a Word or Excel document, an export left behind) is
// left out with a warning, unless site.toml's [content] publishTypes names
// its type.
var PublishedTypes = []string{
	"avif", "gif", "ico", "jpeg", "jpg", "png", "svg", "webp", // images
	"csv", "json", "pdf", "txt", "xml", // documents and data
	"mp3", "mp4", "ogg", "vtt", "webm", // audio, video and captions
}

// officeTypes names the document types people most often leave in content/
// by mistake, for the warning.
var officeTypes = map[string]string{
	"doc": "a Word document", "docx": "a Word document", "odt": "a text document",
	"xls": "an Excel workbook", "xlsx": "an Excel workbook", "ods": "a spreadsheet",
	"ppt": "a PowerPoint presentation", "pptx": "a PowerPoint presentation", "odp": "a presentation",
	"rtf": "a rich-text document",
}

// publishable reports whether a file of content/ that is not a page is
// published, with a warning if it is not.
func publishable(p string, allow []string) (bool, *diag.Diagnostic) {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(p), "."))
	if slices.Contains(PublishedTypes, ext) || slices.Contains(allow, ext) {
		return true, nil
	}
	what := fmt.Sprintf("a .%s file", ext)
	if kind, ok := officeTypes[ext]; ok {
		what = fmt.Sprintf("%s (.%s)", kind, ext)
	}
	hint := fmt.Sprintf("if it is meant for readers, save it as PDF, or add %q to publishTypes under [content] in site.toml; otherwise move it out of content/", ext)
	if ext == "" {
		what = "a file without an extension"
		hint = "move it out of content/, or give it the extension of its type"
	}
	d := diag.Warningf(diag.Pos{File: p}, "%s is %s, which is not published", p, what).WithHint("%s", hint)
	return false, &d
}
