package main

import (
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// resp3Conversations are RESP3 conversations whose every byte must match
// redis-server 7.0.15's, but for the client ids HELLO reports.
var resp3Conversations = []conversation{
	{"HELLO 3, the null and map replies, HELLO 2 back", false, [][]string{
		{"FLUSHALL"}, {"HELLO", "3"}, {"GET", "k"}, {"SET", "k", "v"}, {"GET", "k"}, {"MGET", "k", "nosuch", "k"},
		{"GETDEL", "nosuch"}, {"GETEX", "nosuch"}, {"SET", "k", "v2", "GET"}, {"SET", "new", "v", "GET"},
		{"DEL", "new"}, {"RANDOMKEY"}, {"DEL", "k"}, {"RANDOMKEY"}, {"CLIENT", "GETNAME"},
		{"TTL", "nosuch"}, {"PTTL", "nosuch"}, {"EXISTS", "k"}, {"TYPE", "k"}, {"SCAN", "0"}, {"KEYS", "*"},
		{"INCR", "n"}, {"DBSIZE"}, {"ECHO", "x"}, {"PING"}, {"PING", "hi"},
		{"CONFIG", "GET", "save"}, {"CONFIG", "GET", "nosuch"},
		{"PUBSUB", "NUMSUB", "a", "b"}, {"PUBSUB", "CHANNELS"}, {"PUBSUB", "NUMPAT"},
		{"COMMAND", "INFO", "nosuch"}, {"HELLO"},
		{"HELLO", "2"}, {"GET", "nosuch"}, {"CONFIG", "GET", "save"}, {"HELLO"},
	}},
	{"HELLO's errors", false, [][]string{
		{"HELLO", "4"}, {"HELLO", "1"}, {"HELLO", "-1"}, {"HELLO", "abc"}, {"HELLO", "3.0"},
		{"HELLO", "99999999999999999999"}, {"HELLO", "3", "FOO"}, {"HELLO", "3", "AUTH", "default"},
		{"HELLO", "3", "SETNAME", "a b"}, {"GET", "k"}, {"HELLO", "3", "SETNAME", "ok"}, {"CLIENT", "GETNAME"},
		{"HELLO", "2", "SETNAME", "x", "BAR"}, {"CLIENT", "GETNAME"}, {"GET", "k"},
		{"HELLO", "3", "AUTH", "default", "wrong"}, {"GET", "k"},
	}},
	{"HELLO 3 with a password", true, [][]string{
		{"HELLO", "3"}, {"GET", "k"}, {"HELLO", "3", "AUTH", "default", "wrong"},
		{"HELLO", "3", "AUTH", "default", "pw"}, {"GET", "k"}, {"RESET"}, {"AUTH", "pw"}, {"GET", "k"},
	}},
	{"INFO and DEBUG PROTOCOL, each type in RESP3 and RESP2", false, append(append(
		[][]string{{"FLUSHALL"}, {"HELLO", "3"}, {"INFO", "keyspace"}}, debugProtocolRequests()...),
		append([][]string{{"HELLO", "2"}, {"INFO", "keyspace"}}, debugProtocolRequests()...)...)},
	{"a RESP3 subscriber runs any command and hears itself", false, [][]string{
		{"HELLO", "3"}, {"SUBSCRIBE", "a", "b"}, {"PSUBSCRIBE", "a*"}, {"SET", "k", "v"}, {"GET", "k"},
		{"PING"}, {"PING", "x"}, {"PUBLISH", "a", "me"}, {"PUBSUB", "NUMSUB", "a"},
		{"UNSUBSCRIBE", "a"}, {"PUNSUBSCRIBE"}, {"UNSUBSCRIBE", "b"}, {"UNSUBSCRIBE"}, {"PUNSUBSCRIBE"},
		{"SUBSCRIBE", "c"}, {"HELLO", "2"}, {"GET", "k"}, {"PING"}, {"HELLO", "3"}, {"RESET"}, {"GET", "k"},
	}},
}

func debugProtocolRequests() [][]string {
	var reqs [][]string
	for _, kind := range []string{"string", "integer", "double", "bignum", "null", "array", "set", "map",
		"attrib", "push", "verbatim", "true", "false", "nope"} {
		reqs = append(reqs, []string{"DEBUG", "PROTOCOL", kind})
	}
	return reqs
}

// helloID is the client id in a HELLO reply, which differs between servers.
var helloID = regexp.MustCompile(`\$2\r\nid\r\n:[0-9]+\r\n`)

func withoutIDs(s string) string { return helloID.ReplaceAllString(s, "$$2\r\nid\r\n:ID\r\n") }

// TestRESP3MatchesRedis holds the conversations up against redis-server,
// byte for byte, in both I/O models.
func TestRESP3MatchesRedis(t *testing.T) {
	redis := startRedisServer(t, "--enable-debug-command", "yes")
	redisPW := startRedisServer(t, "--requirepass", "pw")
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model, "--enable-debug-command", "yes").addr
		litePW := startDaemon(t, "--io", model, "--requirepass", "pw").addr
		for _, cv := range resp3Conversations {
			ref, ours := redis, lite
			if cv.password {
				ref, ours = redisPW, litePW
			}
			got, want := withoutIDs(converse(t, ours, cv)), withoutIDs(converse(t, ref, cv))
			if got != want {
				t.Errorf("%s: redis-lite answered\n%q\nredis-server answered\n%q", cv.name, got, want)
			}
		}
		// Inline \r\n lines are answered in the connection's protocol.
		const inline = "HELLO 3\r\nGET nosuch\r\nCONFIG GET save\r\nHELLO 2\r\nGET nosuch\r\nQUIT\r\n"
		if got, want := withoutIDs(mustExchange(t, lite, inline)), withoutIDs(mustExchange(t, redis, inline)); got != want {
			t.Errorf("inline lines: redis-lite answered\n%q\nredis-server answered\n%q", got, want)
		}
	})
}

