package content

import (
	"bytes"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, text   string
		front, body  string
		hasFront     bool
		errSubstring string
	}{
		{"basic", "+++\ntitle = \"x\"\n+++\nbody\n", "title = \"x\"\n", "body\n", true, ""},
		{"crlf and bom", "\xef\xbb\xbf+++\r\ntitle = \"x\"\r\n+++\r\nbody", "title = \"x\"\r\n", "body", true, ""},
		{"trailing spaces", "+++  \na = 1\n+++ \n", "a = 1\n", "", true, ""},
		{"empty front", "+++\n+++\nx", "", "x", true, ""},
		{"no front", "# Title\n", "", "# Title\n", false, ""},
		{"empty file", "", "", "", false, ""},
		{"plus inside", "+++\na = \"+++x\"\n+++\n", "a = \"+++x\"\n", "", true, ""},
		{"unclosed", "+++\ntitle = 1\n", "", "", false, "not closed"},
		{"yaml", "---\ntitle: x\n---\n", "", "", false, "not YAML"},
		{"no newline after close", "+++\na=1\n+++", "a=1\n", "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []byte(tt.text)
			p, err := Split(text)
			if tt.errSubstring != "" {
				if err == nil || !strings.Contains(err.Msg, tt.errSubstring) || err.Hint == "" {
					t.Fatalf("err = %v, want %q with a hint", err, tt.errSubstring)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if got := string(text[p.FrontStart:p.FrontEnd]); got != tt.front {
				t.Errorf("front = %q, want %q", got, tt.front)
			}
			if got := string(text[p.BodyStart:]); got != tt.body {
				t.Errorf("body = %q, want %q", got, tt.body)
			}
			if p.HasFront != tt.hasFront {
				t.Errorf("HasFront = %v", p.HasFront)
			}
		})
	}
}

// FuzzSplit checks that Split never panics, that its offsets are ordered and
// inside the text, and that the front matter it finds is really delimited by
// "+++" lines.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"+++\na=1\n+++\nbody", "+++\r\n+++\r\n", "---\n", "\xef\xbb\xbf+++\n", "x", "+++", "+++\n+++"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		p, err := Split(text)
		if err != nil {
			if err.Offset < 0 || err.Offset > len(text) || err.Msg == "" {
				t.Fatalf("bad error %+v for %q", err, text)
			}
			return
		}
		if !(0 <= p.FrontStart && p.FrontStart <= p.FrontEnd && p.FrontEnd <= p.BodyStart && p.BodyStart <= len(text)) {
			t.Fatalf("offsets out of order: %+v for %q", p, text)
		}
		if off, q, open := OpenString(text[p.FrontStart:p.FrontEnd]); open && (off < 0 || off+len(q) > p.FrontEnd-p.FrontStart) {
			t.Fatalf("open string at %d outside the front matter %+v of %q", off, p, text)
		}
		if p.HasFront {
			opening := bytes.TrimRight(text[:p.FrontStart], "\n")
			opening = bytes.TrimPrefix(opening, bom)
			if string(bytes.TrimRight(opening, " \t\r")) != "+++" {
				t.Fatalf("opening delimiter %q for %q", opening, text)
			}
			closing := bytes.TrimRight(text[p.FrontEnd:p.BodyStart], "\n")
			if string(bytes.TrimRight(closing, " \t\r")) != "+++" {
				t.Fatalf("closing delimiter %q for %q", closing, text)
			}
		}
	})
}

// TestOpenString: a multi-line string still open where the front matter
// ends is found at its opening quotes; quotes inside comments, one-line
// strings and closed multi-line strings do not count.
func TestOpenString(t *testing.T) {
	tests := []struct {
		name, front string
		at          int // -1: every string is closed
		quotes      string
	}{
		{"closed", "a = \"\"\"x\n+++ y\n\"\"\"\n", -1, ""},
		{"open basic", "a = 1\nb = \"\"\"\nFirst\n", 10, `"""`},
		{"open literal", "b = '''\nx\n", 4, "'''"},
		{"quotes in comment", "# say \"\"\" here\na = 1\n", -1, ""},
		{"quotes in one-line string", "a = \"'''\"\nb = '\"\"\"'\n", -1, ""},
		{"escaped quote", "a = \"\"\"x\\\"\"\"\"\n", -1, ""},
		{"escaped quote leaves it open", "a = \"\"\"x\\\"\"\"\n", 4, `"""`},
		{"extra closing quotes", "a = \"\"\"x\"\"\"\"\"\nb = 1\n", -1, ""},
		{"open one-line string is TOML's to report", "a = \"x\nb = 1\n", -1, ""},
		{"second of two", "a = '''x'''\nb = \"\"\"\n", 16, `"""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off, q, open := OpenString([]byte(tt.front))
			if !open {
				off = -1
			}
			if off != tt.at || q != tt.quotes {
				t.Errorf("OpenString = %d %q, want %d %q", off, q, tt.at, tt.quotes)
			}
		})
	}
}
