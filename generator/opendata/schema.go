package opendata

// schema is table.schema.json: a JSON Schema (draft 2020-12) for the JSON
// files, so that people who reuse the data know what each field means.
const schema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Published table",
  "description": "One table of published figures. Every figure has been through disclosure control: small counts are hidden and shown as [c], other counts are rounded.",
  "type": "object",
  "required": ["name", "title", "built", "licence", "disclosure", "unit", "suppressedSymbol", "notes", "columns", "rows"],
  "additionalProperties": false,
  "properties": {
    "$schema": {"type": "string", "description": "The address of this schema."},
    "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "The table's permanent name, also the name of its CSV and JSON files."},
    "title": {"type": "string", "description": "The table's title."},
    "source": {"type": "string", "description": "Where the figures come from."},
    "period": {"type": "string", "description": "The period the figures cover."},
    "built": {"type": "string", "format": "date", "description": "The date the site was built (YYYY-MM-DD)."},
    "licence": {
      "type": "object",
      "required": ["name", "url"],
      "additionalProperties": false,
      "description": "The licence the figures are published under: the Open Government Licence v3.0 unless the site says otherwise.",
      "properties": {
        "name": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": "^https?://"}
      }
    },
    "disclosure": {"type": "string", "description": "The disclosure control applied to the figures, in plain English."},
    "unit": {"enum": ["count", "percent", "average"], "description": "What the figures are: counts, percentages (45 means 45%) or averages."},
    "suppressedSymbol": {"const": "[c]", "description": "The value written in place of a hidden figure (the Government Statistical Service symbol for confidential)."},
    "notes": {"type": "array", "items": {"type": "string"}, "description": "Notes a reader needs, such as what [c] means and how figures are rounded."},
    "rowHeading": {"type": "string", "description": "What the rows are, such as Status."},
    "columnHeading": {"type": "string", "description": "What the columns are, such as Region."},
    "columns": {"type": "array", "items": {"type": "string"}, "description": "The column labels, in order."},
    "totalColumn": {"type": "string", "description": "The label of each row's total, such as England."},
    "rows": {"type": "array", "items": {"$ref": "#/$defs/row"}},
    "totalRow": {"$ref": "#/$defs/row", "description": "The column totals, with the grand total as its total."}
  },
  "$defs": {
    "value": {
      "description": "A published figure, or [c] where it is hidden.",
      "oneOf": [{"type": "number"}, {"const": "[c]"}]
    },
    "row": {
      "type": "object",
      "required": ["label", "values"],
      "additionalProperties": false,
      "properties": {
        "label": {"type": "string"},
        "values": {"type": "array", "items": {"$ref": "#/$defs/value"}, "description": "One value per column, in the order of columns."},
        "total": {"$ref": "#/$defs/value", "description": "The row's total (the totalColumn)."}
      }
    }
  }
}
`
