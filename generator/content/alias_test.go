package content

import (
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
