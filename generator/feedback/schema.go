package feedback

// Section is the content folder and address of the "You said, we did"
// pages, and DatasetName the dataset they are made from.
const (
	Section     = "you-said-we-did"
	DatasetName = "you-said-we-did"
)

// sectionURL is the section's address relative to the base URL.
const sectionURL = "/" + Section + "/"

// RelatedKind is the group the entries form on each standard's page
// (framework.Standard.AddRelated).
const RelatedKind = "you-said-we-did"

// SectionMatter is the front matter of content/you-said-we-did/_index.md
// beside the common keys.
type SectionMatter struct {
	// Sample marks the entries as sample content (made up to show how the
	// pages work); every page of the section says so.
	Sample bool `toml:"sample"`
}

// Schema declares SectionMatter for the section's _index.md, for
// content.Options.Schemas.
func Schema(rel string) any {
	if rel == Section+"/_index.md" {
		return &SectionMatter{}
	}
	return nil
}
