package scan

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	enchex "encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// PDF text. A PDF under static/ or content/ is published as it is, and
// a provider's name in it is as public as one in a page. So the scanner
// reads the text a PDF shows: it inflates the streams, takes the strings
// shown between BT and ET, and decodes them through the fonts' ToUnicode
// maps where there are any (otherwise as single-byte text). What it cannot
// read with confidence (an encrypted file, a filter it does not know, text
// in a two-byte font with no ToUnicode map) is refused rather than passed
// unchecked: see errUnreadable.

// errUnreadable says why a document's text cannot be read.
type errUnreadable struct{ why string }

func (e *errUnreadable) Error() string { return e.why }

func unreadable(format string, args ...any) error {
	return &errUnreadable{fmt.Sprintf(format, args...)}
}

// maxInflate caps what one stream may inflate to: a few bytes must not
// become gigabytes.
const maxInflate = 64 << 20

var (
	pdfObject  = regexp.MustCompile(`(?s)\d+\s+\d+\s+obj\b(.*?)\bendobj\b`)
	pdfStream  = regexp.MustCompile(`(?s)^(.*?)\bstream\r?\n(.*)\bendstream\b`)
	pdfFilters = regexp.MustCompile(`/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)`)
	pdfName    = regexp.MustCompile(`/[A-Za-z0-9]+`)
)

// pdfText returns the text a PDF shows, words and lines separated by
// spaces and newlines, or an *errUnreadable.
func pdfText(data []byte) (string, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("%PDF-")) {
		return "", unreadable("it does not start as a PDF file does")
	}
	if bytes.Contains(data, []byte("/Encrypt")) {
		return "", unreadable("it is encrypted")
	}
	var contents [][]byte
	cmap := map[string]string{}
	twoByte := false
	for _, obj := range pdfObject.FindAllSubmatch(data, -1) {
		m := pdfStream.FindSubmatch(obj[1])
		if m == nil {
			if bytes.Contains(obj[1], []byte("/Identity-H")) || bytes.Contains(obj[1], []byte("/Identity-V")) {
				twoByte = true
			}
			continue
		}
		dict, body := m[1], bytes.TrimRight(m[2], "\r\n")
		if bytes.Contains(dict, []byte("/Subtype /Image")) || bytes.Contains(dict, []byte("/Subtype/Image")) {
			continue
		}
		decoded, skip, err := decodeStream(dict, body)
		if err != nil {
			return "", err
		}
		if skip {
			continue
		}
		switch {
		case bytes.Contains(decoded, []byte("begincmap")):
			readCMap(decoded, cmap)
		case bytes.Contains(decoded, []byte("BT")):
			contents = append(contents, decoded)
		}
	}
	if twoByte && len(cmap) == 0 {
		return "", unreadable("its text is in a font that maps no character codes to letters (no ToUnicode map)")
	}
	var b strings.Builder
	for _, c := range contents {
		showText(c, cmap, &b)
	}
	return b.String(), nil
}

// decodeStream undoes a stream's filters; skip is true for an image.
func decodeStream(dict, body []byte) (out []byte, skip bool, err error) {
	m := pdfFilters.FindSubmatch(dict)
	if m == nil {
		return body, false, nil
	}
	out = body
	for _, f := range pdfName.FindAll(m[1], -1) {
		switch string(f) {
		case "/FlateDecode", "/Fl":
			r, err := zlib.NewReader(bytes.NewReader(out))
			if err != nil {
				return nil, false, unreadable("a stream does not inflate: %v", err)
			}
			out, err = io.ReadAll(io.LimitReader(r, maxInflate+1))
			if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, false, unreadable("a stream does not inflate: %v", err)
			}
			if len(out) > maxInflate {
				return nil, false, unreadable("a stream inflates to more than %d MB", maxInflate>>20)
			}
		case "/ASCII85Decode", "/A85":
			dec := make([]byte, 4*len(out)/5+4)
			n, _, err := ascii85.Decode(dec, bytes.TrimSuffix(bytes.TrimSpace(out), []byte("~>")), true)
			if err != nil {
				return nil, false, unreadable("a stream is not valid ASCII85: %v", err)
			}
			out = dec[:n]
		case "/ASCIIHexDecode", "/AHx":
			out = hexBytes(bytes.TrimSuffix(bytes.TrimSpace(out), []byte(">")))
		case "/DCTDecode", "/JPXDecode", "/CCITTFaxDecode", "/JBIG2Decode":
			return nil, true, nil // an image: no text to read
		default:
			return nil, false, unreadable("a stream uses the filter %s, which Plinth cannot read", f)
		}
	}
	return out, false, nil
}

