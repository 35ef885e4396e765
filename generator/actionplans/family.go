package actionplans

import (
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

// family is the tables of counts of one release, by role, with what the
// links between them need to know. The current release's family is
// counted from the actions; an earlier release's is read back from its
// file (history.go), and linked the same way, so that the joint audit
// models every release as the reader sees it.
type family struct {
	byStatus, byQuarter, complete, byDomain, byProf, byStd, providers *anonymise.Counts
	// statuses label the rows of byStatus, which are the columns of byStd.
	statuses []string
	// domains are the numbers of byDomain's rows; stdDomains the domain
	// number of each row of byStd (0 when unknown).
	domains, stdDomains []int
	// regions is the number of region columns, the same in every table.
	regions int
	// allQuarters says that every action was opened in a quarter shown,
	// so the tables by quarter add up to the table by status; without it
	// they add up to no more.
	allQuarters bool
	// providerRegions says that every provider's actions are in its own
	// region, so the providers of a region are linked to its actions;
	// without it only England's are.
	providerRegions bool
	// providersApart leaves the providers table unlinked (Options).
	providersApart bool
}

// tables returns the family's tables in the order PublishLinked returns
// them.
func (f *family) tables() []*anonymise.Counts {
	return []*anonymise.Counts{f.byStatus, f.byQuarter, f.complete, f.byDomain, f.byProf, f.byStd, f.providers}
}

// link declares the family and the links between its tables.
func (f *family) link() *anonymise.Linked {
	var fam anonymise.Linked
	fam.Add(f.tables()...)
	// The action tables count the same actions: their region totals and
	// England total are one set of figures, completed actions are some of
	// all actions, and the completed actions of each region are the
	// "complete" row of the status table.
	fam.SameColumnTotals(f.byStatus, f.byDomain)
	fam.SameColumnTotals(f.byStatus, f.byProf)
	fam.PartOf(f.complete, f.byQuarter)
	f.linkStandards(&fam)
	done := slices.Index(f.statuses, CompleteLabel)
	overdue := slices.Index(f.statuses, OverdueLabel)
	ref := func(c *anonymise.Counts, row, col int) anonymise.Ref {
		return anonymise.Ref{Table: c, Row: row, Col: col}
	}
	for j := range f.regions + 1 {
		if j == f.regions {
			j = anonymise.Total
		}
		quarters, status := ref(f.byQuarter, anonymise.Total, j), ref(f.byStatus, anonymise.Total, j)
		if f.allQuarters {
			fam.Equal(quarters, status)
		} else {
			fam.AtMost(quarters, status)
		}
		if done >= 0 {
			completed, doneRow := ref(f.complete, anonymise.Total, j), ref(f.byStatus, done, j)
			if f.allQuarters {
				fam.Equal(completed, doneRow)
			} else {
				fam.AtMost(completed, doneRow)
			}
		}
		if !f.providersApart && done >= 0 && overdue >= 0 && (j == anonymise.Total || f.providerRegions) {
			f.linkProviders(&fam, j, done, overdue)
		}
	}
	return &fam
}

// linkProviders declares what the providers of column j say about its
// actions: a provider whose actions are all complete has a completed
// action, one with an action overdue has an overdue action, and one with
// actions open but none overdue has an action neither complete nor
// overdue. So each count of providers is at most the matching count of
// actions (and, being hidden only when 1 or more, at least 1 when any).
func (f *family) linkProviders(fam *anonymise.Linked, j, done, overdue int) {
	var open []anonymise.Ref
	for s := range f.statuses {
		if s != done && s != overdue {
			open = append(open, anonymise.Ref{Table: f.byStatus, Row: s, Col: j})
		}
	}
	actions := [][]anonymise.Ref{
		{{Table: f.byStatus, Row: done, Col: j}},
		open,
		{{Table: f.byStatus, Row: overdue, Col: j}},
	}
	for state, parts := range actions {
		if len(parts) > 0 {
			fam.AtMostSum(anonymise.Ref{Table: f.providers, Row: state, Col: j}, parts...)
		}
	}
}

// linkStandards declares how the table by standard shares figures with the
// rest of the family: its status totals are the England column of the
// table by status, and the totals of a domain's standards add up to the
// domain's England figure in the table by domain.
func (f *family) linkStandards(fam *anonymise.Linked) {
	for s := range f.statuses {
		fam.Equal(anonymise.Ref{Table: f.byStd, Row: anonymise.Total, Col: s}, anonymise.Ref{Table: f.byStatus, Row: s, Col: anonymise.Total})
	}
	fam.Equal(anonymise.Ref{Table: f.byStd, Row: anonymise.Total, Col: anonymise.Total}, anonymise.Ref{Table: f.byStatus, Row: anonymise.Total, Col: anonymise.Total})
	parts := map[int][]anonymise.Ref{}
	for i, d := range f.stdDomains {
		parts[d] = append(parts[d], anonymise.Ref{Table: f.byStd, Row: i, Col: anonymise.Total})
	}
	for i, d := range f.domains {
		if d > 0 && len(parts[d]) > 0 {
			fam.Sum(anonymise.Ref{Table: f.byDomain, Row: i, Col: anonymise.Total}, parts[d]...)
		}
	}
}

// leadingNumber reads the domain number a label starts with: "1. Learning
// environment" and "Domain 1" give 1; "1.3 Learners have…", "Standard 1.3"
// and "Standard 2021:1.3" give 1 too (the domain of standard 1.3). It is 0
// when the label has none.
func leadingNumber(label string) int {
	s := strings.TrimPrefix(strings.TrimPrefix(label, "Standard "), "Domain ")
	if _, id, ok := strings.Cut(s, ":"); ok && !strings.Contains(s[:strings.Index(s, ":")], " ") {
		s = id
	}
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(s[:end])
	if err != nil {
		return 0
	}
	return n
}
