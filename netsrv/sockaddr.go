package netsrv

import (
	"fmt"
	"net/netip"

	"golang.org/x/sys/unix"
)

// sockaddrFor turns the --bind host and --port into the address family and
// the kernel's socket address structure for bind(2).
func sockaddrFor(host string, port int) (family int, sa unix.Sockaddr, err error) {
	if host == "localhost" {
		host = "127.0.0.1"
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return 0, nil, fmt.Errorf("bind address %q is not an IPv4 or IPv6 address", host)
	}
	if port < 0 || port > 65535 {
		return 0, nil, fmt.Errorf("port %d is out of range 0-65535", port)
	}
	if ip.Is4() || ip.Is4In6() {
		return unix.AF_INET, &unix.SockaddrInet4{Port: port, Addr: ip.Unmap().As4()}, nil
	}
	return unix.AF_INET6, &unix.SockaddrInet6{Port: port, Addr: ip.As16()}, nil
}

// formatSockaddr renders an address the kernel returned ("127.0.0.1:53412").
func formatSockaddr(sa unix.Sockaddr) string {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port)).String()
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), uint16(a.Port)).String()
	}
	return "unknown"
}

func portOf(sa unix.Sockaddr) int {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return a.Port
	case *unix.SockaddrInet6:
		return a.Port
	}
	return 0
}

// addrOf is the IP address of a socket address.
func addrOf(sa unix.Sockaddr) netip.Addr {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrFrom4(a.Addr)
	case *unix.SockaddrInet6:
		return netip.AddrFrom16(a.Addr).Unmap()
	}
	return netip.Addr{}
}
