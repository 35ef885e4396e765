package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCheckAlias: an alias is a path on this site; anything that could
// leave the site, name another site, or need escaping in a URL, in
// _redirects or in HTML is refused, saying which character is wrong.
func TestCheckAlias(t *testing.T) {
	tests := []struct{ alias, want string }{
		{"/old-name/", ""},
		{"/action-plans/data/actions-by-quarter.csv", ""},
		{"/strategy/culture_2019/~v1/", ""},
		{"/café/", ""},
		{"", "is empty"},
		{"old/", "must start with /"},
		{"/", "home page"},
		{"//evil.example/", "address of another website"},
		{"///x", "address of another website"},
		{"/https://evil.example/", "full web address"},
		{"/a//b/", "empty segment"},
		{"/a/../../b/", ". or .. segments"},
		{"/con/", "a name Windows keeps for a device"},
		{"/guidance/Lpt1.html", "a name Windows keeps for a device"},
		{"/a./b/", "ends in a dot"},
		{"/console/", ""},
		{"/com10/", ""},
		{"/%2e%2e/x/", "written as a code"},
		{"/a%2fb/", "written as a code"},
		{`/a\..\b/`, "backslash"},
		{"/a?b=1", "query"},
		{"/a#top", "fragment"},
		{"/a b/", "contains a space"},
		{"/a\u00a0b/", "contains a space"},
		{"/a\u202eb/", "U+202E"},
		{"/a\x1bb/", "U+001B"},
		{"/a<script>/", "character <;"},
		{`/a"onload/`, "character \";"},
		{"/a>/", "character >;"},
		{"/a'b/", "character ';"},
		{"/a*/", "character *;"},
		{"/:splat/", "character :;"},
		{"/" + strings.Repeat("a", 201) + "/", "at most 200"},
	}
	for _, tt := range tests {
		got := CheckAlias(tt.alias)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("CheckAlias(%q) = %q, want %q", tt.alias, got, tt.want)
		}
	}
}

// TestAliasErrorAtItsPlace: a refused alias is reported at its own place
// in the list.
func TestAliasErrorAtItsPlace(t *testing.T) {
	page := "+++\ntitle = \"T\"\naliases = [\"/ok/\", \"//evil.example/x\"]\n+++\n"
	_, diags := Load(fstest.MapFS{"content/a.md": {Data: []byte(page)}}, Options{})
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), `content/a.md:3:20: the alias "//evil.example/x" starts with //`) {
		t.Fatalf("got %v", diags)
	}
}

// TestTooManyAliases: a list of aliases far longer than a page's moves (a
// paste gone wrong) is one error at the first alias past the limit; before,
// 100,000 aliases made 100,000 redirect pages. A list at the limit loads.
func TestTooManyAliases(t *testing.T) {
	list := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "\"/old/a%d/\", ", i)
		}
		return "[" + b.String() + "]"
	}
	tests := []struct {
		aliases string
		want    string
	}{
		{list(MaxAliases), ""},
		{list(100000), `content/a.md:3:1302: the page has 100000 aliases; a page may have at most 100`},
	}
	for _, tt := range tests {
		page := "+++\ntitle = \"T\"\naliases = " + tt.aliases + "\n+++\n"
		_, diags := Load(fstest.MapFS{"content/a.md": {Data: []byte(page)}}, Options{})
		var got []string
		for _, d := range diags {
			got = append(got, d.Error())
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
		}
	}
}
