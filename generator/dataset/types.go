package dataset

import (
	"fmt"
	"strings"

	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// Type is the type of a column, written in the manifest as one of the words
// below.
type Type string

// The column types.
const (
	// TypeString is any text.
	TypeString Type = "string"
	// TypeInteger is a whole number such as 42 or -3.
	TypeInteger Type = "integer"
	// TypeDecimal is an exact decimal number such as 12.5.
	TypeDecimal Type = "decimal"
	// TypeDate is a date written YYYY-MM-DD.
	TypeDate Type = "date"
	// TypeEnum is one of the words listed in the column's values.
	TypeEnum Type = "enum"
	// TypeRegion is a region key from data/regions.toml.
	TypeRegion Type = "region"
	// TypeProfession is a profession key from data/professions.toml.
	TypeProfession Type = "profession"
	// TypeStandard is a Quality Framework standard written EDITION:ID
	// (2021:1.3) or ID alone (1.3, the edition in force).
	TypeStandard Type = "standard"
)

// Types lists every column type in the order the documentation gives them.
var Types = []Type{TypeString, TypeInteger, TypeDecimal, TypeDate, TypeEnum, TypeRegion, TypeProfession, TypeStandard}

// UnmarshalText accepts the name of a column type, so that a misspelt type
// is reported at its own line in the manifest.
func (t *Type) UnmarshalText(b []byte) error {
	s := string(b)
	names := make([]string, len(Types))
	for i, ty := range Types {
		names[i] = string(ty)
		if s == string(ty) {
			*t = ty
			return nil
		}
	}
	return &tomldecode.HintError{
		Msg:      fmt.Sprintf("%q is not a column type", s),
		HintText: didYouMean(s, names) + "the column types are: " + strings.Join(names, ", "),
	}
}

// listable reports whether several values of the type may share one cell
// (list = true in the manifest): text, enum values and references.
func (t Type) listable() bool {
	switch t {
	case TypeEnum, TypeRegion, TypeProfession, TypeStandard, TypeString:
		return true
	}
	return false
}

func (t Type) numeric() bool { return t == TypeInteger || t == TypeDecimal }
