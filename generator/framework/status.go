package framework

import (
	"fmt"

	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// Status is where an edition is in its life.
type Status string

// The statuses an edition can have, in the order an edition passes through
// them.
const (
	Draft        Status = "draft"        // being written; published only with --drafts
	Consultation Status = "consultation" // a draft out for public comment; published, labelled as not in force
	InForce      Status = "in-force"     // the edition providers are held to; at most one
	Superseded   Status = "superseded"   // replaced by a later edition (superseded_by)
	Withdrawn    Status = "withdrawn"    // no longer applies, without a successor
)

var statuses = []Status{Draft, Consultation, InForce, Superseded, Withdrawn}

// UnmarshalText implements encoding.TextUnmarshaler, so that a misspelt
// status is an error at its own line.
func (s *Status) UnmarshalText(b []byte) error {
	for _, known := range statuses {
		if string(b) == string(known) {
			*s = known
			return nil
		}
	}
	return &tomldecode.HintError{
		Msg:      fmt.Sprintf("%q is not an edition status", b),
		HintText: `write one of "draft", "consultation", "in-force", "superseded" or "withdrawn"`,
	}
}

// Label is the status as the site shows it ("In force").
func (s Status) Label() string {
	switch s {
	case Draft:
		return "Draft"
	case Consultation:
		return "Out for consultation"
	case InForce:
		return "In force"
	case Superseded:
		return "Superseded"
	case Withdrawn:
		return "Withdrawn"
	}
	return string(s)
}

// Prerelease reports whether an edition with this status does not apply yet
// (draft or consultation): its pages say so, and it has a self-assessment
// for rehearsal. Whether it is published is Public's to say.
func (s Status) Prerelease() bool { return s == Draft || s == Consultation }

// Public reports whether an edition with this status is published without
// --drafts: every status but draft. A draft is work in progress inside the
// organisation; an edition out for consultation is published because a
// regulator consults on it in the open, and anyone may respond.
func (s Status) Public() bool { return s != Draft }

// Retired reports whether an edition with this status no longer applies
// (superseded or withdrawn): its pages carry a banner, point search engines
// to the edition in force and ask not to be indexed.
func (s Status) Retired() bool { return s == Superseded || s == Withdrawn }
