package main

import (
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// blockedClients reads INFO's blocked_clients.
func blockedClients(t *testing.T, c *respConn) int {
	t.Helper()
	info := c.bulk("INFO", "clients")
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, "blocked_clients:"); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatalf("blocked_clients: %q", v)
			}
			return n
		}
	}
	t.Fatalf("INFO clients has no blocked_clients: %q", info)
	return 0
}

// waitBlocked waits until n clients are blocked.
func waitBlocked(t *testing.T, c *respConn, n int) {
	t.Helper()
	waitUntil(t, fmt.Sprintf("%d blocked clients", n), func() bool { return blockedClients(t, c) == n })
}

// blockingScenario is one client that blocks and what another does to
// release it; the blocked client's replies, and the other's, must be
// Redis's.
type blockingScenario struct {
	name    string
	setup   [][]string // on the other connection, before
	blocked [][]string // the blocked client's requests: the first blocks, the rest wait behind it
	release [][]string // on the other connection, once it is blocked
	after   [][]string // on the other connection, once the blocked client has its replies
}

var blockingScenarios = []blockingScenario{
	{"BLPOP woken by RPUSH", [][]string{{"DEL", "a", "b"}},
		[][]string{{"BLPOP", "a", "b", "0"}, {"PING"}},
		[][]string{{"RPUSH", "b", "x", "y"}}, [][]string{{"LRANGE", "b", "0", "-1"}}},
	{"BRPOP woken by a transaction", [][]string{{"DEL", "a"}},
		[][]string{{"BRPOP", "a", "0"}},
		[][]string{{"MULTI"}, {"LPUSH", "a", "1"}, {"LPUSH", "a", "2"}, {"LPUSH", "a", "3"}, {"EXEC"}},
		[][]string{{"LRANGE", "a", "0", "-1"}}},
	{"a transaction that pushes and pops again wakes nobody", [][]string{{"DEL", "a"}},
		[][]string{{"BLPOP", "a", "0.3"}},
		[][]string{{"MULTI"}, {"LPUSH", "a", "1"}, {"LPOP", "a"}, {"EXEC"}}, nil},
	{"BLMOVE woken by LMOVE, then chained", [][]string{{"DEL", "a", "b", "c"}, {"RPUSH", "c", "z"}},
		[][]string{{"BLMOVE", "a", "b", "RIGHT", "LEFT", "0"}},
		[][]string{{"LMOVE", "c", "a", "LEFT", "LEFT"}}, [][]string{{"LRANGE", "b", "0", "-1"}, {"EXISTS", "a", "c"}}},
	{"BLMPOP with COUNT", [][]string{{"DEL", "a"}},
		[][]string{{"BLMPOP", "0", "1", "a", "RIGHT", "COUNT", "2"}},
		[][]string{{"RPUSH", "a", "1", "2", "3"}}, [][]string{{"LRANGE", "a", "0", "-1"}}},
	{"BLMOVE into a key of the wrong type", [][]string{{"DEL", "a"}, {"SET", "s", "x"}},
		[][]string{{"BLMOVE", "a", "s", "LEFT", "LEFT", "0"}},
		[][]string{{"RPUSH", "a", "1"}}, [][]string{{"LRANGE", "a", "0", "-1"}}},
	{"a timeout", [][]string{{"DEL", "a"}},
		[][]string{{"BLPOP", "a", "0.05"}, {"PING"}}, nil, nil},
	{"BLPOP woken by RENAME", [][]string{{"DEL", "a", "r"}, {"RPUSH", "r", "v"}},
		[][]string{{"BLPOP", "a", "0"}},
		[][]string{{"RENAME", "r", "a"}}, [][]string{{"EXISTS", "a"}}},
}

// TestBlockingPopsMatchRedis runs each scenario against redis-server and
// the daemon in both I/O models: the blocked client's bytes and the other
// client's must be the same.
func TestBlockingPopsMatchRedis(t *testing.T) { compareBlocking(t, blockingScenarios) }

