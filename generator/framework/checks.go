package framework

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// checkEditions checks every edition's lifecycle keys: the dates that each
// status needs and their order, superseded_by naming an edition that leads
// to the one in force, and at most one edition in force. It sets each
// edition's Successor.
func checkEditions(f *Framework) diag.List {
	var l diag.List
	for _, e := range f.all {
		p := e.Page
		if (e.Status == InForce || e.Status.Retired()) && !e.EffectiveFrom.IsSet() {
			l.Add(p.Front.Errorf([]string{"status"}, "the %s edition is %s but has no effective_from date", e.Key, strings.ToLower(e.Status.Label())).
				WithHint("add the date it came into force, like effective_from = 2021-04-01"))
		}
		if e.SupersededOn.IsSet() && e.EffectiveFrom.IsSet() && !e.SupersededOn.After(e.EffectiveFrom.Time) {
			l.Add(p.Front.Errorf([]string{"superseded_on"}, "superseded_on (%s) is not after effective_from (%s)", day(e.SupersededOn), day(e.EffectiveFrom)).
				WithHint("an edition is superseded after it came into force; check both dates"))
		}
	}
	// Every successor is known before any chain is followed.
	for _, e := range f.all {
		p := e.Page
		// Only a superseded edition has a successor; any other status with
		// superseded_by is reported below, once.
		if e.SupersededBy != "" && e.Status == Superseded {
			e.Successor = f.byKey[e.SupersededBy]
			switch {
			case e.Successor == nil && f.brokenEdition(e.SupersededBy) != "":
				index := f.brokenEdition(e.SupersededBy)
				l.Add(p.Front.Errorf([]string{"superseded_by"}, "superseded_by names the edition %q, which is left out because %s has errors", e.SupersededBy, index).
					Because(index, "references to the edition"))
			case e.Successor == nil:
				l.Add(p.Front.Errorf([]string{"superseded_by"}, "superseded_by names the edition %q, which does not exist", e.SupersededBy).
					WithHint("write the folder name of the edition that replaced this one; the editions are %s", editionList(f.all)))
			case e.Successor == e:
				l.Add(p.Front.Errorf([]string{"superseded_by"}, "the %s edition cannot be superseded by itself", e.Key).
					WithHint("write the folder name of the edition that replaced this one"))
				e.Successor = nil
			case e.Successor.order < e.order:
				l.Add(p.Front.Errorf([]string{"superseded_by"}, "superseded_by names %s, an earlier edition than %s", e.SupersededBy, e.Key).
					WithHint("an edition is superseded by a later one; check superseded_by and both editions' effective_from dates"))
				e.Successor = nil
			}
		}
	}
	for _, e := range f.all {
		l.Append(checkConsultation(e))
		p := e.Page
		switch e.Status {
		case Superseded:
			l.Append(checkSuperseded(e))
		default:
			if e.SupersededBy != "" {
				l.Add(p.Front.Errorf([]string{"superseded_by"}, "the %s edition is %s, so it has no successor", e.Key, strings.ToLower(e.Status.Label())).
					WithHint(`remove superseded_by, or set status = "superseded"`))
			}
			if e.SupersededOn.IsSet() && e.Status != Withdrawn {
				l.Add(p.Front.Errorf([]string{"superseded_on"}, "the %s edition is %s, so it cannot have been superseded", e.Key, strings.ToLower(e.Status.Label())).
					WithHint(`remove superseded_on, or set status = "superseded"`))
			}
		}
	}
	for i, e := range f.inForce {
		if i == 0 {
			continue
		}
		first := f.inForce[0]
		l.Add(e.Page.Front.Errorf([]string{"status"}, "the %s and %s editions are both in force; only one edition can be in force at a time", first.Key, e.Key).
			WithHint(`set the older edition's status = "superseded", with superseded_on and superseded_by = %q (%s)`, e.Key, first.Page.File))
	}
	if len(f.inForce) == 0 {
		for _, e := range f.all {
			if e.Published && !e.Status.Prerelease() {
				l.Add(warnAt(e.Page, []string{"status"}, "no edition is in force, so /framework/latest/ and references without an edition (\"1.3\") do not work").
					WithHint(`set status = "in-force" on the edition providers are held to`))
				break
			}
		}
	}
	return l
}

