package site

import (
	"strings"
	"testing"
	"time"
)

func TestPublishExcludes(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	day := func(s string) Date {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return Date{d}
	}
	tests := []struct {
		name string
		rule Publish
		page Page
		want string // a word of the reason, or "" for published
	}{
		{"plain page", Publish{Now: now}, Page{}, ""},
		{"draft", Publish{Now: now}, Page{Draft: true}, "draft"},
		{"draft with --drafts", Publish{Now: now, Drafts: true}, Page{Draft: true}, ""},
		{"future", Publish{Now: now}, Page{PublishDate: day("2026-06-02")}, "--future"},
		{"future with --future", Publish{Now: now, Future: true}, Page{PublishDate: day("2026-06-02")}, ""},
		{"published today", Publish{Now: now}, Page{PublishDate: day("2026-06-01")}, ""},
		{"expired today", Publish{Now: now, Drafts: true, Future: true}, Page{ExpiryDate: day("2026-06-01")}, "expired"},
		{"not yet expired", Publish{Now: now}, Page{ExpiryDate: day("2026-06-02")}, ""},
		{"withheld", Publish{Now: now, Drafts: true}, Page{Withheld: "the edition is a draft"}, "edition is a draft"},
	}
	for _, tt := range tests {
		got := tt.rule.Excludes(&tt.page)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("%s: Excludes = %q, want %q", tt.name, got, tt.want)
		}
	}
}
