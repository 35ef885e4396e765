// Package csvcell guards the text cells of the CSV files a site publishes.
// It is a leaf package so that the framework (an early stage) and the open
// data stage (a later one) share one guard without the earlier importing
// the later.
package csvcell

import "strings"

// Guard makes a text cell of a published CSV file safe to open in a
// spreadsheet: one that would be read as a formula (starting with =, +, -,
// @, a tab or a carriage return) gets a leading apostrophe, so that an
// editor's "=HYPERLINK(…)" never runs on a reader's machine.
func Guard(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
