package anonymise

import (
	"errors"
	"testing"
)

// FuzzPublish builds a table from arbitrary bytes and checks the rule's
// invariants on whatever Publish makes of it:
//
//	go test -run XXX -fuzz FuzzPublish
func FuzzPublish(f *testing.F) {
	f.Add([]byte{2, 2, 7, 0, 3, 20, 12, 33})
	f.Add([]byte{3, 0, 2, 1, 1, 1, 1, 1, 1, 1, 1})
	f.Add([]byte{1, 1, 7, 2, 0, 9, 0, 4, 200, 3, 5, 6, 7, 8, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 {
			return
		}
		rows, cols := 1+int(data[0]%6), 1+int(data[1]%6)
		c := randomShape(rows, cols)
		c.Margins = Margins(data[2] % 8)
		p := DefaultPolicy()
		switch data[3] % 4 {
		case 1:
			p.RoundTo = 1
		case 2:
			p.NationalExempt = true
			c.MarkNationalRow(Total)
		case 3:
			p.SuppressTo, p.RoundTo = 9, 10
		}
		for k, b := range data[4:] {
			if k >= rows*cols {
				break
			}
			// Mostly small values, sometimes large ones.
			v := int(b % 24)
			if b >= 240 {
				v = int(b) * 7
			}
			c.Add(k/cols, k%cols, v)
		}
		tab, rep, err := p.Publish(c)
		var ae *AuditError
		if errors.As(err, &ae) {
			if len(ae.Cells) == 0 {
				t.Fatal("an AuditError without cells")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkPublished(t, p, c, tab)
		if rep.Primary+rep.Secondary != tab.Suppressed() {
			t.Fatalf("report %v but %d suppressed", rep, tab.Suppressed())
		}
	})
}

func randomShape(rows, cols int) *Counts {
	rl, cl := make([]string, rows), make([]string, cols)
	for i := range rl {
		rl[i] = string(rune('A' + i))
	}
	for j := range cl {
		cl[j] = string(rune('a' + j))
	}
	return NewCounts("fuzz", rl, cl)
}
