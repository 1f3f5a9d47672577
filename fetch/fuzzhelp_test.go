package fetch

import "net"

func splitHost(address string) (string, string, error) { return net.SplitHostPort(address) }
