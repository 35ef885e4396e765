package render

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/slug"
)

// Funcs returns the template functions layouts may call. The set is small
// on purpose and documented in docs/templates.md; in particular there is no
// safeHTML, so a layout cannot switch off html/template's escaping, and no
// now, so a page never shows the time it was built.
//
//	relURL "x/"           the base URL's path + "x/" ("/quality/x/"); absolute URLs unchanged
//	absURL "x/"           the base URL + "x/" ("https://example.org/quality/x/")
//	ref "strategy/culture.md"  the relURL of a page, by its content path; an error if missing
//	date D                D as "2 January 2006" (en-GB), "" if not set
//	dateFormat LAYOUT D   D in a Go time layout ("Jan 2006")
//	isoDate D             D as 2006-01-02, for <time datetime>
//	markdownify S         S rendered as Markdown (inline links left as written)
//	sortBy PAGES KEY [ORDER]  pages sorted by "title", "date", "lastmod" or "weight", "asc" or "desc"
//	where PAGES FIELD VALUE   pages whose Section, Type, Kind or Layout equals VALUE
//	first N LIST          the first N items
//	dict K V …, slice A …, add A B, sub A B, default DEF V, plural N ONE MANY
//	lower S, upper S, urlize S, contains S SUB, hasPrefix S PREFIX, join LIST SEP
//	asset "css/main.css"  the built stylesheet or script: {{ .URL }} (for relURL) and {{ .Integrity }}
//	table NAME            a published table (tables.go)
//	figure ID             a chart of published figures (tables.go)
//
// assets are the bundle stage's outputs by logical name; asking for one that
// was not built is an error at the layout's line.
func Funcs(s *site.Site, markdownify func(string) template.HTML, assets map[string]site.Asset) template.FuncMap {
	basePath := s.Config.BasePath()
	origin := s.Config.Origin()
	rel := func(p string) string {
		if isAbsolute(p) {
			return p
		}
		return basePath + strings.TrimPrefix(p, "/")
	}
	funcs := template.FuncMap{
		"relURL": rel,
		"absURL": func(p string) string {
			if isAbsolute(p) {
				return p
			}
			return origin + rel(p)
		},
		"ref": func(path string) (string, error) {
			p := s.GetPage(path)
			if p == nil {
				return "", fmt.Errorf("ref: there is no page %q", path)
			}
			return p.RelPermalink, nil
		},
		"date":        func(d any) string { return formatDate("2 January 2006", d) },
		"dateFormat":  func(layout string, d any) string { return formatDate(layout, d) },
		"isoDate":     func(d any) string { return formatDate("2006-01-02", d) },
		"markdownify": markdownify,
		"sortBy":      sortBy,
		"where":       where,
		"first": func(n int, list any) (any, error) {
			v := reflect.ValueOf(list)
			if v.Kind() != reflect.Slice {
				return nil, fmt.Errorf("first: expected a list, got %T", list)
			}
			return v.Slice(0, min(max(n, 0), v.Len())).Interface(), nil
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict: expected pairs of key and value")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not text", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"slice": func(items ...any) []any { return items },
		"add":   func(a, b int) int { return a + b },
		"sub":   func(a, b int) int { return a - b },
		"default": func(def, v any) any {
			if v == nil || reflect.ValueOf(v).IsZero() {
				return def
			}
			return v
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return "1 " + one
			}
			return fmt.Sprintf("%s %s", thousands(n), many)
		},
		"lower":    strings.ToLower,
		"upper":    strings.ToUpper,
		"urlize":   slug.Make,
		"contains": strings.Contains,
		// hasPrefix tells a menu which section the page is in.
		"hasPrefix": strings.HasPrefix,
		"join":      strings.Join,
		"asset": func(name string) (site.Asset, error) {
			if a, ok := assets[name]; ok {
				return a, nil
			}
			built := make([]string, 0, len(assets))
			for n := range assets {
				built = append(built, n)
			}
			slices.Sort(built)
			if len(built) == 0 {
				return site.Asset{}, fmt.Errorf("asset: there is no built asset %q: the site and its theme have no front-end files under assets/", name)
			}
			return site.Asset{}, fmt.Errorf("asset: there is no built asset %q; the built ones are %s", name, strings.Join(built, ", "))
		},
	}
	maps.Copy(funcs, tableFuncs(s))
	return funcs
}

func isAbsolute(p string) bool {
	return strings.Contains(p, "://") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "mailto:") || strings.HasPrefix(p, "#")
}

func formatDate(layout string, d any) string {
	var t time.Time
	switch v := d.(type) {
	case time.Time:
		t = v
	case site.Date:
		t = v.Time
	case *site.Date:
		if v != nil {
			t = v.Time
		}
	}
	if t.IsZero() {
		return ""
	}
	return t.Format(layout)
}

func sortBy(pages []*site.Page, key string, order ...string) ([]*site.Page, error) {
	var f func(a, b *site.Page) int
	switch strings.ToLower(key) {
	case "title":
		f = func(a, b *site.Page) int { return cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) }
	case "date":
		f = func(a, b *site.Page) int { return a.Date.Compare(b.Date.Time) }
	case "lastmod":
		f = func(a, b *site.Page) int { return a.Lastmod.Compare(b.Lastmod.Time) }
	case "weight":
		f = func(a, b *site.Page) int { return cmp.Compare(a.Weight, b.Weight) }
	default:
		return nil, fmt.Errorf("sortBy: cannot sort by %q; use title, date, lastmod or weight", key)
	}
	desc := len(order) > 0 && strings.EqualFold(order[0], "desc")
	out := slices.Clone(pages)
	slices.SortStableFunc(out, func(a, b *site.Page) int {
		c := f(a, b)
		if desc {
			c = -c
		}
		if c == 0 {
			c = strings.Compare(a.URL, b.URL) // a total order keeps output stable
		}
		return c
	})
	return out, nil
}

func where(pages []*site.Page, field, value string) ([]*site.Page, error) {
	var get func(p *site.Page) string
	switch strings.ToLower(field) {
	case "section":
		get = func(p *site.Page) string { return p.Section }
	case "type":
		get = func(p *site.Page) string { return p.Type }
	case "kind":
		get = func(p *site.Page) string { return string(p.Kind) }
	case "layout":
		get = func(p *site.Page) string { return string(p.Layout) }
	default:
		return nil, fmt.Errorf("where: cannot filter by %q; use Section, Type, Kind or Layout", field)
	}
	var out []*site.Page
	for _, p := range pages {
		if get(p) == value {
			out = append(out, p)
		}
	}
	return out, nil
}

// thousands formats n with commas between groups of three digits, as GOV.UK
// style writes numbers (1,234).
func thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
