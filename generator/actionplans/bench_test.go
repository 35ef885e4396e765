package actionplans

import (
	"os"
	"testing"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/dataset"
)

// BenchmarkRunExample publishes the example site's action-plan tables
// from its sample data (3,000 actions, 203 providers, seven regions): the
// whole stage, once per build.
func BenchmarkRunExample(b *testing.B) {
	data, l := dataset.Load(os.DirFS("../.."), dataset.Options{})
	if l.HasErrors() {
		b.Fatal(l)
	}
	p := anonymise.DefaultPolicy()
	for b.Loop() {
		if res, d := Run(p, data, Options{}); d.HasErrors() || len(res.Tables) != 8 {
			b.Fatal(d)
		}
	}
}
