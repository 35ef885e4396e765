package actionplans

import (
	"errors"
	"fmt"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/diag"
)

// auditDiagnostics turns Publish's error into diagnostics at the data
// file: one per unsafe table, listing its cells by their labels, and no
// figure.
func auditDiagnostics(err error, file string) diag.List {
	var l diag.List
	pos := diag.Pos{File: file}
	for _, e := range flatten(err) {
		var ae *anonymise.AuditError
		if errors.As(e, &ae) {
			var b strings.Builder
			fmt.Fprintf(&b, "the table %q is not safe to publish: ", ae.Table)
			if len(ae.Cells) == 1 {
				b.WriteString("1 hidden figure could be worked out")
			} else {
				fmt.Fprintf(&b, "%d hidden figures could be worked out", len(ae.Cells))
			}
			for _, c := range ae.Cells {
				fmt.Fprintf(&b, "\n    row %q, column %q: %s", c.Row, c.Column, c.Problem)
			}
			l.Add(diag.Errorf(pos, "%s", b.String()).WithHint("%s", ae.Hint()))
			continue
		}
		l.Add(diag.Errorf(pos, "the action-plan tables cannot be published: %v", e).
			WithHint("this is a fault in Plinth rather than in the data; please report it"))
	}
	return l
}

// flatten undoes errors.Join.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
