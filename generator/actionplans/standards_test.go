package actionplans

import (
	"strings"
	"testing"
)

// TestStandardRowsOfTwoEditions: actions naming standards of two editions
// that share a number and title (2016:1.1 and 2021:1.1) get rows whose
// labels say the edition, so the table by standard can be published;
// before, its audit stopped the build as "a fault in Plinth". Other labels
// stay as the framework gives them.
func TestStandardRowsOfTwoEditions(t *testing.T) {
	names := map[string]string{
		"2016:1.1": "1.1 Safe and compassionate care",
		"2021:1.1": "1.1 Safe and compassionate care",
		"2021:1.2": "1.2 Learners are supported",
	}
	name := func(ref string) (string, bool) { l, ok := names[ref]; return l, ok }
	actions := []action{{standard: "2021:1.1"}, {standard: "2016:1.1"}, {standard: "2021:1.2"}, {standard: "2021:1.1"}}
	domain := map[string]Domain{"2016:1.1": {Number: 1}, "2021:1.1": {Number: 1}, "2021:1.2": {Number: 1}}
	rows, index := standardRows(actions, domain, name)
	var got []string
	for _, r := range rows {
		got = append(got, r.Ref+"="+r.Label)
	}
	want := "2016:1.1=1.1 Safe and compassionate care (2016 edition)|" +
		"2021:1.1=1.1 Safe and compassionate care (2021 edition)|" +
		"2021:1.2=1.2 Learners are supported"
	if strings.Join(got, "|") != want {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.ReplaceAll(want, "|", "\n"))
	}
	if index["2021:1.1"] != 1 || index["2016:1.1"] != 0 {
		t.Errorf("index %v does not follow the rows", index)
	}
}
