package framework

import (
	"strings"
	"testing"
)

func TestAtoZ(t *testing.T) {
	in := &Edition{Key: "2021", Title: "Quality Framework 2021"}
	for i, title := range []string{"Zebra crossings", "équité", "Apprentices", "Assessment", "24-hour cover", "Éducation"} {
		in.Standards = append(in.Standards, &Standard{ID: StandardID{Domain: 1, Number: i + 1}, Title: title})
	}
	p := atoz(in)
	if p.URL != "/framework/a-z/" || p.Path != AtoZPath || p.Layout != "a-z" || p.Description == "" {
		t.Errorf("page = %+v", p)
	}
	var got []string
	for _, l := range p.Extra.(*AtoZ).Letters {
		var titles []string
		for _, s := range l.Standards {
			titles = append(titles, s.Title)
		}
		got = append(got, l.Letter+"("+l.ID+"):"+strings.Join(titles, ","))
	}
	want := []string{
		"#(letter-other):24-hour cover",
		"A(letter-a):Apprentices,Assessment",
		"E(letter-e):Éducation,équité",
		"Z(letter-z):Zebra crossings",
	}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("letters\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