// checkSuperseded checks a superseded edition: it names its successor and
// the date, and following superseded_by leads to the edition in force.
func checkSuperseded(e *Edition) diag.List {
	var l diag.List
	p := e.Page
	if e.SupersededBy == "" {
		l.Add(p.Front.Errorf([]string{"status"}, "the %s edition is superseded but does not say which edition replaced it", e.Key).
			WithHint(`add superseded_by with the key of the edition that replaced it, like superseded_by = "2021"`))
		return l
	}
	if !e.SupersededOn.IsSet() {
		l.Add(p.Front.Errorf([]string{"status"}, "the %s edition is superseded but has no superseded_on date", e.Key).
			WithHint("add the date it stopped applying, like superseded_on = 2021-04-01"))
	}
	if e.Successor == nil {
		return l // already reported
	}
	chain := []string{e.Key}
	seen := map[*Edition]bool{e: true}
	for s := e.Successor; ; s = s.Successor {
		chain = append(chain, s.Key)
		problem := ""
		switch {
		case s.Status == InForce:
		case seen[s]:
			problem = "the chain goes round in a circle"
		case s.Status == Superseded && s.Successor != nil:
			seen[s] = true
			continue
		case s.Status == Superseded:
			problem = fmt.Sprintf("%s is superseded without a successor", s.Key)
		default:
			problem = fmt.Sprintf("%s is %s", s.Key, strings.ToLower(s.Status.Label()))
		}
		if problem != "" {
			d := p.Front.Errorf([]string{"superseded_by"}, "the %s edition is superseded, but no edition in force succeeds it (%s: %s)", e.Key, strings.Join(chain, " → "), problem).
				WithHint(`superseded_by names the edition that replaced this one; follow the chain to the edition with status = "in-force", or mark this edition "withdrawn" if nothing replaced it`)
			if index := e.Framework.brokenEdition(s.SupersededBy); s.Successor == nil && index != "" {
				// The chain ends at an edition left out for its errors.
				d = d.Because(index, "references to the edition")
			}
			l.Add(d)
		}
		break
	}
	if succ := e.Successor; e.SupersededOn.IsSet() && succ.EffectiveFrom.IsSet() && !succ.EffectiveFrom.Equal(e.SupersededOn.Time) {
		l.Add(warnAt(p, []string{"superseded_on"}, "the %s edition was superseded on %s, but %s came into force on %s", e.Key, day(e.SupersededOn), succ.Key, day(succ.EffectiveFrom)).
			WithHint("these dates usually match; otherwise there is a gap, or a time when both applied"))
	}
	return l
}

// linkStandards resolves every standard's replaces, links the published
// standards both ways and reports references that point nowhere.
func linkStandards(f *Framework) diag.List {
	var l diag.List
	for _, e := range f.all {
		for _, s := range e.allStandards {
			for i, r := range s.replaces {
				at := []string{"replaces", strconv.Itoa(i)}
				target, u := f.Resolve(r)
				switch {
				case u != nil:
					l.Add(u.Blame(s.Page.Front.Errorf(at, "standard %s replaces %q, which points nowhere: %s", s.ID, r, u.Msg).WithHint("%s", u.Hint)))
					continue
				case target.Edition == e:
					l.Add(s.Page.Front.Errorf(at, "standard %s replaces %s, a standard of its own edition", s.ID, r).
						WithHint(`replaces names standards of earlier editions, like replaces = ["%s"]`, exampleEarlier(f, e, s.ID)))
					continue
				case target.Edition.order > e.order:
					l.Add(s.Page.Front.Errorf(at, "standard %s of %s replaces %s, a standard of a later edition", s.ID, e.Key, r).
						WithHint("replaces points back in time: the later edition's standard says which earlier one it replaces"))
					continue
				}
				if s.published && e.Published && target.published && target.Edition.Published && !slices.Contains(s.Replaces, target) {
					s.Replaces = append(s.Replaces, target)
					target.ReplacedBy = append(target.ReplacedBy, s)
				}
			}
		}
	}
	for _, e := range f.all {
		for _, s := range e.allStandards {
			slices.SortFunc(s.Replaces, compareStandards)
			slices.SortFunc(s.ReplacedBy, compareStandards)
		}
	}
	l.Append(forgottenReplaces(f))
	return l
}

