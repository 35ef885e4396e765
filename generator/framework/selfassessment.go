package framework

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/site"
)

// The provider self-assessment: one page per edition in force (and, for
// rehearsal, per edition out for consultation and, with --drafts, per
// draft edition) at
// /framework/EDITION/self-assessment/, where a placement provider rates
// itself against every standard, keeps evidence notes and actions, and
// exports or imports its answers. The answers never leave the browser: the
// page's script (themes/plinth/assets/js/self-assessment.js) keeps them in
// localStorage and writes files only when asked to.
//
// Everything the page says about the standards comes from this model: the
// layout prints the standards' wording, and the data island the script
// reads (SelfAssessment.Data) carries the IDs, titles, wording fingerprints
// and the lineage through replaces that lets an assessment of an earlier
// edition be brought into this one. The JSON Schema of the exported file,
// self-assessment.schema.json, is published beside the page and kept in
// docs/schemas/ (a test holds the two equal).

// SelfAssessmentTool names the tool in every file it writes, and
// SelfAssessmentVersion is the version of the file format: the script
// refuses a file of a later version, and the schema pins this one.
const (
	SelfAssessmentTool    = "plinth-self-assessment"
	SelfAssessmentVersion = 1
	// SelfAssessmentSchema is the schema's file name, beside the page.
	SelfAssessmentSchema = "self-assessment.schema.json"
	// SelfAssessmentSlug is the page's last URL segment.
	SelfAssessmentSlug = "self-assessment"
)

// selfAssessmentSchema is the JSON Schema of an exported assessment.
//
//go:embed self-assessment.schema.json
var selfAssessmentSchema []byte

// Rating is one answer a provider can give about a standard.
type Rating struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Hint explains the rating under its radio button.
	Hint string `json:"-"`
}

// Ratings are the answers, from best to worst, then "not applicable".
// NotAssessed is the rating of a standard nobody has assessed yet; it has
// no radio button.
var Ratings = []Rating{
	{Key: "met", Label: "Met", Hint: "You meet every part of the standard and have evidence that shows it."},
	{Key: "partly-met", Label: "Partly met", Hint: "You meet some of the standard, or meet it without the evidence to show it."},
	{Key: "not-met", Label: "Not met", Hint: "You do not meet the standard yet."},
	{Key: "not-applicable", Label: "Not applicable", Hint: "The standard does not apply to your placements. Say why in your notes."},
}

// NotAssessed is the rating of a standard without an answer.
const NotAssessed = "not-assessed"

// AssessmentLimits bound what a provider may enter and what an imported
// file may hold, so that a hostile or corrupt file costs the browser little.
// The schema states the same limits (a test compares them).
type AssessmentLimits struct {
	// FileBytes is the largest file the page reads.
	FileBytes int `json:"file_bytes"`
	// Standards is the most standards one file may list.
	Standards int `json:"standards"`
	// Notes, Action and OwnerRole are the longest texts, in characters.
	Notes     int `json:"notes"`
	Action    int `json:"action"`
	OwnerRole int `json:"owner_role"`
	// Actions is the most actions one standard may have.
	Actions int `json:"actions"`
}

// SelfAssessmentLimits are the self-assessment's limits.
var SelfAssessmentLimits = AssessmentLimits{FileBytes: 2 << 20, Standards: 1000, Notes: 10000, Action: 1000, OwnerRole: 100, Actions: 20}

// SelfAssessment is the self-assessment page's data (.Extra, layout
// framework/self-assessment.html).
type SelfAssessment struct {
	Edition *Edition
	Page    *site.Page
	// SchemaURL is the address of the published schema, absolute.
	SchemaURL string
	// data is the data island, set by selfAssessmentFiles.
	data template.JS
}

// URL is the page's address ("/framework/2021/self-assessment/").
func (a *SelfAssessment) URL() string { return a.Edition.URL() + SelfAssessmentSlug + "/" }

// Data is the JSON the page's script reads, HTML-escaped, for a
// <script type="application/json"> element.
func (a *SelfAssessment) Data() template.JS { return a.data }

// Ratings returns the answers a provider can give, for the layout's radio
// buttons.
func (a *SelfAssessment) Ratings() []Rating { return Ratings }

// Limits returns the limits, for the layout's maxlength attributes.
func (a *SelfAssessment) Limits() AssessmentLimits { return SelfAssessmentLimits }

// Earlier returns the published editions before this one, newest first:
// the editions whose assessments the page can bring in.
func (a *SelfAssessment) Earlier() []*Edition {
	var out []*Edition
	for _, e := range a.Edition.Framework.Newest() {
		if e.order < a.Edition.order {
			out = append(out, e)
		}
	}
	return out
}

// hasSelfAssessment reports whether an edition gets the tool: the edition
// in force, and an edition that does not apply yet when it is published
// (out for consultation, or a draft with --drafts), so that providers can
// rehearse it. Nobody assesses against an
// edition that no longer applies.
func hasSelfAssessment(e, in *Edition) bool {
	return e.Published && (e == in || e.Status.Prerelease())
}

// newSelfAssessment makes the edition's self-assessment page.
func newSelfAssessment(e *Edition) *SelfAssessment {
	a := &SelfAssessment{Edition: e}
	a.Page = generated(site.KindPage, e.Page.Path+"/"+SelfAssessmentSlug, a.URL(), "Self-assessment against the "+e.Title, "self-assessment", a)
	a.Page.Description = "Rate your placements against every standard of the " + e.Key + " edition, note your evidence and plan actions. Your answers stay in your browser."
	return a
}