// compareBlocking runs each scenario against redis-server, then against
// the daemon in each I/O model, and reports every one that differs
// (HELLO's client id aside).
func compareBlocking(t *testing.T, scenarios []blockingScenario) {
	t.Helper()
	redis := startRedisServer(t)
	want := make([]string, len(scenarios))
	for i, sc := range scenarios {
		want[i] = withoutIDs(runBlocking(t, redis, sc))
	}
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for i, sc := range scenarios {
			if got := withoutIDs(runBlocking(t, lite, sc)); got != want[i] {
				t.Errorf("%s: redis-lite\n%q\nredis-server\n%q", sc.name, got, want[i])
			}
		}
	})
}

func runBlocking(t *testing.T, addr string, sc blockingScenario) string {
	t.Helper()
	other, blocked := dialRESP(t, addr), dialRESP(t, addr)
	var out strings.Builder
	for _, req := range sc.setup {
		out.WriteString(other.call(req...))
	}
	for _, req := range sc.blocked {
		blocked.send(req...)
	}
	if sc.release != nil {
		waitBlocked(t, other, 1)
	}
	for _, req := range sc.release {
		out.WriteString(other.call(req...))
	}
	out.WriteString("| ")
	for range sc.blocked {
		out.WriteString(blocked.reply())
	}
	out.WriteString("| ")
	for _, req := range sc.after {
		out.WriteString(other.call(req...))
	}
	waitBlocked(t, other, 0)
	return out.String()
}

// TestBlockedServedInArrivalOrder: two clients block on one key, the
// first behind a DEBUG SLEEP in the same write, so that the second's
// BLPOP runs first wherever two connections' commands run at once (two
// workers, two event loops). Redis runs commands one at a time, in the
// order they arrived: the first client to send is served first, and so
// it must be here, in both I/O models.
func TestBlockedServedInArrivalOrder(t *testing.T) {
	run := func(addr string) string {
		admin, first, second := dialRESP(t, addr), dialRESP(t, addr), dialRESP(t, addr)
		admin.call("DEL", "q")
		if _, err := io.WriteString(first.conn, respRequest("DEBUG", "SLEEP", "0.3")+respRequest("BLPOP", "q", "0")); err != nil {
			t.Fatal(err)
		}
		second.send("BLPOP", "q", "0")
		waitBlocked(t, admin, 2)
		admin.call("RPUSH", "q", "one")
		waitBlocked(t, admin, 1)
		admin.call("RPUSH", "q", "two")
		return "first: " + first.reply() + first.reply() + " second: " + second.reply()
	}
	want := run(startRedisServer(t, "--enable-debug-command", "yes"))
	eachModel(t, func(t *testing.T, model string) {
		addr := startDaemon(t, "--io", model, "--enable-debug-command", "yes").addr
		checkReply(t, "who was served", run(addr), want)
	})
}

// TestClientUnblock: CLIENT UNBLOCK ends a wait with the timeout's reply
// or with -UNBLOCKED, and answers 0 for a client that does not wait.
func TestClientUnblock(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		addr := startDaemon(t, "--io", model).addr
		admin, blocked := dialRESP(t, addr), dialRESP(t, addr)
		id := strings.TrimSuffix(strings.TrimPrefix(blocked.call("CLIENT", "ID"), ":"), "\r\n")
		checkReply(t, "UNBLOCK of a client not blocked", admin.call("CLIENT", "UNBLOCK", id), ":0\r\n")
		for _, c := range []struct{ reason, reply string }{
			{"TIMEOUT", "*-1\r\n"},
			{"ERROR", "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n"},
		} {
			blocked.send("BLPOP", "k", "0")
			waitBlocked(t, admin, 1)
			checkReply(t, "UNBLOCK "+c.reason, admin.call("CLIENT", "UNBLOCK", id, c.reason), ":1\r\n")
			checkReply(t, "the blocked client's reply", blocked.reply(), c.reply)
			waitBlocked(t, admin, 0)
		}
		checkReply(t, "the connection still works", blocked.call("PING"), "+PONG\r\n")
	})
}

