package chart

import (
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/site"
)

// tallFrom is the number of categories from which a horizontal chart is
// drawn taller than it is wide on narrow screens.
const tallFrom = 5

// New draws t as the Spec says and returns the figure: the chart's option
// and t itself, the table shown with it. source is the published table t
// is (or is a view of), for the downloads and source line; it may be nil
// when t is itself a published table with no files.
func New(t *anonymise.Table, s Spec, source *site.PublicTable) (*site.Figure, error) {
	var errs []error
	if t == nil {
		return nil, fmt.Errorf("chart %q: no table", s.ID)
	}
	if !validID(s.ID) {
		errs = append(errs, fmt.Errorf("%q is not a usable chart id: use lower-case letters, digits and hyphens", s.ID))
	}
	if strings.TrimSpace(s.Summary) == "" {
		errs = append(errs, errors.New("the chart has no summary, which is its accessible name"))
	}
	if t.Kind() == anonymise.KindPercentage && s.Kind == StackedBar && s.Counts == nil {
		errs = append(errs, errors.New("percentages of different totals cannot be stacked: stack shares of one total, given with their counts (Spec.Counts)"))
	}
	d, err := s.pick(t)
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("chart %q: %w", s.ID, err)
	}

	c := build(s, d)
	if err := checkNoFunctions(c); err != nil {
		return nil, fmt.Errorf("chart %q: %w", s.ID, err)
	}
	m, err := generic(c)
	if err != nil {
		return nil, fmt.Errorf("chart %q: %w", s.ID, err)
	}
	option, marks, wide, narrow := style(m, s, d, t.Kind() == anonymise.KindPercentage)
	js, err := encode(option)
	if err != nil {
		return nil, fmt.Errorf("chart %q: %w", s.ID, err)
	}
	return &site.Figure{
		ID:      s.ID,
		Heading: s.Heading,
		Summary: s.Summary,
		// encode escaped everything that could end the <script> element
		// or start a comment in it, and the option holds data only.
		Options: template.JS(js),
		Marks:   marks,
		Wide:    site.Drawing{Width: wide.w, Height: wide.h},
		Narrow:  site.Drawing{Width: narrow.w, Height: narrow.h},
		Kind:    s.Kind.String(),
		Tall:    s.horizontal() && len(d.categories) >= tallFrom,
		Hidden:  d.hidden(),
		Table:   t,
		Counts:  s.Counts,
		Source:  source,
	}, nil
}
