package serve

import (
	"net"
	"net/http"
	"strings"
)

// A web page on another site can make the reader's browser send requests
// to the preview server (DNS rebinding: attacker.example is made to resolve
// to 127.0.0.1), and read the answers, since to the browser they come from
// attacker.example. Such requests carry the attacker's name in their Host
// header, so the server answers only requests addressed to itself: the
// address it listens on, and localhost when that is a loopback address.

// hostRefused is the answer to a request for another host.
const hostRefused = "This is Plinth's preview server; it answers only requests addressed to it by the address it listens on.\n"

// listening records the address the server listens on, whose host and port
// requests must name. Listening on every interface (--bind 0.0.0.0), it
// accepts the address of each of the machine's interfaces.
func (s *Server) listening(addr net.Addr) {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return
	}
	hosts := []string{host}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		hosts = nil
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					hosts = append(hosts, n.IP.String())
				}
			}
		}
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
			hosts = append(hosts, "localhost")
			break
		}
	}
	allowed := map[string]bool{}
	for _, h := range hosts {
		allowed[strings.ToLower(net.JoinHostPort(h, port))] = true
		if port == "80" {
			allowed[strings.ToLower(h)] = true
		}
	}
	s.hosts = allowed
}

// hostAllowed reports whether a request's Host names this server. Before
// the server knows its address (a test driving ServeHTTP directly), only
// loopback names are accepted, on any port.
func (s *Server) hostAllowed(r *http.Request) bool {
	host := strings.ToLower(r.Host)
	if s.hosts != nil {
		return s.hosts[host]
	}
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	if name == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(name, "[]"))
	return ip != nil && ip.IsLoopback()
}

// refuseHost answers a request addressed to another host.
func refuseHost(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusForbidden)
	w.Write([]byte(hostRefused))
}
