package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// zsetBlockingConversations are BZPOPMIN, BZPOPMAX and BZMPOP served at
// once, their errors in Redis's order, inside MULTI and in RESP3: each
// must match Redis 7.0.15 byte for byte.
var zsetBlockingConversations = []conversation{
	{"served at once, and errors", false, [][]string{
		{"FLUSHALL"}, {"ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5.5", "e"}, {"SET", "s", "x"},
		{"BZPOPMIN", "none", "z", "0"}, {"BZPOPMAX", "z", "none", "1.5"}, {"BZPOPMIN", "z", "z", "0"},
		{"BZMPOP", "0", "2", "none", "z", "MAX", "COUNT", "1"}, {"BZMPOP", "0", "1", "z", "MIN", "COUNT", "9"},
		{"EXISTS", "z"}, {"ZADD", "z", "-inf", "lo", "inf", "hi"}, {"BZPOPMAX", "z", "0"}, {"BZPOPMIN", "z", "0"},
		{"BZPOPMIN", "s", "0"}, {"BZPOPMIN", "none", "s", "0"}, {"BZMPOP", "0", "2", "none", "s", "MIN"},
		{"BZPOPMIN", "z", "-1"}, {"BZPOPMIN", "z", "abc"}, {"BZPOPMIN", "z", "1e16"}, {"BZPOPMIN", "z", "inf"},
		{"BZPOPMAX", "s", "-1"}, {"BZPOPMIN", "z"},
		{"BZMPOP", "x", "1", "z", "MIN"}, {"BZMPOP", "0", "0", "z", "MIN"}, {"BZMPOP", "-1", "1", "z", "MIN"},
		{"BZMPOP", "0", "x", "z", "MIN"}, {"BZMPOP", "0", "3", "z", "MIN"}, {"BZMPOP", "0", "1", "z", "UP"},
		{"BZMPOP", "0", "1", "z", "MIN", "COUNT", "0"}, {"BZMPOP", "0", "1", "z", "MIN", "COUNT", "1", "COUNT", "2"},
		{"BZMPOP", "0", "1", "z", "MIN", "COUNT"}, {"BZMPOP", "abc", "1", "z", "MIN", "COUNT", "0"},
		{"BZMPOP", "0", "1", "z"},
	}},
	{"inside MULTI", false, [][]string{
		{"FLUSHALL"}, {"MULTI"}, {"BZPOPMIN", "none", "0"}, {"BZPOPMAX", "none", "0"},
		{"BZMPOP", "0", "1", "none", "MIN"}, {"ZADD", "z", "1", "a", "2", "b"}, {"BZPOPMAX", "z", "0"},
		{"BZMPOP", "0", "1", "z", "MIN", "COUNT", "5"}, {"BZPOPMIN", "z", "0"}, {"EXEC"},
	}},
	{"RESP3", false, [][]string{
		{"HELLO", "3"}, {"FLUSHALL"}, {"ZADD", "z", "1", "a", "2.5", "b", "3", "c"},
		{"BZPOPMIN", "z", "0"}, {"BZPOPMAX", "z", "0"}, {"BZMPOP", "0", "1", "z", "MIN", "COUNT", "2"},
		{"BZPOPMIN", "none", "0.01"}, {"BZMPOP", "0.01", "1", "none", "MAX"},
		{"MULTI"}, {"BZPOPMIN", "none", "0"}, {"BZMPOP", "0", "1", "none", "MIN"}, {"EXEC"},
	}},
	{"RESP2 timeouts", false, [][]string{
		{"BZPOPMIN", "none", "0.01"}, {"BZPOPMAX", "none", "0.01"}, {"BZMPOP", "0.01", "1", "none", "MIN"},
	}},
}

// TestZSetBlockingRepliesMatchRedis holds the conversations up against a
// real redis-server, byte for byte, in both I/O models.
func TestZSetBlockingRepliesMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	want := make([]string, len(zsetBlockingConversations))
	for i, cv := range zsetBlockingConversations {
		want[i] = withoutIDs(converse(t, redis, cv))
	}
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for i, cv := range zsetBlockingConversations {
			if got := withoutIDs(converse(t, lite, cv)); got != want[i] {
				t.Errorf("%s: redis-lite answered\n%q\nredis-server answered\n%q", cv.name, got, want[i])
			}
		}
	})
}

