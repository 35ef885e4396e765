// Package sitemap writes sitemap.xml and robots.txt.
//
// The sitemap lists the pages search engines should index: current content
// only. Pages marked NoIndex (superseded editions, tag lists, redirects) and
// the 404 page are left out. It follows the sitemaps.org 0.9 protocol:
// absolute URLs under the base URL, W3C dates, at most 50,000 URLs per file;
// a larger site gets a sitemap index pointing at numbered sitemaps.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/plinth-ssg/plinth/generator/site"
)

// Namespace is the sitemaps.org schema namespace.
const Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"

// MaxURLs is the protocol's limit of URLs in one sitemap file.
const MaxURLs = 50000

// URLSet is a sitemap file, exported so tests can parse output back.
type URLSet struct {
	XMLName xml.Name `xml:"urlset"`
	Xmlns   string   `xml:"xmlns,attr"`
	URLs    []URL    `xml:"url"`
}

// URL is one entry.
type URL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// Index is a sitemap index file.
type Index struct {
	XMLName  xml.Name `xml:"sitemapindex"`
	Xmlns    string   `xml:"xmlns,attr"`
	Sitemaps []URL    `xml:"sitemap"`
}

// Listed reports whether a page belongs in the sitemap.
func Listed(p *site.Page) bool {
	return !p.NoIndex && p.Kind != site.Kind404 && p.Canonical == ""
}

// Files returns sitemap.xml (an index plus sitemap-N.xml files when the
// site has more than MaxURLs pages).
func Files(s *site.Site) ([]site.File, error) {
	var urls []URL
	for _, p := range s.Pages { // s.Pages is sorted by URL
		if !Listed(p) {
			continue
		}
		u := URL{Loc: p.Permalink}
		if p.Modified.IsSet() {
			u.Lastmod = p.Modified.Format("2006-01-02")
		}
		urls = append(urls, u)
	}
	if len(urls) <= MaxURLs {
		data, err := encode(URLSet{Xmlns: Namespace, URLs: urls})
		return []site.File{{Path: "sitemap.xml", Data: data}}, err
	}
	var files []site.File
	idx := Index{Xmlns: Namespace}
	for i := 0; i*MaxURLs < len(urls); i++ {
		part := urls[i*MaxURLs : min((i+1)*MaxURLs, len(urls))]
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		data, err := encode(URLSet{Xmlns: Namespace, URLs: part})
		if err != nil {
			return nil, err
		}
		files = append(files, site.File{Path: name, Data: data})
		idx.Sitemaps = append(idx.Sitemaps, URL{Loc: s.Config.BaseURL + name})
	}
	data, err := encode(idx)
	return append(files, site.File{Path: "sitemap.xml", Data: data}), err
}

func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Robots returns a robots.txt that allows everything and points to the
// sitemap, or, for a preview build, turns every robot away. A site that
// ships its own static/robots.txt keeps it instead.
func Robots(s *site.Site) site.File {
	if s.Config.Preview.On() {
		// A preview is for reviewers, not for search engines.
		return site.File{Path: "robots.txt", Data: []byte("User-agent: *\nDisallow: /\n")}
	}
	return site.File{Path: "robots.txt", Data: []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.Config.BaseURL + "sitemap.xml\n")}
}
