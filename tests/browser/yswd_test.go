package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// card is what the test reads from the served index: each entry card's
// keys, to work out independently of the script how many cards a filter
// must leave.
type card struct {
	region, theme, status string
	professions           []string
}

var cardPattern = regexp.MustCompile(`<li class="[^"]*yswd-entry" data-region="([^"]*)" data-profession="([^"]*)" data-theme="([^"]*)" data-status="([^"]*)">`)

// want counts the cards matching every chosen value.
func want(cards []card, chosen map[string]string) int {
	n := 0
	for _, c := range cards {
		ok := true
		for facet, v := range chosen {
			switch facet {
			case "region":
				ok = ok && c.region == v
			case "theme":
				ok = ok && c.theme == v
			case "status":
				ok = ok && c.status == v
			case "profession":
				found := false
				for _, p := range c.professions {
					found = found || p == v
				}
				ok = ok && found
			}
		}
		if ok {
			n++
		}
	}
	return n
}

// filterState is what the page shows: the cards a reader can see (not
// hidden and laid out), the live region's text, the selects' values and
// the address.
type filterState struct {
	Visible  int               `json:"visible"`
	Hidden   int               `json:"hidden"`
	Live     string            `json:"live"`
	Selects  map[string]string `json:"selects"`
	Search   string            `json:"search"`
	FormShow bool              `json:"formShown"`
	// Heading is the results' heading; Names the chosen options' names.
	Heading string   `json:"heading"`
	Names   []string `json:"names"`
	// Options maps "facet=value" to the count its option shows.
	Options map[string]int `json:"options"`
	// Empty reports that the message for no results is visible, and
	// EmptyInResults that it sits in the results column.
	Empty          bool `json:"empty"`
	EmptyInResults bool `json:"emptyInResults"`
}

const readState = `(() => {
  const cards = Array.from(document.querySelectorAll('#yswd-entries > li'))
  const shown = cards.filter((c) => !c.hidden && c.getClientRects().length > 0)
  const selects = {}
  document.querySelectorAll('#yswd-filter select').forEach((s) => { selects[s.name] = s.value })
  const form = document.getElementById('yswd-filter')
  const names = []
  const options = {}
  document.querySelectorAll('#yswd-filter select').forEach((s) => {
    if (s.value) { names.push(s.options[s.selectedIndex].getAttribute('data-name')) }
    Array.from(s.options).forEach((o) => {
      const m = o.textContent.match(/\((\d+)\)$/)
      if (o.value && m) { options[s.name + '=' + o.value] = Number(m[1]) }
    })
  })
  const empty = document.getElementById('yswd-empty')
  return {
    visible: shown.length,
    hidden: cards.length - shown.length,
    live: document.getElementById('yswd-filter-count').textContent,
    selects,
    search: window.location.search,
    formShown: !form.hidden && form.getClientRects().length > 0,
    heading: document.querySelector('[data-yswd-heading]').textContent,
    names,
    options,
    empty: !empty.hidden && empty.getClientRects().length > 0,
    emptyInResults: empty.closest('.plinth-yswd-results') !== null,
  }
})()`