// zsetBlockingScenarios wake blocked sorted set pops by every kind of
// write that can give a key a sorted set.
var zsetBlockingScenarios = []blockingScenario{
	{"BZPOPMIN woken by ZADD", [][]string{{"DEL", "a", "b"}},
		[][]string{{"BZPOPMIN", "a", "b", "0"}, {"PING"}},
		[][]string{{"ZADD", "b", "2", "y", "1", "x"}}, [][]string{{"ZRANGE", "b", "0", "-1", "WITHSCORES"}}},
	{"BZPOPMAX woken by ZINCRBY", [][]string{{"DEL", "a"}},
		[][]string{{"BZPOPMAX", "a", "0"}},
		[][]string{{"ZINCRBY", "a", "1.5", "m"}}, [][]string{{"EXISTS", "a"}}},
	{"BZMPOP with COUNT woken by a transaction", [][]string{{"DEL", "a"}},
		[][]string{{"BZMPOP", "0", "1", "a", "MAX", "COUNT", "2"}},
		[][]string{{"MULTI"}, {"ZADD", "a", "1", "x"}, {"ZADD", "a", "2", "y", "3", "z"}, {"EXEC"}},
		[][]string{{"ZRANGE", "a", "0", "-1"}}},
	{"a transaction that adds and pops again wakes nobody", [][]string{{"DEL", "a"}},
		[][]string{{"BZPOPMIN", "a", "0.3"}},
		[][]string{{"MULTI"}, {"ZADD", "a", "1", "x"}, {"ZPOPMIN", "a"}, {"EXEC"}}, nil},
	{"BZPOPMIN woken by ZUNIONSTORE", [][]string{{"DEL", "a", "s1", "s2"}, {"ZADD", "s1", "1", "x"}, {"ZADD", "s2", "2", "y"}},
		[][]string{{"BZPOPMIN", "a", "0"}},
		[][]string{{"ZUNIONSTORE", "a", "2", "s1", "s2"}}, [][]string{{"ZRANGE", "a", "0", "-1"}}},
	{"BZPOPMAX woken by ZINTERSTORE", [][]string{{"DEL", "a", "s1", "s2"}, {"ZADD", "s1", "1", "x", "2", "y"}, {"ZADD", "s2", "2", "y"}},
		[][]string{{"BZPOPMAX", "a", "0"}},
		[][]string{{"ZINTERSTORE", "a", "2", "s1", "s2"}}, [][]string{{"EXISTS", "a"}}},
	{"BZMPOP woken by ZDIFFSTORE", [][]string{{"DEL", "a", "s1", "s2"}, {"ZADD", "s1", "1", "x", "2", "y"}, {"ZADD", "s2", "2", "y"}},
		[][]string{{"BZMPOP", "0", "1", "a", "MIN"}},
		[][]string{{"ZDIFFSTORE", "a", "2", "s1", "s2"}}, [][]string{{"EXISTS", "a"}}},
	{"BZPOPMIN woken by ZRANGESTORE", [][]string{{"DEL", "a", "s1"}, {"ZADD", "s1", "1", "x", "2", "y", "3", "z"}},
		[][]string{{"BZPOPMIN", "a", "0"}},
		[][]string{{"ZRANGESTORE", "a", "s1", "1", "-1"}}, [][]string{{"ZRANGE", "a", "0", "-1"}}},
	{"BZPOPMIN woken by RENAME", [][]string{{"DEL", "a", "r"}, {"ZADD", "r", "1", "v"}},
		[][]string{{"BZPOPMIN", "a", "0"}},
		[][]string{{"RENAME", "r", "a"}}, [][]string{{"EXISTS", "a"}}},
	{"BZPOPMAX woken by COPY", [][]string{{"DEL", "a", "r"}, {"ZADD", "r", "1", "v", "2", "w"}},
		[][]string{{"BZPOPMAX", "a", "0"}},
		[][]string{{"COPY", "r", "a"}}, [][]string{{"ZRANGE", "a", "0", "-1"}}},
	{"BZPOPMIN woken by GEOADD", [][]string{{"DEL", "a"}},
		[][]string{{"BZPOPMIN", "a", "0"}},
		[][]string{{"GEOADD", "a", "13.361389", "38.115556", "Palermo"}}, [][]string{{"EXISTS", "a"}}},
	{"BZPOPMAX woken by GEOSEARCHSTORE", [][]string{{"DEL", "a", "g"}, {"GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"}},
		[][]string{{"BZPOPMAX", "a", "0"}},
		[][]string{{"GEOSEARCHSTORE", "a", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC", "STOREDIST"}},
		[][]string{{"ZRANGE", "a", "0", "-1", "WITHSCORES"}}},
	{"a list pushed where a sorted set is awaited", [][]string{{"DEL", "a"}},
		[][]string{{"BZPOPMIN", "a", "0.3"}},
		[][]string{{"RPUSH", "a", "x"}}, [][]string{{"DEL", "a"}}},
	{"a sorted set where a list is awaited", [][]string{{"DEL", "a"}},
		[][]string{{"BLPOP", "a", "0.3"}},
		[][]string{{"ZADD", "a", "1", "x"}}, [][]string{{"DEL", "a"}}},
	{"ZADD of two members serves one BZPOPMIN", [][]string{{"DEL", "a"}},
		[][]string{{"BZPOPMIN", "a", "0"}},
		[][]string{{"ZADD", "a", "1", "x", "2", "y"}}, [][]string{{"ZCARD", "a"}}},
	{"a timeout", [][]string{{"DEL", "a"}},
		[][]string{{"BZPOPMAX", "a", "0.05"}, {"PING"}}, nil, nil},
	{"RESP3 reply of a served BZPOPMIN", [][]string{{"DEL", "a"}},
		[][]string{{"HELLO", "3"}, {"BZPOPMIN", "a", "0"}, {"BZMPOP", "0", "1", "a", "MAX"}},
		[][]string{{"ZADD", "a", "1.5", "x", "2", "y"}}, nil},
}

// TestZSetBlockingPopsMatchRedis runs each scenario against redis-server
// and the daemon in both I/O models: the blocked client's bytes and the
// other client's must be the same.
func TestZSetBlockingPopsMatchRedis(t *testing.T) { compareBlocking(t, zsetBlockingScenarios) }

// TestManyBZPopMinClientsServedOnce blocks many clients in BZPOPMIN on
// one key, some at a time, then adds one member per client in a single
// ZADD: each client gets exactly one member, the lowest left when its turn
// came, in the order the clients blocked, and nothing more.
func TestManyBZPopMinClientsServedOnce(t *testing.T) {
	const clients = 100
	eachModel(t, func(t *testing.T, model string) {
		addr := startDaemon(t, "--io", model).addr
		admin := dialRESP(t, addr)
		conns := make([]*respConn, clients)
		for i := range conns {
			conns[i] = dialRESP(t, addr)
			conns[i].send("BZPOPMIN", "other", "q", "0")
			waitBlocked(t, admin, i+1) // one at a time, so the order is known
		}
		add := []string{"ZADD", "q"}
		for i := clients - 1; i >= 0; i-- {
			add = append(add, strconv.Itoa(i), "m"+strconv.Itoa(i))
		}
		checkReply(t, "ZADD", admin.call(add...), fmt.Sprintf(":%d\r\n", clients))
		var wg sync.WaitGroup
		got := make([]string, clients)
		for i, c := range conns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i] = c.reply() + c.call("PING")
			}()
		}
		wg.Wait()
		for i, g := range got {
			m, score := "m"+strconv.Itoa(i), strconv.Itoa(i)
			want := fmt.Sprintf("*3\r\n$1\r\nq\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n+PONG\r\n", len(m), m, len(score), score)
			if g != want {
				t.Fatalf("client %d: %q, want %q", i, g, want)
			}
		}
		checkReply(t, "blocked clients", blockedClients(t, admin), 0)
		checkReply(t, "the set", admin.call("EXISTS", "q"), ":0\r\n")
	})
}

