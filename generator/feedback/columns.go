package feedback

import (
	"fmt"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
)

// The dataset's columns, as data/datasets.toml declares them.
const (
	colID             = "id"
	colPublished      = "published"
	colRegion         = "region"
	colProfessions    = "professions"
	colTheme          = "theme"
	colStandards      = "standards"
	colTitle          = "title"
	colLearnersSaid   = "learners_said"
	colWeDid          = "we_did"
	colStatus         = "status"
	colOutcome        = "outcome"
	colEvidenceValue  = "evidence_value"
	colEvidenceUnit   = "evidence_unit"
	colEvidenceLabel  = "evidence_label"
	colEvidenceBase   = "evidence_base"
	colEvidenceSource = "evidence_source"
	colReviewedBy     = "reviewed_by"
	colReviewedOn     = "reviewed_on"
)

// The evidence units the pages know how to show.
const (
	unitCount   = "count"
	unitPercent = "percent"
)

// column is what the feature needs of one column of the dataset.
type column struct {
	name  string
	types []dataset.Type
	list  bool // must be a list column
	// optional columns may be left empty in a row (required = false).
	optional bool
	// undeclared columns may be missing from the manifest altogether,
	// as if every row left them empty: the columns added after sites
	// had their manifests.
	undeclared bool
}

// columns lists every column the feature reads. The manifest may declare
// more (they are ignored) but not fewer.
var columns = []column{
	{name: colID, types: []dataset.Type{dataset.TypeString}},
	{name: colPublished, types: []dataset.Type{dataset.TypeDate}},
	{name: colRegion, types: []dataset.Type{dataset.TypeRegion}},
	{name: colProfessions, types: []dataset.Type{dataset.TypeProfession}, list: true},
	{name: colTheme, types: []dataset.Type{dataset.TypeEnum}},
	{name: colStandards, types: []dataset.Type{dataset.TypeStandard}, list: true, optional: true},
	{name: colTitle, types: []dataset.Type{dataset.TypeString}, optional: true, undeclared: true},
	{name: colLearnersSaid, types: []dataset.Type{dataset.TypeString}},
	{name: colWeDid, types: []dataset.Type{dataset.TypeString}},
	{name: colStatus, types: []dataset.Type{dataset.TypeEnum}},
	{name: colOutcome, types: []dataset.Type{dataset.TypeString}, optional: true},
	{name: colEvidenceValue, types: []dataset.Type{dataset.TypeDecimal, dataset.TypeInteger}, optional: true},
	{name: colEvidenceUnit, types: []dataset.Type{dataset.TypeEnum}, optional: true},
	{name: colEvidenceLabel, types: []dataset.Type{dataset.TypeString}, optional: true},
	{name: colEvidenceBase, types: []dataset.Type{dataset.TypeInteger}, optional: true, undeclared: true},
	{name: colEvidenceSource, types: []dataset.Type{dataset.TypeString}, optional: true, undeclared: true},
	{name: colReviewedBy, types: []dataset.Type{dataset.TypeString}, optional: true},
	{name: colReviewedOn, types: []dataset.Type{dataset.TypeDate}, optional: true},
}

// checkColumns reports every column the feature needs that the manifest
// does not declare as it must be. It returns false if the dataset cannot
// be read.
func checkColumns(spec *dataset.Spec, l *diag.List) bool {
	ok := true
	for _, want := range columns {
		c, found := spec.Column(want.name)
		types := make([]string, len(want.types))
		for i, t := range want.types {
			types[i] = string(t)
		}
		typeWords := strings.Join(types, " or ")
		switch {
		case !found && want.undeclared:
			continue
		case !found:
			l.Add(diag.Errorf(spec.Pos, "the dataset %q has no column %q, which the \"You said, we did\" pages need", spec.Name, want.name).
				WithHint("add a [[dataset.column]] with name = %q and type = %q; docs/you-said-we-did.md lists every column", want.name, types[0]))
		case !slices.Contains(want.types, c.Type):
			l.Add(diag.Errorf(c.Pos, "the column %q of dataset %q has type %q, but the \"You said, we did\" pages need %s", want.name, spec.Name, c.Type, typeWords).
				WithHint("set type = %q", types[0]))
		case want.list && !c.List:
			l.Add(diag.Errorf(c.Pos, "the column %q of dataset %q must hold a list", want.name, spec.Name).
				WithHint("add list = true: an entry may name several %s", strings.ReplaceAll(want.name, "_", " ")))
		case !want.list && c.List:
			l.Add(diag.Errorf(c.Pos, "the column %q of dataset %q must hold one value, not a list", want.name, spec.Name).
				WithHint("remove list = true"))
		case !want.optional && !c.Required:
			l.Add(diag.Errorf(c.Pos, "the column %q of dataset %q must not be optional: every entry needs it", want.name, spec.Name).
				WithHint("remove required = false"))
		default:
			continue
		}
		ok = false
	}
	if c, found := spec.Column(colEvidenceUnit); found && c.Type == dataset.TypeEnum {
		for _, v := range c.Values {
			if v != unitCount && v != unitPercent {
				l.Add(diag.Errorf(c.Pos, "the column %q allows %q, but the pages can show only a count or a percentage", colEvidenceUnit, v).
					WithHint(`set values = ["%s", "%s"]`, unitCount, unitPercent))
				ok = false
			}
		}
	}
	return ok
}

// where names a row in messages, as the dataset loader does ("row 14").
func where(pos diag.Pos) string { return fmt.Sprintf("row %d", pos.Line) }
