package framework

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/site"
)

// BenchmarkBuild runs the framework stage over a large synthetic framework:
// editions × 6 domains × 10 standards, each standard replacing the one
// with its ID in the previous edition, with every ordered pair compared.
// Time should grow with the number of standards times the number of
// comparisons, not with the square of the standards.
func BenchmarkBuild(b *testing.B) {
	for _, editions := range []int{3, 10} {
		b.Run(fmt.Sprintf("editions=%d", editions), func(b *testing.B) {
			fsys := syntheticFramework(editions)
			cfg, _ := config.Load(fsys, config.Options{})
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				loaded, _ := content.Load(fsys, content.Options{Schemas: []content.Schema{Schema}})
				b.StartTimer()
				if _, diags := Build(cfg, loaded.Pages, site.Publish{}, nil); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		})
	}
}

func syntheticFramework(editions int) fstest.MapFS {
	fsys := fstest.MapFS{
		"site.toml":       {Data: []byte(fixtureSite)},
		"themes/t/README": {Data: []byte("theme")},
	}
	for e := range editions {
		key := fmt.Sprint(2000 + e)
		status := "superseded"
		extra := fmt.Sprintf("superseded_on = %d-01-01\nsuperseded_by = \"%d\"\n", 2001+e, 2001+e)
		if e == editions-1 {
			status, extra = "in-force", ""
		}
		fsys["content/framework/"+key+"/_index.md"] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"+++\ntitle = \"Edition %s\"\nstatus = %q\neffective_from = %d-01-01\n%s+++\n", key, status, 2000+e, extra)}
		for d := 1; d <= 6; d++ {
			dir := fmt.Sprintf("content/framework/%s/%d-domain", key, d)
			fsys[dir+"/_index.md"] = &fstest.MapFile{Data: fmt.Appendf(nil, "+++\ntitle = \"Domain %d\"\ndomain = %d\n+++\n", d, d)}
			for n := 1; n <= 10; n++ {
				replaces := ""
				if e > 0 {
					replaces = fmt.Sprintf("replaces = [\"%d:%d.%d\"]\n", 2000+e-1, d, n)
				}
				fsys[fmt.Sprintf("%s/%d-%d.md", dir, d, n)] = &fstest.MapFile{Data: fmt.Appendf(nil,
					"+++\nid = \"%d.%d\"\ntitle = \"Standard %d.%d\"\n%smust = [\"Do it.\"]\n+++\nLearners in edition %d are supported in %d ways by placement providers who plan education.\n",
					d, n, d, n, replaces, e%2, n)}
			}
		}
	}
	return fsys
}
