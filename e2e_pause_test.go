package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// CLIENT PAUSE, over loopback in both I/O models: what it holds, when it
// ends, what it does not hold up, and the expiry it holds.

// TestClientPauseWrite: while paused for writes, a SET waits (it is held,
// not refused) and a GET does not; UNPAUSE releases the SET, in both I/O
// models.
func TestClientPauseWrite(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		admin, writer, reader := dialRESP(t, d.addr), dialRESP(t, d.addr), dialRESP(t, d.addr)
		checkReply(t, "PAUSE", admin.call("CLIENT", "PAUSE", "100000", "WRITE"), "+OK\r\n")
		writer.send("SET", "k", "v")
		writer.send("GET", "k") // behind the held SET: must not overtake it
		// Held, CLIENT LIST shows it blocked with the held SET as its
		// command, as Redis does.
		heldSet := regexp.MustCompile(` flags=b .* cmd=set `)
		waitUntil(t, "CLIENT LIST to show the SET held", func() bool {
			return heldSet.MatchString(reader.bulk("CLIENT", "LIST"))
		})
		checkReply(t, "GET during the pause", reader.call("GET", "k"), "$-1\r\n")
		checkReply(t, "UNPAUSE", admin.call("CLIENT", "UNPAUSE"), "+OK\r\n")
		checkReply(t, "the held SET", writer.reply(), "+OK\r\n")
		checkReply(t, "the GET behind it", writer.reply(), "$1\r\nv\r\n")
		checkReply(t, "GET after the pause", reader.call("GET", "k"), "$1\r\nv\r\n")
	})
}

// TestClientPauseAllEndsAtTimeout: PAUSE ALL holds even a PING, until the
// timeout; held requests then run in order.
func TestClientPauseAllEndsAtTimeout(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		admin, other := dialRESP(t, d.addr), dialRESP(t, d.addr)
		start := time.Now()
		checkReply(t, "PAUSE", admin.call("CLIENT", "PAUSE", "300", "ALL"), "+OK\r\n")
		other.send("PING")
		other.send("ECHO", "after")
		checkReply(t, "the held PING", other.reply(), "+PONG\r\n")
		if waited := time.Since(start); waited < 250*time.Millisecond {
			t.Fatalf("the PING was answered after %v, within a pause of 300ms", waited)
		}
		checkReply(t, "the ECHO behind it", other.reply(), "$5\r\nafter\r\n")
		checkReply(t, "the pausing client afterwards", admin.call("PING"), "+PONG\r\n")
	})
}

// TestClientPauseDoesNotHoldShutdownOrKill: a client held by a pause can
// be killed, and a pause does not hold up shutdown.
func TestClientPauseDoesNotHoldShutdownOrKill(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		admin, held, victim := dialRESP(t, d.addr), dialRESP(t, d.addr), dialRESP(t, d.addr)
		victimID := victim.clientInfo()["id"]
		checkReply(t, "PAUSE", admin.call("CLIENT", "PAUSE", "1000000", "WRITE"), "+OK\r\n")
		victim.send("SET", "k", "v")
		held.send("SET", "k", "v")
		waitUntil(t, "both SETs to be held", func() bool {
			return strings.Count(admin.bulk("CLIENT", "LIST"), "flags=b") == 2
		})
		checkReply(t, "KILL the held victim", admin.call("CLIENT", "KILL", "ID", victimID), ":1\r\n")
		victim.expectEOF()
		status, took := d.stop()
		if status != 0 || took > 5*time.Second {
			t.Fatalf("shutdown during a pause: status %d after %v", status, took)
		}
		held.expectEOF()
	})
}

