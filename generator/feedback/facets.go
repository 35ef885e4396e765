package feedback

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/framework"
)

// The facets' keys, which are also the filter script's query-string
// parameters, and the folders of their list pages under /you-said-we-did/.
// Regions have no folder: their pages sit directly under the section, as
// do their feeds (/you-said-we-did/london/feed.xml).
const (
	FacetRegion     = "region"
	FacetProfession = "profession"
	FacetTheme      = "theme"
	FacetStatus     = "status"
)

var facetFolders = map[string]string{
	FacetProfession: "professions",
	FacetTheme:      "themes",
	FacetStatus:     "status",
}

// statusTags are the NHS.UK tag colours of the statuses the manifest
// declares; another status gets the default tag.
var statusTags = map[string]string{"planned": "grey", "in-progress": "blue", "done": "green"}

// option is one possible value of a facet, in reference order, before
// entries are counted.
type option struct {
	key, name, description string
	// summary is the description of the value's page.
	summary string
}

// facetOptions lists every possible value of each facet, in the order
// pages list them: national first, then the regions as regions.toml lists
// them; professions as professions.toml does; themes and statuses as the
// manifest does.
func facetOptions(set *dataset.Set, spec *dataset.Spec, fw *framework.Framework, l *diag.List) map[string][]option {
	out := map[string][]option{}
	const told = " told us about their placements, and what was done about it."
	out[FacetRegion] = append(out[FacetRegion], option{key: dataset.National, name: "National",
		description: "England as a whole", summary: "What learners across England" + told})
	for _, r := range set.Regions {
		out[FacetRegion] = append(out[FacetRegion], option{key: r.Key, name: r.Name, summary: "What learners in " + r.Name + told})
	}
	for _, p := range set.Professions {
		out[FacetProfession] = append(out[FacetProfession], option{key: p.Key, name: p.Name, description: p.Description,
			summary: "What " + p.Plural + told})
	}
	for _, f := range []struct{ facet, column string }{{FacetTheme, colTheme}, {FacetStatus, colStatus}} {
		c, _ := spec.Column(f.column)
		for _, v := range c.Values {
			if !idPattern.MatchString(v) {
				l.Add(diag.Errorf(c.Pos, "the %s %q cannot be part of an address", f.facet, v).
					WithHint("use lower-case letters, digits and single hyphens, like \"clinical-supervision\": each %s has its own page", f.facet))
				continue
			}
			o := option{key: v, name: humanise(v)}
			switch f.facet {
			case FacetTheme:
				o.name, o.description = themeName(v, fw)
				o.summary = "What learners told us about " + strings.ToLower(o.name[:1]) + o.name[1:] + ", and what was done about it."
			case FacetStatus:
				o.summary = "Entries whose work is " + strings.ToLower(o.name) + "."
			}
			out[f.facet] = append(out[f.facet], o)
		}
	}
	return out
}

// themeName names a theme: a survey theme by its key in words, a
// framework domain ("domain-1") by the domain's title in the edition in
// force.
func themeName(key string, fw *framework.Framework) (name, description string) {
	n, ok := strings.CutPrefix(key, "domain-")
	num, err := strconv.Atoi(n)
	if !ok || err != nil {
		return humanise(key), "A theme of the national learner surveys"
	}
	description = fmt.Sprintf("Quality Framework domain %d", num)
	if fw != nil {
		if e := fw.InForce(); e != nil {
			if d := e.Domain(num); d != nil {
				return d.Title, description
			}
		}
	}
	return description, ""
}

// humanise turns a key into words: "in-progress" → "In progress".
func humanise(key string) string {
	s := strings.ReplaceAll(key, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// buildFacets makes the facets from the published records, keeping only
// the values that have entries, and links each entry to its values.
func buildFacets(f *Feedback, records []*record, options map[string][]option) {
	keys := []struct{ key, name, plural string }{
		{FacetRegion, "Region", "regions"},
		{FacetProfession, "Profession", "professions"},
		{FacetTheme, "Theme", "themes"},
		{FacetStatus, "Status", "statuses"},
	}
	for _, k := range keys {
		fc := &Facet{Key: k.key, Name: k.name, Plural: k.plural, Feedback: f}
		if folder, ok := facetFolders[k.key]; ok {
			fc.URL = "/" + Section + "/" + folder + "/"
		}
		byKey := map[string]*FacetValue{}
		for _, o := range options[k.key] {
			v := &FacetValue{Facet: fc, Key: o.key, Name: o.name, Description: o.description, summary: o.summary}
			switch k.key {
			case FacetRegion:
				v.URL = "/" + Section + "/" + o.key + "/"
				v.Feed = v.URL + feedFile
			default:
				v.URL = fc.URL + o.key + "/"
			}
			if k.key == FacetStatus {
				v.Tag = statusTags[o.key]
			}
			byKey[o.key] = v
		}
		for _, rec := range records {
			for _, key := range rec.keys(k.key) {
				v := byKey[key]
				if v == nil {
					continue // reported by the dataset stage or facetOptions
				}
				v.Entries = append(v.Entries, rec.entry)
				rec.entry.link(k.key, v)
			}
		}
		for _, o := range options[k.key] {
			if v := byKey[o.key]; len(v.Entries) > 0 {
				fc.Values = append(fc.Values, v)
			}
		}
		f.Facets = append(f.Facets, fc)
	}
}

// keys returns the record's values of a facet.
func (r *record) keys(facet string) []string {
	switch facet {
	case FacetRegion:
		return []string{r.region}
	case FacetProfession:
		return r.professions
	case FacetTheme:
		return []string{r.theme}
	case FacetStatus:
		return []string{r.status}
	}
	return nil
}

// link sets the entry's value of a facet.
func (e *Entry) link(facet string, v *FacetValue) {
	switch facet {
	case FacetRegion:
		e.Region = v
	case FacetProfession:
		e.Professions = append(e.Professions, v)
	case FacetTheme:
		e.Theme = v
	case FacetStatus:
		e.Status = v
	}
}
