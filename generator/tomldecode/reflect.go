package tomldecode

import (
	"encoding"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/plinth-ssg/plinth/generator/diag"
)

type decoder struct {
	doc   *Doc
	diags diag.List
}

var (
	unmarshalerType     = reflect.TypeFor[Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType            = reflect.TypeFor[time.Time]()
)

func (d *decoder) errorf(path []string, hint string, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if len(path) > 0 {
		msg = displayPath(path) + ": " + msg
	}
	d.diags.Add(d.doc.Errorf(path, "%s", msg).WithHint("%s", hint))
}

// displayPath writes a key path as an editor would: tags[1] rather than
// tags\x001, dotted for tables.
func displayPath(path []string) string {
	var b strings.Builder
	for i, seg := range path {
		if _, err := strconv.Atoi(seg); err == nil && i > 0 {
			fmt.Fprintf(&b, "[%s]", seg)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(seg)
	}
	return b.String()
}

// top decodes the document's top-level table into one or more structs.
func (d *decoder) top(raw map[string]any, targets []any) {
	rvs := make([]reflect.Value, len(targets))
	for i, v := range targets {
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
			panic("tomldecode: Decode needs non-nil pointers to structs")
		}
		rvs[i] = rv.Elem()
	}
	d.structure(nil, raw, rvs...)
}

// How a type decodes itself, if it does (selfDecoding).
const (
	decodesNot = iota
	decodesTOML
	decodesText
)

var selfDecodingCache sync.Map // reflect.Type → int

// selfDecoding says whether a pointer to t implements Unmarshaler or (for
// a type other than time.Time) encoding.TextUnmarshaler. It is asked for
// every value of every page, and the answer never changes.
func selfDecoding(t reflect.Type) int {
	if k, ok := selfDecodingCache.Load(t); ok {
		return k.(int)
	}
	k := decodesNot
	switch p := reflect.PointerTo(t); {
	case p.Implements(unmarshalerType):
		k = decodesTOML
	case p.Implements(textUnmarshalerType) && t != timeType:
		k = decodesText
	}
	selfDecodingCache.Store(t, k)
	return k
}

// value stores raw into rv, reporting any mismatch at path.
func (d *decoder) value(path []string, raw any, rv reflect.Value) {
	if rv.CanAddr() {
		switch p := rv.Addr(); selfDecoding(rv.Type()) {
		case decodesTOML:
			if err := p.Interface().(Unmarshaler).UnmarshalTOML(raw); err != nil {
				d.errorf(path, hintOf(err), "%s", err.Error())
			}
			return
		case decodesText:
			s, ok := raw.(string)
			if !ok {
				d.mismatch(path, raw, "text in quotes", `put the value in "double quotes"`)
				return
			}
			if err := p.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
				d.errorf(path, hintOf(err), "%s", err.Error())
			}
			return
		}
	}
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		d.value(path, raw, rv.Elem())
	case reflect.Interface:
		if rv.NumMethod() == 0 {
			rv.Set(reflect.ValueOf(raw))
			return
		}
		d.errorf(path, "", "cannot decode into %s", rv.Type())
	case reflect.String:
		s, ok := raw.(string)
		if !ok {
			d.mismatch(path, raw, "text in quotes, like \"…\"", `put the value in "double quotes"`)
			return
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := raw.(bool)
		if !ok {
			d.mismatch(path, raw, "true or false", "write true or false without quotes")
			return
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := raw.(int64)
		if !ok {
			d.mismatch(path, raw, "a whole number, like 3", "write the number without quotes or a decimal point")
			return
		}
		if rv.OverflowInt(n) {
			d.errorf(path, "", "the number %d is too large", n)
			return
		}
		rv.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := raw.(int64)
		if !ok || n < 0 || rv.OverflowUint(uint64(n)) {
			d.mismatch(path, raw, "a whole number of 0 or more, like 3", "write the number without quotes")
			return
		}
		rv.SetUint(uint64(n))
	case reflect.Float32, reflect.Float64:
		switch n := raw.(type) {
		case float64:
			rv.SetFloat(n)
		case int64:
			rv.SetFloat(float64(n))
		default:
			d.mismatch(path, raw, "a number, like 2.5", "write the number without quotes")
		}
	case reflect.Slice:
		d.slice(path, raw, rv)
	case reflect.Map:
		d.mapping(path, raw, rv)
	case reflect.Struct:
		if rv.Type() == timeType {
			t, ok := raw.(time.Time)
			if !ok {
				d.mismatch(path, raw, "a date, like 2024-06-01", "write the date as YYYY-MM-DD without quotes")
				return
			}
			rv.Set(reflect.ValueOf(t))
			return
		}
		m, ok := raw.(map[string]any)
		if !ok {
			d.mismatch(path, raw, "a table", tableHint(path))
			return
		}
		d.structure(path, m, rv)
	default:
		panic("tomldecode: unsupported field type " + rv.Type().String())
	}
}

func (d *decoder) slice(path []string, raw any, rv reflect.Value) {
	var elems []any
	switch s := raw.(type) {
	case []any:
		elems = s
	case []map[string]any:
		for _, m := range s {
			elems = append(elems, m)
		}
	default:
		hint := `lists go in square brackets, like ["first", "second"]`
		if str, ok := raw.(string); ok {
			hint = fmt.Sprintf("put the value in square brackets: [%q]", str)
		}
		d.mismatch(path, raw, "a list", hint)
		return
	}
	out := reflect.MakeSlice(rv.Type(), len(elems), len(elems))
	for i, e := range elems {
		d.value(append(path[:len(path):len(path)], strconv.Itoa(i)), e, out.Index(i))
	}
	rv.Set(out)
}

func (d *decoder) mapping(path []string, raw any, rv reflect.Value) {
	m, ok := raw.(map[string]any)
	if !ok {
		d.mismatch(path, raw, "a table", tableHint(path))
		return
	}
	if rv.Type().Key().Kind() != reflect.String {
		panic("tomldecode: map keys must be strings")
	}
	if rv.IsNil() {
		rv.Set(reflect.MakeMapWithSize(rv.Type(), len(m)))
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		elem := reflect.New(rv.Type().Elem()).Elem()
		d.value(append(path[:len(path):len(path)], k), m[k], elem)
		rv.SetMapIndex(reflect.ValueOf(k).Convert(rv.Type().Key()), elem)
	}
}

type field struct {
	name     string
	index    []int
	required bool
}

var fieldsCache sync.Map // reflect.Type → []field

// fields lists the keys a struct type declares. Its result is shared:
// callers must not change it.
func fields(t reflect.Type) []field {
	if f, ok := fieldsCache.Load(t); ok {
		return f.([]field)
	}
	f := listFields(t)
	fieldsCache.Store(t, f)
	return f
}

func listFields(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("toml")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for _, inner := range listFields(f.Type) {
				inner.index = append([]int{i}, inner.index...)
				out = append(out, inner)
			}
			continue
		}
		if name == "" {
			r := []rune(f.Name)
			r[0] = unicode.ToLower(r[0])
			name = string(r)
		}
		out = append(out, field{name: name, index: []int{i}, required: strings.Contains(opts, "required")})
	}
	return out
}

