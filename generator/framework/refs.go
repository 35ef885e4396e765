package framework

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// StandardID identifies a standard within its edition: the domain number
// and the standard's number in the domain, written "1.3". IDs compare as
// numbers, so 1.10 comes after 1.9.
type StandardID struct {
	Domain, Number int
}

const idHint = `a standard's ID is its domain number, a dot and its number in the domain, like "1.3"`

// ParseID parses "1.3".
func ParseID(s string) (StandardID, error) {
	d, n, ok := strings.Cut(s, ".")
	if !ok {
		return StandardID{}, &tomldecode.HintError{Msg: fmt.Sprintf("%q is not a standard ID", s), HintText: idHint}
	}
	dn, err1 := positive(d)
	nn, err2 := positive(n)
	if err1 != nil || err2 != nil {
		return StandardID{}, &tomldecode.HintError{Msg: fmt.Sprintf("%q is not a standard ID", s), HintText: idHint}
	}
	return StandardID{Domain: dn, Number: nn}, nil
}

// positive parses a whole number from 1 up, written without a sign or
// leading zeros, so that every ID has one spelling.
func positive(s string) (int, error) {
	if s == "" || s[0] == '0' || strings.TrimLeft(s, "0123456789") != "" || len(s) > 4 {
		return 0, fmt.Errorf("not a number")
	}
	return strconv.Atoi(s)
}

// String writes the ID as editors do: "1.3".
func (id StandardID) String() string { return fmt.Sprintf("%d.%d", id.Domain, id.Number) }

// Slug is the ID as a URL segment: "1-3".
func (id StandardID) Slug() string { return fmt.Sprintf("%d-%d", id.Domain, id.Number) }

// IsZero reports whether the ID was not set.
func (id StandardID) IsZero() bool { return id == StandardID{} }

