// Package charts decides the charts of the action-plan progress pages:
// which published table each chart draws, how, and what its heading and
// summary say. Package chart draws them.
//
// # Contract
//
// Figures takes the published tables (site.PublicTable, after disclosure
// control) and the labels of the regions, domains and standards, and
// returns every figure of the action-plan pages, with fixed IDs:
//
//	national page (/action-plans/)
//	  actions-by-status             each region's actions by status as shares of its actions, a stacked bar per region and England
//	  percent-complete-by-quarter   percentage complete by quarter opened, a panel per region beside England's line
//	  actions-by-domain             actions in England by Quality Framework domain
//	a region's page (/action-plans/KEY/)
//	  actions-by-status-KEY             the region's shares by status, England's marked across each bar
//	  percent-complete-by-quarter-KEY   the region's line beside England's
//	  actions-by-domain-KEY             the region's shares by domain, England's marked across each bar
//	a domain's page (/action-plans/domains/N/)
//	  domain-N-standards   each standard's actions by status as shares of its actions, a stacked bar per standard
//	  domain-N-regions     the domain's actions by region
//
// A chart shows the comparison its heading makes, on a fair scale: a region
// beside England as shares of each one's actions (the counts are in the
// table), never counts of different sizes.
//
// Headings and summaries are written from the same figures the chart and
// its table show, and only from published ones: a hidden figure is never
// named, and a claim that needs one ("the most", "the largest share") is
// made only among the figures shown, and says so. Every number in a summary
// is a figure of the chart's table, written as the table writes it.
//
// The package sees published tables only: it cannot import package dataset
// or actionplans (a test in package dataset walks its imports).
package charts