// structure decodes the table m into the structs rvs (usually one), then
// reports the keys that none of them declares.
func (d *decoder) structure(path []string, m map[string]any, rvs ...reflect.Value) {
	var known []string
	for _, rv := range rvs {
		for _, f := range fields(rv.Type()) {
			known = append(known, f.name)
			v, ok := m[f.name]
			if !ok {
				if f.required {
					where := "at the top"
					if len(path) > 0 {
						where = "in [" + displayPath(path) + "]"
					}
					d.diags.Add(d.doc.src.At(d.doc.KeyPos(path...), "the key %q is missing", f.name).
						WithHint("add a line %s such as %s = …", where, f.name))
				}
				continue
			}
			d.value(append(path[:len(path):len(path)], f.name), v, rv.FieldByIndex(f.index))
		}
	}
	unknown := false
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = true
			break
		}
	}
	if !unknown {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if slices.Contains(known, k) {
			continue
		}
		kp := append(path[:len(path):len(path)], k)
		hint := "allowed keys here are: " + strings.Join(known, ", ")
		if s := nearest(k, known); s != "" {
			hint = fmt.Sprintf("did you mean %q? %s", s, hint)
		}
		msg := fmt.Sprintf("unknown key %q", displayPath(kp))
		d.diags.Add(d.doc.src.At(d.doc.KeyPos(kp...), "%s", msg).WithHint("%s", hint))
	}
}

// tableHint says how a table is written, for a value that should have
// been one: its keys under a line naming it in single brackets.
func tableHint(path []string) string {
	name := displayPath(path)
	return fmt.Sprintf("write its settings under a line [%s] (one pair of brackets), each as key = value, like:\n[%s]\nsetting = \"value\"", name, name)
}

func (d *decoder) mismatch(path []string, raw any, want, hint string) {
	d.errorf(path, hint, "expected %s, but found %s", want, Describe(raw))
}

// Describe names a parsed TOML value for a message: `the text "abc"`,
// `the number 3`, `a list`.
func Describe(raw any) string {
	switch v := raw.(type) {
	case string:
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return fmt.Sprintf("the text %q", v)
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return fmt.Sprintf("the number %.1f", v)
		}
		return fmt.Sprintf("the number %g", v)
	case bool:
		return fmt.Sprintf("%t", v)
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", raw)
}

func hintOf(err error) string {
	if h, ok := err.(Hinter); ok {
		return h.Hint()
	}
	return ""
}
