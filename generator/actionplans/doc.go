// Package actionplans turns the private action-plan datasets into the regional
// tables the site publishes, and makes a page for each region.
//
// It is one of the three places that read private rows (with dataset,
// which loads them, and anonymise, which protects them); a test in package
// dataset fails if any other package calls dataset.PrivateRows. What it hands
// on holds published figures only: site.PublicTable values, whose tables come
// out of anonymise, and pages that name a region.
//
// # Input
//
// The private dataset "actions" (data/datasets.toml), one row per action,
// with at least these columns:
//
//	region         region       where the provider is
//	status         enum         must include "complete" and "overdue"
//	quarter        enum         the quarter the action was opened, in order
//	profession     profession
//	standard       standard     the standard the action addresses
//	provider_code  string       the provider, for counts of providers
//
// and optionally "last_updated" (date), for the "as at" date. If the
// private dataset "providers" exists (provider_code, region), providers
// are counted from it, so that those with no actions count too. A site with
// no "actions" dataset has no action-plan tables and no region pages.
//
// # Output
//
// Every table has the regions as columns, with England (the row totals) and
// the column totals. The action tables are cut from the same records and
// share totals, so they are published as one linked family
// (anonymise.Policy.PublishLinked), audited together:
//
//	actions-by-status               status × region
//	actions-by-quarter              quarter opened × region (the last eight quarters)
//	complete-by-quarter             completed actions, quarter opened × region
//	percent-complete-by-quarter     from the two above (published figures only)
//	actions-by-domain               Quality Framework domain × region
//	actions-by-profession           profession × region
//	providers-by-plan               providers by the state of their plan × region
//
// The providers table counts other records (providers, not actions) but is
// linked to them (family.go): the providers whose actions are all complete
// are at most the completed actions, those with an overdue action at most
// the overdue actions, and those with actions open but none overdue at most
// the actions neither complete nor overdue, in each region and England.
//
// # Releases
//
// `plinth release` writes the published tables of counts to
// data/releases/DATE.toml (releasefile.go), DATE being the data's as-at
// date. The build reads every release back strictly (LoadReleases): the
// ones dated before the data are earlier releases, audited with the new
// figures (anonymise's history) and shown in an archive at
// /action-plans/releases/ (history.go); one dated on the data's date is the
// release of the current figures, whose pattern is kept and checked
// against the data.
//
// A table that fails the audit is an error at the data file, naming the
// table and cells but no figure, and the build stops; a problem with a
// release is an error at its place in the release file.
package actionplans
