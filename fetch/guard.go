package fetch

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// Addresses refused even with AllowPrivate: reaching them from a crawler is
// how instance credentials leak (cloud metadata services) or how "0.0.0.0"
// quietly means localhost.
var alwaysBlocked = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("100.100.100.200/32"), // Alibaba Cloud metadata
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("fd00:ec2::254/128"), // AWS metadata over IPv6
	netip.MustParsePrefix("ff00::/8"),
	netip.MustParsePrefix("224.0.0.0/4"),
	netip.MustParsePrefix("255.255.255.255/32"),
}

// Addresses refused unless AllowPrivate: they belong to the network the
// crawler runs in, not to the public sites it reads.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("::1/128"),
	netip.MustParsePrefix("fc00::/7"),
}

// Prefixes that embed an IPv4 address in the low 32 bits; the embedded
// address is what a translator would connect to.
var embedsIPv4 = []netip.Prefix{
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("::/96"),
}

// checkAddr reports whether a connection to ip may be made.
func checkAddr(ip netip.Addr, allowPrivate bool) error {
	// A zone ("fe80::1%eth0") makes Prefix.Contains false for every
	// prefix: judge the address without it.
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		for _, p := range embedsIPv4 {
			if p.Contains(ip) && !ip.IsUnspecified() && !ip.IsLoopback() {
				b := ip.As16()
				if err := checkAddr(netip.AddrFrom4([4]byte(b[12:])), allowPrivate); err != nil {
					return err
				}
			}
		}
	}
	if ip.IsUnspecified() {
		return fmt.Errorf("%w: %s is unspecified", ErrBlockedAddress, ip)
	}
	for _, p := range alwaysBlocked {
		if p.Contains(ip) {
			return fmt.Errorf("%w: %s is link-local, multicast or a metadata service", ErrBlockedAddress, ip)
		}
	}
	if allowPrivate {
		return nil
	}
	for _, p := range privateRanges {
		if p.Contains(ip) {
			return fmt.Errorf("%w: %s is private or loopback", ErrBlockedAddress, ip)
		}
	}
	return nil
}

// dialControl runs after name resolution, once per address tried, so it
// sees the IP actually dialled whatever the URL, DNS answer or redirect
// said.
func dialControl(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return fmt.Errorf("%w: %q: %w", ErrBlockedAddress, address, err)
		}
		ip, err := netip.ParseAddr(host)
		if err != nil {
			return fmt.Errorf("%w: %q is not an IP address", ErrBlockedAddress, host)
		}
		return checkAddr(ip, allowPrivate)
	}
}
