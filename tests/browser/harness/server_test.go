package harness

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func testSite() fstest.MapFS {
	return fstest.MapFS{
		"index.html":       {Data: []byte("home")},
		"about/index.html": {Data: []byte("about")},
		"guide.html":       {Data: []byte("guide")},
		"404.html":         {Data: []byte("not found page")},
		"assets/site.css":  {Data: []byte("body{}")},
		"assets/site.js":   {Data: []byte("0")},
		"data/actions.csv": {Data: []byte("a,b\n")},
		"_headers": {Data: []byte("/*\n  Content-Security-Policy: default-src 'none'\n" +
			"/assets/*\n  Cache-Control: immutable\n")},
	}
}

func TestServerServeHTTP(t *testing.T) {
	srv, err := NewServer(testSite(), "quality")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, path string
		status       int
		body         string // expected body; "" to skip the check
		location     string
		contentType  string
		cache        string // expected Cache-Control
	}{
		{method: "GET", path: "/quality/", status: 200, body: "home", contentType: "text/html; charset=utf-8"},
		{method: "GET", path: "/quality/index.html", status: 200, body: "home"},
		{method: "GET", path: "/quality", status: 301, location: "/quality/"},
		{method: "GET", path: "/quality/about", status: 301, location: "/quality/about/"},
		{method: "GET", path: "/quality/about/", status: 200, body: "about"},
		{method: "GET", path: "/quality/guide", status: 200, body: "guide"},
		{method: "GET", path: "/quality/assets/site.css", status: 200, body: "body{}", contentType: "text/css; charset=utf-8", cache: "immutable"},
		{method: "GET", path: "/quality/assets/site.js", status: 200, contentType: "text/javascript; charset=utf-8", cache: "immutable"},
		{method: "GET", path: "/quality/data/actions.csv", status: 200, contentType: "text/csv; charset=utf-8"},
		{method: "GET", path: "/quality/missing/page/", status: 404, body: "not found page", contentType: "text/html; charset=utf-8"},
		{method: "GET", path: "/quality/nope.html", status: 404, body: "not found page"},
		{method: "GET", path: "/index.html", status: 404, body: "not found page"},
		{method: "GET", path: "/quality/_headers", status: 404, body: "not found page"},
		{method: "GET", path: "/quality/../quality/index.html", status: 200, body: "home"},
		{method: "HEAD", path: "/quality/", status: 200, body: ""},
		{method: "POST", path: "/quality/", status: 405},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (body %q)", res.StatusCode, tt.status, body)
			}
			if tt.body != "" && string(body) != tt.body {
				t.Errorf("body %q, want %q", body, tt.body)
			}
			if tt.method == "HEAD" && len(body) != 0 {
				t.Errorf("HEAD returned a body %q", body)
			}
			if got := res.Header.Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
			if tt.contentType != "" && res.Header.Get("Content-Type") != tt.contentType {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tt.contentType)
			}
			if got := res.Header.Get("Cache-Control"); got != tt.cache {
				t.Errorf("Cache-Control %q, want %q", got, tt.cache)
			}
			// The site-wide CSP applies to every answer, the 404 page too.
			if tt.status != 405 && res.Header.Get("Content-Security-Policy") != "default-src 'none'" {
				t.Errorf("CSP header missing: %v", res.Header)
			}
			if res.Header.Get("Last-Modified") != "" {
				t.Errorf("Last-Modified must not be sent (no clock in output)")
			}
		})
	}
}

func TestServerWithoutNotFoundPageOrHeaders(t *testing.T) {
	srv, err := NewServer(fstest.MapFS{"index.html": {Data: []byte("home")}}, "/")
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/missing", nil))
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "no 404.html") {
		t.Errorf("got %d %q, want 404 explaining the site has no 404.html", rec.Code, rec.Body)
	}
}

func TestNewServerRejectsMalformedHeaders(t *testing.T) {
	_, err := NewServer(fstest.MapFS{"_headers": {Data: []byte("/*\n  oops\nnot-a-path\n")}}, "/")
	if err == nil {
		t.Fatal("want an error for a malformed _headers file")
	}
	for _, want := range []string{"_headers:2:3", "_headers:3:1", "hint:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestServerStartListensOnLoopback(t *testing.T) {
	srv, err := NewServer(testSite(), "/quality/")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasPrefix(srv.Origin(), "http://127.0.0.1:") {
		t.Errorf("origin %q is not on 127.0.0.1", srv.Origin())
	}
	res, err := http.Get(srv.URL("/quality/missing"))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 404 {
		t.Errorf("status %d, want 404", res.StatusCode)
	}
}
