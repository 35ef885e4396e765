package harness

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// RuleRedirect names a redirect page whose target is not a page of the site.
const RuleRedirect = "redirect"

// redirectTarget reports whether an HTML file is a redirect page (a page
// left at an old address): a <meta http-equiv="refresh"> with no delay. It
// returns the address the page sends the browser to, as written.
//
// Why: the browser leaves such a page at once, so the checks of a page a
// reader sees (axe, skip link, reflow) would run on its target, or on a
// document that is being torn down. The suite instead checks that the
// target is a page of the site; the static checks and html-validate still
// read the redirect page's own HTML.
func redirectTarget(data []byte) (string, bool) {
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "body":
				return "", false
			case "meta":
			default:
				continue
			}
			var equiv, content string
			for _, a := range tok.Attr {
				switch a.Key {
				case "http-equiv":
					equiv = a.Val
				case "content":
					content = a.Val
				}
			}
			if !strings.EqualFold(equiv, "refresh") {
				continue
			}
			delay, rest, _ := strings.Cut(content, ";")
			if strings.TrimSpace(delay) != "0" {
				return "", false
			}
			rest = strings.TrimSpace(rest)
			if len(rest) >= 4 && strings.EqualFold(rest[:4], "url=") {
				return strings.Trim(strings.TrimSpace(rest[4:]), `"'`), true
			}
			return "", false
		}
	}
}
