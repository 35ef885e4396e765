package actionplans

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/site"
)

// regionPages makes one page per region, at /action-plans/KEY/.
func regionPages(regions []dataset.Region) []*site.Page {
	var out []*site.Page
	for i, g := range regions {
		pg := &site.Page{Kind: site.KindPage, Path: Section + "/" + g.Key, Section: Section, Type: Section,
			URL: "/" + Section + "/" + g.Key + "/", Extra: &RegionPage{Key: g.Key, Name: g.Name}}
		// Short: with the site name, the page title stays within 70
		// characters for the longest region name.
		pg.Title = "Action plans: " + g.Name
		pg.Description = fmt.Sprintf("How actions to improve healthcare education placements in %s are progressing, with figures for England beside them.", strings.TrimSpace(g.Name))
		pg.Layout = "region"
		pg.Weight = 10 + i
		out = append(out, pg)
	}
	return out
}

// Section is the content section the region pages belong to.
const Section = "action-plans"

// RegionPage is a region page's data (its Extra): the region's key and the
// name that labels its column in every table.
type RegionPage struct {
	Key, Name string
}

// ReadsOthersBodies reports that the page is made from the published
// tables and the standards' titles, never from a page's body
// (site.OthersBodiesReader).
func (x *RegionPage) ReadsOthersBodies() bool { return false }

// DomainPage is a domain progress page's data (its Extra): the domain, as
// it labels its row of the table by domain, and the labels of its
// standards' rows in the table by standard.
type DomainPage struct {
	Number int
	// Name labels the domain's row ("1. Learning environment and
	// culture"); Title is the domain's name alone ("Learning environment
	// and culture").
	Name, Title string
	// URL is the domain's page in the framework, or "" (see Domain.URL).
	URL string
	// Standards label the rows of the domain's standards, in order.
	Standards []string
}

// ReadsOthersBodies reports that the page is made from the published
// tables and the standards' titles, never from a page's body
// (site.OthersBodiesReader).
func (x *DomainPage) ReadsOthersBodies() bool { return false }

// DomainsSection is the folder of the domain progress pages, under Section.
const DomainsSection = "domains"

// domainPages makes one page per domain the actions address, at
// /action-plans/domains/N/, and their list page, /action-plans/domains/.
func domainPages(domains []Domain, standards []StandardRow) []*site.Page {
	if len(domains) == 0 {
		return nil
	}
	list := &site.Page{Kind: site.KindSection, Path: Section + "/" + DomainsSection, Section: Section, Type: Section,
		URL: "/" + Section + "/" + DomainsSection + "/"}
	list.Title = "Action plans by Quality Framework domain"
	list.Description = "How the actions on the standards of each Quality Framework domain are progressing in England."
	list.Layout = "domains"
	list.Weight = 100
	out := []*site.Page{list}
	for i, d := range domains {
		extra := &DomainPage{Number: d.Number, Name: d.Name, Title: domainTitle(d), URL: d.URL}
		for _, s := range standards {
			if s.Domain.Number == d.Number {
				extra.Standards = append(extra.Standards, s.Label)
			}
		}
		n := strconv.Itoa(d.Number)
		pg := &site.Page{Kind: site.KindPage, Path: Section + "/" + DomainsSection + "/" + n, Section: Section, Type: Section,
			URL: "/" + Section + "/" + DomainsSection + "/" + n + "/", Extra: extra}
		pg.Title = "Action plans: domain " + n
		pg.Description = fmt.Sprintf("How actions on the standards of domain %s (%s) are progressing in England, standard by standard and region by region.", n, domainTitle(d))
		pg.Layout = "domain"
		pg.Weight = 101 + i
		out = append(out, pg)
	}
	return out
}

// domainTitle is the domain's name without its number: "Learning
// environment and culture" for "1. Learning environment and culture".
func domainTitle(d Domain) string {
	prefix := strconv.Itoa(d.Number) + ". "
	if t, ok := strings.CutPrefix(d.Name, prefix); ok {
		return t
	}
	return d.Name
}
