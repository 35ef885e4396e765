package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedReleases: the example site's earlier releases are exactly
// what the tool makes from today's sample data (run it to update them).
func TestCommittedReleases(t *testing.T) {
	site := filepath.Join("..", "..")
	files, err := Make(site)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(Dates) {
		t.Fatalf("made %d releases, want %d", len(files), len(Dates))
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%v: run go run ./tools/samplereleases", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what tools/samplereleases makes: run go run ./tools/samplereleases", name)
		}
	}
}
