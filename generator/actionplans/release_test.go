package actionplans

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
)

// handBatches is the data of TestTablesByHand: no small counts but the
// providers'.
var handBatches = []batch{
	{10, "P1", "north", "nursing", "2021:1.1", "complete", "2025-Q1"},
	{12, "P1", "north", "medicine", "2021:2.1", "on-track", "2025-Q2"},
	{20, "P2", "north", "nursing", "2021:2.1", "complete", "2025-Q2"},
	{9, "P2", "north", "medicine", "2021:1.1", "overdue", "2025-Q1"},
	{30, "P3", "south", "nursing", "2021:1.1", "complete", "2025-Q1"},
	{15, "P3", "south", "medicine", "1.1", "at-risk", "2025-Q2"},
	{25, "P4", "south", "medicine", "2021:2.1", "complete", "2025-Q2"},
	{8, "P4", "south", "nursing", "2021:2.1", "not-started", "2025-Q1"},
}

const handProviders = "provider_code,region\nP1,north\nP2,north\nP3,south\nP4,south\nP5,south\n"

// resign puts the right checksum on an edited release, as someone
// determined to edit it would: then the figures' own checks must catch
// the edit.
func resign(text string) string {
	re := regexp.MustCompile(`(?m)^checksum = ".*"\n`)
	without := re.ReplaceAllString(text, "")
	return re.ReplaceAllString(text, checksumKey+tomlString(checksum([]byte(without)))+"\n")
}