// Compare orders IDs by domain, then number.
func (id StandardID) Compare(o StandardID) int {
	if c := cmp.Compare(id.Domain, o.Domain); c != 0 {
		return c
	}
	return cmp.Compare(id.Number, o.Number)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (id *StandardID) UnmarshalText(b []byte) error {
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// MarshalText implements encoding.TextMarshaler, for standards.json.
func (id StandardID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// StandardRef refers to a standard: "2021:1.3" names standard 1.3 of the
// 2021 edition; a bare "1.3" (Edition "") means the edition in force.
type StandardRef struct {
	Edition string
	ID      StandardID
}

const refHint = `write the edition, a colon and the standard's ID, like "2021:1.3"; a bare ID, like "1.3", means the edition in force`

// ParseRef parses "2021:1.3" or "1.3".
func ParseRef(s string) (StandardRef, error) {
	if strings.TrimSpace(s) != s {
		return StandardRef{}, &tomldecode.HintError{Msg: fmt.Sprintf("the reference %q has spaces around it", s), HintText: refHint}
	}
	if s == "" {
		return StandardRef{}, &tomldecode.HintError{Msg: "the reference is empty", HintText: refHint}
	}
	ed, id, hasEdition := strings.Cut(s, ":")
	if !hasEdition {
		ed, id = "", s
	}
	if hasEdition && ed == "" {
		return StandardRef{}, &tomldecode.HintError{Msg: fmt.Sprintf("the reference %q has no edition before the colon", s), HintText: refHint}
	}
	if hasEdition && site.CheckSegment(ed) != "" {
		return StandardRef{}, &tomldecode.HintError{Msg: fmt.Sprintf("the reference %q does not start with an edition's folder name", s), HintText: refHint}
	}
	if id == "" {
		return StandardRef{}, &tomldecode.HintError{Msg: fmt.Sprintf("the reference %q has no standard ID after the colon", s), HintText: refHint}
	}
	v, err := ParseID(id)
	if err != nil {
		return StandardRef{}, &tomldecode.HintError{Msg: fmt.Sprintf("%q is not a reference to a standard", s), HintText: refHint}
	}
	return StandardRef{Edition: ed, ID: v}, nil
}

// String writes the reference as it was written: "2021:1.3" or "1.3".
func (r StandardRef) String() string {
	if r.Edition == "" {
		return r.ID.String()
	}
	return r.Edition + ":" + r.ID.String()
}

// UnmarshalText implements encoding.TextUnmarshaler, so that a malformed
// reference is an error at its own line and column.
func (r *StandardRef) UnmarshalText(b []byte) error {
	v, err := ParseRef(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (r StandardRef) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Unresolved says why a reference names no standard, in words for editors.
type Unresolved struct {
	Msg, Hint string
	// Cause is the file whose errors left out the edition named, if that
	// is why: the reference is then a knock-on of them.
	Cause string
}

func (u *Unresolved) Error() string { return u.Msg }

// Blame returns d, the report of the unresolved reference, marked as a
// knock-on of the file whose errors left its edition out, if any.
func (u *Unresolved) Blame(d diag.Diagnostic) diag.Diagnostic {
	if u.Cause == "" {
		return d
	}
	return d.Because(u.Cause, "references to the edition")
}

// Resolve finds the standard a reference names, among every edition read
// (published or not). A bare ID means the edition in force; it is ambiguous
// when no edition, or more than one, is in force. Later features (action
// plans, "You said, we did") resolve the references in their data with it.
func (f *Framework) Resolve(r StandardRef) (*Standard, *Unresolved) {
	key := r.Edition
	if key == "" {
		switch len(f.inForce) {
		case 0:
			return nil, &Unresolved{
				Msg:  fmt.Sprintf("%q has no edition, and no edition is in force, so it is ambiguous", r),
				Hint: fmt.Sprintf(`name the edition, like "%s"`, exampleRef(f, r.ID)),
			}
		case 1:
			key = f.inForce[0].Key
		default:
			return nil, &Unresolved{
				Msg:  fmt.Sprintf("%q has no edition, and %s are all in force, so it is ambiguous", r, editionList(f.inForce)),
				Hint: fmt.Sprintf(`name the edition, like "%s"`, exampleRef(f, r.ID)),
			}
		}
	}
	e := f.byKey[key]
	if index := f.brokenEdition(key); e == nil && index != "" {
		return nil, &Unresolved{
			Msg:   fmt.Sprintf("the %q edition is left out because %s has errors (in %q)", key, index, r),
			Hint:  "correct that file first",
			Cause: index,
		}
	}
	if e == nil {
		return nil, &Unresolved{
			Msg:  fmt.Sprintf("there is no edition %q (in %q)", key, r),
			Hint: fmt.Sprintf("the editions are the folders under content/framework: %s", editionList(f.all)),
		}
	}
	s := e.byID[r.ID]
	if s == nil {
		return nil, &Unresolved{
			Msg:  fmt.Sprintf("the %s edition has no standard %s (in %q)", e.Key, r.ID, r),
			Hint: domainHint(e, r.ID.Domain),
		}
	}
	return s, nil
}

// exampleRef is a reference to id in the newest edition, for hints.
func exampleRef(f *Framework, id StandardID) string {
	if len(f.all) == 0 {
		return "2021:" + id.String()
	}
	return f.all[len(f.all)-1].Key + ":" + id.String()
}

func editionList(es []*Edition) string {
	if len(es) == 0 {
		return "(none)"
	}
	keys := make([]string, len(es))
	for i, e := range es {
		keys[i] = e.Key
	}
	return strings.Join(keys, ", ")
}

// domainHint lists the IDs a domain does have, so an editor can spot the
// right one.
func domainHint(e *Edition, domain int) string {
	var ids []string
	for _, s := range e.allStandards {
		if s.ID.Domain == domain {
			ids = append(ids, s.ID.String())
		}
	}
	if len(ids) == 0 {
		return fmt.Sprintf("the %s edition has no standards in domain %d", e.Key, domain)
	}
	return fmt.Sprintf("domain %d of the %s edition has the standards %s", domain, e.Key, strings.Join(ids, ", "))
}
