package sample

import (
	"fmt"
	"math/rand/v2"
)

// The region keys of data/regions.toml, in a fixed order.
var regions = []string{"london", "south-east", "south-west", "north-west", "north-east-and-yorkshire", "midlands", "east-of-england"}

// providerKind is a kind of education provider, with how many of each every
// region has, the code prefix and how many actions each tends to have.
type providerKind struct {
	key       string // the provider_type enum value
	perRegion int
	prefix    string
	weight    int // how many actions a provider of this kind tends to have, relatively
	// professions lists the profession keys an action of this kind of
	// provider is about, each with a weight.
	professions []weighted
}

type weighted struct {
	key    string
	weight int
}

var kinds = []providerKind{
	{"acute-trust", 6, "ZA", 30, []weighted{{"medicine", 30}, {"nursing", 25}, {"midwifery", 10}, {"allied-health", 15}, {"pharmacy", 6}, {"healthcare-science", 8}, {"dentistry", 3}, {"other", 3}}},
	{"mental-health-trust", 2, "ZM", 15, []weighted{{"nursing", 40}, {"medicine", 25}, {"allied-health", 20}, {"pharmacy", 5}, {"other", 10}}},
	{"community-provider", 2, "ZC", 12, []weighted{{"nursing", 40}, {"allied-health", 30}, {"medicine", 10}, {"dentistry", 8}, {"pharmacy", 5}, {"other", 7}}},
	{"ambulance-trust", 1, "ZX", 10, []weighted{{"paramedicine", 1}}},
	{"gp-practice", 12, "ZG", 4, []weighted{{"medicine", 50}, {"nursing", 30}, {"pharmacy", 15}, {"other", 5}}},
	{"university", 3, "ZU", 10, []weighted{{"nursing", 25}, {"midwifery", 12}, {"allied-health", 20}, {"medicine", 15}, {"pharmacy", 8}, {"healthcare-science", 8}, {"paramedicine", 7}, {"dentistry", 5}}},
	{"independent", 3, "ZI", 3, []weighted{{"nursing", 30}, {"pharmacy", 30}, {"dentistry", 20}, {"other", 20}}},
}

// provider is one fictional education provider.
type provider struct {
	code, name, kind, region, site, lead string
	weight                               int
	professions                          []weighted
}

// names hands out invented town names, each once.
type names struct {
	r    *rand.Rand
	used map[string]bool
}

func (n *names) town() string {
	for {
		t := townStarts[n.r.IntN(len(townStarts))] + townEnds[n.r.IntN(len(townEnds))]
		if !n.used[t] {
			n.used[t] = true
			return t
		}
	}
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// makeProviders creates every region's providers, region by region and kind
// by kind, so that codes run in a readable order.
func makeProviders(r *rand.Rand) []provider {
	n := &names{r: r, used: map[string]bool{}}
	var out []provider
	serial := map[string]int{}
	for _, region := range regions {
		for _, k := range kinds {
			for range k.perRegion {
				serial[k.prefix]++
				code := fmt.Sprintf("%s%03d", k.prefix, serial[k.prefix])
				if k.key == "gp-practice" {
					code = fmt.Sprintf("%s%04d", k.prefix, 1000+serial[k.prefix])
				}
				name, site, profs := providerName(r, n, k.key)
				if profs == nil {
					profs = k.professions
				}
				lead := pick(r, firstNames) + " " + pick(r, lastNames)
				out = append(out, provider{code: code, name: name, kind: k.key, region: region, site: site, lead: lead,
					weight: k.weight, professions: profs})
			}
		}
	}
	return out
}

// providerName invents a provider's name and the name of its main site, and
// for an independent provider the professions its placements serve.
func providerName(r *rand.Rand, n *names, kind string) (name, site string, profs []weighted) {
	t := n.town()
	switch kind {
	case "acute-trust":
		switch r.IntN(4) {
		case 0:
			name = t + " Hospitals NHS Foundation Trust"
		case 1:
			name = t + " and " + n.town() + " NHS Trust"
		case 2:
			name = "University Hospitals of " + t + " NHS Trust"
		default:
			name = t + " General Hospital NHS Foundation Trust"
		}
		switch r.IntN(4) {
		case 0:
			site = t + " General Hospital"
		case 1:
			site = t + " Royal Infirmary"
		case 2:
			site = t + " District Hospital"
		default:
			site = "St " + pick(r, saints) + "'s Hospital, " + t
		}
	case "mental-health-trust":
		name = t + " and " + pick(r, valleys) + " Mental Health NHS Foundation Trust"
		site = t + " " + pick(r, []string{"Lodge", "House", "Court"}) + " Inpatient Unit"
	case "community-provider":
		name = t + " Community Health NHS Trust"
		site = t + " Community Hospital"
	case "ambulance-trust":
		name = t + " and District Ambulance Service NHS Trust"
		site = t + " Ambulance Operations Centre"
	case "gp-practice":
		street := pick(r, streets)
		switch r.IntN(3) {
		case 0:
			name = street + " Surgery, " + t
		case 1:
			name = t + " Medical Practice"
		default:
			name = "The " + t + " Health Centre"
		}
		site = street + " Branch Surgery, " + t
	case "university":
		if r.IntN(2) == 0 {
			name = "University of " + t
		} else {
			name = t + " " + pick(r, founders) + " University"
		}
		site = t + " Health Sciences Campus"
	default:
		switch r.IntN(3) {
		case 0:
			name = t + " Hospice"
			profs = []weighted{{"nursing", 60}, {"medicine", 20}, {"other", 20}}
		case 1:
			name = pick(r, lastNames) + " Community Pharmacy, " + t
			profs = []weighted{{"pharmacy", 1}}
		default:
			name = t + " Dental Care"
			profs = []weighted{{"dentistry", 1}}
		}
		site = name
	}
	return name, site, profs
}
