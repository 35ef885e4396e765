package site

import (
	"reflect"
	"slices"
	"testing"

	"github.com/plinth-ssg/plinth/generator/internal/typewalk"
)

// TestPublicTableWall: a layout holding a published table can reach
// published figures, labels and download addresses, and nothing else.
func TestPublicTableWall(t *testing.T) {
	seen := typewalk.Reachable(reflect.TypeFor[*PublicTable]())
	var names []string
	for ty := range seen {
		if ty.Kind() == reflect.Struct && ty.PkgPath() != "" {
			names = append(names, ty.String())
		}
	}
	slices.Sort(names)
	want := []string{"anonymise.Cell", "anonymise.Meta", "anonymise.Row", "anonymise.Table", "site.Download", "site.PublicTable"}
	if !slices.Equal(names, want) {
		t.Errorf("structs reachable from *PublicTable: %v, want %v", names, want)
	}
}

func TestDownloadSizeText(t *testing.T) {
	for size, want := range map[int]string{0: "0 bytes", 999: "999 bytes", 1000: "1 KB", 1499: "1 KB", 1500: "2 KB", 999_499: "999 KB", 1_450_000: "1.4 MB"} {
		if got := (Download{Size: size}).SizeText(); got != want {
			t.Errorf("SizeText(%d) = %q, want %q", size, got, want)
		}
	}
}
