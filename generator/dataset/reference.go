package dataset

import (
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/source"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// The reference data files, relative to the site's source folder.
const (
	RegionsPath     = DataDir + "/regions.toml"
	ProfessionsPath = DataDir + "/professions.toml"
)

// National is the pseudo-region for rows that cover the whole country. A
// region column accepts it only when the manifest says national = true.
const National = "national"

// Region is one region from data/regions.toml.
type Region struct {
	// Key is the stable slug that data files use, e.g. "north-west".
	Key string
	// Name is the name shown to readers, e.g. "North West".
	Name string
	// Pos is where the region is declared.
	Pos diag.Pos
}

// Profession is one profession group from data/professions.toml.
type Profession struct {
	// Key is the stable slug that data files use, e.g. "allied-health".
	Key string
	// Name is the group's name, e.g. "Allied health professions".
	Name string
	// Plural names the learners in the group, e.g. "allied health
	// professional learners".
	Plural string
	// Description optionally says who is included.
	Description string
	// Pos is where the profession is declared.
	Pos diag.Pos
}

// StandardResolver checks a standard reference as written in a data file
// ("2021:1.3", or "1.3" for the edition in force). It returns the canonical
// EDITION:ID form and true if the standard exists, or false and a hint such
// as `edition 2021 has no standard 1.9; its domain 1 has standards 1.1 to
// 1.6`. cause, if not "", is the file whose errors left out the edition
// the reference names: the reference is then reported as a knock-on of
// them. The framework is loaded by another package, which supplies the
// resolver.
type StandardResolver func(ref string) (canonical string, ok bool, hint, cause string)

// standardPattern is the syntax of a reference: an optional four-digit
// edition, then domain.number.
var standardPattern = regexp.MustCompile(`^(?:[0-9]{4}:)?[1-9][0-9]*\.[1-9][0-9]*$`)

type regionsTOML struct {
	Region []struct {
		Key  string `toml:"key,required"`
		Name string `toml:"name,required"`
	} `toml:"region"`
}

type professionsTOML struct {
	Profession []struct {
		Key         string `toml:"key,required"`
		Name        string `toml:"name,required"`
		Plural      string `toml:"plural,required"`
		Description string `toml:"description"`
	} `toml:"profession"`
}

// loadRegions reads data/regions.toml; found is false when the file does
// not exist.
func loadRegions(fsys fs.FS, l *diag.List) (regions []Region, found bool) {
	var r regionsTOML
	doc := decodeReference(fsys, RegionsPath, &r, l)
	if doc == nil {
		return nil, exists(fsys, RegionsPath)
	}
	if tooMany(doc, l, "region", len(r.Region)) {
		return nil, true
	}
	keys := keyChecker{doc: doc, l: l, table: "region", seen: map[string]int{}, names: map[string]entryAt{}}
	for i, e := range r.Region {
		if keys.check(i, e.Key, e.Name) {
			regions = append(regions, Region{Key: e.Key, Name: e.Name, Pos: doc.KeyPos("region", strconv.Itoa(i))})
		}
	}
	return regions, true
}

// loadProfessions reads data/professions.toml.
func loadProfessions(fsys fs.FS, l *diag.List) (profs []Profession, found bool) {
	var p professionsTOML
	doc := decodeReference(fsys, ProfessionsPath, &p, l)
	if doc == nil {
		return nil, exists(fsys, ProfessionsPath)
	}
	if tooMany(doc, l, "profession", len(p.Profession)) {
		return nil, true
	}
	keys := keyChecker{doc: doc, l: l, table: "profession", seen: map[string]int{}, names: map[string]entryAt{}}
	for i, e := range p.Profession {
		if keys.check(i, e.Key, e.Name) && keys.long(i, "plural", e.Plural, MaxName) && keys.long(i, "description", e.Description, MaxDescription) {
			profs = append(profs, Profession{Key: e.Key, Name: e.Name, Plural: e.Plural,
				Description: e.Description, Pos: doc.KeyPos("profession", strconv.Itoa(i))})
		}
	}
	return profs, true
}

// exists reports whether the file is there, even as a symbolic link that
// cannot be followed (which is reported as the file's own problem).
func exists(fsys fs.FS, name string) bool {
	_, err := fs.Lstat(fsys, name)
	return err == nil
}

func decodeReference(fsys fs.FS, name string, v any, l *diag.List) *tomldecode.Doc {
	text, err := source.ReadText(fsys, name)
	if err != nil {
		if !isNotExist(err) || isLink(fsys, name) {
			l.Add(source.Problem(fsys, name, err))
		}
		return nil
	}
	doc, diags := tomldecode.File(diag.NewSource(name, text), v)
	l.Append(diags)
	return doc
}

// Limits on the reference files, far above any real list. Each region
// and profession has pages of its own, which list and link the others, and
// its name and description are repeated on every page that shows its
// figures, so a list of thousands, or a key or name of megabytes (which
// each misspelt cell's hint then quoted), made a build run for minutes and
// take gigabytes; England has seven NHS regions.
const (
	MaxReferences  = 100  // regions, or professions, in one file
	MaxKey         = 60   // characters of a key
	MaxName        = 250  // characters of a name or plural label
	MaxDescription = 1000 // characters of a description
)

// tooMany reports, as an error at the first entry past the limit, a
// reference file listing more than MaxReferences entries.
func tooMany(doc *tomldecode.Doc, l *diag.List, table string, n int) bool {
	if n <= MaxReferences {
		return false
	}
	l.Add(doc.Errorf([]string{table, strconv.Itoa(MaxReferences)}, "this file lists %d entries of [[%s]]; it may list at most %d", n, table, MaxReferences).
		WithHint("each %s has its own pages, which list the others: a list this long is a mistake, such as a file of data saved over this one", table))
	return true
}

// long reports (as an error at its value) a field of entry i longer than
// limit characters, or holding a character that garbles it, and returns
// whether it is fine.
func (k *keyChecker) long(i int, field, value string, limit int) bool {
	// A control character or an override garbles the name on every page
	// that shows it, as in a page's title.
	if at := strings.IndexFunc(value, diag.Garbles); at >= 0 {
		r, _ := utf8.DecodeRuneInString(value[at:])
		k.l.Add(k.doc.Errorf([]string{k.table, strconv.Itoa(i), field}, "this %s has the invisible character %U, which would garble it on the page", field, r).
			WithHint("delete it (it often comes with text pasted from another program)"))
		return false
	}
	if n := utf8.RuneCountInString(value); n > limit {
		k.l.Add(k.doc.Errorf([]string{k.table, strconv.Itoa(i), field}, "this %s is %d characters long; it may have at most %d", field, n, limit).
			WithHint("a %s is read on every page that shows the %s's figures: keep it to a few words", field, k.table))
		return false
	}
	return true
}

// keyChecker checks the keys of a reference table: simple, unique and not
// the reserved "national".
type keyChecker struct {
	doc   *tomldecode.Doc
	l     *diag.List
	table string
	seen  map[string]int
	// names holds each folded name and its entry: two regions of one name
	// would head two columns of every table alike, which readers cannot
	// tell apart (and which the publishing stage then refused as a fault
	// in Plinth, with no line to fix).
	names map[string]entryAt
}

// entryAt is an entry of a reference table: its index and key.
type entryAt struct {
	i   int
	key string
}

func (k *keyChecker) check(i int, key, name string) bool {
	at := func(field string) []string { return []string{k.table, strconv.Itoa(i), field} }
	if !k.doc.Has(at("key")...) || !k.doc.Has(at("name")...) {
		return false // reported by tomldecode
	}
	switch first, dup := k.seen[key]; {
	case utf8.RuneCountInString(key) > MaxKey:
		k.l.Add(k.doc.Errorf(at("key"), "the key is %d characters long; a key may have at most %d", utf8.RuneCountInString(key), MaxKey).
			WithHint("a key is a short name that data files use, like \"north-west\""))
	case !slugPattern.MatchString(key):
		k.l.Add(k.doc.Errorf(at("key"), "the key %q is not a simple name", key).
			WithHint("use lower-case letters, digits and hyphens, like \"north-west\""))
	case key == National:
		k.l.Add(k.doc.Errorf(at("key"), "the key %q is reserved", key).
			WithHint("\"national\" means the whole country; a column allows it with national = true"))
	case dup:
		k.l.Add(k.doc.Errorf(at("key"), "the key %q is used twice", key).
			WithHint("it is first used at %s; give each %s its own key", k.doc.ValuePos(k.table, strconv.Itoa(first), "key"), k.table))
	case name == "":
		k.l.Add(k.doc.Errorf(at("name"), "the %s %q has no name", k.table, key).WithHint("write the name readers see"))
	case !k.long(i, "name", name, MaxName):
	default:
		if first, dup := k.names[fold(name)]; dup {
			k.l.Add(k.doc.Errorf(at("name"), "the name %q is also the name of the %s %q; readers could not tell the two apart in tables, charts and lists", name, k.table, first.key).
				WithHint("it is first used at %s; give each %s its own name", k.doc.ValuePos(k.table, strconv.Itoa(first.i), "name"), k.table))
			return false
		}
		k.seen[key] = i
		k.names[fold(name)] = entryAt{i, key}
		return true
	}
	return false
}

// refs holds what references are checked against.
type refs struct {
	regions     map[string]bool
	regionKeys  []string
	regionNames map[string]string // folded name → key, for hints
	professions map[string]bool
	profKeys    []string
	profNames   map[string]string
	standards   StandardResolver
	// brokenRegions and brokenProfs report that the reference file had
	// errors: a key missing from it may be one of its broken entries.
	brokenRegions, brokenProfs bool
}

// brokenFor returns the reference file a column of type t is checked
// against, if that file had errors of its own, and "" otherwise.
func (r *refs) brokenFor(t Type, value string) string {
	switch {
	case t == TypeStandard && r.standards != nil:
		_, _, _, cause := r.standards(value)
		return cause
	case t == TypeRegion && r.brokenRegions:
		return RegionsPath
	case t == TypeProfession && r.brokenProfs:
		return ProfessionsPath
	}
	return ""
}

func newRefs(regions []Region, profs []Profession, standards StandardResolver) *refs {
	r := &refs{regions: map[string]bool{}, regionNames: map[string]string{},
		professions: map[string]bool{}, profNames: map[string]string{}, standards: standards}
	for _, g := range regions {
		r.regions[g.Key] = true
		r.regionKeys = append(r.regionKeys, g.Key)
		r.regionNames[fold(g.Name)] = g.Key
	}
	for _, p := range profs {
		r.professions[p.Key] = true
		r.profKeys = append(r.profKeys, p.Key)
		r.profNames[fold(p.Name)] = p.Key
	}
	return r
}

// standard checks a standard reference and returns its canonical form, or
// a message and hint.
func (r *refs) standard(ref string) (canonical, msg, hint string) {
	if !standardPattern.MatchString(ref) {
		return "", fmt.Sprintf("%q is not a standard reference", ref),
			"write EDITION:ID, like 2021:1.3, or just the ID, like 1.3, for the edition in force"
	}
	if r.standards == nil {
		return ref, "", ""
	}
	canonical, ok, hint, _ := r.standards(ref)
	if !ok {
		if hint == "" {
			hint = "check the edition and the standard's number in the Quality Framework"
		}
		return "", fmt.Sprintf("%q is not a standard in the Quality Framework", ref), hint
	}
	return canonical, "", ""
}