// readCMap adds a ToUnicode map's codes (as hex digits) and the text they
// stand for to cmap.
func readCMap(data []byte, cmap map[string]string) {
	hexes := regexp.MustCompile(`<([0-9A-Fa-f]*)>`)
	for _, sec := range regexp.MustCompile(`(?s)beginbfchar(.*?)endbfchar`).FindAllSubmatch(data, -1) {
		h := hexes.FindAllSubmatch(sec[1], -1)
		for i := 0; i+1 < len(h); i += 2 {
			cmap[strings.ToUpper(string(h[i][1]))] = utf16Text(hexBytes(h[i+1][1]))
		}
	}
	for _, sec := range regexp.MustCompile(`(?s)beginbfrange(.*?)endbfrange`).FindAllSubmatch(data, -1) {
		h := hexes.FindAllSubmatch(sec[1], -1)
		for i := 0; i+2 < len(h); i += 3 {
			lo, err1 := strconv.ParseUint(string(h[i][1]), 16, 32)
			hi, err2 := strconv.ParseUint(string(h[i+1][1]), 16, 32)
			dst := hexBytes(h[i+2][1])
			if err1 != nil || err2 != nil || hi < lo || hi-lo > 0xFFFF || len(dst) < 2 {
				continue
			}
			width := len(h[i][1])
			base := []rune(utf16Text(dst))
			for c := lo; c <= hi; c++ {
				text := append([]rune(nil), base...)
				text[len(text)-1] += rune(c - lo)
				cmap[fmt.Sprintf("%0*X", width, c)] = string(text)
			}
		}
	}
}

// utf16Text decodes big-endian UTF-16.
func utf16Text(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

func hexBytes(h []byte) []byte {
	h = bytes.Map(func(r rune) rune {
		if strings.ContainsRune(" \t\r\n", r) {
			return -1
		}
		return r
	}, h)
	if len(h)%2 == 1 {
		h = append(h, '0')
	}
	out := make([]byte, len(h)/2)
	n, _ := enchex.Decode(out, h)
	return out[:n]
}

// showText writes the strings a content stream shows, with a space
// between strings that are moved apart and a newline at each new line of
// text.
func showText(c []byte, cmap map[string]string, b *strings.Builder) {
	width := 1
	for k := range cmap {
		if len(k) == 4 {
			width = 2
			break
		}
	}
	var pending [][]byte // strings since the last operator; nil for a space
	for i := 0; i < len(c); {
		switch ch := c[i]; {
		case ch == '%':
			for i < len(c) && c[i] != '\n' && c[i] != '\r' {
				i++
			}
		case ch == '(':
			s, n := literal(c[i:])
			pending = append(pending, s)
			i += n
		case ch == '<' && i+1 < len(c) && c[i+1] != '<':
			end := bytes.IndexByte(c[i:], '>')
			if end < 0 {
				end = len(c) - i
			}
			pending = append(pending, hexBytes(c[i+1:i+end]))
			i += end + 1
		case ch == '-' || ch == '.' || ch >= '0' && ch <= '9':
			j := i + 1
			for j < len(c) && (c[j] == '.' || c[j] >= '0' && c[j] <= '9') {
				j++
			}
			if v, err := strconv.ParseFloat(string(c[i:j]), 64); err == nil && v < -200 && len(pending) > 0 {
				pending = append(pending, nil) // a wide kern inside TJ: a space
			}
			i = j
		case ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch == '\'' || ch == '"' || ch == '*':
			j := i + 1
			for j < len(c) && (c[j] >= 'A' && c[j] <= 'Z' || c[j] >= 'a' && c[j] <= 'z' || c[j] == '*') {
				j++
			}
			switch op := string(c[i:j]); op {
			case "Tj", "TJ", "'", "\"":
				if op != "Tj" && op != "TJ" {
					b.WriteByte('\n')
				}
				for _, s := range pending {
					if s == nil {
						b.WriteByte(' ')
						continue
					}
					b.WriteString(decodeShown(s, cmap, width))
				}
			case "Td", "TD", "T*", "Tm", "BT", "ET":
				b.WriteByte('\n')
			case "ID": // inline image data, up to EI
				if k := bytes.Index(c[j:], []byte("EI")); k >= 0 {
					j += k + 2
				} else {
					j = len(c)
				}
			}
			pending = pending[:0]
			i = j
		default:
			i++
		}
	}
}

// literal reads a PDF literal string at the start of c, returning its
// bytes and the length it takes.
func literal(c []byte) ([]byte, int) {
	var out []byte
	depth := 0
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; ch {
		case '(':
			if depth > 0 {
				out = append(out, ch)
			}
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, i + 1
			}
			out = append(out, ch)
		case '\\':
			i++
			if i >= len(c) {
				return out, i
			}
			switch e := c[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b', 'f':
			case '\r', '\n':
				if e == '\r' && i+1 < len(c) && c[i+1] == '\n' {
					i++
				}
			default:
				if e >= '0' && e <= '7' {
					v, k := 0, 0
					for k < 3 && i+k < len(c) && c[i+k] >= '0' && c[i+k] <= '7' {
						v = v*8 + int(c[i+k]-'0')
						k++
					}
					out = append(out, byte(v))
					i += k - 1
				} else {
					out = append(out, e)
				}
			}
		default:
			out = append(out, ch)
		}
	}
	return out, len(c)
}

// decodeShown turns the bytes of a shown string into text: through the
// ToUnicode map, codes of width bytes, or failing that as Latin-1.
func decodeShown(s []byte, cmap map[string]string, width int) string {
	var b strings.Builder
	for i := 0; i < len(s); i += width {
		if i+width > len(s) {
			break
		}
		key := strings.ToUpper(enchex.EncodeToString(s[i : i+width]))
		if t, ok := cmap[key]; ok {
			b.WriteString(t)
		} else if width == 1 {
			b.WriteRune(rune(s[i]))
		}
	}
	return b.String()
}
