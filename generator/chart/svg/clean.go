package svg

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// What ECharts writes, and what a page under Plinth's
// Content-Security-Policy may hold. ECharts' SVG has style attributes on
// its text and a <style> element of hover rules, both of which the policy
// (style-src 'self', no 'unsafe-inline', no hashes) refuses; class names
// and IDs that count the charts drawn before it; and its own attributes
// for its hydration script. finish rewrites all of them, and refuses
// anything it does not know, so that nothing unexpected (a script, an
// image from another site, an event handler) can reach a page.

// elements are the SVG elements a drawing may hold.
var elements = map[string]bool{
	"svg": true, "g": true, "path": true, "text": true, "tspan": true, "rect": true, "circle": true,
	"ellipse": true, "line": true, "polyline": true, "polygon": true, "defs": true, "clipPath": true,
	"pattern": true, "linearGradient": true, "radialGradient": true, "stop": true, "title": true,
}

// attributes are the attributes a drawing may hold (besides those finish
// rewrites): geometry and presentation attributes.
var attributes = map[string]bool{
	"d": true, "x": true, "y": true, "x1": true, "y1": true, "x2": true, "y2": true, "cx": true, "cy": true,
	"r": true, "rx": true, "ry": true, "width": true, "height": true, "points": true, "transform": true,
	"fill": true, "fill-opacity": true, "fill-rule": true, "stroke": true, "stroke-width": true,
	"stroke-opacity": true, "stroke-dasharray": true, "stroke-dashoffset": true, "stroke-linecap": true,
	"stroke-linejoin": true, "stroke-miterlimit": true, "opacity": true, "paint-order": true,
	"clip-path": true, "pointer-events": true, "visibility": true, "display": true,
	"font-size": true, "font-family": true, "font-weight": true, "font-style": true,
	"text-anchor": true, "dominant-baseline": true, "xml:space": true, "text-decoration": true,
	"patternUnits": true, "patternTransform": true, "gradientUnits": true, "gradientTransform": true,
	"offset": true, "stop-color": true, "stop-opacity": true, "clipPathUnits": true, "viewBox": true,
}

// styleAttributes are the CSS properties of a style attribute that become
// presentation attributes of the same name.
var styleAttributes = map[string]bool{
	"font-size": true, "font-family": true, "font-weight": true, "font-style": true, "fill": true,
	"fill-opacity": true, "stroke": true, "stroke-width": true, "stroke-opacity": true, "opacity": true,
	"text-decoration": true, "dominant-baseline": true, "text-anchor": true, "visibility": true,
	"pointer-events": true, "paint-order": true,
}

// styleDropped are properties that mean nothing in a static drawing.
var styleDropped = map[string]bool{"cursor": true, "user-select": true, "-webkit-user-select": true}

// hoverRule is the only kind of rule ECharts' <style> element may hold: the
// emphasis of an element under the pointer, which the theme's stylesheet
// gives every mark instead.
var hoverRule = regexp.MustCompile(`^\s*(\.zr\d+-cls-\d+:hover\s*\{[^{}]*\}\s*)*$`)

// zrName is an ID or class name made by zrender, numbered by the charts
// drawn before.
var zrName = regexp.MustCompile(`^zr\d+-[a-z]+-?\d+$`)

// idRef finds references to IDs in attribute values.
var idRef = regexp.MustCompile(`url\(#([^)]+)\)`)

// dataAttr are ECharts' attributes for its hydration script: which series
// and data item an element draws, and what kind of element it is.
const (
	metaSeries = "ecmeta_series_index"
	metaData   = "ecmeta_data_index"
	metaType   = "ecmeta_ssr_type"
	metaSilent = "ecmeta_silent"
)

