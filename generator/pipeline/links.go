package pipeline

import (
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/framework"
)

// How one stage's model answers another's questions: the framework checks
// the standard references in data files, which package dataset cannot know
// of. (What action plans ask of the framework is in package actionplans:
// actionplans.FrameworkOptions and Result.Relate.)

// standardResolver checks standard references in data files against the
// framework: "2021:1.3" must exist in the 2021 edition, and a bare "1.3"
// means the edition in force. A site with no framework editions gets nil:
// references are then checked for their form only.
func standardResolver(f *framework.Framework) dataset.StandardResolver {
	if f == nil || len(f.Editions) == 0 {
		return nil
	}
	return func(ref string) (string, bool, string, string) {
		r, err := framework.ParseRef(ref)
		if err != nil {
			return "", false, "", ""
		}
		s, u := f.Resolve(r)
		if u != nil {
			return "", false, u.Msg + ": " + u.Hint, u.Cause
		}
		return s.Edition.Key + ":" + s.ID.String(), true, "", ""
	}
}
