package main

import (
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// takenPort holds a loopback port with a listening socket of its own for
// the rest of the test: neither daemon can listen there.
func takenPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// CONFIG SET's rollback, byte for byte as Redis 7.0.15 does it: a value
// refused while the values are set (a bad value after good ones), and a
// change refused when it is applied (a port that is taken): either way no
// setting of the command changes, the error names the setting, and the
// server still listens where it did. In both I/O models.
func TestConfigSetRollbackMatchesRedis(t *testing.T) {
	redis := startRedisServer(t)
	port := takenPort(t)
	cv := conversation{"CONFIG SET rollback", false, [][]string{
		{"CONFIG", "SET", "maxmemory", "10000002"},
		{"CONFIG", "SET", "maxmemory", "10000001", "timeout", "7", "client-query-buffer-limit", "invalid"},
		{"CONFIG", "GET", "maxmemory"}, {"CONFIG", "GET", "timeout"}, {"CONFIG", "GET", "client-query-buffer-limit"},
		{"CONFIG", "SET", "maxmemory", "10000001", "port", port, "client-query-buffer-limit", "10m"},
		{"CONFIG", "GET", "maxmemory"}, {"CONFIG", "GET", "client-query-buffer-limit"},
		{"CONFIG", "SET", "maxmemory", "10000001", "maxmemory-clients", "200%", "client-query-buffer-limit", "invalid"},
		{"CONFIG", "GET", "maxmemory"}, {"CONFIG", "GET", "maxmemory-clients"},
		{"CONFIG", "SET", "maxmemory-clients", "10%"}, {"CONFIG", "GET", "maxmemory-clients"},
		{"CONFIG", "SET", "maxmemory-clients", "0%"}, {"CONFIG", "GET", "maxmemory-clients"},
		{"CONFIG", "SET", "maxmemory-clients", "-1%"}, {"CONFIG", "SET", "maxmemory-clients", "5.5%"},
		{"CONFIG", "SET", "maxmemory-clients", "64mb"}, {"CONFIG", "GET", "maxmemory-clients"},
		{"CONFIG", "SET", "maxmemory-clients", "0"},
		{"CONFIG", "SET", "timeout", "9", "Port", port},
		{"CONFIG", "GET", "timeout"},
		{"CONFIG", "SET", "daemonize", "yes"}, {"CONFIG", "SET", "daemonize", "no", "nosuch", "1"},
		{"CONFIG", "GET", "daemonize"}, {"CONFIG", "GET", "requirepass"},
		{"CONFIG", "SET", "auto-aof-rewrite-percentage", "50", "auto-aof-rewrite-min-size", "1mb"},
		{"CONFIG", "GET", "auto-aof-rewrite-percentage"}, {"CONFIG", "GET", "auto-aof-rewrite-min-size"},
		{"CONFIG", "SET", "proto-max-bulk-len", "1000"},
		{"CONFIG", "SET", "maxmemory", "0", "auto-aof-rewrite-percentage", "100", "auto-aof-rewrite-min-size", "64mb"},
		{"PING"},
	}}
	for _, cv := range []conversation{cv, everySettingRefuses} {
		want := converse(t, redis, cv) // each ends as it began: the next model meets the same server
		eachModel(t, func(t *testing.T, model string) {
			if got := converse(t, startDaemon(t, "--io", model).addr, cv); got != want {
				t.Fatalf("%s: redis-lite answered\n%q\nredis-server answered\n%q", cv.name, got, want)
			}
		})
	}
}

// everySettingRefuses is a value each of Redis's settings in the table
// refuses, or a setting Redis does not let CONFIG SET change, with
// Redis's texts.
var everySettingRefuses = conversation{"CONFIG SET refuses, setting by setting", false, [][]string{
	{"CONFIG", "SET", "bind", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17"},
	{"CONFIG", "SET", "port", "65536"}, {"CONFIG", "SET", "port", "x"},
	{"CONFIG", "SET", "tcp-backlog", "10"},
	{"CONFIG", "SET", "tcp-keepalive", "2147483648"},
	{"CONFIG", "SET", "protected-mode", "maybe"},
	{"CONFIG", "SET", "maxclients", "4294967296"},
	{"CONFIG", "SET", "timeout", "x"},
	{"CONFIG", "SET", "daemonize", "no"},
	{"CONFIG", "SET", "maxmemory", "1.5gb"},
	{"CONFIG", "SET", "maxmemory-clients", "101%"},
	{"CONFIG", "SET", "tracking-table-max-keys", "1k"},
	{"CONFIG", "SET", "proto-max-bulk-len", "1k"},
	{"CONFIG", "SET", "client-query-buffer-limit", "1k"},
	{"CONFIG", "SET", "client-output-buffer-limit", "normal 1 2"},
	{"CONFIG", "SET", "client-output-buffer-limit", "master 1 2 3"},
	{"CONFIG", "SET", "databases", "2"},
	{"CONFIG", "SET", "enable-debug-command", "yes"},
	{"CONFIG", "SET", "hll-sparse-max-bytes", "-1"},
	{"CONFIG", "SET", "latency-tracking", "maybe"},
	{"CONFIG", "SET", "latency-tracking-info-percentiles", "101"},
	{"CONFIG", "SET", "save", "garbage"}, {"CONFIG", "SET", "save", "0 1"},
	{"CONFIG", "SET", "appendonly", "maybe"},
	{"CONFIG", "SET", "appendfilename", "x"},
	{"CONFIG", "SET", "dir", "/tmp"},
	{"CONFIG", "SET", "appendfsync", "sometimes"},
	{"CONFIG", "SET", "aof-load-truncated", "maybe"},
	{"CONFIG", "SET", "auto-aof-rewrite-percentage", "-1"},
	{"CONFIG", "SET", "auto-aof-rewrite-min-size", "-1"},
	{"PING"},
}}

// CONFIG SET port moves the listening socket while the daemon serves, in
// both I/O models: the new port answers, the old one stops, a client
// connected before the move keeps being served, CONFIG GET and INFO show
// the new port; a taken port is refused with Redis's error and nothing
// moves. CONFIG SET bind moves it the same way.
func TestE2EConfigSetPortRebinds(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		admin := d.dial()
		taken := takenPort(t)
		if got := admin.do("CONFIG SET port " + taken); got != "(error) ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs." {
			t.Fatalf("CONFIG SET port (taken): %q", got)
		}
		oldPort := d.addr[strings.LastIndex(d.addr, ":")+1:]
		if got := admin.do("CONFIG GET port"); got != "1) port" || admin.line() != "2) "+oldPort {
			t.Fatalf("CONFIG GET port after the refusal: %q", got)
		}
		if got := admin.do("CONFIG SET port 0"); got != "OK" {
			t.Fatalf("CONFIG SET port 0: %q", got)
		}
		admin.do("CONFIG GET port")
		newPort := strings.TrimPrefix(admin.line(), "2) ")
		if newPort == oldPort || newPort == "0" {
			t.Fatalf("CONFIG GET port after moving: %q (was %s)", newPort, oldPort)
		}
		moved := &daemon{t: t, addr: "127.0.0.1:" + newPort}
		if got := moved.dial().do("PING"); got != "PONG" {
			t.Fatalf("PING on the new port: %q", got)
		}
		if got := admin.do("PING"); got != "PONG" {
			t.Fatalf("PING on a connection from before the move: %q", got)
		}
		admin.send("INFO server\r\n")
		if info := readBulk(t, admin); !strings.Contains(info, "tcp_port:"+newPort+"\r\n") {
			t.Fatalf("INFO server after the move:\n%s", info)
		}
		waitUntil(t, "the old port to refuse connections", func() bool {
			c, err := net.DialTimeout("tcp", d.addr, time.Second)
			if err == nil {
				c.Close()
			}
			return err != nil
		})

		// bind moves it too; an address that is not this host's is refused.
		if got := admin.do("CONFIG SET bind 127.0.0.2"); got != "OK" {
			t.Fatalf("CONFIG SET bind 127.0.0.2: %q", got)
		}
		rebound := &daemon{t: t, addr: "127.0.0.2:" + newPort}
		if got := rebound.dial().do("PING"); got != "PONG" {
			t.Fatalf("PING at the new address: %q", got)
		}
		if got := admin.do("CONFIG SET bind nowhere"); got != "(error) ERR CONFIG SET failed (possibly related to argument 'bind') - Failed to bind to specified addresses." {
			t.Fatalf("CONFIG SET bind nowhere: %q", got)
		}
		if got := admin.do("CONFIG GET bind"); got != "1) bind" || admin.line() != "2) 127.0.0.2" {
			t.Fatalf("CONFIG GET bind after the refusal: %q", got)
		}
	})
}

