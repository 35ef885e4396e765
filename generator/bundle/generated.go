package bundle

// generatedClasses are the classes the generator's Go code writes into
// pages, and those of the libraries it renders Markdown with (goldmark's
// footnotes); chroma's are added from chroma.StandardTypes and the icons'
// from their files (classSet.addGenerated). The pruning of stylesheets
// keeps every rule these may match. TestGeneratedClasses renders every
// kind of Markdown and a chart and fails if their HTML holds a class this
// list (or generatedPrefixes) lacks, and TestGeneratedClassesInSource
// fails if a string in the generator's Go code names a class of NHS.UK
// frontend's stylesheet that is not here.
var generatedClasses = []string{
	// markdown/callout: inset, warning, details, do and don't.
	"nhsuk-inset-text", "nhsuk-u-visually-hidden",
	"nhsuk-card", "nhsuk-card--warning", "nhsuk-card--feature", "nhsuk-card__content", "nhsuk-card__heading",
	"nhsuk-details", "nhsuk-details__summary", "nhsuk-details__summary-text", "nhsuk-details__text",
	"nhsuk-list", "nhsuk-list--tick", "nhsuk-list--cross",
	// markdown: tables, task lists, code.
	"table-container", "align-left", "align-right", "align-centre",
	"task", "task--done",
	"code", "chroma",
	// goldmark's footnotes.
	"footnotes", "footnote-ref", "footnote-backref",
	// chart/svg: the marks of a chart.
	"plinth-mark",
}

// generatedPrefixes start the classes the generator makes from a value:
// a code block's language, a chart's variant.
var generatedPrefixes = []string{"language-", "plinth-chart__svg"}
