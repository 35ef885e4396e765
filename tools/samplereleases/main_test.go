package main

import (
	"path/filepath"
	"testing"
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