// TestZSetClientUnblockAndShutdown: CLIENT UNBLOCK ends a BZPOPMIN's wait
// with the timeout's reply or -UNBLOCKED, and a client blocked in BZMPOP
// does not hold up shutdown.
func TestZSetClientUnblockAndShutdown(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		admin, blocked := dialRESP(t, d.addr), dialRESP(t, d.addr)
		id := strings.TrimSuffix(strings.TrimPrefix(blocked.call("CLIENT", "ID"), ":"), "\r\n")
		for _, c := range []struct{ reason, reply string }{
			{"TIMEOUT", "*-1\r\n"},
			{"ERROR", "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n"},
		} {
			blocked.send("BZPOPMIN", "k", "0")
			waitBlocked(t, admin, 1)
			checkReply(t, "UNBLOCK "+c.reason, admin.call("CLIENT", "UNBLOCK", id, c.reason), ":1\r\n")
			checkReply(t, "the blocked client's reply", blocked.reply(), c.reply)
			waitBlocked(t, admin, 0)
		}
		checkReply(t, "a later ZADD stays", admin.call("ZADD", "k", "1", "x"), ":1\r\n")
		checkReply(t, "ZCARD", admin.call("ZCARD", "k"), ":1\r\n")
		blocked.send("BZMPOP", "0", "1", "nosuch", "MIN")
		waitBlocked(t, admin, 1)
		if status, took := d.stop(); status != 0 || took > 5*time.Second {
			t.Fatalf("exit %d after %v with a client blocked", status, took)
		}
		blocked.expectEOF()
	})
}

