package dataset

import (
	"bytes"
	"path/filepath"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// TestLoneCRReadsLikeLF loads ok.txtar's site with every line ended by a
// lone carriage return (as some Mac and Windows tools save files): the
// manifest, the reference lists, CSV and TOML data load exactly as with LF,
// rows at the same lines. Before, a CSV file read as one row whose header
// ran into its data, and a TOML file did not parse.
func TestLoneCRReadsLikeLF(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "load", "ok.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	lf := siteFS(t, ar)
	cr := fstest.MapFS{}
	for name, f := range lf {
		cr[name] = &fstest.MapFile{Data: bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r"))}
	}
	set, l := Load(lf, Options{Standards: testStandards})
	want := describe(set, l)
	set, l = Load(cr, Options{Standards: testStandards})
	if got := describe(set, l); got != want {
		t.Errorf("with lone CR line endings:\n%s\nwant as with LF:\n%s", got, want)
	}
}