// TestManyBlockedClientsWokenOnce blocks many clients on one key (200
// in the worker model, whose blocked clients each hold one of its 256
// workers; 1,000 in the event loop) and pushes as many elements: each
// client gets exactly one element, all of them different, in the order
// the clients blocked, and nothing more.
func TestManyBlockedClientsWokenOnce(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		clients := 200
		if model == "epoll" {
			clients = 1000
			// Both ends of every connection are in this process.
			var lim unix.Rlimit
			if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil || lim.Cur < 2*uint64(clients)+200 {
				t.Fatalf("this test needs %d file descriptors; the limit is %d (%v)", 2*clients+200, lim.Cur, err)
			}
		}
		addr := startDaemon(t, "--io", model, "--maxclients", "2000").addr
		admin := dialRESP(t, addr)
		conns := make([]*respConn, clients)
		for i := range conns {
			conns[i] = dialRESP(t, addr)
			conns[i].call("PING") // connected and served once
		}
		before := runtime.NumGoroutine()
		for i, c := range conns {
			c.send("BLPOP", "q", "0")
			// One at a time, so the order they block in is known.
			waitBlocked(t, admin, i+1)
		}
		// The daemon runs in this process: in an event loop a blocked
		// client is an entry in the wait list, not a goroutine.
		if grown := runtime.NumGoroutine() - before; model == "epoll" && grown >= clients/2 {
			t.Errorf("%d goroutines more for %d blocked clients", grown, clients)
		}
		push := []string{"RPUSH", "q"}
		for i := 0; i < clients; i++ {
			push = append(push, strconv.Itoa(i))
		}
		checkReply(t, "RPUSH", admin.call(push...), fmt.Sprintf(":%d\r\n", clients))
		var wg sync.WaitGroup
		got := make([]string, clients)
		for i, c := range conns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i] = c.roundTrip("") + c.roundTrip(respRequest("PING"))
			}()
		}
		wg.Wait()
		for i, g := range got {
			v := strconv.Itoa(i)
			want := fmt.Sprintf("*2\r\n$1\r\nq\r\n$%d\r\n%s\r\n+PONG\r\n", len(v), v)
			if g != want {
				t.Fatalf("client %d: %q, want %q", i, g, want)
			}
		}
		checkReply(t, "blocked clients", blockedClients(t, admin), 0)
		checkReply(t, "the list", admin.call("EXISTS", "q"), ":0\r\n")
	})
}

// TestBlockedClientHangsUp: a blocked client that closes its connection
// stops waiting, so a later push is not served to nobody.
func TestBlockedClientHangsUp(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		addr := startDaemon(t, "--io", model).addr
		admin, gone := dialRESP(t, addr), dialRESP(t, addr)
		gone.send("BLPOP", "q", "0")
		waitBlocked(t, admin, 1)
		gone.conn.Close()
		waitBlocked(t, admin, 0)
		checkReply(t, "RPUSH", admin.call("RPUSH", "q", "x"), ":1\r\n")
		checkReply(t, "LLEN", admin.call("LLEN", "q"), ":1\r\n")
	})
}

// TestShutdownReleasesBlockedClients: a client blocked forever does not
// hold up shutdown; it sees its connection closed.
func TestShutdownReleasesBlockedClients(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		admin, blocked := dialRESP(t, d.addr), dialRESP(t, d.addr)
		blocked.send("BRPOP", "q", "0")
		waitBlocked(t, admin, 1)
		if status, took := d.stop(); status != 0 || took > 5*time.Second {
			t.Fatalf("exit %d after %v with a client blocked", status, took)
		}
		blocked.expectEOF()
	})
}