// release runs the stage on fsys and returns the text of its release.
func release(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	res, diags := runWith(t, fsys)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	text, err := Format(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

// runWith runs the stage on fsys with the releases under data/releases.
func runWith(t *testing.T, fsys fstest.MapFS) (Result, []string) {
	t.Helper()
	p := testPolicy()
	data, l := dataset.Load(fsys, dataset.Options{})
	if l.HasErrors() {
		t.Fatalf("loading: %v", l)
	}
	rels, d := LoadReleases(fsys, p)
	res, d2 := Run(p, data, Options{Releases: rels})
	d.Append(d2)
	return res, messages(d)
}

func messages(d diag.List) []string {
	d.Sort()
	var out []string
	for _, x := range d {
		out = append(out, x.Error())
	}
	return out
}

func TestReleaseRoundTrip(t *testing.T) {
	fsys := testFS(handBatches, handProviders)
	text := release(t, fsys)
	if !strings.Contains(text, "date = \"2025-06-30\"\n") || !strings.Contains(text, `["Overdue", "10", "0", "10"]`) {
		t.Fatalf("release text:\n%s", text)
	}
	fsys["data/releases/2025-06-30.toml"] = &fstest.MapFile{Data: []byte(text)}
	res, diags := runWith(t, fsys)
	if len(diags) > 0 || !res.Released {
		t.Fatalf("released = %v, diagnostics %q", res.Released, diags)
	}
	again, err := Format(res)
	if err != nil || string(again) != text {
		t.Errorf("the release of the released figures differs:\n%s", again)
	}
	// The data's own date is the current release, not an archived one.
	for _, p := range res.Pages {
		if _, ok := p.Extra.(*ReleasePage); ok {
			t.Errorf("archive page %s for the current release", p.URL)
		}
	}
}

// TestReleaseSavedByWindows: a release checked out by git for Windows
// (CRLF line endings) or saved by a Windows editor (a byte-order mark, no
// newline at the end) is the same release, and its checksum still holds;
// the same file with a figure changed is still refused.
func TestReleaseSavedByWindows(t *testing.T) {
	fsys := testFS(handBatches, handProviders)
	text := release(t, fsys)
	for _, tt := range []struct {
		name, text string
		ok         bool
	}{
		{"CRLF", strings.ReplaceAll(text, "\n", "\r\n"), true},
		{"byte-order mark and CRLF", "\ufeff" + strings.ReplaceAll(text, "\n", "\r\n"), true},
		{"CR alone", strings.ReplaceAll(text, "\n", "\r"), true},
		{"no newline at the end", strings.TrimSuffix(text, "\n"), true},
		{"CRLF with a figure changed", strings.ReplaceAll(strings.Replace(text, `["Overdue", "10", "0", "10"]`, `["Overdue", "11", "0", "10"]`, 1), "\n", "\r\n"), false},
	} {
		fsys["data/releases/2025-06-30.toml"] = &fstest.MapFile{Data: []byte(tt.text)}
		res, diags := runWith(t, fsys)
		if tt.ok && (len(diags) > 0 || !res.Released) {
			t.Errorf("%s: released = %v, diagnostics %q", tt.name, res.Released, diags)
		}
		if !tt.ok && !strings.Contains(strings.Join(diags, "\n"), "this release has been changed") {
			t.Errorf("%s: diagnostics %q, want the release refused as changed", tt.name, diags)
		}
	}
}

// TestReleaseFileErrors: each way a release file can be wrong is an error
// at its line and column, and the release is not used.
func TestReleaseFileErrors(t *testing.T) {
	good := release(t, testFS(handBatches, handProviders))
	tests := []struct {
		name, file, text, want string
	}{
		{"edited figure", "2025-06-30.toml", strings.Replace(good, `["Overdue", "10", "0", "10"]`, `["Overdue", "15", "0", "10"]`, 1),
			`data/releases/2025-06-30.toml:6:12: this release has been changed since ` + "`plinth release`" + ` wrote it`},
		{"edited and re-signed: a small count", "2025-06-30.toml", resign(strings.Replace(good, `["Overdue", "10", "0", "10"]`, `["Overdue", "3", "0", "10"]`, 1)),
			`data/releases/2025-06-30.toml:23:15: 3 is not a figure the disclosure rule publishes`},
		{"not a figure", "2025-06-30.toml", resign(strings.Replace(good, `["Overdue", "10", "0", "10"]`, `["Overdue", "ten", "0", "10"]`, 1)),
			`data/releases/2025-06-30.toml:23:15: "ten" is not a figure`},
		{"a short row", "2025-06-30.toml", resign(strings.Replace(good, `["Overdue", "10", "0", "10"]`, `["Overdue", "10", "0"]`, 1)),
			`data/releases/2025-06-30.toml:23:3: this row has 3 values, but a table with 2 columns needs 4`},
		{"named after another date", "2025-03-31.toml", good,
			`data/releases/2025-03-31.toml:5:8: the release's date 2025-06-30 does not match its file name 2025-03-31.toml`},
		{"an unknown key", "2025-06-30.toml", resign(strings.Replace(good, "source = ", "sauce = ", 1)),
			`data/releases/2025-06-30.toml:7:1: unknown key "sauce"`},
		{"another file", "notes.txt", "hello", `data/releases/notes.txt: data/releases/notes.txt is not a release`},
		{"a folder named like a release", "2025-09-30.toml/2025-09-30.toml", good, "data/releases/2025-09-30.toml: data/releases/2025-09-30.toml is a folder, but the folder data/releases holds only the release files"},
		{"any other folder", "old/2025-06-30.toml", good, "data/releases/old: data/releases/old is a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS(handBatches, handProviders)
			fsys["data/releases/"+tt.file] = &fstest.MapFile{Data: []byte(tt.text)}
			rels, d := LoadReleases(fsys, testPolicy())
			got := strings.Join(messages(d), "\n")
			if !strings.Contains(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant one containing:\n%s", got, tt.want)
			}
			if len(rels) != 0 {
				t.Errorf("a bad release was read: %v", rels)
			}
		})
	}
}

// TestReleaseRulesVersion: a release records the version of the
// disclosure rules it was made under, inside the checksummed text; a
// release without it was made before rules had versions and is version
// 1; a version this Plinth does not know is an error at its value.
func TestReleaseRulesVersion(t *testing.T) {
	fsys := testFS(handBatches, handProviders)
	good := release(t, fsys)
	line := fmt.Sprintf("disclosureRules = %d\n", anonymise.LatestRules)
	if !strings.Contains(good, "\n"+line) {
		t.Fatalf("a new release does not record version %d of the rules:\n%s", anonymise.LatestRules, good)
	}
	v1 := resign(strings.Replace(good, line, "", 1))
	for _, tt := range []struct {
		name, text string
		want       anonymise.Rules
		diag, hint string
	}{
		{"made now", good, anonymise.LatestRules, "", ""},
		{"no version: made before versions", v1, anonymise.Rules1, "", ""},
		{"version 1 written out", resign(strings.Replace(good, line, "disclosureRules = 1\n", 1)), anonymise.Rules1, "", ""},
		{"a future version", resign(strings.Replace(good, line, "disclosureRules = 9\n", 1)), 0,
			"data/releases/2025-06-30.toml:9:19: this release was made under version 9 of the disclosure rules, but this version of Plinth knows versions 1 and 2 only",
			"update Plinth"},
		{"no such version", resign(strings.Replace(good, line, "disclosureRules = 0\n", 1)), 0,
			"data/releases/2025-06-30.toml:9:19: there is no version 0 of the disclosure rules: the versions are 1 and 2",
			"git checkout -- data/releases/2025-06-30.toml"},
		{"not a number", resign(strings.Replace(good, line, "disclosureRules = \"two\"\n", 1)), 0,
			"data/releases/2025-06-30.toml:9:19: disclosureRules: expected a whole number", ""},
		{"the version changed", strings.Replace(good, line, "disclosureRules = 1\n", 1), 0,
			"this release has been changed since `plinth release` wrote it", "git checkout -- data/releases/2025-06-30.toml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys["data/releases/2025-06-30.toml"] = &fstest.MapFile{Data: []byte(tt.text)}
			rels, d := LoadReleases(fsys, testPolicy())
			got := strings.Join(messages(d), "\n")
			switch {
			case tt.diag == "" && (len(d) > 0 || len(rels) != 1):
				t.Fatalf("diagnostics %q", got)
			case tt.diag == "":
				if rels[0].Rules != tt.want {
					t.Errorf("read as version %d, want %d", rels[0].Rules, tt.want)
				}
				res, diags := runWith(t, fsys)
				if len(diags) > 0 || !res.Released || res.Rules != tt.want {
					t.Errorf("released %v under version %d, diagnostics %q; want version %d", res.Released, res.Rules, diags, tt.want)
				}
			case !strings.Contains(got, tt.diag) || len(rels) != 0:
				t.Errorf("diagnostics:\n%s\nwant one containing:\n%s", got, tt.diag)
			default:
				for _, x := range d {
					if strings.Contains(x.Error(), tt.diag) && !strings.Contains(x.Hint, tt.hint) {
						t.Errorf("%s\n  hint: %s\nwant a hint containing %q", x.Error(), x.Hint, tt.hint)
					}
				}
			}
		})
	}
}

