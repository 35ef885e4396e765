// Package anonymise turns raw tables of counts into tables that are safe to
// publish: statistical disclosure control for Plinth's regional charts and
// tables.
//
// # Contract
//
// The input types, Counts and Samples, hold raw figures and offer no way to
// read them back. The only way from them to something a template or chart can
// use is through one Policy: Policy.Publish (counts), Policy.Summarise
// (averages) and, from published tables only, Policy.RowPercentages and
// Policy.Percentages. These return a *Table, which holds published figures
// and nothing else: each Cell is a rounded count, a percentage or average
// worked out from published figures, or suppressed (shown as [c], the
// Government Statistical Service symbol). The raw counts are not reachable
// from a Table, in exported or unexported fields. Everything is in memory and
// deterministic: the same input gives the same output.
//
// # The rule
//
// The default Policy is the NHS Digital rule for sub-national counts:
//
//   - 0 is shown as 0, and is always exact;
//   - counts from 1 to 7 are suppressed (primary suppression);
//   - other counts are rounded to the nearest 5: a multiple of 5 stays as it
//     is, anything else goes to the nearest multiple (with an even base an
//     exact half goes up; with 5 there are no halves);
//   - totals are computed from the unrounded counts and then treated like any
//     other count, so a total of 1 to 7 is suppressed too;
//   - counts of providers are counts like any other;
//   - percentages are computed from the rounded, published figures, and
//     suppressed when either figure is suppressed or the denominator is 0;
//   - averages over 1 to 7 items are not shown;
//   - cells marked national are exempt from suppression and rounding only if
//     Policy.NationalExempt is set.
//
// # Secondary suppression and the attacker model
//
// Suppressing the small counts is not enough when totals are published: in a
// row (a, b, c, total) with only b hidden, b = total − a − c. So Publish hides
// further cells (secondary suppression, suppress.go) and then audits the
// result exactly (audit.go). The audit assumes a reader who knows the rule,
// including the rounding base and that a published figure v ≠ 0 stands for a
// count from max(v−2, 8) to v+2; that a published 0 is exactly 0; how every
// row and column adds up; and, because zeros are never hidden, that a hidden
// cell is at least 1. Against that reader every hidden cell, except exempt
// national figures, must pass three tests:
//
//  1. It cannot be worked out exactly from the equations of the table, even if
//     every published figure were exact (rational Gaussian elimination: its
//     unit vector is not in the row space of the equations restricted to the
//     unknowns).
//  2. The reader cannot show that it lies from 1 to 7: over all whole-number
//     tables consistent with what is published, it can reach 8 or more. (It
//     can never reach 0, so "can reach 8" is the whole test.)
//  3. An insider who also knows which hidden cells are small (1 to 7) and
//     which are complements (8 or more, as they would otherwise have been
//     shown) cannot pin it to a single value.
//
// Tests 2 and 3 solve a small linear programme per cell and direction (exact
// rational simplex, Bland's rule, simplex.go). The tables' equations form a
// network, so the programmes' extremes are whole numbers and the bounds are
// exact. If the audit fails after secondary suppression has done all it can,
// Publish returns an *AuditError naming the table and cells, and the build
// must stop.
//
// # Linked tables
//
// The audit of Publish protects each table on its own. Two tables cut from
// the same records (by region × quarter and by region × status, say) can
// give away together what neither gives alone: a total hidden in one and
// shown in the other, or rounding intervals that the other table narrows.
// Policy.PublishLinked publishes such a family together: the links between
// the tables (equal totals, one count part of another) are declared on a
// Linked value, and the audit runs over the equations of every table and
// every link at once (linked.go).
//
// # Groups
//
// Every line (row or column) of a table that hides two or more figures is
// audited as a group as well: the sum of its hidden figures must be able to
// reach SuppressTo+1, or several of them would be known to be small
// (groups.go). Under version 2 of the rules, when contributors are known
// (Counts.AddFrom) and others give some of the sum, it must be able to
// reach the share of the one or two who give most of it plus
// SuppressTo+1, as the dominance rule asks of one figure.
//
// # Rule versions
//
// Policy.Rules names the version of the rules that decide which figures
// are hidden (Rules1, Rules2; zero means LatestRules). New figures are
// published under the latest; a pattern released already
// (Counts.Released) is checked under the version it was made under,
// which the caller reads from the release, because a released pattern
// cannot change and a newer, stricter version could only refuse it.
//
// # Releases
//
// Tables are published again with new data, and a reader can lay the
// releases side by side. Linked.Previous declares the earlier releases of
// a family (tables made with NewEarlier from what was published); the new
// figures are then protected and audited with them, the reader assuming
// that a figure published with the same value in two releases in a row did
// not change, and, where that assumption contradicts the figures, taking
// the change that explains them with the least total (history.go, and
// programme in audit.go). Secondary suppression keeps the previous
// release's pattern where it can (stable.go): a figure hidden then stays
// hidden unless it is 0, and one shown with the same value is the last
// to be hidden. Counts.Released keeps a pattern already published and
// audits it without changing it (released.go).
//
// # Limits
//
// Tables from the same records that are not declared in one family are
// not audited together: the caller decides what is linked. Earlier
// releases are audited table by table with the new figures (one linear
// programme per table, over every release), beside the audit of the new
// family: a reader who used a link between two tables and the differences
// between releases at once is not modelled, because one programme over
// every table of every release grows too large to solve in a build. The
// true counts of earlier releases are not kept, so an insider's knowledge
// of which of their hidden figures were small is not modelled either.
package anonymise