// choose picks a value in a filter's select as a reader does: the value
// changes and the select fires a change event that bubbles to the form.
func choose(facet, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
  const s = document.getElementById('yswd-filter-%s')
  s.value = %q
  s.dispatchEvent(new Event('change', { bubbles: true }))
})()`, facet, value))
}

// TestYSWDFilter builds the example site, serves it under its production
// headers and checks the "You said, we did" filter in Chromium: the form
// appears, each choice narrows the list to exactly the matching entries and
// is announced, the choice is kept in the address, and loading that address
// again shows the same filtered list.
func TestYSWDFilter(t *testing.T) {
	tools := requireTools(t)
	dest := filepath.Join(t.TempDir(), "public")
	res, diags := pipeline.Run(pipeline.Options{Source: repoRoot(t), Destination: dest,
		Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Write: true})
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diags, 0)
		t.Fatalf("the example site does not build:\n%s", b.String())
	}
	prefix := res.Site.Config.BasePath()
	html, err := os.ReadFile(filepath.Join(dest, "you-said-we-did", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var cards []card
	for _, m := range cardPattern.FindAllStringSubmatch(string(html), -1) {
		cards = append(cards, card{region: m[1], professions: strings.Fields(m[2]), theme: m[3], status: m[4]})
	}
	if len(cards) < 10 {
		t.Fatalf("found %d cards on the index", len(cards))
	}

	srv, err := harness.NewServer(os.DirFS(dest), prefix)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	browserCtx, closeBrowser, err := harness.Launch(t.Context(), tools.Chromium, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer closeBrowser()
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	index := srv.URL(prefix + "you-said-we-did/")
	load := func(url string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible("#yswd-filter")); err != nil {
			t.Fatalf("loading %s: the filter form never appeared: %v", url, err)
		}
	}
	state := func() filterState {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[filterState](readState))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	check := func(step string, chosen map[string]string) filterState {
		t.Helper()
		s := state()
		n := want(cards, chosen)
		live := fmt.Sprintf("%d entries", n)
		if n == 1 {
			live = "1 entry"
		}
		heading := "All entries"
		if len(chosen) > 0 {
			live += " shown"
			heading = "Entries for " + strings.Join(s.Names, ", ")
		}
		live += ", newest first."
		if s.Visible != n || s.Hidden != len(cards)-n || s.Live != live || !s.FormShow {
			t.Errorf("%s: %d cards visible and %d hidden, live region %q, form shown %v; want %d visible of %d, %q",
				step, s.Visible, s.Hidden, s.Live, s.FormShow, n, len(cards), live)
		}
		if s.Heading != heading || len(s.Names) != len(chosen) {
			t.Errorf("%s: the results are headed %q, want %q", step, s.Heading, heading)
		}
		if s.Empty != (n == 0) || !s.EmptyInResults {
			t.Errorf("%s: the message for no results is shown %v (in the results column: %v), want shown only when nothing matches", step, s.Empty, s.EmptyInResults)
		}
		// Each option counts the entries it would show with the other
		// choices.
		for key, got := range s.Options {
			facet, value, _ := strings.Cut(key, "=")
			with := map[string]string{facet: value}
			for f, v := range chosen {
				if f != facet {
					with[f] = v
				}
			}
			if w := want(cards, with); got != w {
				t.Errorf("%s: the option %s says %d, want %d", step, key, got, w)
			}
		}
		if len(s.Options) < 20 {
			t.Errorf("%s: only %d options have counts", step, len(s.Options))
		}
		for facet, v := range chosen {
			if s.Selects[facet] != v {
				t.Errorf("%s: the %s select shows %q, want %q", step, facet, s.Selects[facet], v)
			}
		}
		t.Logf("%s: %d of %d entries shown, address %q, announced %q", step, s.Visible, len(cards), s.Search, s.Live)
		return s
	}

	load(index)
	check("no filter", nil)

	if err := chromedp.Do(ctx, choose("region", "midlands")); err != nil {
		t.Fatal(err)
	}
	if s := check("region midlands", map[string]string{"region": "midlands"}); s.Search != "?region=midlands" {
		t.Errorf("the address's query is %q, want ?region=midlands", s.Search)
	}
	if err := chromedp.Do(ctx, choose("status", "in-progress")); err != nil {
		t.Fatal(err)
	}
	both := map[string]string{"region": "midlands", "status": "in-progress"}
	s := check("region midlands and status in-progress", both)
	if s.Search != "?region=midlands&status=in-progress" {
		t.Errorf("the address's query is %q, want ?region=midlands&status=in-progress", s.Search)
	}
	if s.Visible >= want(cards, map[string]string{"region": "midlands"}) {
		t.Errorf("adding a status did not narrow the list")
	}

	// The same address, loaded again, shows the same list.
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible("#yswd-filter")); err != nil {
		t.Fatal(err)
	}
	check("after reloading "+location, both)
	load(location)
	check("after opening "+location+" afresh", both)

	// Professions are lists: an entry for nursing and midwifery is shown
	// for either.
	load(index + "?profession=midwifery")
	check("profession midwifery from the address", map[string]string{"profession": "midwifery"})

	// A value the select does not offer (an old bookmark) is ignored.
	load(index + "?region=atlantis")
	check("unknown region in the address", nil)

	load(index + "?theme=induction&status=in-progress")
	if err := chromedp.Do(ctx, chromedp.Click("#yswd-filter [data-yswd-clear]")); err != nil {
		t.Fatal(err)
	}
	if s := check("after Clear filters", nil); s.Search != "" {
		t.Errorf("after clearing, the address's query is %q, want none", s.Search)
	}

	// A choice that leaves nothing says so where the entries were, and
	// the region's count follows the status: London has entries, but none
	// planned.
	london := map[string]string{"region": "london", "status": "planned"}
	if want(cards, london) != 0 || want(cards, map[string]string{"region": "london"}) == 0 {
		t.Fatal("the example data no longer has London entries of which none is planned; choose another pair")
	}
	load(index + "?region=london&status=planned")
	if s := check("London and planned", london); s.Options["region=london"] != 0 {
		t.Errorf("with Planned chosen, London says %d", s.Options["region=london"])
	}
	if err := chromedp.Do(ctx, chromedp.Click("#yswd-empty [data-yswd-clear]")); err != nil {
		t.Fatal(err)
	}
	check("after clearing from the message", nil)
}
