package harness

import "testing"

func TestRedirectTarget(t *testing.T) {
	tests := []struct {
		html, want string
		ok         bool
	}{
		{`<head><meta http-equiv="refresh" content="0; url=/quality/guides/one/"></head>`, "/quality/guides/one/", true},
		{`<head><meta http-equiv="Refresh" content="0;URL='../new/'"></head>`, "../new/", true},
		{`<head><meta http-equiv="refresh" content="5; url=/x/"></head>`, "", false},
		{`<head><meta http-equiv="refresh" content="0"></head>`, "", false},
		{`<head><meta charset="utf-8"><title>x</title></head><body><meta http-equiv="refresh" content="0; url=/x/"></body>`, "", false},
		{`<!DOCTYPE html><html><head><meta name="robots" content="noindex"></head><body><h1>Page</h1></body></html>`, "", false},
	}
	for _, tt := range tests {
		got, ok := redirectTarget([]byte(tt.html))
		if got != tt.want || ok != tt.ok {
			t.Errorf("redirectTarget(%s) = %q, %v; want %q, %v", tt.html, got, ok, tt.want, tt.ok)
		}
	}
}
