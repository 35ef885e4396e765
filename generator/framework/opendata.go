package framework

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/internal/csvcell"
	"github.com/plinth-ssg/plinth/generator/licence"
	"github.com/plinth-ssg/plinth/generator/site"
)

// The open data files: every published edition's standards as JSON and
// CSV, for providers' own self-assessment tools, and every comparison as
// JSON. docs/schemas/standards.schema.json and changes.schema.json describe
// the JSON; a test validates every built file against them.

// StandardsFile is the content of /framework/EDITION/standards.json.
type StandardsFile struct {
	Edition       string          `json:"edition"`
	Title         string          `json:"title"`
	Status        Status          `json:"status"`
	EffectiveFrom string          `json:"effective_from,omitempty"`
	SupersededOn  string          `json:"superseded_on,omitempty"`
	SupersededBy  string          `json:"superseded_by,omitempty"`
	Illustrative  bool            `json:"illustrative"`
	URL           string          `json:"url"`
	Licence       licence.Licence `json:"licence"`
	Domains       []DomainData    `json:"domains"`
	Standards     []StandardData  `json:"standards"`
}

// DomainData is one domain in standards.json.
type DomainData struct {
	Number  int    `json:"number"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	URL     string `json:"url"`
}

// StandardData is one standard in standards.json.
type StandardData struct {
	Ref         string   `json:"ref"`
	ID          string   `json:"id"`
	Domain      int      `json:"domain"`
	DomainTitle string   `json:"domain_title"`
	Title       string   `json:"title"`
	Text        string   `json:"text"`
	Must        []string `json:"must"`
	Evidence    []string `json:"evidence"`
	Replaces    []string `json:"replaces"`
	ReplacedBy  []string `json:"replaced_by"`
	Status      Status   `json:"status"`
	URL         string   `json:"url"`
}

// ChangesFile is the content of /framework/changes/A-to-B/changes.json.
type ChangesFile struct {
	From           EditionData        `json:"from"`
	To             EditionData        `json:"to"`
	Consecutive    bool               `json:"consecutive"`
	URL            string             `json:"url"`
	Licence        licence.Licence    `json:"licence"`
	Counts         map[string]int     `json:"counts"`
	Changes        []ChangeData       `json:"changes"`
	DomainsRenamed []DomainRenameData `json:"domains_renamed"`
	DomainsAdded   []DomainData       `json:"domains_added"`
	DomainsRemoved []DomainData       `json:"domains_removed"`
}

// EditionData names an edition in changes.json.
type EditionData struct {
	Edition string `json:"edition"`
	Title   string `json:"title"`
	Status  Status `json:"status"`
	URL     string `json:"url"`
}

// ChangeData is one change in changes.json.
type ChangeData struct {
	Kind         ChangeKind   `json:"kind"`
	Old          []StandardID `json:"old"`
	New          []StandardID `json:"new"`
	Title        string       `json:"title"`
	Reworded     bool         `json:"reworded"`
	TitleDiff    []Segment    `json:"title_diff,omitempty"`
	TextDiff     []Segment    `json:"text_diff,omitempty"`
	MustDiff     []Segment    `json:"must_diff,omitempty"`
	EvidenceDiff []Segment    `json:"evidence_diff,omitempty"`
}

// DomainRenameData is a renamed domain in changes.json.
type DomainRenameData struct {
	Number   int    `json:"number"`
	OldTitle string `json:"old_title"`
	NewTitle string `json:"new_title"`
}

// openData returns the open data files, each naming the site's licence:
// the JSON files in a field, standards.csv in the CSVW metadata file
// beside it (package licence).
func openData(cfg *config.Config, f *Framework, of func(*Edition) bool) ([]site.File, error) {
	abs := func(url string) string { return cfg.Origin() + cfg.BasePath() + strings.TrimPrefix(url, "/") }
	lic := licence.Licence{Name: cfg.Licence.Name, URL: cfg.Licence.URL}
	var files []site.File
	for _, e := range f.Editions {
		if !of(e) {
			continue
		}
		doc := standardsFile(e, abs)
		doc.Licence = lic
		data, err := marshal(doc)
		if err != nil {
			return nil, err
		}
		base := strings.TrimPrefix(e.URL(), "/")
		files = append(files, site.File{Path: base + "standards.json", Data: data, Source: e.Page.File})
		data, err = standardsCSV(doc)
		if err != nil {
			return nil, err
		}
		files = append(files,
			site.File{Path: base + "standards.csv", Data: data, Source: e.Page.File},
			site.File{Path: base + "standards.csv" + licence.MetadataSuffix, Data: licence.CSVMetadata(base+"standards.csv", e.Title+": the standards", lic, cfg.Licence.Copyright), Source: e.Page.File})
	}
	for _, c := range f.Comparisons {
		if !of(c.From) && !of(c.To) {
			continue
		}
		doc := changesFile(c, abs)
		doc.Licence = lic
		data, err := marshal(doc)
		if err != nil {
			return nil, err
		}
		files = append(files, site.File{Path: strings.TrimPrefix(c.URL(), "/") + "changes.json", Data: data})
	}
	return files, nil
}

func standardsFile(e *Edition, abs func(string) string) StandardsFile {
	doc := StandardsFile{
		Edition: e.Key, Title: e.Title, Status: e.Status, SupersededBy: e.SupersededBy,
		Illustrative: e.Illustrative, URL: abs(e.URL()),
		Domains: []DomainData{}, Standards: []StandardData{},
	}
	if e.EffectiveFrom.IsSet() {
		doc.EffectiveFrom = e.EffectiveFrom.Format("2006-01-02")
	}
	if e.SupersededOn.IsSet() {
		doc.SupersededOn = e.SupersededOn.Format("2006-01-02")
	}
	for _, d := range e.Domains {
		doc.Domains = append(doc.Domains, DomainData{Number: d.Number, Title: d.Title, Summary: d.Summary, URL: abs(d.URL())})
	}
	for _, s := range e.Standards {
		doc.Standards = append(doc.Standards, StandardData{
			Ref: s.Ref().String(), ID: s.ID.String(), Domain: s.Domain.Number, DomainTitle: s.Domain.Title,
			Title: s.Title, Text: s.Text, Must: orEmpty(s.Must), Evidence: orEmpty(s.Evidence),
			Replaces: refs(s.Replaces), ReplacedBy: refs(s.ReplacedBy), Status: e.Status, URL: abs(s.URL()),
		})
	}
	return doc
}

func changesFile(c *Comparison, abs func(string) string) ChangesFile {
	ed := func(e *Edition) EditionData {
		return EditionData{Edition: e.Key, Title: e.Title, Status: e.Status, URL: abs(e.URL())}
	}
	doc := ChangesFile{
		From: ed(c.From), To: ed(c.To), Consecutive: c.Consecutive, URL: abs(c.URL()),
		Counts:  map[string]int{"unchanged": c.Unchanged},
		Changes: []ChangeData{}, DomainsRenamed: []DomainRenameData{}, DomainsAdded: []DomainData{}, DomainsRemoved: []DomainData{},
	}
	for _, k := range ChangeKinds {
		doc.Counts[string(k)] = c.Count(k)
	}
	for _, ch := range c.Changes {
		cd := ChangeData{Kind: ch.Kind, Old: ids(ch.Old), New: ids(ch.New), Reworded: ch.Reworded,
			TitleDiff: ch.Title, TextDiff: ch.Text, MustDiff: ch.Must, EvidenceDiff: ch.Evidence}
		if len(ch.New) > 0 {
			cd.Title = ch.New[0].Title
		} else {
			cd.Title = ch.Old[0].Title
		}
		doc.Changes = append(doc.Changes, cd)
	}
	for _, r := range c.DomainsRenamed {
		doc.DomainsRenamed = append(doc.DomainsRenamed, DomainRenameData{Number: r.Number, OldTitle: r.Old.Title, NewTitle: r.New.Title})
	}
	for _, d := range c.DomainsAdded {
		doc.DomainsAdded = append(doc.DomainsAdded, DomainData{Number: d.Number, Title: d.Title, Summary: d.Summary, URL: abs(d.URL())})
	}
	for _, d := range c.DomainsRemoved {
		doc.DomainsRemoved = append(doc.DomainsRemoved, DomainData{Number: d.Number, Title: d.Title, Summary: d.Summary, URL: abs(d.URL())})
	}
	return doc
}

// csvHeader names standards.csv's columns; lists (must, evidence,
// replaces) are one item per line inside their cell.
var csvHeader = []string{"edition", "ref", "id", "domain", "domain_title", "title", "text", "must", "evidence", "replaces", "status", "url"}

func standardsCSV(doc StandardsFile) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true // RFC 4180, and what spreadsheets expect
	if err := w.Write(csvHeader); err != nil {
		return nil, err
	}
	for _, s := range doc.Standards {
		// The wording is the editors' text: a cell a spreadsheet would run
		// as a formula is written as opendata writes it.
		row := []string{doc.Edition, s.Ref, s.ID, strconv.Itoa(s.Domain), csvcell.Guard(s.DomainTitle), csvcell.Guard(s.Title), csvcell.Guard(s.Text),
			csvcell.Guard(strings.Join(s.Must, "\n")), csvcell.Guard(strings.Join(s.Evidence, "\n")), strings.Join(s.Replaces, "\n"), string(s.Status), s.URL}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func refs(ss []*Standard) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.Ref().String())
	}
	return out
}

func ids(ss []*Standard) []StandardID {
	out := []StandardID{}
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
