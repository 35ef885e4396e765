package sitegen

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/plinth-ssg/plinth/tools/sampledata/sample"
)

// domainSizes is how many standards each of the six domains holds, matching
// the IDs the sample action data refers to (1.1–1.6 … 6.1–6.4).
var domainSizes = []int{6, 6, 6, 5, 4, 4}

// editionKeys returns the editions of a site of n pages, oldest first: the
// three of the example site, and one more superseded edition for every
// 5,000 pages, so the framework's share of the work grows with the site.
func editionKeys(n int) []string {
	var keys []string
	for i := n / 5000; i > 0; i-- {
		keys = append(keys, fmt.Sprint(2015-i))
	}
	return append(keys, "2016", "2019", "2021")
}

// writeFramework writes the editions: each with six domains of standards,
// each standard continuing the same ID of the edition before.
func (w *writer) writeFramework(n int) {
	keys := editionKeys(n)
	w.file("content/framework/_index.md", "+++\ntitle = \"Quality Framework\"\n+++\nSynthetic editions for benchmarks.\n")
	for e, key := range keys {
		front := fmt.Sprintf("+++\ntitle = \"Quality Framework %s\"\nweight = %d\nillustrative = true\neffective_from = %s-04-01\n", key, len(keys)-e, key)
		if e+1 < len(keys) {
			next := keys[e+1]
			front += fmt.Sprintf("status = \"superseded\"\nsuperseded_on = %s-04-01\nsuperseded_by = \"%s\"\n", next, next)
		} else {
			front += "status = \"in-force\"\n"
		}
		w.file(filepath.Join("content/framework", key, "_index.md"), front+"+++\nAn edition of synthetic standards.\n")
		for d, size := range domainSizes {
			dir := filepath.Join("content/framework", key, fmt.Sprintf("%d-domain", d+1))
			w.file(filepath.Join(dir, "_index.md"), fmt.Sprintf("+++\ntitle = \"Domain %d\"\ndomain = %d\nsummary = \"The standards of domain %d.\"\nweight = %d\n+++\nAbout domain %d.\n", d+1, d+1, d+1, d+1, d+1))
			for s := 1; s <= size; s++ {
				id := fmt.Sprintf("%d.%d", d+1, s)
				var b strings.Builder
				fmt.Fprintf(&b, "+++\nid = \"%s\"\ntitle = \"Standard %s\"\n", id, id)
				if e > 0 {
					fmt.Fprintf(&b, "replaces = [\"%s:%s\"]\n", keys[e-1], id)
				}
				fmt.Fprintf(&b, "must = [\"Do the first thing for standard %s.\", \"Do the second thing.\"]\n", id)
				b.WriteString("evidence = [\"A record of the first thing\", \"Learner feedback\"]\n+++\n\n")
				// Every few editions the wording changes, so the "what
				// changed" pages have redlines to compute.
				fmt.Fprintf(&b, "Learners on placement can expect standard %s to be met in edition %d of this framework.\n", id, e/2)
				w.file(filepath.Join(dir, fmt.Sprintf("%d-%d.md", d+1, s)), b.String())
			}
		}
	}
}

// writeData writes the reference data and synthetic action plans: three
// actions for every page, so the data stage grows with the site.
func (w *writer) writeData(n int) {
	w.file("data/regions.toml", regionsTOML)
	w.file("data/professions.toml", professionsTOML)
	files, err := sample.Generate(max(3*n, sample.DefaultActions))
	if err != nil {
		w.err = err
		return
	}
	w.file("data/datasets.toml", string(sample.SpliceManifest(nil, files[sample.ManifestBlockName])))
	w.file("data/providers.csv", string(files["providers.csv"]))
	w.file("data/actions.csv", string(files["actions.csv"]))
	w.file("content/action-plans/_index.md", "+++\ntitle = \"Action plans\"\n+++\nSynthetic figures.\n")
}

const regionsTOML = `[[region]]
key = "london"
name = "London"
[[region]]
key = "south-east"
name = "South East"
[[region]]
key = "south-west"
name = "South West"
[[region]]
key = "north-west"
name = "North West"
[[region]]
key = "north-east-and-yorkshire"
name = "North East and Yorkshire"
[[region]]
key = "midlands"
name = "Midlands"
[[region]]
key = "east-of-england"
name = "East of England"
`

const professionsTOML = `[[profession]]
key = "medicine"
name = "Medicine"
plural = "doctors in training"
[[profession]]
key = "dentistry"
name = "Dentistry"
plural = "dentists in training"
[[profession]]
key = "nursing"
name = "Nursing"
plural = "student nurses"
[[profession]]
key = "midwifery"
name = "Midwifery"
plural = "student midwives"
[[profession]]
key = "allied-health"
name = "Allied health professions"
plural = "allied health learners"
[[profession]]
key = "pharmacy"
name = "Pharmacy"
plural = "pharmacy learners"
[[profession]]
key = "healthcare-science"
name = "Healthcare science"
plural = "healthcare science trainees"
[[profession]]
key = "paramedicine"
name = "Paramedicine"
plural = "student paramedics"
[[profession]]
key = "other"
name = "Other learners"
plural = "other learners"
`
