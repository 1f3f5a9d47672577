package fetch

import (
	"net/netip"
	"strings"
	"testing"
	"time"
)

// budget is the time an input of n bytes may take: 1 s plus 50 µs a byte.
func budget(n int) time.Duration {
	return time.Second + time.Duration(n)*50*time.Microsecond
}

// FuzzRobots parses arbitrary robots.txt bodies and tests a path against
// them: no panic, and time linear in the input.
func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /private/\n\nUser-agent: test-bot\nAllow: /\n"), "/private/x")
	f.Add([]byte("User-agent: *\nDisallow: /*.pdf$\nCrawl-delay: 10\nSitemap: https://example.com/s.xml\n"), "/a/b.pdf")
	f.Add([]byte("\xef\xbb\xbfuser-agent:*\r\ndisallow:/\r\n"), "/")
	f.Add([]byte("Disallow: /x\nUser-agent\n:::\n"), "/x?y=1")
	f.Add([]byte(strings.Repeat("Disallow: /*a*a*a*a*a*a*a*a*a*a*b\n", 50)), strings.Repeat("a", 200))
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		start := time.Now()
		g, _ := parseRobots(body, "test-bot")
		if g == nil {
			t.Fatal("nil group")
		}
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		g.Test(path)
		if d, max := time.Since(start), budget(len(body)+len(path)); d > max {
			t.Fatalf("%d bytes took %s, more than %s", len(body)+len(path), d, max)
		}
	})
}

// FuzzAddressGuard checks the address guard on arbitrary dialled
// addresses: no panic, time bounded, a metadata or link-local address never
// allowed, and an address refused without AllowPrivate whenever it is
// refused with it.
func FuzzAddressGuard(f *testing.F) {
	for _, s := range []string{
		"93.184.216.34:443", "[2606:4700::1111]:80", "169.254.169.254:80", "[::ffff:169.254.169.254]:80",
		"[64:ff9b::a9fe:a9fe]:80", "[fd00:ec2::254]:80", "127.0.0.1:8080", "[::1]:443", "0.0.0.0:80",
		"[::]:80", "10.1.2.3:80", "[fe80::1%eth0]:80", "100.100.100.200:80", "localhost:80", ":80", "",
		"[::169.254.169.254]:80", "224.0.0.1:80",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, address string) {
		start := time.Now()
		strict := dialControl(false)("tcp", address, nil)
		loose := dialControl(true)("tcp", address, nil)
		if loose != nil && strict == nil {
			t.Fatalf("%q: refused with AllowPrivate (%v) but allowed without", address, loose)
		}
		if host, _, err := splitHost(address); err == nil {
			if ip, err := netip.ParseAddr(host); err == nil {
				ip4 := ip.Unmap()
				if ip4.IsLinkLocalUnicast() || ip4.IsLinkLocalMulticast() {
					if loose == nil {
						t.Fatalf("%q: link-local address allowed", address)
					}
				}
				if netip.MustParsePrefix("169.254.0.0/16").Contains(ip4) && loose == nil {
					t.Fatalf("%q: metadata address allowed", address)
				}
			}
		}
		if d, max := time.Since(start), budget(len(address)); d > max {
			t.Fatalf("%d bytes took %s, more than %s", len(address), d, max)
		}
	})
}
