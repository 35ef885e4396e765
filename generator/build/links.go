package build

import (
	"fmt"

	"github.com/plinth-ssg/plinth/generator/aggregate"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/framework"
)

// How one stage's model answers another's questions: the framework checks
// the standard references in data files, and names the domains of the
// action-plan tables. Neither package needs to know the other.

// standardResolver checks standard references in data files against the
// framework: "2021:1.3" must exist in the 2021 edition, and a bare "1.3"
// means the edition in force. A site with no framework editions gets nil:
// references are then checked for their form only.
func standardResolver(f *framework.Framework) dataset.StandardResolver {
	if f == nil || len(f.Editions) == 0 {
		return nil
	}
	return func(ref string) (string, bool, string) {
		r, err := framework.ParseRef(ref)
		if err != nil {
			return "", false, ""
		}
		s, u := f.Resolve(r)
		if u != nil {
			return "", false, u.Msg + ": " + u.Hint
		}
		return s.Edition.Key + ":" + s.ID.String(), true, ""
	}
}

// domainResolver names the domain of a standard reference as the framework
// does: "1. Learning environment and culture".
func domainResolver(f *framework.Framework) aggregate.DomainResolver {
	if standardResolver(f) == nil {
		return nil
	}
	return func(ref string) (aggregate.Domain, bool) {
		r, err := framework.ParseRef(ref)
		if err != nil {
			return aggregate.Domain{}, false
		}
		s, u := f.Resolve(r)
		if u != nil || s.Domain == nil {
			return aggregate.Domain{}, false
		}
		return aggregate.Domain{Number: s.Domain.Number, Name: fmt.Sprintf("%d. %s", s.Domain.Number, s.Domain.Title)}, true
	}
}
