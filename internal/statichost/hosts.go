package statichost

import (
	"net"
	"net/http"
	"net/netip"
	"os"
	"sort"
	"strings"
)

// A server on localhost is reachable by any web page the developer opens:
// a page on evil.example can make its own name resolve to 127.0.0.1 (DNS
// rebinding) and then read the unpublished site as if it were its own
// origin. The browser still sends Host: evil.example, so a server that
// answers only its own names stops it. Names are those names: localhost
// (and *.localhost, which browsers resolve to the machine itself),
// loopback addresses, the host given to listen on, and, when listening on
// every interface (to test on a phone), the machine's name and addresses.

// Names are the host names a server answers to.
type Names struct {
	names map[string]bool     // lower case, without a final dot
	addrs map[netip.Addr]bool // without zones
}

// NamesFor returns the names of a server asked to listen on given (its
// --addr, "localhost:8080") and listening on bound (its listener's
// address).
func NamesFor(given string, bound net.Addr) *Names {
	n := &Names{names: map[string]bool{"localhost": true}, addrs: map[netip.Addr]bool{}}
	host, _, err := net.SplitHostPort(given)
	if err != nil {
		host = given
	}
	n.add(host)
	var ip netip.Addr
	if tcp, ok := bound.(*net.TCPAddr); ok {
		ip, _ = netip.AddrFromSlice(tcp.IP)
		ip = ip.Unmap()
	}
	if ip.IsValid() && !ip.IsUnspecified() {
		n.add(ip.String())
		return n
	}
	// Every interface: the machine's own names and addresses.
	if name, err := os.Hostname(); err == nil && name != "" {
		n.add(name)
		if !strings.Contains(name, ".") {
			n.add(name + ".local") // its name on the local network (mDNS)
		}
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if p, err := netip.ParsePrefix(a.String()); err == nil {
				n.addrs[p.Addr().WithZone("").Unmap()] = true
			}
		}
	}
	return n
}

func (n *Names) add(host string) {
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" {
		return
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if !a.IsUnspecified() {
			n.addrs[a.WithZone("").Unmap()] = true
		}
		return
	}
	n.names[host] = true
}

// Allows reports whether a request's Host header names this server.
func (n *Names) Allows(hostHeader string) bool {
	host := hostHeader
	if h, _, err := net.SplitHostPort(hostHeader); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" {
		return false
	}
	if a, err := netip.ParseAddr(host); err == nil {
		a = a.WithZone("").Unmap()
		return a.IsLoopback() || n.addrs[a]
	}
	return n.names[host] || strings.HasSuffix(host, ".localhost")
}

// List returns the names and addresses, sorted, for messages.
func (n *Names) List() []string {
	var out []string
	for name := range n.names {
		out = append(out, name)
	}
	for a := range n.addrs {
		out = append(out, a.String())
	}
	sort.Strings(out)
	return out
}

// Hosts passes on to next only the requests whose Host header names, and
// answers the others with 403 Forbidden.
func Hosts(next http.Handler, names *Names) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !names.Allows(r.Host) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte("This server answers only to its own names (" + strings.Join(names.List(), ", ") + "), " +
				"not to the name this request was sent to: a web page may be trying to read it through DNS rebinding.\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
