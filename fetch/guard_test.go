package fetch

import (
	"errors"
	"net/netip"
	"testing"
)

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		ip           string
		allowPrivate bool
		blocked      bool
	}{
		{"93.184.216.34", false, false},
		{"2606:4700::1111", false, false},
		{"169.254.169.254", true, true},
		{"169.254.1.1", true, true},
		{"fd00:ec2::254", true, true},
		{"::ffff:169.254.169.254", true, true},
		{"64:ff9b::a9fe:a9fe", true, true}, // NAT64 spelling of 169.254.169.254
		{"fe80::1", true, true},
		{"100.100.100.200", true, true},
		{"0.0.0.0", true, true},
		{"::", true, true},
		{"224.0.0.1", true, true},
		{"127.0.0.1", false, true},
		{"127.0.0.1", true, false},
		{"::1", false, true},
		{"::1", true, false},
		{"10.1.2.3", false, true},
		{"172.16.0.1", false, true},
		{"192.168.1.1", false, true},
		{"100.64.0.1", false, true},
		{"fd12:3456::1", false, true},
		{"fd12:3456::1", true, false},
		{"64:ff9b::a00:1", false, true}, // NAT64 spelling of 10.0.0.1
		{"64:ff9b::5db8:d822", false, false},
	}
	for _, tt := range tests {
		err := checkAddr(netip.MustParseAddr(tt.ip), tt.allowPrivate)
		if got := err != nil; got != tt.blocked {
			t.Errorf("checkAddr(%s, allowPrivate=%v) = %v, want blocked=%v", tt.ip, tt.allowPrivate, err, tt.blocked)
		}
		if err != nil && !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("checkAddr(%s): %v is not ErrBlockedAddress", tt.ip, err)
		}
	}
}