// forgottenReplaces warns about a standard that looks like a copy of the
// previous edition's standard with the same ID but says it replaces
// nothing: an editor who copies an edition's folder may forget replaces,
// and the "what changed" page would then call it new.
func forgottenReplaces(f *Framework) diag.List {
	var l diag.List
	for _, e := range f.Editions {
		prev := e.Previous()
		if prev == nil {
			continue
		}
		for _, s := range e.Standards {
			old := prev.byID[s.ID]
			if len(s.replaces) > 0 || old == nil || len(old.ReplacedBy) > 0 || (old.Title != s.Title && old.Text != s.Text) {
				continue
			}
			l.Add(diag.Warningf(s.Page.Front.KeyPos("id"), "standard %s has the same id and wording as %s:%s but does not say it replaces it, so it is shown as new", s.ID, prev.Key, s.ID).
				WithLine(s.Page.Source.Line(s.Page.Front.KeyPos("id").Line)).
				WithHint(`if it continues that standard, add replaces = ["%s:%s"]`, prev.Key, s.ID))
		}
	}
	return l
}

func exampleEarlier(f *Framework, e *Edition, id StandardID) string {
	if e.order > 0 {
		return f.all[e.order-1].Key + ":" + id.String()
	}
	return "2019:" + id.String()
}

func compareStandards(a, b *Standard) int {
	if a.Edition != b.Edition {
		return a.Edition.order - b.Edition.order
	}
	return a.ID.Compare(b.ID)
}

// MaxGuidanceStandards is the most standards one guidance page may list:
// far more than any edition has, so that a list pasted many times over is
// one error rather than a warning per entry (100,000 entries took 100 s
// of CPU to report, each warning quoting the list's megabyte-long line).
const MaxGuidanceStandards = 500

// linkGuidance resolves every guidance page's standards and lists each
// published guidance page on the standards it refers to. An unknown or
// ambiguous reference is an error at its position in the list.
func linkGuidance(f *Framework, guidance []*Guidance, opts site.Publish) diag.List {
	var l diag.List
	for _, g := range guidance {
		p := g.Page
		m := p.Extra.(*GuidanceMatter)
		p.Extra = g
		if len(m.Standards) == 0 && opts.Excludes(p) == "" {
			l.Add(noStandards(p))
		}
		refs := m.Standards
		if len(refs) > MaxGuidanceStandards {
			l.Add(p.Front.Errorf([]string{"standards", strconv.Itoa(MaxGuidanceStandards)}, "this guidance page lists %d standards; a page may list at most %d", len(refs), MaxGuidanceStandards).
				WithHint("list the standards this page helps providers meet; a list this long is most likely a paste gone wrong"))
			refs = refs[:MaxGuidanceStandards]
		}
		listed := make(map[*Standard]bool, len(refs))
		for i, r := range refs {
			at := []string{"standards", strconv.Itoa(i)}
			s, u := f.Resolve(r)
			if u != nil {
				l.Add(u.Blame(p.Front.Errorf(at, "standards[%d]: %s", i, u.Msg).WithHint("%s", u.Hint)))
				continue
			}
			if listed[s] {
				l.Add(warnAt(p, at, "standards[%d]: %s is listed twice", i, r).WithHint("remove one of them"))
				continue
			}
			if !s.published || !s.Edition.Published {
				l.Add(warnAt(p, at, "standards[%d]: %s is not published in this build, so this page does not list it", i, s.Ref()).
					WithHint("it is a draft, or in a draft edition; build with --drafts to preview it"))
				continue
			}
			if s.Edition.Status.Retired() {
				hint := "refer to the edition in force instead"
				if eq := s.InForceEquivalents(); len(eq) > 0 {
					hint = fmt.Sprintf("the edition in force continues it as %s", refList(eq))
				}
				l.Add(warnAt(p, at, "standards[%d]: %s is in the %s edition, which is %s", i, s.Ref(), s.Edition.Key, strings.ToLower(s.Edition.Status.Label())).
					WithHint("%s", hint))
			}
			listed[s] = true
			g.Standards = append(g.Standards, s)
			if opts.Excludes(p) == "" {
				s.Guidance = append(s.Guidance, p)
			}
		}
	}
	for _, e := range f.all {
		for _, s := range e.allStandards {
			slices.SortFunc(s.Guidance, func(a, b *site.Page) int {
				if c := strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)); c != 0 {
					return c
				}
				return strings.Compare(a.File, b.File)
			})
		}
	}
	return l
}

