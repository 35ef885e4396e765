package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// tableFuncs gives layouts the published tables, and nothing else of the
// data: the tables in s.Tables passed disclosure control (package
// anonymise); the private datasets never reach the site model at all, and
// asking for one by name is an error at the layout's line.
//
//	table "actions-by-status"   the published table of that name (a *site.PublicTable)
//	figure "actions-by-status"  the chart of that id (a *site.Figure, package chart)
func tableFuncs(s *site.Site) template.FuncMap {
	return template.FuncMap{
		"table": func(name string) (*site.PublicTable, error) {
			for _, t := range s.Tables {
				if t.Name == name {
					return t, nil
				}
			}
			if s.TablesWithheld {
				// Why is reported where the data is; a second error here
				// would only repeat it. Layouts use {{ with table … }}.
				return nil, nil
			}
			names := make([]string, len(s.Tables))
			for i, t := range s.Tables {
				names[i] = t.Name
			}
			published := "this site publishes none"
			if len(names) > 0 {
				published = strings.Join(names, ", ")
			}
			if slices.Contains(s.PrivateDatasets, name) {
				return nil, fmt.Errorf("%s is a private dataset; templates can only show published tables: %s", name, published)
			}
			return nil, fmt.Errorf("there is no published table %q; the published tables are: %s", name, published)
		},
		"figure": func(id string) (*site.Figure, error) {
			for _, f := range s.Figures {
				if f.ID == id {
					return f, nil
				}
			}
			if s.TablesWithheld || len(s.Tables) == 0 {
				// No tables, no figures: the reason, if any, is reported
				// where the data is. Layouts use {{ with figure … }}.
				return nil, nil
			}
			ids := make([]string, len(s.Figures))
			for i, f := range s.Figures {
				ids[i] = f.ID
			}
			return nil, fmt.Errorf("there is no figure %q; the figures are: %s", id, strings.Join(ids, ", "))
		},
	}
}
