package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/plinth-ssg/plinth/generator/actionplans"
)

// TestCommittedReleases: the example site's earlier releases are still the
// releases of the synthetic data of their dates: a build of each
// snapshot, with the releases up to its date, takes the file as the
// release of its data and passes the audit.
func TestCommittedReleases(t *testing.T) {
	if err := Check(filepath.Join("..", "..")); err != nil {
		t.Fatal(err)
	}
}

// TestRules1Release: the example's March 2026 release as it was made
// before rules had versions (testdata/2026-03-31-rules1.toml, the file
// committed until the example's releases were made again under version
// 2) is still the release of its data: it records no version, so it is
// checked under version 1, and passes, although version 2 hides more of
// the same data. A release of the same data made now records version 2.
// Checked under version 2 the old file would fail (the rows of standards
// 2.1 and 4.1), and a real site, whose releases are never made again,
// would stop building: anonymise's TestRulesOfARelease holds that case.
func TestRules1Release(t *testing.T) {
	old, err := os.ReadFile(filepath.Join("testdata", "2026-03-31-rules1.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(old, []byte("disclosureRules")) {
		t.Fatal("the fixture records a version of the rules: it is not a release made before versions")
	}
	site := filepath.Join("..", "..")
	name := actionplans.FileName(dateOf(Dates[0]))
	if _, err := each(site, map[string][]byte{name: old}, Dates[:1], snapshot, nil); err != nil {
		t.Fatalf("the release made before versions is refused: %v", err)
	}
	made, err := each(site, nil, Dates[:1], snapshot, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := made[name]
	if !bytes.Contains(now, []byte("\ndisclosureRules = 2\n")) {
		t.Errorf("a release made now does not record version 2:\n%s", now)
	}
	hidden := func(b []byte) int { return bytes.Count(b, []byte(`"[c]"`)) }
	if hidden(now) <= hidden(old) {
		t.Errorf("version 2 hides %d figures of the March data, version 1 %d: want more", hidden(now), hidden(old))
	}
}
