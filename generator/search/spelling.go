package search

import "strings"

// The site is written in British English; some readers type American
// spellings. Stem writes every word the British way before stemming
// (british), so both spellings of a word share a term, and the index
// lists the other spelling of each word the site uses as one of the term's
// forms (spellings), so the browser finds it by looking it up. Only
// differences that a short rule or a short list covers are handled: the
// rules below are cheap and never change a word into another real word.

// spellingPair is a word beginning spelt two ways, and the endings it may
// take for the rule to apply (nil: any ending; "" is the word alone).
type spellingPair struct {
	us, uk string
	ends   []string
}

var (
	anyEnding = []string(nil)
	plural    = []string{"", "s"}
	nounEnds  = []string{"", "s", "ment", "ments"}
)

var spellingPairs = []spellingPair{
	// -or / -our, whatever follows: behavioural, coloured, favourite.
	{"behavior", "behaviour", anyEnding}, {"color", "colour", anyEnding}, {"favor", "favour", anyEnding},
	{"honor", "honour", anyEnding}, {"labor", "labour", anyEnding}, {"neighbor", "neighbour", anyEnding},
	{"humor", "humour", anyEnding}, {"rumor", "rumour", anyEnding}, {"harbor", "harbour", anyEnding},
	{"flavor", "flavour", anyEnding}, {"endeavor", "endeavour", anyEnding}, {"vigor", "vigour", anyEnding},
	{"odor", "odour", anyEnding}, {"tumor", "tumour", anyEnding}, {"savior", "saviour", anyEnding},
	{"armor", "armour", anyEnding}, {"vapor", "vapour", anyEnding},
	// Medical words with ae and oe.
	{"pediatr", "paediatr", anyEnding}, {"anesthe", "anaesthe", anyEnding}, {"anemi", "anaemi", anyEnding},
	{"hematol", "haematol", anyEnding}, {"hemorrh", "haemorrh", anyEnding}, {"hemoglobin", "haemoglobin", anyEnding},
	{"gynecol", "gynaecol", anyEnding}, {"orthoped", "orthopaed", anyEnding}, {"esophag", "oesophag", anyEnding},
	{"edema", "oedema", anyEnding}, {"estrogen", "oestrogen", anyEnding}, {"fetus", "foetus", anyEnding},
	{"fetal", "foetal", anyEnding}, {"diarrhea", "diarrhoea", anyEnding}, {"leukemi", "leukaemi", anyEnding},
	{"etiolog", "aetiolog", anyEnding}, {"cesarean", "caesarean", anyEnding},
	// Single words and their plurals.
	{"program", "programme", plural}, {"license", "licence", plural}, {"defense", "defence", plural},
	{"offense", "offence", plural}, {"catalog", "catalogue", plural}, {"dialog", "dialogue", plural},
	{"analog", "analogue", plural}, {"center", "centre", plural}, {"centered", "centred", []string{""}},
	{"theater", "theatre", plural}, {"fiber", "fibre", plural}, {"liter", "litre", plural},
	{"aging", "ageing", []string{""}},
	{"enroll", "enrol", nounEnds}, {"fulfill", "fulfil", nounEnds},
	{"judgment", "judgement", anyEnding}, {"acknowledgment", "acknowledgement", anyEnding},
	{"skillful", "skilful", anyEnding},
}

// The endings of -ize and -yze verbs (-ise and -yse in British English).
var zEndings = []string{"e", "es", "ed", "ing", "ation", "ations", "er", "ers"}

// keepsS are -ise words spelt the same way in American English; keepsZ
// are -ize words spelt the same way in British English.
var (
	keepsSEndings = []string{"aise", "oise", "uise", "wise", "vise", "cise", "guise", "prise"}
	keepsS        = map[string]bool{
		"arise": true, "rise": true, "sunrise": true, "compromise": true, "promise": true, "premise": true,
		"demise": true, "surmise": true, "advertise": true, "chastise": true, "expertise": true, "mortise": true,
		"treatise": true, "merchandise": true, "paradise": true, "anise": true, "valise": true, "franchise": true,
		"despise": true,
	}
	keepsZ = map[string]bool{"seize": true, "prize": true, "maize": true, "baize": true}
)

// british returns w spelt the British way, or w.
func british(w string) string {
	for _, p := range spellingPairs {
		if rest, ok := strings.CutPrefix(w, p.us); ok && endingAllowed(p.ends, rest) {
			return p.uk + rest
		}
	}
	if before, end, ok := zForm(w, 'z'); ok {
		base := before + "ze"
		if !keepsZ[base] && !strings.HasSuffix(base, "size") {
			return before + "s" + end
		}
	}
	return w
}

// spellings returns the other spellings of w (a folded word) that readers
// may type: its American spelling if w is British, its British spelling
// if w is American.
func spellings(w string) []string {
	var out []string
	add := func(v string) {
		if v != w && british(v) == british(w) {
			out = append(out, v)
		}
	}
	if uk := british(w); uk != w {
		add(uk)
		return out
	}
	for _, p := range spellingPairs {
		if rest, ok := strings.CutPrefix(w, p.uk); ok && endingAllowed(p.ends, rest) {
			add(p.us + rest)
		}
	}
	if before, end, ok := zForm(w, 's'); ok {
		base := before + "se"
		if !keepsS[base] && !hasAnySuffix(base, keepsSEndings) {
			add(before + "z" + end)
		}
	}
	return out
}

// zForm splits a word of the -ise or -yse kind (c = 's') or the -ize or
// -yze kind (c = 'z') around its s or z: "organisation" → "organi",
// "ation". The part before the i or y must have three letters or more,
// which leaves out rise, wise and size.
func zForm(w string, c byte) (before, end string, ok bool) {
	for _, e := range zEndings {
		stem, found := strings.CutSuffix(w, e)
		if !found || len(stem) < 5 || stem[len(stem)-1] != c {
			continue
		}
		if v := stem[len(stem)-2]; v == 'i' || v == 'y' {
			return stem[:len(stem)-1], e, true
		}
	}
	return "", "", false
}

func endingAllowed(ends []string, rest string) bool {
	if ends == nil {
		return true
	}
	for _, e := range ends {
		if e == rest {
			return true
		}
	}
	return false
}

func hasAnySuffix(w string, suffixes []string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}
