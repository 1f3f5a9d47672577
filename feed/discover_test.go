package feed

import (
	"reflect"
	"testing"
)

func TestDiscover(t *testing.T) {
	page := []byte(`<!DOCTYPE html><html><head><title>Cloud Wire</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="All news" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="https://cdn.example/atom.xml">
<link rel="alternate" type="application/rss+xml" href="feed.xml">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="alternate" type="application/feed+json" href="../feed.json">
</head><body><a rel="alternate" type="application/rss+xml" href="/body.xml">not in head</a></body></html>`)
	got, err := Discover(page, "text/html; charset=utf-8", "https://news.example/blog/index.html")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://news.example/feed.xml", "https://cdn.example/atom.xml", "https://news.example/blog/feed.xml", "https://news.example/feed.json"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Discover = %q\nwant %q", got, want)
	}
	if got, _ := Discover([]byte(`<html><head><title>x</title></head><body>hi</body></html>`), "text/html", "https://a.example/"); len(got) != 0 {
		t.Errorf("a page without feeds: %q", got)
	}
}
