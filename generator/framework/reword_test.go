package framework

import (
	"bytes"
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/site"
)

// TestReword checks Reword against Build: after a standard's words are
// edited, the model Reword updates in place must hold what a model built
// from the edited pages holds (the open data files, those it makes again
// in place of the last build's, each comparison's
// summary and changes as changes.json writes them, each self-assessment's
// data island), and Reword may refuse only an edit that changes what a
// build makes other than derived values: a comparison's summary or the
// stage's diagnostics. Each case edits one standard of the example site
// (with a standard added to it) as the case before left it.
func TestReword(t *testing.T) {
	base := exampleFramework(t)
	const (
		std2021  = "content/framework/2021/1-learning-environment/1-3.md" // says what 2019's 1.3 said
		std2019  = "content/framework/2019/1-learning-environment/1-1.md"
		new2019  = "content/framework/2019/6-sustainable-workforce/6-5.md" // added below, continuing nothing
		text2016 = "Placement providers support people from local communities and under-represented groups to find out about healthcare careers and apply for training."
	)
	base[new2019] = &fstest.MapFile{Data: []byte("+++\nid = \"6.5\"\ntitle = \"Outreach\"\nmust = [\"Visit local schools.\"]\n+++\n\nPlacement providers visit local schools.\n")}
	cases := []struct {
		name, file, old, new string
		ok                   bool
	}{
		{"an unchanged standard reworded: the counts change", std2019, "Learners learn in", "Learners learn and teach in", false},
		{"a reworded standard reworded again", std2019, "learn and teach in", "learn and teach well in", true},
		{"another", std2021, "+++\n\n", "+++\n\nA sentence the standard adds.\n\n", false},
		{"another again", std2021, "A sentence the standard adds.", "A sentence the standard adds, revised.", true},
		{"words copied from the older standard with its ID", new2019, "Placement providers visit local schools.", text2016, false},
		{"the copied words changed: the warning goes", new2019, "Placement providers support people", "Placement providers help people", false},
		{"a new standard reworded", new2019, "help people", "guide people", true},
		{"a standard left without words", std2019, "", "", false},
	}
	for _, c := range cases {
		before := buildWithDiags(t, base)
		edited := maps.Clone(base)
		data := slices.Clone(base[c.file].Data)
		if c.old == "" {
			end := bytes.Index(data[3:], []byte("+++\n")) + 3 + len("+++\n")
			data = data[:end] // no words at all
		} else if !bytes.Contains(data, []byte(c.old)) {
			t.Fatalf("%s: %s does not contain %q", c.name, c.file, c.old)
		} else {
			data = bytes.Replace(data, []byte(c.old), []byte(c.new), 1)
		}
		edited[c.file] = &fstest.MapFile{Data: data}
		after := buildWithDiags(t, edited)
		base = edited // the next case edits the site as it now is

		// The edited page as a patched build has it: the new body.
		var page *site.Page
		for _, p := range before.res.Pages {
			if p.File == c.file {
				page = p
			}
		}
		page.Body = data[bytes.Index(data[3:], []byte("+++\n"))+3+len("+++\n"):]
		files, ok := before.res.Framework.Reword(before.cfg, []*site.Page{page})
		if ok != c.ok {
			t.Errorf("%s: Reword reports %t, want %t", c.name, ok, c.ok)
		}
		same := sameSummaries(before.res.Framework, after.res.Framework) && slices.Equal(before.diags, after.diags)
		if !ok {
			if same {
				t.Errorf("%s: Reword refused an edit that changes no summary and no diagnostic", c.name)
			}
			continue
		}
		if !same {
			t.Errorf("%s: Reword accepted an edit that changes a summary or a diagnostic", c.name)
		}
		// The files Reword made replace the last build's of their paths
		// (as the output pass's Update does); the rest must not change.
		patched := slices.Clone(before.res.Files)
		for _, f := range files {
			i := slices.IndexFunc(patched, func(g site.File) bool { return g.Path == f.Path })
			if i < 0 {
				t.Fatalf("%s: Reword made %s, which the build did not", c.name, f.Path)
			}
			patched[i] = f
		}
		if len(patched) != len(after.res.Files) {
			t.Fatalf("%s: the build made %d files, the edited build %d", c.name, len(patched), len(after.res.Files))
		}
		for i, want := range after.res.Files {
			if patched[i].Path != want.Path || !bytes.Equal(patched[i].Data, want.Data) {
				t.Errorf("%s: %s differs from Build's", c.name, want.Path)
			}
		}
		for i, e := range after.res.Framework.Editions {
			a, b := e.SelfAssessment, before.res.Framework.Editions[i].SelfAssessment
			if (a == nil) != (b == nil) || a != nil && a.Data() != b.Data() {
				t.Errorf("%s: the %s self-assessment's data differs from Build's", c.name, e.Key)
			}
		}
	}
}

type built struct {
	cfg   *config.Config
	res   Result
	diags []string
}

// buildWithDiags builds the framework of fsys, keeping its diagnostics
// (errors too).
func buildWithDiags(t *testing.T, fsys fstest.MapFS) built {
	t.Helper()
	cfg, res, diags := loadAndBuild(t, fsys)
	var lines []string
	for _, d := range diags {
		lines = append(lines, d.Pos.String()+": "+d.Msg)
	}
	return built{cfg: cfg, res: res, diags: lines}
}

// sameSummaries reports whether two models' comparisons have the same
// summaries.
func sameSummaries(a, b *Framework) bool {
	return slices.EqualFunc(a.Comparisons, b.Comparisons, func(x, y *Comparison) bool {
		return x.Slug() == y.Slug() && x.Summary() == y.Summary()
	})
}
