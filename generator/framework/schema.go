package framework

import (
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// Section is the content folder that holds the framework's editions, and
// GuidanceSection the folder of provider guidance pages.
const (
	Section         = "framework"
	GuidanceSection = "guidance"
)

// EditionMatter is the front matter of an edition's _index.md
// (content/framework/2021/_index.md), beside the common keys.
type EditionMatter struct {
	Status        Status    `toml:"status,required"`
	EffectiveFrom site.Date `toml:"effective_from"`
	SupersededOn  site.Date `toml:"superseded_on"`
	SupersededBy  string    `toml:"superseded_by"`
	// Illustrative marks example wording, shown as such on every page of
	// the edition.
	Illustrative bool `toml:"illustrative"`
	// ConsultationCloses is the last day to respond to an edition out for
	// consultation; RespondURL is where to respond (a web address,
	// mailto: or a page of this site from /), and RespondText the link's
	// words. All three are optional, and only for a draft or an edition
	// out for consultation (checkConsultation).
	ConsultationCloses site.Date `toml:"consultation_closes"`
	RespondURL         string    `toml:"respond_url"`
	RespondText        string    `toml:"respond_text"`
}

// DomainMatter is the front matter of a domain folder's _index.md
// (content/framework/2021/1-learning-environment/_index.md).
type DomainMatter struct {
	Domain  int    `toml:"domain,required"`
	Summary string `toml:"summary"`
}

// StandardMatter is the front matter of one standard's file
// (content/framework/2021/1-learning-environment/1-3.md). The body is the
// standard's text.
type StandardMatter struct {
	ID       StandardID    `toml:"id,required"`
	Replaces []StandardRef `toml:"replaces"`
	Must     []string      `toml:"must"`
	Evidence []string      `toml:"evidence"`
}

// GuidanceMatter is the front matter of a guidance page
// (content/guidance/induction.md): the standards it supports.
type GuidanceMatter struct {
	Standards []StandardRef `toml:"standards"`
}

// kind says what a content file is to the framework.
type kind int

const (
	kindNone kind = iota
	kindEdition
	kindDomain
	kindStandard
	kindGuidance
)

// place is where a content file sits in the framework's layout.
type place struct {
	kind    kind
	edition string // the edition folder's name
	domain  string // the domain folder's name, "" for a file directly in the edition folder
	// depth is the number of folders between the edition folder and a
	// standard's file: 1 is right (in a domain folder), 0 or 2+ is not.
	depth int
}

// locate classifies a path inside content/. A bundle (folder/index.md)
// counts as the file folder.md, so a standard may carry images.
func locate(rel string) place {
	parts := strings.Split(rel, "/")
	last := parts[len(parts)-1]
	if last == "index.md" && len(parts) > 1 {
		parts = parts[:len(parts)-1]
		parts[len(parts)-1] += ".md"
		last = parts[len(parts)-1]
	}
	switch parts[0] {
	case GuidanceSection:
		if len(parts) >= 2 && last != "_index.md" {
			return place{kind: kindGuidance}
		}
	case Section:
		switch {
		case len(parts) < 3:
			// content/framework/_index.md or a page beside the editions.
		case len(parts) == 3 && last == "_index.md":
			return place{kind: kindEdition, edition: parts[1]}
		case len(parts) == 4 && last == "_index.md":
			return place{kind: kindDomain, edition: parts[1], domain: parts[2]}
		case last == "_index.md":
			// A folder inside a domain folder: not the framework's; the
			// standards in it are reported as misplaced.
		default:
			p := place{kind: kindStandard, edition: parts[1], depth: len(parts) - 3}
			if len(parts) >= 4 {
				p.domain = parts[2]
			}
			return p
		}
	}
	return place{}
}

// Schema is the content.Schema for the framework's and guidance's files:
// it returns the struct their extra front-matter keys decode into.
func Schema(rel string) any {
	switch locate(rel).kind {
	case kindEdition:
		return &EditionMatter{}
	case kindDomain:
		return &DomainMatter{}
	case kindStandard:
		return &StandardMatter{}
	case kindGuidance:
		return &GuidanceMatter{}
	}
	return nil
}
