package svg

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZMine(t *testing.T) {
	files, _ := filepath.Glob("/tmp/dump/*.json")
	var cs []Chart
	for _, f := range files {
		b, _ := os.ReadFile(f)
		var c Chart
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	out, err := Draw(cs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cs {
		os.WriteFile("/tmp/mine/"+strings.TrimSuffix(filepath.Base(files[i]), ".json")+".svg", []byte(out[i]), 0o644)
	}
}