// TestZSetBlockedPopSurvivesARestart: a pop served to a blocked client is
// logged as ZPOPMIN/ZPOPMAX with the count it took, so a restart from the
// append-only file brings back the sets without the popped members.
func TestZSetBlockedPopSurvivesARestart(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		dir := t.TempDir()
		args := []string{"--io", model, "--appendonly", "yes", "--dir", dir}
		d := startDaemon(t, args...)
		c, b1, b2 := dialRESP(t, d.addr), dialRESP(t, d.addr), dialRESP(t, d.addr)
		b1.send("BZPOPMAX", "z", "0")
		waitBlocked(t, c, 1)
		b2.send("BZMPOP", "0", "1", "z", "MIN", "COUNT", "2")
		waitBlocked(t, c, 2)
		c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")
		checkReply(t, "BZPOPMAX", b1.reply(), "*3\r\n$1\r\nz\r\n$1\r\nd\r\n$1\r\n4\r\n")
		checkReply(t, "BZMPOP", b2.reply(), "*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n")
		before := zsetDump(t, d.addr)
		if status, _ := d.stop(); status != 0 {
			t.Fatalf("exit status %d", status)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "appendonly.aof"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{aofRecord("zpopmax", "z", "1"), aofRecord("zpopmin", "z", "2")} {
			if !strings.Contains(strings.ToLower(string(raw)), want) {
				t.Errorf("the file lacks %q:\n%q", want, raw)
			}
		}
		if after := zsetDump(t, startDaemon(t, args...).addr); after != before {
			t.Fatalf("after the restart:\n%q\nbefore:\n%q", after, before)
		}
	})
}

// servedPopEvents is what a subscriber to every channel receives while a
// client blocked in BZPOPMIN is served by a ZADD that creates the key.
func servedPopEvents(t *testing.T, addr string) string {
	t.Helper()
	admin, blocked := dialRESP(t, addr), dialRESP(t, addr)
	admin.call("CONFIG", "SET", "notify-keyspace-events", "KEA")
	admin.call("DEL", "bq")
	sub := dialRaw(t, addr)
	sub.send(respRequest("PSUBSCRIBE", "*"))
	sub.waitFor(":1\r\n")
	blocked.send("BZPOPMIN", "bq", "0")
	waitBlocked(t, admin, 1)
	out := admin.call("ZADD", "bq", "1", "x") + blocked.reply()
	admin.call("PUBLISH", "end", "end")
	sub.waitFor("$3\r\nend\r\n$3\r\nend\r\n")
	admin.call("CONFIG", "SET", "notify-keyspace-events", "")
	return out + sub.received()
}

// TestServedPopEventsMatchRedis: a pop served to a blocked client fires
// the events of the write and of the pop, as in Redis.
func TestServedPopEventsMatchRedis(t *testing.T) {
	want := servedPopEvents(t, startRedisServer(t))
	eachModel(t, func(t *testing.T, model string) {
		if got := servedPopEvents(t, startDaemon(t, "--io", model).addr); got != want {
			t.Errorf("redis-lite differs from redis-server %s", firstDifference(got, want))
		}
	})
}

// TestZSetBlockingPopsInPlaintext: the networking document's protocol
// (lines ending in a bare \n) gets human replies from the blocking pops,
// whether served at once, after a wait, or timed out.
func TestZSetBlockingPopsInPlaintext(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		c, admin := d.dial(), dialRESP(t, d.addr)
		c.send("ZADD z 1 a 2.5 b 3 c\nBZPOPMIN none z 0\nBZPOPMAX z 0\nBZMPOP 0 1 z MIN\nBZPOPMIN z 0.01\n" +
			"BZMPOP 0.01 1 z MIN\nBZPOPMAX q 0\n")
		want := []string{"(integer) 3", "1) z", "2) a", "3) 1", "1) z", "2) c", "3) 3",
			"1) z", "2) 1) 1) b", "      2) 2.5", "(nil)", "(nil)"}
		for i, w := range want {
			if got := c.line(); got != w {
				t.Fatalf("line %d: %q, want %q", i+1, got, w)
			}
		}
		waitBlocked(t, admin, 1)
		checkReply(t, "ZADD", admin.call("ZADD", "q", "5", "x"), ":1\r\n")
		for i, w := range []string{"1) q", "2) x", "3) 5"} {
			if got := c.line(); got != w {
				t.Fatalf("served line %d: %q, want %q", i+1, got, w)
			}
		}
	})
}
