package main

import (
	"bufio"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// respConn is a raw RESP connection for tests that read one reply at a
// time and look at the bytes.
type respConn struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
}

func dialRESP(t *testing.T, addr string) *respConn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(2 * time.Minute))
	t.Cleanup(func() { c.Close() })
	return &respConn{t: t, conn: c, r: bufio.NewReader(c)}
}

// send writes one request without reading its reply.
func (c *respConn) send(args ...string) {
	c.t.Helper()
	if _, err := io.WriteString(c.conn, respRequest(args...)); err != nil {
		c.t.Fatal(err)
	}
}

// call sends one request and returns its reply's bytes.
func (c *respConn) call(args ...string) string {
	c.t.Helper()
	c.send(args...)
	return c.reply()
}

// roundTrip writes one encoded request and returns its reply's bytes.
// Unlike call it may run on another goroutine than the test's, so it
// reports a failure in the reply ("!" and the error) instead of failing
// the test.
func (c *respConn) roundTrip(req string) string {
	if _, err := io.WriteString(c.conn, req); err != nil {
		return "!" + err.Error()
	}
	v, err := readValue(c.r)
	if err != nil {
		return "!" + err.Error()
	}
	return v.encode()
}

// reply reads one whole RESP2 reply and returns its bytes.
func (c *respConn) reply() string {
	c.t.Helper()
	v, err := readValue(c.r)
	if err != nil {
		c.t.Fatalf("reading a reply: %v (got %q)", err, v.encode())
	}
	return v.encode()
}

// bulk reads a bulk string reply and returns its content.
func (c *respConn) bulk(args ...string) string {
	c.t.Helper()
	r := c.call(args...)
	header, body, ok := strings.Cut(r, "\r\n")
	if !ok || !strings.HasPrefix(header, "$") {
		c.t.Fatalf("%v: want a bulk string, got %q", args, r)
	}
	return strings.TrimSuffix(body, "\r\n")
}

// expectEOF waits, with a deadline, for the server to close c.
func (c *respConn) expectEOF() {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	rest, err := io.ReadAll(c.r)
	if err != nil {
		c.t.Fatalf("want the server to close the connection, got %v after %q", err, rest)
	}
}

// clientConversations are CLIENT's and the containers' HELP and error
// texts, and CLIENT REPLY, byte for byte as Redis 7.0.15 answers them.
var clientConversations = []conversation{
	{"HELP texts", false, [][]string{
		{"CLIENT", "HELP"}, {"client", "help"}, {"PUBSUB", "HELP"}, {"CONFIG", "HELP"},
		{"CLIENT", "HELP", "x"},
	}},
	{"CLIENT errors", false, [][]string{
		{"CLIENT", "FOO"}, {"CLIENT", "MAINT_NOTIFICATIONS", "on", "moving-endpoint-type", "internal-ip"},
		{"CLIENT"}, {"CLIENT", "KILL"}, {"CLIENT", "KILL", "1.2.3.4:5"}, {"CLIENT", "KILL", "ID", "99999"},
		{"CLIENT", "KILL", "ID", "0"}, {"CLIENT", "KILL", "ID", "x"}, {"CLIENT", "KILL", "ID"},
		{"CLIENT", "KILL", "TYPE", "foo"}, {"CLIENT", "KILL", "TYPE", "master"}, {"CLIENT", "KILL", "TYPE", "replica"},
		{"CLIENT", "KILL", "USER", "nosuch"}, {"CLIENT", "KILL", "SKIPME", "maybe"}, {"CLIENT", "KILL", "FOO", "bar"},
		{"CLIENT", "KILL", "ADDR", "1.2.3.4:5", "LADDR", "1.2.3.4:6"},
		{"CLIENT", "LIST", "TYPE", "foo"}, {"CLIENT", "LIST", "ID", "abc"}, {"CLIENT", "LIST", "foo"},
		{"CLIENT", "LIST", "ID", "99999"}, {"CLIENT", "LIST", "TYPE", "master"}, {"CLIENT", "LIST", "TYPE", "pubsub"},
		{"CLIENT", "PAUSE"}, {"CLIENT", "PAUSE", "abc"}, {"CLIENT", "PAUSE", "-1"}, {"CLIENT", "PAUSE", "10", "foo"},
		{"CLIENT", "PAUSE", "10", "write", "x"}, {"CLIENT", "UNPAUSE", "x"},
		{"CLIENT", "REPLY", "foo"}, {"CLIENT", "NO-EVICT", "foo"}, {"CLIENT", "NO-EVICT", "on"}, {"CLIENT", "NO-EVICT", "OFF"},
		{"CLIENT", "UNBLOCK", "x"}, {"CLIENT", "UNBLOCK", "1", "foo"}, {"CLIENT", "UNBLOCK", "99999"},
		{"CLIENT", "UNBLOCK", "99999", "ERROR"}, {"CLIENT", "UNBLOCK", "1", "timeout", "x"},
		{"CLIENT", "SETNAME", "a b"}, {"CLIENT", "SETNAME", "ok"}, {"CLIENT", "GETNAME"},
		{"PUBSUB", "FOO"}, {"CONFIG", "FOO"}, {"PING"},
	}},
	{"CLIENT REPLY", false, [][]string{
		{"CLIENT", "REPLY", "OFF"}, {"PING"}, {"GET", "nosuch"}, {"CLIENT", "REPLY", "SKIP"}, {"PING"},
		{"CLIENT", "REPLY", "ON"}, {"PING"},
		{"CLIENT", "REPLY", "SKIP"}, {"ECHO", "skipped"}, {"ECHO", "seen"},
		{"CLIENT", "REPLY", "SKIP"}, {"CLIENT", "REPLY", "SKIP"}, {"ECHO", "skipped"}, {"ECHO", "seen"},
		{"CLIENT", "REPLY", "SKIP"}, {"NOSUCH"}, {"CLIENT", "REPLY", "OFF"}, {"CLIENT", "REPLY", "ON"},
	}},
	{"a pause of 0 holds nothing", false, [][]string{
		{"CLIENT", "PAUSE", "0"}, {"PING"}, {"CLIENT", "PAUSE", "0", "WRITE"}, {"SET", "k", "v"}, {"DEL", "k"},
		{"CLIENT", "UNPAUSE"},
	}},
}

