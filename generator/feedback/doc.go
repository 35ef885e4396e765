// Package feedback publishes "You said, we did": what learners told us about
// their placements, what was done about it, and what changed.
//
// # Contract
//
// The stage runs after the framework and dataset stages and before
// assemble. Build reads the public dataset "you-said-we-did" (declared in
// data/datasets.toml; the dataset stage has already checked every cell's
// type, regions, professions, theme and status values and standard
// references) and turns each row into an Entry. It then
//
//   - checks what the dataset cannot: that an entry is reviewed (both
//     reviewed_by and reviewed_on, or neither: an entry without review
//     details is a draft, left out with a warning at its row), that its
//     evidence figure is complete and publishable (a count must pass the
//     disclosure rule, anonymise.Policy, unchanged; a percentage must lie
//     from 0 to 100), that its ID can be an address, and that no free-text
//     cell names a provider, site or person from the private datasets or
//     holds personal data (the identifier scan's own matcher, scan.Scanner,
//     run on each cell, so the error points at the data file, row and
//     column rather than at the built pages);
//   - gives the site's "you-said-we-did" section page its layout and data,
//     and makes the pages it owns: one per entry at a permanent address
//     built from its ID (/you-said-we-did/yswd-001/), one per region
//     (/you-said-we-did/london/), profession, theme and status that has
//     entries, and a list page for each of those three facets, so that
//     every way of filtering works without JavaScript;
//   - links each entry to the framework standards it names
//     (framework.Standard.AddRelated), so every standard's page lists them;
//   - writes Atom feeds: every entry (/you-said-we-did/feed.xml) and each
//     region's entries (/you-said-we-did/london/feed.xml), with the
//     entries' permanent addresses as IDs, so that rebuilding never makes
//     feed readers show an entry twice.
//
// An entry with an error is left out of the pages; the build fails anyway.
// Free text reaches layouts as plain strings, which html/template escapes:
// nothing here produces template.HTML.
//
// Layouts are under you-said-we-did/ in the theme (entries, entry, facet,
// facets) with yswd- partials; docs/you-said-we-did.md is the editors'
// guide. Nothing here reads files or the clock.
package feedback