// TestClientPauseHoldsExpiry: while a pause is in force, keys whose time
// is up read as absent but are not deleted, by the sweep or by the reads,
// so INFO's expired_keys stands still; the first reads after UNPAUSE
// delete them. The same steps run against redis-server, which must agree.
func TestClientPauseHoldsExpiry(t *testing.T) {
	scenario := func(t *testing.T, addr string) {
		admin, reader := dialRESP(t, addr), dialRESP(t, addr)
		expiredKeys := func() string {
			for _, line := range strings.Split(admin.bulk("INFO", "stats"), "\r\n") {
				if v, ok := strings.CutPrefix(line, "expired_keys:"); ok {
					return v
				}
			}
			t.Fatal("INFO stats has no expired_keys")
			return ""
		}
		before := expiredKeys()
		checkReply(t, "MULTI", admin.call("MULTI"), "+OK\r\n")
		admin.call("SET", "foo", "bar", "PX", "10")
		admin.call("SET", "bar", "foo", "PX", "10")
		admin.call("CLIENT", "PAUSE", "50000", "WRITE")
		checkReply(t, "EXEC", admin.call("EXEC"), "*3\r\n+OK\r\n+OK\r\n+OK\r\n")
		waitUntil(t, "both keys to read as expired", func() bool {
			return reader.call("GET", "foo") == "$-1\r\n" && reader.call("GET", "bar") == "$-1\r\n"
		})
		checkReply(t, "DBSIZE during the pause", reader.call("DBSIZE"), ":2\r\n")
		if after := expiredKeys(); after != before {
			t.Fatalf("expired_keys went from %s to %s during the pause", before, after)
		}
		checkReply(t, "UNPAUSE", admin.call("CLIENT", "UNPAUSE"), "+OK\r\n")
		checkReply(t, "GET foo after", reader.call("GET", "foo"), "$-1\r\n")
		checkReply(t, "GET bar after", reader.call("GET", "bar"), "$-1\r\n")
		checkReply(t, "DBSIZE after", reader.call("DBSIZE"), ":0\r\n")
		if after, want := expiredKeys(), fmt.Sprint(mustAtoi(t, before)+2); after != want {
			t.Fatalf("expired_keys after the pause: %s, want %s", after, want)
		}
	}
	t.Run("redis-server", func(t *testing.T) { scenario(t, startRedisServer(t)) })
	eachModel(t, func(t *testing.T, model string) {
		scenario(t, startDaemon(t, "--io", model).addr)
	})
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

// TestPausedPopsServedInArrivalOrder: eight clients send BLPOP one after
// the other while a pause of writes holds them; after UNPAUSE the pause
// releases them all at once, and one RPUSH of eight elements must still
// serve them in the order they sent, as redis-server does.
func TestPausedPopsServedInArrivalOrder(t *testing.T) {
	const clients = 8
	scenario := func(t *testing.T, addr string) string {
		admin := dialRESP(t, addr)
		heldPops := func() int {
			n := 0
			for _, line := range strings.Split(admin.bulk("CLIENT", "LIST"), "\n") {
				if strings.Contains(line, " flags=b ") && strings.Contains(line, " cmd=blpop ") {
					n++
				}
			}
			return n
		}
		checkReply(t, "PAUSE", admin.call("CLIENT", "PAUSE", "100000", "WRITE"), "+OK\r\n")
		var pops []*respConn
		for i := range clients {
			c := dialRESP(t, addr)
			c.send("BLPOP", "k", "0")
			waitUntil(t, fmt.Sprintf("%d held clients", i+1), func() bool { return blockedClients(t, admin) == i+1 })
			pops = append(pops, c)
		}
		checkReply(t, "UNPAUSE", admin.call("CLIENT", "UNPAUSE"), "+OK\r\n")
		waitUntil(t, "every pop to block on k", func() bool { return heldPops() == clients })
		push := []string{"RPUSH", "k"}
		for i := range clients {
			push = append(push, strconv.Itoa(i+1))
		}
		checkReply(t, "RPUSH", admin.call(push...), fmt.Sprintf(":%d\r\n", clients))
		var got []string
		for _, c := range pops {
			got = append(got, c.reply())
		}
		return strings.Join(got, "")
	}
	want := scenario(t, startRedisServer(t))
	eachModel(t, func(t *testing.T, model string) {
		if got := scenario(t, startDaemon(t, "--io", model).addr); got != want {
			t.Errorf("redis-lite served\n%q\nredis-server\n%q", got, want)
		}
	})
}

// TestDebugReloadDuringPause: DEBUG RELOAD is no write, so a pause of
// writes lets it run, and the loader's own writes are never held, as
// Redis's are not: the data set is back whole at once, not after the
// pause (it was lost before, its writes held for ever).
func TestDebugReloadDuringPause(t *testing.T) {
	script := func(t *testing.T, addr string) string {
		c := dialRESP(t, addr)
		var out strings.Builder
		for _, req := range [][]string{
			{"FLUSHALL"}, {"SET", "k", "v"}, {"RPUSH", "l", "a", "b"}, {"CLIENT", "PAUSE", "100000", "WRITE"},
			{"DEBUG", "RELOAD"}, {"GET", "k"}, {"LRANGE", "l", "0", "-1"}, {"CLIENT", "UNPAUSE"}, {"GET", "k"},
		} {
			out.WriteString(c.call(req...))
		}
		return out.String()
	}
	want := script(t, startRedisServer(t, "--dir", t.TempDir(), "--enable-debug-command", "yes"))
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model, "--enable-debug-command", "yes", "--dir", t.TempDir())
		checkReply(t, "DEBUG RELOAD during a pause", script(t, lite.addr), want)
	})
}

// TestHeldWriteRunsBeforeALaterOne: a write held by a pause runs before
// a write another client sends after UNPAUSE, as in Redis, round after
// round; also when a second pause replaced the first while it was held.
// (A worker's held request once lost its place on waking, before it ran.)
func TestHeldWriteRunsBeforeALaterOne(t *testing.T) {
	const rounds = 50
	scenario := func(t *testing.T, addr string) string {
		admin, held, later := dialRESP(t, addr), dialRESP(t, addr), dialRESP(t, addr)
		var out strings.Builder
		for n := range rounds {
			admin.call("DEL", "L")
			checkReply(t, "PAUSE", admin.call("CLIENT", "PAUSE", "100000", "WRITE"), "+OK\r\n")
			held.send("RPUSH", "L", "held")
			waitUntil(t, "the RPUSH to be held", func() bool { return blockedClients(t, admin) == 1 })
			if n%2 == 1 { // replaced while it is held
				checkReply(t, "PAUSE again", admin.call("CLIENT", "PAUSE", "100000", "WRITE"), "+OK\r\n")
			}
			checkReply(t, "UNPAUSE", admin.call("CLIENT", "UNPAUSE"), "+OK\r\n")
			later.call("RPUSH", "L", "later")
			held.reply()
			fmt.Fprintf(&out, "round %d: %q\n", n, admin.call("LRANGE", "L", "0", "-1"))
		}
		return out.String()
	}
	want := scenario(t, startRedisServer(t))
	eachModel(t, func(t *testing.T, model string) {
		checkReply(t, "each round's list", scenario(t, startDaemon(t, "--io", model).addr), want)
	})
}