// TestClientRepliesMatchRedis holds CLIENT's texts up against a real
// redis-server, byte for byte.
func TestClientRepliesMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	lite := startDaemon(t).addr
	for _, cv := range clientConversations {
		t.Run(cv.name, func(t *testing.T) {
			if got, want := converse(t, lite, cv), converse(t, redis, cv); got != want {
				t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
			}
		})
	}
}

// TestDebugHelpMatchesRedis: DEBUG HELP (the DEBUG errors name it) is
// Redis's text, where DEBUG is enabled.
func TestDebugHelpMatchesRedis(t *testing.T) {
	redis := startRedisServer(t, "--enable-debug-command", "yes")
	lite := startDaemon(t, "--enable-debug-command", "yes").addr
	cv := conversation{"DEBUG HELP", false, [][]string{{"DEBUG", "HELP"}, {"debug", "help", "x"}, {"DEBUG", "FOO"}}}
	if got, want := converse(t, lite, cv), converse(t, redis, cv); got != want {
		t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
	}
}

// clientFields parses one CLIENT LIST line into its names, in order, and
// values.
func clientFields(t *testing.T, line string) ([]string, map[string]string) {
	t.Helper()
	var names []string
	values := map[string]string{}
	for _, f := range strings.Split(line, " ") {
		name, value, ok := strings.Cut(f, "=")
		if !ok {
			t.Fatalf("field %q in %q has no '='", f, line)
		}
		names = append(names, name)
		values[name] = value
	}
	return names, values
}

// shape is what a CLIENT LIST value looks like, for comparing two servers
// whose values differ: a count, an address, or the value itself where it
// does not depend on the server (flags, command, user, ...).
func shape(name, value string) string {
	switch {
	case regexp.MustCompile(`^127\.0\.0\.1:\d+$`).MatchString(value):
		return "addr"
	case name == "id" || name == "fd" || name == "age" || name == "idle" || strings.HasPrefix(name, "qbuf") ||
		strings.HasSuffix(name, "mem") || name == "rbs" || name == "rbp":
		if n, err := strconv.Atoi(value); err != nil || n < 0 {
			return "bad count " + value
		}
		return "count"
	}
	return value
}

// TestClientListFieldsMatchRedis compares CLIENT LIST and CLIENT INFO with
// redis-server's: the same fields in the same order, values of the same
// shape, and the same values where they do not depend on the server.
func TestClientListFieldsMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	refLines := clientLines(t, redis)
	eachModel(t, func(t *testing.T, model string) {
		lines := clientLines(t, startDaemon(t, "--io", model).addr)
		if len(lines) != len(refLines) {
			t.Fatalf("got %d lines, redis-server %d:\n%q\n%q", len(lines), len(refLines), lines, refLines)
		}
		for i := range lines {
			names, values := clientFields(t, lines[i])
			refNames, refValues := clientFields(t, refLines[i])
			if strings.Join(names, " ") != strings.Join(refNames, " ") {
				t.Fatalf("fields:\n%s\nredis-server's:\n%s", strings.Join(names, " "), strings.Join(refNames, " "))
			}
			for _, name := range names {
				if got, want := shape(name, values[name]), shape(name, refValues[name]); got != want {
					t.Errorf("line %d, %s=%s: shape %q, redis-server's %s=%s: %q", i, name, values[name], got, name, refValues[name], want)
				}
			}
		}
	})
}