// TestReleaseNeverRewritten: the data of a released date must still give
// the released figures; a figure that differs is an error at the figure in
// the release, and nothing is published.
func TestReleaseNeverRewritten(t *testing.T) {
	fsys := testFS(handBatches, handProviders)
	text := release(t, fsys)
	changed := append([]batch{{6, "P2", "north", "medicine", "2021:1.1", "overdue", "2025-Q1"}}, handBatches...)
	fsys2 := testFS(changed, handProviders)
	fsys2["data/releases/2025-06-30.toml"] = &fstest.MapFile{Data: []byte(text)}
	res, diags := runWith(t, fsys2)
	if !res.Withheld || len(res.Tables) > 0 {
		t.Errorf("figures published although the data contradict their release")
	}
	got := strings.Join(diags, "\n")
	for _, want := range []string{
		`data/releases/2025-06-30.toml:23:15: table "Actions by status and region", row "Overdue", column "North": released as 10, but the data now give 15`,
		`row "Total", column "England": released as 130, but the data now give 135`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics:\n%s\nwant one containing:\n%s", got, want)
		}
	}
}

func TestReleaseAfterTheData(t *testing.T) {
	fsys := testFS(handBatches, handProviders)
	text := strings.Replace(release(t, fsys), `date = "2025-06-30"`, `date = "2025-09-30"`, 1)
	fsys["data/releases/2025-09-30.toml"] = &fstest.MapFile{Data: []byte(resign(text))}
	_, diags := runWith(t, fsys)
	if got := strings.Join(diags, "\n"); !strings.Contains(got, "data/releases/2025-09-30.toml: this release is dated 2025-09-30, after the data, which are as at 2025-06-30") {
		t.Errorf("diagnostics:\n%s", got)
	}
}