// TestRESP3PubSubMatchesRedis: one subscriber, in RESP3 and then RESP2,
// hears messages published by another connection; everything it receives
// must be redis-server's bytes.
func TestRESP3PubSubMatchesRedis(t *testing.T) {
	redis := startRedisServer(t)
	want := pubSubTranscript(t, redis)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		if got := pubSubTranscript(t, lite); got != want {
			t.Errorf("redis-lite's subscriber received\n%q\nredis-server's\n%q", got, want)
		}
	})
}

// pubSubTranscript runs the subscriber's side of TestRESP3PubSubMatchesRedis
// against addr, publishing from other connections between its steps, and
// returns what the subscriber and the publishers received.
func pubSubTranscript(t *testing.T, addr string) string {
	t.Helper()
	sub := dialRaw(t, addr)
	var publishers strings.Builder
	publish := func(channel, message string) {
		publishers.WriteString(mustExchange(t, addr, respRequest("PUBLISH", channel, message)+respRequest("QUIT")))
	}
	sub.send(respRequest("HELLO", "3") + respRequest("SUBSCRIBE", "news") + respRequest("PSUBSCRIBE", "n*"))
	sub.waitFor("$10\r\npsubscribe\r\n$2\r\nn*\r\n:2\r\n")
	publish("news", "one")
	publish("nothing", "two")
	sub.send(respRequest("GET", "k"))
	sub.waitFor("_\r\n")
	sub.send(respRequest("HELLO", "2"))
	sub.waitFor("$7\r\nmodules\r\n*0\r\n")
	publish("news", "three")
	sub.send(respRequest("QUIT"))
	return withoutIDs(sub.untilClosed()) + "publishers: " + publishers.String()
}

// rawConn is a connection whose received bytes are collected in the
// background, so that a test can wait for some to arrive.
type rawConn struct {
	t    *testing.T
	conn net.Conn
	mu   sync.Mutex
	got  strings.Builder
	seen int // how much of got waitFor has passed
	done chan struct{}
}

func dialRaw(t *testing.T, addr string) *rawConn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(30 * time.Second))
	rc := &rawConn{t: t, conn: c, done: make(chan struct{})}
	t.Cleanup(func() { c.Close(); <-rc.done })
	go func() {
		defer close(rc.done)
		buf := make([]byte, 4096)
		for {
			n, err := c.Read(buf)
			rc.mu.Lock()
			rc.got.Write(buf[:n])
			rc.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return rc
}

func (rc *rawConn) send(s string) {
	rc.t.Helper()
	if _, err := rc.conn.Write([]byte(s)); err != nil {
		rc.t.Fatal(err)
	}
}

func (rc *rawConn) received() string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.got.String()
}

// waitFor waits until want arrives, after what earlier calls waited for.
func (rc *rawConn) waitFor(want string) {
	rc.t.Helper()
	waitUntil(rc.t, "a reply with "+strings.TrimSpace(want), func() bool {
		got := rc.received()
		if i := strings.Index(got[rc.seen:], want); i >= 0 {
			rc.seen += i + len(want)
			return true
		}
		return false
	})
}

// untilClosed waits for the server to close the connection and returns
// everything received.
func (rc *rawConn) untilClosed() string {
	rc.t.Helper()
	select {
	case <-rc.done:
	case <-time.After(30 * time.Second):
		rc.t.Fatalf("the server did not close the connection; received %q", rc.received())
	}
	return rc.received()
}
