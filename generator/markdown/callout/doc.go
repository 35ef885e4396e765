// Package callout is a goldmark extension that lets authors write NHS.UK
// frontend callouts in Markdown, without HTML:
//
//	:::inset
//	Text, **Markdown** allowed, several paragraphs.
//	:::
//
//	:::warning Important heading
//	Body…
//	:::
//
//	:::details Summary text the reader clicks
//	Hidden body…
//	:::
//
//	:::do
//	- cover the learner's induction
//	:::
//
//	:::dont
//	- leave learners unsupervised
//	:::
//
// A callout opens with a line of three or more colons followed by its kind
// (inset, warning, details, do, dont; upper or lower case; "don't" is
// accepted for dont) and, for some kinds, a heading on the same line. It
// closes at the next line holding only colons (three or more). The body is
// ordinary Markdown and may hold lists, links, code and other callouts; a
// line of colons inside a fenced code block is code, not a fence.
//
// # Markup
//
// The HTML is NHS.UK frontend 10's own (components inset-text,
// warning-callout, details and do-dont-list), so its stylesheet applies
// unchanged:
//
//   - inset: <div class="nhsuk-inset-text"> with the visually hidden prefix
//     "Information: ";
//   - warning: a "nhsuk-card nhsuk-card--warning" card whose heading carries
//     the visually hidden prefix "Important: " unless the heading already
//     contains the word "important" (NHS.UK frontend's rule);
//   - details: <details class="nhsuk-details"> with the heading as its
//     summary;
//   - do and dont: a "nhsuk-card nhsuk-card--feature" card headed "Do" or
//     "Don't" (or the heading given), holding the author's bulleted list
//     with the classes "nhsuk-list nhsuk-list--tick" or "--cross",
//     role="list", and NHS.UK frontend's tick or cross icon at the start of
//     each item. Like NHS.UK frontend, a "don't" item gets the prefix
//     "do not " unless it already starts with "do not" or "don't".
//
// The icons are NHS.UK frontend's own SVG files, read from the site's
// node_modules by LoadIcons and handed to New with WithIcons; Plinth does not
// copy them into its own source. Without icons the lists render without
// them.
//
// # Heading levels
//
// Card headings (warning, do, dont) must not skip a level, so their level is
// one more than the nearest heading before the callout in the document,
// at least 2 (the page title is the h1) and at most 4 (an h4 after an h4 or
// deeper does not skip). A callout before any heading gets h2.
//
// # Problems
//
// Mistakes are reported, never silently rendered: an unknown kind
// (":::insett"), a warning or details without its heading, a heading on
// inset text, an empty callout, a do or don't list that is not one bulleted
// list, a callout not closed before the end of the document (or of the
// list or quote it sits in), and a closing ":::" with nothing to close.
// Each is recorded in the parser.Context with the byte offset in the source
// handed to goldmark; after parsing, Problems(pc) returns them so that the
// caller can turn each offset into file:line:col. The HTML is still
// produced, as close to the author's intent as possible, but a caller
// should fail the build when there are problems.
//
// Raw HTML in a callout's body or heading is treated exactly as elsewhere:
// with goldmark's safe default it is omitted.
package callout