// clientLines are the CLIENT LIST lines of three clients, one named and
// one subscribed, as the named one sees them, then its CLIENT INFO line,
// then the lines CLIENT LIST TYPE pubsub and ID give.
func clientLines(t *testing.T, addr string) []string {
	t.Helper()
	// Each connection makes a round trip before the next is dialled, so
	// that the ids, and with them the lines' order, follow the dialling
	// order on both servers: a worker pool may start the sessions of
	// connections accepted together in either order.
	named := dialRESP(t, addr)
	named.call("PING")
	sub := dialRESP(t, addr)
	sub.call("PING")
	plain := dialRESP(t, addr)
	plain.call("PING")
	sub.call("SUBSCRIBE", "a", "b")
	sub.reply()
	sub.call("PSUBSCRIBE", "p*")
	named.call("CLIENT", "SETNAME", "tester")
	id := strings.TrimSpace(strings.TrimPrefix(named.call("CLIENT", "ID"), ":"))
	var lines []string
	for _, out := range []string{
		named.bulk("CLIENT", "LIST"), named.bulk("CLIENT", "INFO"),
		named.bulk("CLIENT", "LIST", "TYPE", "pubsub"), named.bulk("CLIENT", "LIST", "ID", id, id),
	} {
		if !strings.HasSuffix(out, "\n") {
			t.Fatalf("CLIENT LIST's text must end in a newline: %q", out)
		}
		lines = append(lines, strings.Split(strings.TrimSuffix(out, "\n"), "\n")...)
	}
	return lines
}

// clientInfo is a connection's CLIENT INFO fields.
func (c *respConn) clientInfo() map[string]string {
	c.t.Helper()
	_, values := clientFields(c.t, strings.TrimSuffix(c.bulk("CLIENT", "INFO"), "\n"))
	return values
}

// TestClientKillEachFilter kills a victim connection by each filter of
// CLIENT KILL, in both I/O models: the killer gets the count (or OK for
// the old form), the victim is closed at once, and the killer stays.
func TestClientKillEachFilter(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		filters := []struct {
			name string
			args func(victim map[string]string) []string
			want string
		}{
			{"old form", func(v map[string]string) []string { return []string{v["addr"]} }, "+OK\r\n"},
			{"ID", func(v map[string]string) []string { return []string{"ID", v["id"]} }, ":1\r\n"},
			{"ADDR", func(v map[string]string) []string { return []string{"ADDR", v["addr"]} }, ":1\r\n"},
			{"LADDR", func(v map[string]string) []string { return []string{"LADDR", v["laddr"]} }, ":1\r\n"},
			{"USER", func(map[string]string) []string { return []string{"USER", "default"} }, ":1\r\n"},
			{"TYPE normal", func(map[string]string) []string { return []string{"TYPE", "normal"} }, ":1\r\n"},
			{"MAXAGE", func(map[string]string) []string { return []string{"MAXAGE", "100000"} }, ":0\r\n"},
		}
		for _, f := range filters {
			t.Run(f.name, func(t *testing.T) {
				killer, victim := dialRESP(t, d.addr), dialRESP(t, d.addr)
				// The connections of the filter before may still be
				// closing: a client learns nothing of the server's side of
				// its close, and a filter such as USER would count them.
				waitUntil(t, "earlier connections to leave", func() bool {
					return strings.Count(killer.bulk("CLIENT", "LIST"), "\n") == 2
				})
				args := append([]string{"CLIENT", "KILL"}, f.args(victim.clientInfo())...)
				if got := killer.call(args...); got != f.want {
					t.Fatalf("%v: got %q, want %q", args, got, f.want)
				}
				if f.want == ":0\r\n" {
					checkReply(t, "the victim of nothing", victim.call("PING"), "+PONG\r\n")
					victim.conn.Close()
					return
				}
				victim.expectEOF()
				checkReply(t, "the killer afterwards", killer.call("PING"), "+PONG\r\n")
				if list := killer.bulk("CLIENT", "LIST"); strings.Count(list, "\n") != 1 {
					t.Fatalf("after the kill, CLIENT LIST shows:\n%s", list)
				}
				killer.conn.Close()
			})
		}
	})
}

// TestClientKillSubscriberAndSelf: TYPE pubsub kills a subscriber (whose
// output goes through its pub/sub sender), and a client that kills itself
// gets its reply before the connection closes.
func TestClientKillSubscriberAndSelf(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		killer, sub := dialRESP(t, d.addr), dialRESP(t, d.addr)
		sub.call("SUBSCRIBE", "ch")
		checkReply(t, "KILL TYPE pubsub", killer.call("CLIENT", "KILL", "TYPE", "pubsub"), ":1\r\n")
		sub.expectEOF()
		checkReply(t, "PUBLISH after the kill", killer.call("PUBLISH", "ch", "x"), ":0\r\n")

		id := killer.clientInfo()["id"]
		checkReply(t, "KILL SKIPME yes", killer.call("CLIENT", "KILL", "ID", id), ":0\r\n")
		checkReply(t, "KILL SKIPME no", killer.call("CLIENT", "KILL", "ID", id, "SKIPME", "no"), ":1\r\n")
		killer.expectEOF()
	})
}
