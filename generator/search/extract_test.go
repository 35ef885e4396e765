package search

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html/atom"
)

func TestExtract(t *testing.T) {
	tests := []struct {
		html, headings, body string
	}{
		{`<p>One</p><p>two</p>`, "", "One two"},
		{`<p><em>learn</em>ing and <a href="/x/">a link</a>, <code>code</code></p>`, "", "learning and a link, code"},
		{`<h2 id="a">Title <em>here</em></h2><p>Text</p><h3>Sub</h3>more`, "Title here Sub", "Text more"},
		{`<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>`, "", "one two a b"},
		{`<p>a<br>b</p><script>var hidden = 1</script><style>p{}</style><p>c &amp; d &lt;e&gt;</p>`, "", "a b c & d <e>"},
		{`<p>unclosed <b>bold`, "", "unclosed bold"},
		{``, "", ""},
	}
	for _, tt := range tests {
		got := Extract(tt.html)
		if got.Headings != tt.headings || got.Body != tt.body {
			t.Errorf("Extract(%q) = %+v, want headings %q, body %q", tt.html, got, tt.headings, tt.body)
		}
	}
}

// FuzzSquash holds squash to what strings.Fields and Join do.
func FuzzSquash(f *testing.F) {
	for _, s := range []string{"", "  a  b\n\tc ", "\u00a0x\u2003y\u00a0", "\xffa b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := squash([]byte(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("squash(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzCountTerms holds countTerms, which looks each distinct word up once,
// to counting every word's term as Terms finds it.
func FuzzCountTerms(f *testing.F) {
	for _, s := range []string{"", "Supervise the supervisors' rotas; supervising rotas.", "in-to well-being, Well-Being 1.3 2.10",
		"Café naïve \u2019s learner\u2019s covid-19 the THE"} {
		f.Add(s, "Title of it")
	}
	f.Fuzz(func(t *testing.T, body, title string) {
		fields := [nFields]string{fieldTitle: title, fieldHeadings: title + " " + body, fieldBody: body}
		got := countTerms(fields)
		tf := map[string]float64{}
		words := map[string]bool{}
		length := 0.0
		for f, text := range fields {
			eachTerm(text, func(word, term string) {
				tf[term] += fieldWeights[f]
				length += fieldWeights[f]
				words[word] = true
			})
		}
		if got.length != length || len(got.terms) != len(tf) || len(got.words) != len(words) {
			t.Fatalf("%q: length %v, %d terms, %d words; want %v, %d, %d", body, got.length, len(got.terms), len(got.words), length, len(tf), len(words))
		}
		for i, term := range got.terms {
			if float64(got.tfs[i]) != tf[term] || i > 0 && got.terms[i-1] >= term {
				t.Fatalf("%q: term %q counts %v, want %v, in order", body, term, got.tfs[i], tf[term])
			}
		}
		for i, w := range got.words {
			if !words[w] || i > 0 && got.words[i-1] >= w {
				t.Fatalf("%q: word %q not wanted, or out of order", body, w)
			}
		}
	})
}

// FuzzLookupAtom holds lookupAtom, which lowers ASCII names on the stack,
// to looking up what bytes.ToLower makes of the name.
func FuzzLookupAtom(f *testing.F) {
	for _, s := range []string{"", "p", "H2", "SCRIPT", "Template", "\u212Abd", "L\u0130", "annotation-xml", strings.Repeat("a", 40)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, name []byte) {
		if got, want := lookupAtom(name), atom.Lookup(bytes.ToLower(name)); got != want {
			t.Fatalf("lookupAtom(%q) = %v, want %v", name, got, want)
		}
	})
}

// TestNumberCounts: a document's terms, frequencies and words, numbered
// and packed, read back as they were counted, whatever the size of the
// numbers.
func TestNumberCounts(t *testing.T) {
	tests := []struct {
		name   string
		before int // terms the dictionary numbered first
		fields [nFields]string
	}{
		{"empty", 0, [nFields]string{}},
		{"one field", 0, [nFields]string{fieldBody: "learners supervise learners in placements"}},
		{"every field", 0, [nFields]string{"Supervision", "1.3", "Placements and learners", "How supervision works", "Supervisors supervise well-being 1.3 twice twice"}},
		{"large numbers", 100000, [nFields]string{fieldTitle: "Quality review", fieldBody: "quality review of quality and safety, 2024"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &dictionary{ids: map[string]int32{}}
			for i := range tt.before {
				d.id("filler" + strconv.Itoa(i))
			}
			c := countTerms(tt.fields)
			c.numbered = d.numberCounts(c)
			got := map[string]float32{}
			c.eachTerm(func(id int32, tf float32) { got[d.names[id]] = tf })
			want := map[string]float32{}
			for i, term := range c.terms {
				want[term] = c.tfs[i]
			}
			if !maps.Equal(got, want) {
				t.Errorf("terms %v, want %v", got, want)
			}
			var words []string
			c.eachWord(func(id int32) { words = append(words, d.names[id]) })
			slices.Sort(words)
			if !slices.Equal(words, c.words) {
				t.Errorf("words %q, want %q", words, c.words)
			}
		})
	}
}