// readBulk reads one RESP bulk string reply.
func readBulk(t *testing.T, c *client) string {
	t.Helper()
	head := c.line()
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(head, "$"), "\r"))
	if err != nil {
		t.Fatalf("want a bulk string, got %q", head)
	}
	buf := make([]byte, n+2)
	if _, err := io.ReadFull(c.r, buf); err != nil {
		t.Fatal(err)
	}
	return string(buf[:n])
}

// Hidden settings: this daemon's own start-time settings are answered by
// name, in any case, and left out of every pattern; the others are in
// CONFIG GET *.
func TestE2EConfigGetHidden(t *testing.T) {
	d := startDaemon(t)
	c := d.dial()
	c.send("CONFIG GET *\r\n")
	all := readArray(t, c)
	names := map[string]bool{}
	for i := 0; i+1 < len(all); i += 2 {
		names[all[i]] = true
	}
	for _, want := range []string{"port", "bind", "requirepass", "daemonize", "maxmemory"} {
		if !names[want] {
			t.Errorf("CONFIG GET * lacks %s", want)
		}
	}
	for _, hidden := range []string{"io", "workers", "log-level", "inline-replies"} {
		if names[hidden] {
			t.Errorf("CONFIG GET * shows the hidden %s", hidden)
		}
	}
	c.send("CONFIG GET IO work* maxmemory\r\n")
	if got := strings.Join(readArray(t, c), " "); got != "IO threads maxmemory 0" {
		t.Fatalf("CONFIG GET IO work* maxmemory: %q", got)
	}
}

