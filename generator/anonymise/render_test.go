package anonymise

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// render lays a published table out as text, for golden files and failure
// messages. It reads the table only through its exported API, as a template
// would.
func render(t *Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", t.Title())
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{t.Meta().RowHeading}
	head = append(head, t.ColumnLabels()...)
	if t.HasRowTotals() {
		head = append(head, t.TotalLabel())
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	line := func(r Row) {
		f := []string{r.Label}
		for _, c := range r.Cells {
			f = append(f, c.String())
		}
		if r.HasTotal {
			f = append(f, r.Total.String())
		}
		fmt.Fprintln(tw, strings.Join(f, "\t")+"\t")
	}
	for _, r := range t.Rows() {
		line(r)
	}
	if r, ok := t.TotalRow(); ok {
		line(r)
	}
	tw.Flush()
	for _, f := range t.Footnotes() {
		fmt.Fprintf(&b, "* %s\n", f)
	}
	return b.String()
}
