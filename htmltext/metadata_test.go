package htmltext

import (
	"context"
	"testing"
)

func TestTitleAndSite(t *testing.T) {
	tests := []struct {
		title, site, url    string
		wantTitle, wantSite string
	}{
		{"Oracle opens Chile region | Cloud Wire", "Cloud Wire", "", "Oracle opens Chile region", "Cloud Wire"},
		{"Oracle opens Chile region – cloud wire", "Cloud Wire", "", "Oracle opens Chile region", "Cloud Wire"},
		{"Alibaba Cloud plans expansion • The Register", "", "https://www.theregister.com/2025/09/24/alibaba/", "Alibaba Cloud plans expansion", "The Register"},
		{"AWS to invest in Thailand - Data Center Dynamics", "", "https://www.datacenterdynamics.com/en/news/x/", "AWS to invest in Thailand", "Data Center Dynamics"},
		{"Stack launches Milan data centre | DCD", "", "https://www.datacenterdynamics.com/en/news/x/", "Stack launches Milan data centre | DCD", "datacenterdynamics.com"},
		{"Nebius - Finland", "", "https://example.com/a", "Nebius - Finland", "example.com"},
		{"Plain title", "", "", "Plain title", ""},
		{"| Cloud Wire", "Cloud Wire", "", "| Cloud Wire", "Cloud Wire"},
		{"Register", "", "https://theregister.co.uk/a", "Register", "theregister.co.uk"},
		{"Oracle in Chile | Example", "", "https://news.example.com/a", "Oracle in Chile", "Example"},
	}
	for _, tt := range tests {
		title, site := TitleAndSite(tt.title, tt.site, tt.url)
		if title != tt.wantTitle || site != tt.wantSite {
			t.Errorf("TitleAndSite(%q, %q, %q) = %q, %q; want %q, %q", tt.title, tt.site, tt.url, title, site, tt.wantTitle, tt.wantSite)
		}
	}
}

// og:title and the headline keep the " | Site" that <title> has on many
// sites; without og:site_name the site is named after the host.
func TestSiteSuffixAndHostSite(t *testing.T) {
	const body = `<main><article><h1>Oracle opens region</h1><p>Oracle opened a cloud region in Santiago, Chile, on Tuesday, its first in the country,
the company said in a statement that also listed the services available there from the first day.</p>
<p>The region serves customers in banking, mining and the public sector, the company said, and a second one is planned.</p></article></main>`
	tests := []struct {
		name, head, title, site string
	}{
		{"og:title with site name", `<meta property="og:title" content="Oracle opens region | Cloud Wire"><meta property="og:site_name" content="Cloud Wire"><link rel="canonical" href="https://cloudwire.example/a">`,
			"Oracle opens region", "Cloud Wire"},
		{"title named after the host", `<title>Oracle opens region – Cloud Wire</title><link rel="canonical" href="https://www.cloudwire.com/a">`,
			"Oracle opens region", "Cloud Wire"},
		{"no site name", `<title>Oracle opens region</title><meta property="og:url" content="https://www.cloudwire.com/a?utm_source=x">`,
			"Oracle opens region", "cloudwire.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` + tt.head + `</head><body>` + body + `</body></html>`)
			p, err := Extract(context.Background(), raw, "text/html", "")
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tt.title || p.Site != tt.site {
				t.Errorf("title %q, site %q; want %q, %q", p.Title, p.Site, tt.title, tt.site)
			}
		})
	}
}