// readArray reads one RESP array of bulk strings.
func readArray(t *testing.T, c *client) []string {
	t.Helper()
	head := c.line()
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(head, "*"), "\r"))
	if err != nil {
		t.Fatalf("want an array, got %q", head)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = readBulk(t, c)
	}
	return out
}

// maxmemory-clients, in both I/O models: a client whose unfinished
// request has grown its buffer past the limit is closed, the others are
// served, INFO counts it. (Which client goes first, and CLIENT NO-EVICT,
// are executor's TestEvictClientsLargestFirst.)
func TestE2EMaxMemoryClientsEvicts(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model, "--maxmemory-clients", "1mb")
		admin := d.dial()
		if got := admin.do("PING"); got != "PONG" {
			t.Fatal(got)
		}
		hog := d.dial()
		// Written aside, its error ignored: the server may close the
		// connection while the client is still writing (EPIPE).
		go io.WriteString(hog.conn, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$10000000\r\n"+strings.Repeat("x", 3<<20))
		// Closed with bytes unread, the socket may end with a reset
		// rather than an end of stream; either way nothing is read.
		if rest, err := io.ReadAll(hog.r); len(rest) > 0 || err != nil && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("the evicted client read %q (%v)", rest, err)
		}
		admin.send("INFO stats\r\n")
		if info := readBulk(t, admin); !strings.Contains(info, "evicted_clients:1\r\n") {
			t.Fatalf("INFO stats after one eviction:\n%s", info)
		}
		if got := d.dial().do("CONFIG GET maxmemory-clients"); got != "1) maxmemory-clients" {
			t.Fatalf("CONFIG GET maxmemory-clients: %q", got)
		}
	})
}
