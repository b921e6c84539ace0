package statichost

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

func TestNamesLoopback(t *testing.T) {
	n := NamesFor("localhost:8080", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
	tests := map[string]bool{
		"localhost":               true,
		"localhost:8080":          true,
		"LOCALHOST.:8080":         true,
		"127.0.0.1:8080":          true,
		"127.1.2.3":               true,
		"[::1]:8080":              true,
		"[::ffff:127.0.0.1]:8080": true,
		"app.localhost:8080":      true,
		"":                        false,
		"evil.example":            false,
		"evil.example:8080":       false,
		"localhost.evil.example":  false,
		"127.0.0.1.nip.io:8080":   false,
		"0.0.0.0:8080":            false,
		"192.168.1.20:8080":       false,
	}
	for host, want := range tests {
		if got := n.Allows(host); got != want {
			t.Errorf("Allows(%q) = %v; want %v", host, got, want)
		}
	}
}

// TestNamesEveryInterface: listening on all interfaces (to test on a
// phone), the machine's own name and addresses are its names too.
func TestNamesEveryInterface(t *testing.T) {
	n := NamesFor(":8080", &net.TCPAddr{IP: net.IPv4zero, Port: 8080})
	if name, err := os.Hostname(); err == nil && name != "" && !n.Allows(name+":8080") {
		t.Errorf("Allows(the machine's name %q) = false", name)
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok {
			if host := net.JoinHostPort(ipn.IP.String(), "8080"); !n.Allows(host) {
				t.Errorf("Allows(the machine's address %s) = false", host)
			}
		}
	}
	if n.Allows("evil.example:8080") {
		t.Error("Allows(evil.example) = true")
	}
	// A given address is a name too.
	if n := NamesFor("192.0.2.7:8080", &net.TCPAddr{IP: net.IPv4(192, 0, 2, 7), Port: 8080}); !n.Allows("192.0.2.7:8080") || n.Allows("192.0.2.8:8080") {
		t.Error("a server on 192.0.2.7 does not answer to exactly that address")
	}
}

// TestHostsRefusesRebinding sends requests as a page that made its own
// name resolve to this server would: with a foreign Host header.
func TestHostsRefusesRebinding(t *testing.T) {
	h, err := Open(fixture, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv := httptest.NewServer(nil)
	defer srv.Close()
	srv.Config.Handler = Hosts(h, NamesFor("127.0.0.1:0", srv.Listener.Addr()))
	for host, want := range map[string]int{"": 200, "evil.example": 403, "evil.example:80": 403, "localhost": 200} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/index.html", nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET with Host %q: %d; want %d", host, resp.StatusCode, want)
		}
		if want == 403 && strings.Contains(resp.Header.Get("Content-Type"), "html") {
			t.Errorf("the refusal is HTML")
		}
	}
}

// FuzzNames checks that a Host header is allowed only when it names the
// machine itself: localhost, a .localhost name, or a loopback address.
func FuzzNames(f *testing.F) {
	for _, s := range []string{"localhost", "evil.example", "[::1]:80", "127.0.0.1", "localhost.evil", "x.localhost", "[fe80::1%25eth0]:80", "0x7f.1", "2130706433"} {
		f.Add(s)
	}
	n := NamesFor("localhost:8080", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
	f.Fuzz(func(t *testing.T, host string) {
		if !n.Allows(host) {
			return
		}
		h := host
		if hh, _, err := net.SplitHostPort(host); err == nil {
			h = hh
		}
		h = strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
		if i := strings.IndexByte(h, '%'); i >= 0 {
			h = h[:i] // an IPv6 zone
		}
		if ip := net.ParseIP(h); ip != nil {
			if !ip.IsLoopback() {
				t.Fatalf("Allows(%q): %s is not a loopback address", host, ip)
			}
			return
		}
		if h != "localhost" && !strings.HasSuffix(h, ".localhost") {
			t.Fatalf("Allows(%q): %q is not a name of this machine", host, h)
		}
	})
}
