package feedback

import (
	"bytes"
	"encoding/xml"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/tools/txtar"
)

// TestFeeds parses every feed of the ok fixture with a real feed parser
// and checks what Atom (RFC 4287) requires of it: a feed ID, title and
// updated time; for each entry an absolute ID, a title, an updated time and
// a link; no ID twice.
func TestFeeds(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "ok.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	res, _ := runFixture(t, ar)
	if len(res.Files) != 3 {
		t.Fatalf("got %d feeds, want 3 (every entry, national, london)", len(res.Files))
	}
	for _, f := range res.Files {
		t.Run(f.Path, func(t *testing.T) {
			parsed, err := gofeed.NewParser().Parse(bytes.NewReader(f.Data))
			if err != nil {
				t.Fatalf("gofeed cannot parse it: %v", err)
			}
			if parsed.FeedType != "atom" || parsed.FeedVersion != "1.0" {
				t.Errorf("feed type %s %s, want atom 1.0", parsed.FeedType, parsed.FeedVersion)
			}
			if parsed.Title == "" || parsed.UpdatedParsed == nil || parsed.FeedLink != "https://example.org/quality/"+f.Path {
				t.Errorf("feed title %q, updated %v, self link %q", parsed.Title, parsed.UpdatedParsed, parsed.FeedLink)
			}
			if f.Source != "data/you-said-we-did.csv" {
				t.Errorf("Source = %q, want the data file, so the identifier scan points there", f.Source)
			}
			seen := map[string]bool{}
			for _, it := range parsed.Items {
				if !strings.HasPrefix(it.GUID, "https://example.org/quality/you-said-we-did/yswd-") || seen[it.GUID] {
					t.Errorf("entry ID %q is not an entry's permanent address, or is repeated", it.GUID)
				}
				seen[it.GUID] = true
				if it.Title == "" || it.UpdatedParsed == nil || it.PublishedParsed == nil || it.Link != it.GUID || it.Description == "" {
					t.Errorf("entry %s: title %q, updated %v, published %v, link %q, summary %q", it.GUID, it.Title, it.UpdatedParsed, it.PublishedParsed, it.Link, it.Description)
				}
			}
			// Atom requires the feed's own ID: gofeed does not expose it.
			var head struct {
				ID string `xml:"id"`
			}
			if err := xml.Unmarshal(f.Data, &head); err != nil || head.ID != "https://example.org/quality/"+f.Path {
				t.Errorf("feed ID %q (%v)", head.ID, err)
			}
		})
	}
}

// TestFeedIDsStable builds the fixture twice and checks that the feeds'
// entry IDs are identical, and that changing an entry's text and status
// keeps its ID: feed readers then update the entry rather than show it
// twice.
func TestFeedIDsStable(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "ok.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(ar *txtar.Archive) []string {
		res, _ := runFixture(t, ar)
		var out []string
		for _, f := range res.Files {
			parsed, err := gofeed.NewParser().Parse(bytes.NewReader(f.Data))
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range parsed.Items {
				out = append(out, f.Path+" "+it.GUID)
			}
		}
		slices.Sort(out)
		return out
	}
	first, second := ids(ar), ids(ar)
	if len(first) == 0 || !slices.Equal(first, second) {
		t.Fatalf("IDs differ between two builds:\n%v\n%v", first, second)
	}
	edited := &txtar.Archive{}
	for _, f := range ar.Files {
		if f.Name == "data/you-said-we-did.csv" {
			f.Data = bytes.Replace(f.Data, []byte("are training ward managers.,in-progress"), []byte("trained every ward manager.,done"), 1)
		}
		edited.Files = append(edited.Files, f)
	}
	if got := ids(edited); !slices.Equal(first, got) {
		t.Errorf("editing an entry changed the IDs:\n%v\n%v", first, got)
	}
}

// TestFeedEscapesText checks that text an editor writes is data in the
// feed, never markup: a feed reader shows it as written.
func TestFeedEscapesText(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "ok.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range ar.Files {
		if f.Name == "data/you-said-we-did.csv" {
			ar.Files[i].Data = bytes.Replace(f.Data, []byte("We are training ward managers."), []byte(`"We <b>trained</b> managers & <script>alert(1)</script>."`), 1)
		}
	}
	res, _ := runFixture(t, ar)
	feed := res.Files[0].Data
	if bytes.Contains(feed, []byte("<script>")) || bytes.Contains(feed, []byte("<b>")) {
		t.Errorf("the feed holds markup from the data file:\n%s", feed)
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(feed))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(parsed.Items[0].Description, "We <b>trained</b> managers & <script>alert(1)</script>.") {
		t.Errorf("the summary does not read as written: %q", parsed.Items[0].Description)
	}
}

// TestScanCoversFeeds turns the cell check off and plants a provider's
// name: the identifier scan of the built files, which the build runs over
// every output file, finds it in the feeds and points at the data file
// the feeds are made from.
func TestScanCoversFeeds(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "ok.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range ar.Files {
		if f.Name == "data/you-said-we-did.csv" {
			ar.Files[i].Data = bytes.Replace(f.Data, []byte("We are training ward managers."), []byte("We are training managers at Eastmere Community Health."), 1)
		}
	}
	fsys := fixtureFS(t, ar)
	res, diags, scanner := buildWithoutCellCheck(t, fsys)
	if diags.HasErrors() {
		t.Fatalf("with the cell check off the stage should not fail: %v", diags)
	}
	found := scanner.Scan(res.Files, nil)
	var where []string
	for _, d := range found {
		where = append(where, d.Pos.String()+" "+d.Msg)
	}
	if len(found) != 2 || !strings.Contains(where[0], "you-said-we-did/feed.xml") || !strings.Contains(where[1], "you-said-we-did/london/feed.xml") ||
		!strings.HasPrefix(where[0], "data/you-said-we-did.csv ") {
		t.Errorf("scan of the feeds found:\n%s\nwant the name in the feed of every entry and London's, at the data file", strings.Join(where, "\n"))
	}
}