// TestArchive: an earlier release gets a page with its tables, and the
// new figures are audited with it.
func TestArchive(t *testing.T) {
	fsys := testFS(handBatches, handProviders)
	text := strings.Replace(release(t, fsys), `date = "2025-06-30"`, `date = "2025-03-31"`, 1)
	fsys["data/releases/2025-03-31.toml"] = &fstest.MapFile{Data: []byte(resign(text))}
	res, diags := runWith(t, fsys)
	if len(diags) > 0 || res.Released {
		t.Fatalf("released = %v, diagnostics %q", res.Released, diags)
	}
	var urls []string
	for _, p := range res.Pages {
		if rp, ok := p.Extra.(*ReleasePage); ok {
			urls = append(urls, p.URL)
			if rp.Date == "2025-03-31" && (len(rp.Tables) != 8 || rp.Tables[0].Name != "2025-03-31-actions-by-status") {
				t.Errorf("release page tables: %v", rp.Tables)
			}
		}
	}
	if strings.Join(urls, " ") != "/action-plans/releases/ /action-plans/releases/2025-03-31/" {
		t.Errorf("archive pages: %v", urls)
	}
}

// TestProvidersNarrowActions replays the providers case of issue 17. In
// the North, 23 providers each have one overdue action and 2 actions have
// not started: 25 actions. A build that audited the providers table on
// its own published "25 providers with an overdue action" beside hidden
// counts of overdue and not-started actions; but 25 providers (23 to 27)
// have at least 23 overdue actions, so at most 27 − 23 = 4 actions have not
// started. The linked audit protects the new figures; a release written
// the old way is refused, with the cells named.
func TestProvidersNarrowActions(t *testing.T) {
	var batches []batch
	providers := "provider_code,region\n"
	for i := 1; i <= 23; i++ {
		code := fmt.Sprintf("N%02d", i)
		providers += code + ",north\n"
		batches = append(batches, batch{1, code, "north", "nursing", "2021:1.1", "overdue", "2025-Q1"})
	}
	batches = append(batches, batch{2, "N01", "north", "nursing", "2021:1.1", "not-started", "2025-Q2"})
	for i := 1; i <= 40; i++ {
		code := fmt.Sprintf("S%02d", i)
		providers += code + ",south\n"
		batches = append(batches, batch{1, code, "south", "nursing", "2021:1.1", "overdue", "2025-Q1"})
	}
	batches = append(batches,
		batch{30, "S01", "south", "nursing", "2021:1.1", "not-started", "2025-Q2"},
		batch{50, "S02", "south", "nursing", "2021:1.1", "on-track", "2025-Q2"},
		batch{25, "S03", "south", "nursing", "2021:1.1", "at-risk", "2025-Q2"},
		batch{200, "S04", "south", "nursing", "2021:1.1", "complete", "2025-Q1"})
	fsys := testFS(batches, providers)

	// The old build: providers audited apart.
	data, l := dataset.Load(fsys, dataset.Options{})
	if l.HasErrors() {
		t.Fatal(l)
	}
	old, d := Run(testPolicy(), data, Options{providersApart: true})
	if d.HasErrors() {
		t.Fatal(d)
	}
	status, prov := byName(old.Tables, ByStatus).Table, byName(old.Tables, ProvidersByPlan).Table
	north := status.Column("North")
	if !status.Cell(status.RowIndex("Not started"), north).Suppressed() || !status.Cell(status.RowIndex("Overdue"), north).Suppressed() ||
		prov.Cell(prov.RowIndex("At least one action overdue"), north).String() != "25" {
		t.Fatalf("the old build no longer publishes the case:\n%s\n%s", show(status), show(prov))
	}
	t.Logf("the old build published:\n%s\n%s", show(status), show(prov))

	// The linked audit, with no release: protected.
	res, diags := runWith(t, fsys)
	if len(diags) > 0 || res.Withheld {
		t.Fatalf("diagnostics: %q", diags)
	}
	t.Logf("the linked audit publishes:\n%s\n%s", show(byName(res.Tables, ByStatus).Table), show(byName(res.Tables, ProvidersByPlan).Table))

	// The old build's figures, released: refused, naming the cells.
	text, err := Format(old)
	if err != nil {
		t.Fatal(err)
	}
	fsys["data/releases/2025-06-30.toml"] = &fstest.MapFile{Data: text}
	res, diags = runWith(t, fsys)
	if !res.Withheld {
		t.Errorf("the released figures were published")
	}
	got := strings.Join(diags, "\n")
	t.Logf("the build says:\n%s", got)
	want := `data/actions.csv: the table "Actions by status and region" is not safe to publish`
	if !strings.Contains(got, want) || !strings.Contains(got, `row "Not started", column "North": this hidden figure can be shown from the other figures to be between 1 and 7`) {
		t.Errorf("diagnostics:\n%s\nwant the table and cell named", got)
	}
}