// finish turns ECharts' SVG into the drawing a page holds: CSP-safe,
// numbered by prefix alone, with words on every mark and a pattern over the
// marks of each series in decals (-1 for none).
func finish(raw string, c Chart, decals []int) (string, error) {
	root, err := parse(raw)
	if err != nil {
		return "", err
	}
	if err := clean(root); err != nil {
		return "", err
	}
	if err := renumber(root, c.ID); err != nil {
		return "", err
	}
	used := mark(root, c, decals)
	if len(used) > 0 {
		defs := &node{name: "defs"}
		for _, k := range used {
			defs.children = append(defs.children, pattern(c.ID, k))
		}
		root.children = append([]*node{defs}, root.children...)
	}
	viewBox, _ := root.get("viewBox")
	root.attrs = []attr{
		{"xmlns", "http://www.w3.org/2000/svg"},
		{"viewBox", viewBox},
		{"class", c.Class},
		{"aria-hidden", "true"},
		{"focusable", "false"},
	}
	if c.Class == "" {
		root.del("class")
	}
	var b strings.Builder
	root.write(&b)
	return b.String(), nil
}

// clean checks every element and attribute against the lists above, turns
// style attributes into presentation attributes, and removes the <style>
// element and zrender's class names.
func clean(root *node) error {
	var errs []string
	if err := root.walk(func(n *node) error {
		kept := n.children[:0]
		for _, c := range n.children {
			if c.name == "style" {
				if css := textOf(c); !hoverRule.MatchString(css) {
					errs = append(errs, fmt.Sprintf("a <style> element with rules other than hover emphasis: %.80q", css))
				}
				continue
			}
			kept = append(kept, c)
		}
		n.children = kept
		if !elements[n.name] {
			errs = append(errs, fmt.Sprintf("an element <%s>, which drawings may not hold", n.name))
			return nil
		}
		attrs := n.attrs
		n.attrs = nil
		for _, a := range attrs {
			switch {
			case n.name == "svg" && (a.name == "xmlns" || a.name == "xmlns:xlink" || a.name == "version" || a.name == "baseProfile"):
				n.attrs = append(n.attrs, a) // replaced by finish
			case a.name == "style":
				for decl := range strings.SplitSeq(a.value, ";") {
					prop, value, _ := strings.Cut(decl, ":")
					prop, value = strings.TrimSpace(prop), strings.TrimSpace(value)
					switch {
					case prop == "":
					case styleAttributes[prop]:
						if _, set := n.get(prop); !set {
							n.attrs = append(n.attrs, attr{prop, value})
						}
					case styleDropped[prop]:
					default:
						errs = append(errs, fmt.Sprintf("the style property %q on <%s>, which has no presentation attribute", prop, n.name))
					}
				}
			case a.name == "class":
				for name := range strings.FieldsSeq(a.value) {
					if !zrName.MatchString(name) {
						errs = append(errs, fmt.Sprintf("the class %q on <%s>", name, n.name))
					}
				}
			case a.name == "id", a.name == metaSeries, a.name == metaData, a.name == metaType, a.name == metaSilent:
				n.attrs = append(n.attrs, a)
			case a.name == "href" || a.name == "xlink:href":
				if !strings.HasPrefix(a.value, "#") {
					errs = append(errs, fmt.Sprintf("a link to %q on <%s>", a.value, n.name))
				}
				n.attrs = append(n.attrs, attr{"href", a.value})
			case attributes[a.name]:
				if strings.Contains(a.value, "url(") && !idRef.MatchString(a.value) {
					errs = append(errs, fmt.Sprintf("the value %q of %s on <%s>", a.value, a.name, n.name))
				}
				n.attrs = append(n.attrs, a)
			default:
				errs = append(errs, fmt.Sprintf("the attribute %s on <%s>", a.name, n.name))
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		errs = slices.Compact(errs)
		return fmt.Errorf("ECharts drew %s", strings.Join(errs, "; "))
	}
	return nil
}

// textOf returns the text inside n.
func textOf(n *node) string {
	var b strings.Builder
	for _, c := range n.children {
		if c.name == "" {
			b.WriteString(c.text)
		}
	}
	return b.String()
}

// renumber gives every ID the chart's prefix and a number in document
// order, and updates the references to them: zrender numbers its IDs by
// the charts drawn before in the same runtime.
func renumber(root *node, prefix string) error {
	ids := map[string]string{}
	root.walk(func(n *node) error {
		if id, ok := n.get("id"); ok {
			if _, dup := ids[id]; !dup {
				ids[id] = prefix + "-" + strconv.Itoa(len(ids)+1)
			}
			n.set("id", ids[id])
		}
		return nil
	})
	var missing []string
	root.walk(func(n *node) error {
		for i, a := range n.attrs {
			switch {
			case a.name == "href":
				if to, ok := ids[strings.TrimPrefix(a.value, "#")]; ok {
					n.attrs[i].value = "#" + to
				} else {
					missing = append(missing, a.value)
				}
			case strings.Contains(a.value, "url(#"):
				n.attrs[i].value = idRef.ReplaceAllStringFunc(a.value, func(m string) string {
					id := idRef.FindStringSubmatch(m)[1]
					if to, ok := ids[id]; ok {
						return "url(#" + to + ")"
					}
					missing = append(missing, id)
					return m
				})
			}
		}
		return nil
	})
	if len(missing) > 0 {
		return fmt.Errorf("ECharts refers to IDs it did not define: %s", strings.Join(missing, ", "))
	}
	return nil
}

// mark gives each mark with words a <title> holding them (a tooltip on
// hover, and what the theme's script reads out on focus or touch), the
// class plinth-mark and its series and data index; it lays the series'
// pattern over its marks and legend icon. It removes ECharts' own
// attributes and returns the patterns used, in order.
func mark(root *node, c Chart, decals []int) []int {
	var used []int
	root.walk(func(n *node) error {
		kids := make([]*node, 0, len(n.children))
		for _, ch := range n.children {
			kids = append(kids, ch)
			if ch.name == "" {
				continue
			}
			typ, _ := ch.get(metaType)
			series, err1 := strconv.Atoi(attrOr(ch, metaSeries))
			index, err2 := strconv.Atoi(attrOr(ch, metaData))
			for _, a := range []string{metaSeries, metaData, metaType, metaSilent} {
				ch.del(a)
			}
			if ch.name == "text" {
				// Labels lie over their marks: the pointer reaches the
				// mark through them.
				ch.set("pointer-events", "none")
			}
			if err1 != nil || err2 != nil || ch.name != "path" {
				continue
			}
			if typ == "chart" && series < len(c.Marks) && index < len(c.Marks[series]) && c.Marks[series][index] != "" {
				ch.set("class", "plinth-mark")
				ch.set("data-series", strconv.Itoa(series))
				ch.set("data-index", strconv.Itoa(index))
				ch.children = append([]*node{{name: "title", children: []*node{{text: c.Marks[series][index]}}}}, ch.children...)
			}
			if series < len(decals) && decals[series] >= 0 && paints(ch) && (typ == "chart" || typ == "legend") {
				k := decals[series]
				if !slices.Contains(used, k) {
					used = append(used, k)
				}
				kids = append(kids, overlay(ch, c.ID, k))
			}
		}
		n.children = kids
		return nil
	})
	slices.Sort(used)
	return used
}

// attrOr returns an attribute's value, or "" when it is not set.
func attrOr(n *node, name string) string {
	v, _ := n.get(name)
	return v
}

// paints reports whether a path is filled with a colour: a bar or a
// legend icon, not a line or an invisible hit area.
func paints(n *node) bool {
	fill, _ := n.get("fill")
	opacity, _ := n.get("fill-opacity")
	return fill != "" && fill != "none" && !strings.HasPrefix(fill, "url(") && opacity != "0"
}

// overlay is a copy of a mark's outline filled with pattern k, which
// pointer events pass through to the mark below.
func overlay(mark *node, prefix string, k int) *node {
	o := &node{name: "path"}
	for _, a := range []string{"d", "transform", "clip-path"} {
		if v, ok := mark.get(a); ok {
			o.attrs = append(o.attrs, attr{a, v})
		}
	}
	o.attrs = append(o.attrs, attr{"fill", "url(#" + patternID(prefix, k) + ")"}, attr{"pointer-events", "none"})
	return o
}
