package dataset

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/source"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// Where Load looks, relative to the site's source folder.
const (
	// DataDir is the folder that holds every data file.
	DataDir = "data"
	// ManifestPath is the manifest declaring the datasets.
	ManifestPath = DataDir + "/datasets.toml"
	// DefaultSeparator separates the items of a list cell unless the
	// column names another separator.
	DefaultSeparator = ";"
)

// The manifest as written. Field tags name the keys an editor types.
type manifestTOML struct {
	Dataset []datasetTOML `toml:"dataset"`
}

type datasetTOML struct {
	Name        string       `toml:"name,required"`
	File        string       `toml:"file,required"`
	Title       string       `toml:"title,required"`
	Description string       `toml:"description"`
	Private     bool         `toml:"private,required"`
	Optional    bool         `toml:"optional"`
	Key         []string     `toml:"key"`
	Column      []columnTOML `toml:"column,required"`
}

type columnTOML struct {
	Name        string   `toml:"name,required"`
	Type        Type     `toml:"type,required"`
	Description string   `toml:"description"`
	Required    *bool    `toml:"required"`
	Identifying bool     `toml:"identifying"`
	List        bool     `toml:"list"`
	Separator   string   `toml:"separator"`
	Values      []string `toml:"values"`
	National    bool     `toml:"national"`
	Min         *int64   `toml:"min"`
	Max         *int64   `toml:"max"`
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// loadManifest reads data/datasets.toml. A site without one has no
// datasets. Problems are added to l; the specs returned are those without
// problems, and mentioned lists every data file the manifest names (paths
// relative to the site's source folder), good or bad. read is false when
// the manifest exists but could not be read or parsed: what it declares is
// then unknown.
func loadManifest(fsys fs.FS, l *diag.List) (specs []*Spec, mentioned []string, read bool) {
	text, err := source.ReadText(fsys, ManifestPath)
	if err != nil {
		if !isNotExist(err) || isLink(fsys, ManifestPath) {
			l.Add(source.Problem(fsys, ManifestPath, err))
			return nil, nil, false
		}
		return nil, nil, true
	}
	src := diag.NewSource(ManifestPath, text)
	var m manifestTOML
	doc, diags := tomldecode.File(src, &m)
	l.Append(diags)
	if doc == nil {
		return nil, nil, false
	}
	for _, d := range m.Dataset {
		mentioned = append(mentioned, DataDir+"/"+d.File)
	}
	mc := &manifestChecker{fsys: fsys, doc: doc, l: l, names: map[string]int{}, files: map[string]int{}}
	for i := range m.Dataset {
		if s := mc.dataset(i, &m.Dataset[i]); s != nil {
			specs = append(specs, s)
		}
	}
	return specs, mentioned, true
}

type manifestChecker struct {
	fsys  fs.FS
	doc   *tomldecode.Doc
	l     *diag.List
	names map[string]int // dataset name → index of first use
	files map[string]int
	bad   bool // the dataset being checked has a problem
}

func (mc *manifestChecker) errorf(path []string, hint, format string, args ...any) {
	mc.l.Add(mc.doc.Errorf(path, format, args...).WithHint("%s", hint))
	mc.bad = true
}

func dsPath(i int, rest ...string) []string {
	return append([]string{"dataset", strconv.Itoa(i)}, rest...)
}

func colPath(i, j int, rest ...string) []string {
	return append(dsPath(i, "column", strconv.Itoa(j)), rest...)
}

// dataset checks one [[dataset]] entry and converts it; it returns nil when
// the entry has a problem, so that a broken declaration does not produce a
// cascade of errors about its file.
func (mc *manifestChecker) dataset(i int, d *datasetTOML) *Spec {
	mc.bad = false
	if !mc.doc.Has(dsPath(i, "name")...) || !mc.doc.Has(dsPath(i, "file")...) {
		return nil // tomldecode has reported the missing key
	}
	if !slugPattern.MatchString(d.Name) {
		mc.errorf(dsPath(i, "name"), "use lower-case letters, digits and hyphens, like \"action-plans\"",
			"the dataset name %q is not a simple name", d.Name)
	} else if first, dup := mc.names[d.Name]; dup {
		mc.errorf(dsPath(i, "name"), fmt.Sprintf("it is first used at %s; give each dataset its own name", mc.doc.ValuePos(dsPath(first, "name")...)),
			"a dataset called %q is already declared", d.Name)
	} else {
		mc.names[d.Name] = i
	}
	mc.file(i, d.File)
	spec := &Spec{
		Name: d.Name, File: d.File, Title: d.Title, Description: d.Description,
		Private: d.Private, Optional: d.Optional, Pos: mc.doc.KeyPos(dsPath(i)...),
	}
	if len(d.Column) == 0 && mc.doc.Has(dsPath(i, "column")...) {
		mc.errorf(dsPath(i, "column"), "describe each column in a [[dataset.column]] entry with its name and type",
			"the dataset %q has no columns", d.Name)
	}
	declared := map[string]bool{}
	for _, c := range d.Column {
		declared[c.Name] = true
	}
	colIndex := map[string]int{}
	for j := range d.Column {
		c, ok := mc.column(i, j, d, &d.Column[j])
		if !ok {
			continue
		}
		if first, dup := colIndex[c.Name]; dup {
			mc.errorf(colPath(i, j, "name"), fmt.Sprintf("it is first declared at %s", mc.doc.ValuePos(colPath(i, first, "name")...)),
				"the column %q is declared twice in dataset %q", c.Name, d.Name)
			continue
		}
		colIndex[c.Name] = j
		spec.Columns = append(spec.Columns, c)
	}
	mc.key(i, d, spec, declared)
	if mc.bad {
		return nil
	}
	return spec
}

func (mc *manifestChecker) file(i int, file string) {
	p := dsPath(i, "file")
	ext := path.Ext(file)
	switch {
	case file == "" || !fs.ValidPath(file) || strings.Contains(file, `\`):
		mc.errorf(p, `write the path inside the data/ folder with forward slashes, like "actions.csv" or "regional/actions.csv"`,
			"%q is not a file name inside the data/ folder", file)
		return
	case ext != ".csv" && ext != ".toml":
		mc.errorf(p, "save the data as comma-separated values (.csv) or as TOML (.toml)",
			"%q is neither a .csv nor a .toml file", file)
		return
	case file == path.Base(ManifestPath) || file == path.Base(RegionsPath) || file == path.Base(ProfessionsPath):
		mc.errorf(p, "these files describe the data; put the dataset in a file of its own",
			"%q is one of Plinth's own data files and cannot be a dataset", file)
		return
	}
	if first, dup := mc.files[file]; dup {
		mc.errorf(p, fmt.Sprintf("it is first used at %s; each file holds one dataset", mc.doc.ValuePos(dsPath(first, "file")...)),
			"the file %q is declared twice", file)
		return
	}
	mc.files[file] = i
	if _, err := fs.Stat(mc.fsys, DataDir+"/"+file); err != nil && !isLink(mc.fsys, DataDir+"/"+file) {
		// (A link that cannot be followed is reported at the link, where
		// the loader fails to read it, in plain words.)
		hint := "check the spelling, or put the file in the data/ folder"
		if near := nearest(file, dataFiles(mc.fsys)); near != "" {
			hint = fmt.Sprintf("did you mean %q? ", near) + hint
		}
		mc.errorf(p, hint, "the data file %q does not exist", DataDir+"/"+file)
	}
}

// dataFiles lists the files under data/, relative to it, for suggestions.
func dataFiles(fsys fs.FS) []string {
	var out []string
	_ = fs.WalkDir(fsys, DataDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, strings.TrimPrefix(p, DataDir+"/"))
		}
		return nil
	})
	return out
}

func (mc *manifestChecker) column(i, j int, d *datasetTOML, c *columnTOML) (Column, bool) {
	if !mc.doc.Has(colPath(i, j, "name")...) || !mc.doc.Has(colPath(i, j, "type")...) || c.Type == "" {
		mc.bad = true
		return Column{}, false // tomldecode has reported it
	}
	at := func(key string) []string { return colPath(i, j, key) }
	ok := true
	fail := func(key, hint, format string, args ...any) {
		mc.errorf(at(key), hint, format, args...)
		ok = false
	}
	if strings.TrimSpace(c.Name) != c.Name || c.Name == "" {
		fail("name", "write the column's heading exactly, without spaces before or after it", "the column name %q has spaces around it or is empty", c.Name)
	}
	if c.Identifying && !d.Private {
		fail("identifying", "identifying data (names and codes of organisations, sites or people) may only be in a private dataset; set private = true on the dataset, or remove the column",
			"the column %q is identifying but dataset %q is public", c.Name, d.Name)
	}
	has := func(key string) bool { return mc.doc.Has(colPath(i, j, key)...) }
	if c.Type == TypeEnum && len(c.Values) == 0 {
		fail("type", `list the allowed values, like values = ["planned", "in-progress", "done"]`, "the enum column %q has no values", c.Name)
	}
	if has("values") && c.Type != TypeEnum {
		fail("values", `only an enum column has a list of values; remove values or set type = "enum"`, "the column %q is of type %s, so it cannot list values", c.Name, c.Type)
	}
	seen := map[string]bool{}
	for k, v := range c.Values {
		switch {
		case v == "" || strings.TrimSpace(v) != v:
			mc.errorf(colPath(i, j, "values", strconv.Itoa(k)), "write each value without spaces before or after it", "the value %q is empty or has spaces around it", v)
			ok = false
		case seen[v]:
			mc.errorf(colPath(i, j, "values", strconv.Itoa(k)), "list each value once", "the value %q is listed twice", v)
			ok = false
		}
		seen[v] = true
	}
	if c.National && c.Type != TypeRegion {
		fail("national", "only a region column can allow \"national\"", "the column %q is of type %s, so national does not apply", c.Name, c.Type)
	}
	if c.List && !c.Type.listable() {
		fail("list", "a list column holds text, enum values or references (region, profession, standard)", "a column of type %s cannot hold a list", c.Type)
	}
	sep := c.Separator
	if has("separator") {
		if !c.List {
			fail("separator", "add list = true to let a cell hold several values, or remove separator", "the column %q is not a list, so it has no separator", c.Name)
		} else if !validSeparator(sep) {
			fail("separator", `use one punctuation character such as ";" or "|"`, "%q cannot separate the items of a list", sep)
		}
	}
	if sep == "" {
		sep = DefaultSeparator
	}
	for _, key := range []string{"min", "max"} {
		if has(key) && !c.Type.numeric() {
			fail(key, "only integer and decimal columns have a smallest or largest value", "the column %q is of type %s, so %s does not apply", c.Name, c.Type, key)
		}
	}
	if c.Min != nil && c.Max != nil && *c.Min > *c.Max {
		fail("max", "the largest allowed value must be at least the smallest", "max = %d is less than min = %d", *c.Max, *c.Min)
	}
	required := c.Required == nil || *c.Required
	if slices.Contains(d.Key, c.Name) && !required {
		fail("required", "a key column identifies its row, so it cannot be empty; remove required = false", "the key column %q cannot be optional", c.Name)
	}
	col := Column{
		Name: c.Name, Type: c.Type, Description: c.Description, Required: required,
		Identifying: c.Identifying, List: c.List, Values: c.Values, National: c.National,
		Min: c.Min, Max: c.Max, Pos: mc.doc.KeyPos(colPath(i, j)...),
	}
	if c.List {
		col.Separator = sep
	}
	return col, ok
}

func validSeparator(s string) bool {
	r := []rune(s)
	return len(r) == 1 && unicode.IsPunct(r[0]) && r[0] != '"' && r[0] != ',' || s == "|"
}

func (mc *manifestChecker) key(i int, d *datasetTOML, spec *Spec, declared map[string]bool) {
	seen := map[string]bool{}
	for k, name := range d.Key {
		p := dsPath(i, "key", strconv.Itoa(k))
		switch {
		case seen[name]:
			mc.errorf(p, "list each key column once", "the key column %q is listed twice", name)
		case !declared[name]:
			mc.errorf(p, didYouMean(name, spec.columnNames())+"a key must name columns declared below it", "the key names %q, which is not a column of dataset %q", name, d.Name)
		default:
			// A column with problems of its own is not in spec.Columns.
			if ci := spec.columnIndex(name); ci >= 0 && spec.Columns[ci].List {
				mc.errorf(p, "use a column that holds one value per row", "the key column %q is a list", name)
			}
		}
		seen[name] = true
	}
	spec.Key = d.Key
}
