package scan

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/markup"
	"github.com/plinth-ssg/plinth/generator/site"
)

var benchSyllables = []string{"ash", "brook", "cal", "dun", "elm", "fen", "glen", "hol", "ing", "kest",
	"lark", "mere", "nor", "oak", "pen", "quill", "rook", "sand", "thorn", "well", "wick", "worth", "by", "ton"}

func benchWord(r *rand.Rand) string {
	w := benchSyllables[r.IntN(len(benchSyllables))] + benchSyllables[r.IntN(len(benchSyllables))]
	return strings.ToUpper(w[:1]) + w[1:]
}

// benchTerms makes n identifying values shaped like provider names, site
// names and codes.
func benchTerms(r *rand.Rand, n int) []Term {
	suffix := []string{"General Hospital", "NHS Foundation Trust", "Medical Practice", "Community Health Services", "University"}
	terms := make([]Term, n)
	for i := range terms {
		var text string
		switch i % 3 {
		case 0:
			text = fmt.Sprintf("%s %s", benchWord(r), suffix[r.IntN(len(suffix))])
		case 1:
			text = fmt.Sprintf("%s %s", benchWord(r), benchWord(r))
		default:
			text = fmt.Sprintf("ZZ%c%04d", 'A'+r.IntN(26), i)
		}
		terms[i] = Term{Text: text, Origin: diag.Pos{File: "data/providers.csv", Line: i + 2, Col: 1}}
	}
	return terms
}

// benchPage makes a page of about 20 KB of HTML: paragraphs of ordinary
// words, a table of figures, links with attributes and a JSON island.
func benchPage(r *rand.Rand, i int) site.File {
	common := []string{"the", "learners", "placement", "supervision", "rota", "region", "quarter", "actions",
		"complete", "standard", "induction", "feedback", "and", "of", "in", "we", "said", "did", "time", "protected"}
	var b strings.Builder
	b.WriteString("<!doctype html><html lang=\"en\"><head><title>Regional progress</title></head><body><main>\n")
	for b.Len() < 20000 {
		b.WriteString("<p>")
		for w := 0; w < 60; w++ {
			b.WriteString(common[r.IntN(len(common))])
			b.WriteByte(' ')
			if w%17 == 0 {
				fmt.Fprintf(&b, "<strong>%d%%</strong> ", r.IntN(100))
			}
		}
		b.WriteString("</p>\n<table><tr><th scope=\"row\">North West</th>")
		for c := 0; c < 8; c++ {
			fmt.Fprintf(&b, "<td>%d</td>", 5*r.IntN(40))
		}
		fmt.Fprintf(&b, "</tr></table>\n<a href=\"/action-plans/q%d/\" title=\"Quarter %d\">more</a>\n", r.IntN(8), r.IntN(8))
	}
	fmt.Fprintf(&b, "<script type=\"application/json\">{\"series\":[%d,%d,%d],\"label\":\"Complete \\u0026 on track\"}</script>\n", r.IntN(99), r.IntN(99), r.IntN(99))
	b.WriteString("</main></body></html>\n")
	return site.File{Path: fmt.Sprintf("p/%d/index.html", i), Source: fmt.Sprintf("content/p/%d.md", i), Data: []byte(b.String())}
}

// BenchmarkScan1000Pages scans 1,000 pages of about 20 KB against 3,000
// identifying terms and reports the time per 1,000 pages. The target is
// well under a second.
func BenchmarkScan1000Pages(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	s, _ := New(benchTerms(r, 3000), Options{})
	pages := make([]site.File, 1000)
	size := 0
	for i := range pages {
		pages[i] = benchPage(r, i)
		size += len(pages[i].Data)
	}
	b.SetBytes(int64(size))
	// The machine may be shared: CPU time used by this process is a
	// steadier measure than wall-clock time.
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		if l := s.Scan(pages, nil); len(l) != 0 {
			b.Fatalf("unexpected hits: %v", l[0])
		}
		n++
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(n), "cpu-ms/1000pages")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkNew measures compiling 3,000 terms.
func BenchmarkNew(b *testing.B) {
	terms := benchTerms(rand.New(rand.NewPCG(1, 2)), 3000)
	for b.Loop() {
		New(terms, Options{})
	}
}

// BenchmarkReader reads one page the way the build does: its tokens from
// one pass of markup.Each into a Reader, then Hits. "none" is a site
// without identifying data (the patterns alone); "terms" has 3,000.
func BenchmarkReader(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	page := benchPage(r, 0)
	for _, n := range []int{0, 3000} {
		name := "none"
		if n > 0 {
			name = "terms"
		}
		s, _ := New(benchTerms(r, n), Options{})
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(page.Data)))
			b.ReportAllocs()
			for b.Loop() {
				sr := s.Reader(page)
				markup.Each(page.Data, markup.HTML, sr.Token)
				if h := sr.Hits(); len(h) != 0 {
					b.Fatalf("unexpected hits: %v", h)
				}
			}
		})
	}
}

// BenchmarkDocument scans a search document as the build does (Scanner.File
// on JSON): short strings of page text with escapes.
func BenchmarkDocument(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	var d strings.Builder
	fmt.Fprintf(&d, `{"url":"area-1/topic-2/page-%d/","title":"Page %d: rota \u0026 feedback","description":"Synthetic page.","text":"`, 7, 7)
	for d.Len() < 4000 {
		d.WriteString(benchWord(r))
		d.WriteString(" learners\u2019 placement, supervision. ")
	}
	d.WriteString(`"}`)
	f := site.File{Path: "search/d/0.json#0", Source: "content/a.md", Data: []byte(d.String())}
	s, _ := New(benchTerms(r, 3000), Options{})
	b.SetBytes(int64(len(f.Data)))
	b.ReportAllocs()
	for b.Loop() {
		if h := s.File(f); len(h) != 0 {
			b.Fatalf("unexpected hits: %v", h)
		}
	}
}
