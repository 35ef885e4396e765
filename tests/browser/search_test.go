package browser

import (
	"context"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// searchResult is what a reader sees of one result.
type searchResult struct {
	Href    string   `json:"href"`
	Title   string   `json:"title"`
	Meta    string   `json:"meta"`
	Marks   []string `json:"marks"`
	Snippet string   `json:"snippet"`
}

// readResults waits for the search page to show results for the query in
// its box and returns the status line and the results.
const readResults = `(() => {
  const items = Array.from(document.querySelectorAll('[data-search-results] > li'))
  return {
    status: document.querySelector('[data-search-status]').textContent,
    results: items.map((li) => ({
      href: li.querySelector('a').getAttribute('href'),
      title: li.querySelector('h2').textContent,
      meta: li.querySelector('.plinth-search__meta').textContent,
      marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
      snippet: li.querySelector('.plinth-search__snippet').textContent
    })),
    correction: (() => {
      const c = document.querySelector('[data-search-correction]')
      return c.hidden ? '' : c.textContent
    })(),
    instead: (() => {
      const a = document.querySelector('[data-search-correction]:not([hidden]) a')
      return a ? a.getAttribute('href') : ''
    })()
  }
})()`

type searchPage struct {
	Status  string         `json:"status"`
	Results []searchResult `json:"results"`
	// Correction is the "Showing results for …" text, empty while it is
	// hidden; Instead is the address of its "search instead for" link.
	Correction string `json:"correction"`
	Instead    string `json:"instead"`
}

// searchVisits are states of the search page that the whole suite
// (TestBuiltSite) checks besides the page as it loads, for axe-core, the
// Content-Security-Policy, console errors and reflow: with results, with
// a misspelling corrected, with nothing in the edition in force but
// an offer to search every edition, and with nothing found at all.
var searchVisits = []harness.Visit{
	{Path: "search/?q=supervision", File: "search/index.html", Ready: "[data-search-results] li"},
	{Path: "search/?q=supervison", File: "search/index.html", Ready: "[data-search-correction] a"},
	{Path: "search/?q=superseded", File: "search/index.html", Ready: "[data-search-widen] a"},
	{Path: "search/?q=xylophone", File: "search/index.html", Ready: "[data-search-none]:not([hidden]) a"},
}

// TestSearchInBrowser builds the example site for
// https://example.org/quality/, serves it under /quality/ and searches it
// in Chromium the way a reader does: from the header's search box on the
// home page, by typing on the search page, and with the edition and
// section filters. A standard's ID and a word from a guidance page must
// bring that standard and that page first, every address must stay under
// /quality/, and the words found must be marked. Without JavaScript the
// page must explain itself and link to the A to Z.
func TestSearchInBrowser(t *testing.T) {
	tools := requireTools(t)
	dir := buildUnderSubpath(t)
	srv, err := harness.NewServer(os.DirFS(dir), "/quality/")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	browser, closeBrowser, err := harness.Launch(t.Context(), tools.Chromium, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer closeBrowser()
	ctx, cancel := context.WithTimeout(browser, 90*time.Second)
	defer cancel()

	// waitFor polls until the status line says something about the query.
	waitFor := func(query string) searchPage {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			page, err := chromedp.Run(ctx, chromedp.Evaluate[searchPage](readResults))
			if err != nil {
				t.Fatalf("reading the results for %q: %v", query, err)
			}
			if strings.Contains(page.Status, `"`+query+`"`) || time.Now().After(deadline) {
				return page
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	first := func(page searchPage, query, href string) {
		t.Helper()
		if len(page.Results) == 0 {
			t.Errorf("%q: no results (status %q)", query, page.Status)
			return
		}
		got := page.Results[0]
		t.Logf("%q: %s first: %s %q [%s] marks %q", query, page.Status, got.Href, got.Title, got.Meta, got.Marks)
		if got.Href != href {
			t.Errorf("%q: the first result is %s (%q), want %s", query, got.Href, got.Title, href)
		}
		for _, r := range page.Results {
			if !strings.HasPrefix(r.Href, "/quality/") {
				t.Errorf("%q: result %s is outside /quality/", query, r.Href)
			}
		}
	}

	// From the header's search box on the home page, a standard's ID.
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL("/quality/")),
		chromedp.WaitVisible(chromedp.ID("search-field")),
		chromedp.SendKeys(chromedp.ID("search-field"), "1.3"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("[data-search-results] li")),
	)
	if err != nil {
		t.Fatalf("searching from the header: %v", err)
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(location, "/quality/search/?q=1.3") {
		t.Errorf("the header's search box led to %s", location)
	}
	page := waitFor("1.3")
	first(page, "1.3", "/quality/framework/2021/standards/1-3/")
	if len(page.Results) > 0 && (!strings.Contains(page.Results[0].Title, "1.3") || !strings.Contains(page.Results[0].Meta, "Quality Framework 2021")) {
		t.Errorf("the first result does not show its ID and edition: %+v", page.Results[0])
	}

	// Typing on the search page: "standard 1.3", then a word from a
	// guidance page, in capitals with an accent, and its plural.
	type typed struct{ query, first string }
	for _, q := range []typed{
		{"standard 1.3", "/quality/framework/2021/standards/1-3/"},
		{"LIBRÁRY", "/quality/guidance/facilities-and-library-access/"},
		{"libraries", "/quality/guidance/facilities-and-library-access/"},
	} {
		err := chromedp.Do(ctx,
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('search-query').value = ''`))
				return err
			}),
			chromedp.SendKeys(chromedp.ID("search-query"), q.query),
		)
		if err != nil {
			t.Fatalf("typing %q: %v", q.query, err)
		}
		page := waitFor(q.query)
		first(page, q.query, q.first)
		if q.query != "standard 1.3" && len(page.Results) > 0 && len(page.Results[0].Marks) == 0 {
			t.Errorf("%q: nothing is marked in the first result", q.query)
		}
	}

	// The filters: standard 1.3 of a superseded edition; guidance only.
	for _, f := range []struct {
		url, query, first, meta string
	}{
		{"/quality/search/?q=1.3&edition=2019", "1.3", "/quality/framework/2019/standards/1-3/", "2019"},
		{"/quality/search/?q=supervision&section=guidance", "supervision", "/quality/guidance/clinical-supervision/", "Guidance"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL(f.url))); err != nil {
			t.Fatal(err)
		}
		page := waitFor(f.query)
		first(page, f.url, f.first)
		for _, r := range page.Results {
			if f.meta == "Guidance" && !strings.HasPrefix(r.Meta, "Guidance") {
				t.Errorf("%s: result %s is in %q", f.url, r.Href, r.Meta)
			}
		}
		if len(page.Results) > 0 && !strings.Contains(page.Results[0].Meta, f.meta) {
			t.Errorf("%s: the first result's caption %q lacks %q", f.url, page.Results[0].Meta, f.meta)
		}
	}

	// A superseded edition named in the query is searched, and the status
	// line says which edition it searched.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL("/quality/search/?q="+url.QueryEscape("2019 edition")))); err != nil {
		t.Fatal(err)
	}
	page = waitFor("2019 edition")
	first(page, "2019 edition", "/quality/framework/2019/")
	if !strings.Contains(page.Status, "Quality Framework 2019") {
		t.Errorf("2019 edition: the status reads %q", page.Status)
	}

	// A result found by what its description says marks the words there.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL("/quality/search/?q=physiotherapist"))); err != nil {
		t.Fatal(err)
	}
	page = waitFor("physiotherapist")
	if len(page.Results) == 0 || !slices.ContainsFunc(page.Results[0].Marks, func(m string) bool { return strings.EqualFold(m, "physiotherapy") }) {
		t.Errorf("physiotherapist: %q, %+v, want physiotherapy marked in the first result", page.Status, page.Results)
	}

	// Hostile input is words like any other: markup typed in the box is
	// shown as text, and a word that names a property of every JavaScript
	// object breaks nothing.
	hostile := `<img src=x onerror="window.pwned=1">constructor "'.*(`
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL("/quality/search/?q="+url.QueryEscape(hostile)))); err != nil {
		t.Fatal(err)
	}
	page = waitFor(hostile)
	injected, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.pwned === 1 || document.querySelector('main img[src="x"]') !== null`))
	if err != nil {
		t.Fatal(err)
	}
	if injected || !strings.Contains(page.Status, hostile) || strings.Contains(page.Status, "not available") {
		t.Errorf("hostile input: the status reads %q; markup run: %t", page.Status, injected)
	}

	// The searches of issue #15, as readers typed them: each finds the page
	// first or second.
	for _, q := range []struct {
		query string
		top   []string
	}{
		{"supervision", []string{"/quality/guidance/clinical-supervision/", "/quality/framework/2021/standards/3-1/"}},
		{"supervising", []string{"/quality/guidance/clinical-supervision/", "/quality/framework/2021/standards/3-1/"}},
		{"supervise", []string{"/quality/guidance/clinical-supervision/", "/quality/framework/2021/standards/3-1/"}},
		{"well-being", []string{"/quality/guidance/learner-wellbeing/", "/quality/framework/2021/standards/3-6/", "/quality/framework/2021/standards/4-5/"}},
		{"wellbeing", []string{"/quality/guidance/learner-wellbeing/", "/quality/framework/2021/standards/3-6/", "/quality/framework/2021/standards/4-5/"}},
		{"ICS", []string{"/quality/strategy/working-with-partners/", "/quality/framework/2021/standards/6-3/"}},
		{"wellbeeing", []string{"/quality/guidance/learner-wellbeing/", "/quality/framework/2021/standards/3-6/", "/quality/framework/2021/standards/4-5/"}},
		{"supervison", []string{"/quality/guidance/clinical-supervision/", "/quality/framework/2021/standards/3-1/"}},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL("/quality/search/?q="+q.query))); err != nil {
			t.Fatal(err)
		}
		// A misspelling's results are announced for the corrected word.
		shown := strings.NewReplacer("wellbeeing", "wellbeing", "supervison", "supervision").Replace(q.query)
		page := waitFor(shown)
		var hrefs []string
		for _, r := range page.Results[:min(2, len(page.Results))] {
			hrefs = append(hrefs, r.Href)
		}
		t.Logf("%q: %s first two: %v", q.query, page.Status, hrefs)
		if !slices.ContainsFunc(hrefs, func(h string) bool { return slices.Contains(q.top, h) }) {
			t.Errorf("%q: the first two results are %v, want one of %v", q.query, hrefs, q.top)
		}
		if corrected := shown != q.query; corrected != strings.Contains(page.Correction, "Showing results for "+shown) {
			t.Errorf("%q: the correction reads %q", q.query, page.Correction)
		}
	}

	// "Search instead for" searches the words as typed, and says so in
	// the address, so the page can be shared as it is.
	page = waitFor("supervision")
	if !strings.Contains(page.Correction, "Search instead for supervison") || !strings.Contains(page.Instead, "typed=1") {
		t.Fatalf("the correction offers %q at %q", page.Correction, page.Instead)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-search-correction] a"))); err != nil {
		t.Fatal(err)
	}
	page = waitFor("supervison")
	location, err = chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Results) != 0 || page.Correction != "" || !strings.HasPrefix(page.Status, "No results") || !strings.Contains(location, "typed=1") {
		t.Errorf("searching as typed: %q, correction %q, %d results, at %s", page.Status, page.Correction, len(page.Results), location)
	}
	// Finding nothing, the page says what to try and links on, under
	// /quality/: the A to Z of standards, the guidance, the contact page.
	onward, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
	  const none = document.querySelector('[data-search-none]')
	  return none.hidden ? [] : Array.from(none.querySelectorAll('a')).map((a) => a.getAttribute('href'))
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/quality/framework/a-z/", "/quality/guidance/", "/quality/contact/"}; !slices.Equal(onward, want) {
		t.Errorf("finding nothing, the page links on to %q, want %q", onward, want)
	}

	// Nothing in the edition in force matches, but pages of earlier
	// editions do: the page says so and offers to search every edition.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL("/quality/search/?q=superseded"))); err != nil {
		t.Fatal(err)
	}
	page = waitFor("superseded")
	if len(page.Results) != 0 {
		t.Errorf("superseded, in the edition in force: %d results (%q)", len(page.Results), page.Status)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("[data-search-widen] a"))); err != nil {
		t.Fatalf("no offer to search every edition: %v", err)
	}
	offer, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("[data-search-widen]")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(offer, "2 pages of other editions match") {
		t.Errorf("the offer reads %q", offer)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-search-widen] a"))); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for page = waitFor("superseded"); !strings.Contains(page.Status, "every edition") && time.Now().Before(deadline); page = waitFor("superseded") {
		time.Sleep(100 * time.Millisecond)
	}
	var hrefs []string
	for _, r := range page.Results {
		hrefs = append(hrefs, r.Href)
	}
	location, err = chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(hrefs, "/quality/framework/2019/") || !slices.Contains(hrefs, "/quality/framework/2016/") || !strings.Contains(location, "edition=all") {
		t.Errorf("every edition: %q, results %v, at %s", page.Status, hrefs, location)
	}

	// The script hid the no-JavaScript message and showed the filters;
	// with results, what to try when nothing is found is hidden again.
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](
		`[document.querySelector('[data-search-nojs]').hidden, !document.querySelector('[data-search-js]').hidden, document.querySelector('[data-search-none]').hidden]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != 3 || !shown[0] || !shown[1] || !shown[2] {
		t.Errorf("with the script: [no-JS message hidden, filters shown, no-results advice hidden] = %v", shown)
	}

	// Without JavaScript: the message and the A to Z link are shown.
	noJS, cancelNoJS := chromedp.NewContext(browser)
	defer cancelNoJS()
	err = chromedp.Do(noJS,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(srv.URL("/quality/search/?q=1.3")),
	)
	if err != nil {
		t.Fatalf("the search page without JavaScript: %v", err)
	}
	text, err := chromedp.Run(noJS, chromedp.Text(chromedp.CSS("[data-search-nojs]")))
	if err != nil {
		t.Fatal(err)
	}
	atoz, err := chromedp.Run(noJS, chromedp.AttributeValue(chromedp.CSS("[data-search-nojs] a"), "href"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "needs JavaScript") || atoz.Value != "/quality/framework/a-z/" {
		t.Errorf("without JavaScript the page says %q and links to %q", text, atoz.Value)
	}
}