// noStandards warns that a published guidance page names no standard, so
// that no standard's page links to it: a page made by plinth new starts
// with an empty list.
func noStandards(p *site.Page) diag.Diagnostic {
	d := diag.Warningf(p.Front.Start(), "this guidance page names no standard, so no standard's page links to it")
	if p.Front.Has("standards") {
		d = warnAt(p, []string{"standards"}, "this guidance page names no standard, so no standard's page links to it")
	}
	return d.WithSourceLine(p.Source).
		WithHint(`list the standards it helps providers meet, like standards = ["2021:3.4", "2021:1.1"]`)
}

func refList(ss []*Standard) string {
	refs := make([]string, len(ss))
	for i, s := range ss {
		refs[i] = s.Ref().String()
	}
	return strings.Join(refs, " and ")
}

func day(d site.Date) string { return d.Format("2 January 2006") }

// checkConsultation checks the consultation keys of an edition's front
// matter: they belong to an edition that does not apply yet, the address
// is one a reader's browser can open, and the link's words come with it.
func checkConsultation(e *Edition) diag.List {
	var l diag.List
	p := e.Page
	if !e.Status.Prerelease() {
		for _, k := range []struct {
			key string
			set bool
		}{{"consultation_closes", e.ConsultationCloses.IsSet()}, {"respond_url", e.RespondURL != ""}, {"respond_text", e.RespondText != ""}} {
			if k.set {
				l.Add(p.Front.Errorf([]string{k.key}, "the %s edition is %s, so it is not out for consultation", e.Key, strings.ToLower(e.Status.Label())).
					WithHint(`remove %s, or set status = "consultation"`, k.key))
			}
		}
		return l
	}
	if u := e.RespondURL; u != "" && !respondable(u) {
		l.Add(p.Front.Errorf([]string{"respond_url"}, "respond_url = %q is not an address a reader can open", u).
			WithHint(`write a full web address (https://…), an email address as mailto:consultation@example.org, or a page of this site starting with /`))
	}
	if e.RespondText != "" && e.RespondURL == "" {
		l.Add(p.Front.Errorf([]string{"respond_text"}, "respond_text gives the words of a link, but there is no respond_url for it to lead to").
			WithHint("add respond_url with the address where readers respond, or remove respond_text"))
	}
	if c := e.ConsultationCloses; c.IsSet() && e.EffectiveFrom.IsSet() && !c.Before(e.EffectiveFrom.Time) {
		l.Add(p.Front.Errorf([]string{"consultation_closes"}, "the consultation closes on %s, but the edition comes into force on %s", day(c), day(e.EffectiveFrom)).
			WithHint("a consultation closes before its edition comes into force; check both dates"))
	}
	return l
}

// respondable reports whether a respond_url is an address a reader can
// follow from any page: an absolute web or mailto: address, or a path on
// this site. A relative path would change meaning from page to page.
func respondable(u string) bool {
	x, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch x.Scheme {
	case "https", "http":
		return x.Host != ""
	case "mailto":
		return strings.Contains(x.Opaque, "@")
	case "":
		return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//")
	}
	return false
}