// Fingerprint identifies the standard's wording: its title, text, what
// providers must do and its evidence examples, the parts whose change
// makes a comparison call it reworded. Two standards have the same
// fingerprint exactly when they say the same thing, whatever their IDs. An
// answer remembers the fingerprint of the wording it was given for, so the
// self-assessment can say when the standard changed since.
func (s *Standard) Fingerprint() string {
	h := sha256.New()
	// Every part is preceded by its length, so that no two different
	// wordings write the same bytes.
	part := func(text string) { fmt.Fprintf(h, "%d:%s", len(text), text) }
	part(s.Title)
	part(s.Text)
	for _, list := range [][]string{s.Must, s.Evidence} {
		fmt.Fprintf(h, "[%d]", len(list))
		for _, item := range list {
			part(item)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// toolData is the data island: what the script needs to know about the
// edition, in the script's own terms.
type toolData struct {
	Tool    string `json:"tool"`
	Version int    `json:"tool_version"`
	Edition string `json:"edition"`
	Title   string `json:"title"`
	// StorageKey is the localStorage key of this edition's answers;
	// StoragePrefix starts every key the tool uses on this site, for
	// "clear everything".
	StorageKey    string           `json:"storage_key"`
	StoragePrefix string           `json:"storage_prefix"`
	Schema        string           `json:"schema"`
	Ratings       []Rating         `json:"ratings"`
	NotAssessed   string           `json:"not_assessed"`
	Limits        AssessmentLimits `json:"limits"`
	Domains       []toolDomain     `json:"domains"`
	Standards     []toolStandard   `json:"standards"`
	// Editions are the other published editions, oldest first.
	Editions []toolEdition `json:"editions"`
}

type toolDomain struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
}

type toolStandard struct {
	ID          string `json:"id"`
	Domain      int    `json:"domain"`
	Title       string `json:"title"`
	Fingerprint string `json:"fingerprint"`
}

// toolEdition is another edition. For an earlier one, Standards says where
// each of its standards went in this edition (Into: none when it was
// removed, several when it was split; several standards with the same Into
// were merged), and Changes is the "what changed" page between the two. A
// later edition is named only, so that the script can say where its
// assessments belong.
type toolEdition struct {
	Key       string            `json:"key"`
	Title     string            `json:"title"`
	Later     bool              `json:"later"`
	Tool      string            `json:"tool,omitempty"`
	Changes   string            `json:"changes,omitempty"`
	Standards []toolOldStandard `json:"standards,omitempty"`
}

type toolOldStandard struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Into  []string `json:"into"`
}

// StorageKeyPrefix starts the localStorage key of every edition's answers.
const StorageKeyPrefix = "plinth-self-assessment:"

// selfAssessmentFiles fills in each self-assessment's data island and
// returns the schema file published beside each page.
func selfAssessmentFiles(cfg *config.Config, f *Framework, of func(*Edition) bool) ([]site.File, error) {
	base := cfg.BasePath()
	var files []site.File
	for _, e := range f.Editions {
		a := e.SelfAssessment
		if a == nil || !of(e) {
			continue
		}
		dir := strings.TrimPrefix(a.URL(), "/")
		a.SchemaURL = cfg.Origin() + base + dir + SelfAssessmentSchema
		d := toolData{
			Tool: SelfAssessmentTool, Version: SelfAssessmentVersion, Edition: e.Key, Title: e.Title,
			StorageKey: StorageKeyPrefix + base + Section + "/" + e.Key, StoragePrefix: StorageKeyPrefix + base,
			Schema: a.SchemaURL, Ratings: Ratings, NotAssessed: NotAssessed, Limits: SelfAssessmentLimits,
			Domains: []toolDomain{}, Standards: []toolStandard{}, Editions: []toolEdition{},
		}
		for _, dom := range e.Domains {
			d.Domains = append(d.Domains, toolDomain{Number: dom.Number, Title: dom.Title})
		}
		for _, s := range e.Standards {
			d.Standards = append(d.Standards, toolStandard{ID: s.ID.String(), Domain: s.Domain.Number, Title: s.Title, Fingerprint: s.Fingerprint()})
		}
		for _, o := range f.Editions {
			if o == e {
				continue
			}
			te := toolEdition{Key: o.Key, Title: o.Title, Later: o.order > e.order}
			if o.SelfAssessment != nil {
				te.Tool = base + strings.TrimPrefix(o.SelfAssessment.URL(), "/")
			}
			if !te.Later {
				for _, c := range f.Comparisons {
					if c.From == o && c.To == e {
						te.Changes = base + strings.TrimPrefix(c.URL(), "/")
					}
				}
				te.Standards = []toolOldStandard{}
				for _, s := range o.Standards {
					into := []string{}
					for _, n := range s.descendantsIn(e) {
						into = append(into, n.ID.String())
					}
					te.Standards = append(te.Standards, toolOldStandard{ID: s.ID.String(), Title: s.Title, Into: into})
				}
			}
			d.Editions = append(d.Editions, te)
		}
		var b bytes.Buffer
		// The encoder's HTML escaping (<, > and & as \u003c …) keeps the
		// island from ever closing its <script> element early.
		if err := json.NewEncoder(&b).Encode(d); err != nil {
			return nil, err
		}
		a.data = template.JS(bytes.TrimSpace(b.Bytes()))
		files = append(files, site.File{Path: dir + SelfAssessmentSchema, Data: selfAssessmentSchema, Source: e.Page.File})
	}
	return files, nil
}
