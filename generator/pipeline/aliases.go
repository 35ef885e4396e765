package pipeline

import (
	"path"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// aliasesOf returns the function that finds the alias line in front matter
// that made an output file, if the file at outPath from source is an
// alias's redirect page: the output stage reports a clash with such a
// file there (output.Options.Alias).
func aliasesOf(s *site.Site) func(outPath, source string) (diag.Diagnostic, bool) {
	return func(outPath, source string) (diag.Diagnostic, bool) {
		p := s.GetPage(source)
		if p == nil || p.Front == nil {
			return diag.Diagnostic{}, false
		}
		for i, a := range p.Aliases {
			if strings.TrimPrefix(path.Clean(a), "/")+"/index.html" == outPath {
				return p.Front.Errorf([]string{"aliases", strconv.Itoa(i)}, ""), true
			}
		}
		return diag.Diagnostic{}, false
	}
}
