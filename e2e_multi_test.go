package main

import (
	"strings"
	"testing"
)

// multiConversations are transactions as Redis 7.0.15 answers them, byte
// for byte: queuing, errors while queuing (EXECABORT), errors while
// running, WATCH, and the commands that run at once inside MULTI.
var multiConversations = []conversation{
	{"MULTI, EXEC, DISCARD", false, [][]string{
		{"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "1"}, {"INCR", "a"}, {"GET", "a"}, {"EXEC"},
		{"MULTI"}, {"EXEC"},
		{"MULTI"}, {"SET", "a", "x"}, {"DISCARD"}, {"GET", "a"},
		{"EXEC"}, {"DISCARD"}, {"exec"},
		{"MULTI"}, {"MULTI"}, {"WATCH", "a"}, {"PING"}, {"EXEC"},
	}},
	{"errors while queuing abort EXEC", false, [][]string{
		{"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "1"}, {"NOSUCH", "x"}, {"SET", "b", "2"}, {"EXEC"}, {"EXISTS", "a", "b"},
		{"MULTI"}, {"SET", "a"}, {"EXEC"},
		{"MULTI"}, {"CONFIG", "NOSUCH"}, {"EXEC"},
		{"MULTI"}, {"SET", "foo", "bar"}, {"SHUTDOWN"}, {"EXEC"}, {"GET", "foo"},
		{"MULTI"}, {"PING"}, {"EXEC", "x"}, {"EXEC"},
		{"EXISTS", "a", "b"},
	}},
	{"min-replicas-to-write refuses writes, queued ones too", false, [][]string{
		{"FLUSHALL"}, {"SET", "xx", "1"},
		{"CONFIG", "SET", "min-replicas-to-write", "2"},
		{"SET", "k", "v"}, {"GET", "xx"}, {"PING"},
		{"MULTI"}, {"INCR", "xx"}, {"GET", "xx"}, {"EXEC"},
		{"CONFIG", "GET", "min-slaves-to-write"}, {"CONFIG", "GET", "min-replicas-max-lag"},
		{"CONFIG", "SET", "min-replicas-max-lag", "0"}, {"INCR", "xx"},
		{"CONFIG", "SET", "min-replicas-max-lag", "10"}, {"CONFIG", "SET", "min-slaves-to-write", "0"}, {"INCR", "xx"},
	}},
	{"errors while running are replies in EXEC's array", false, [][]string{
		{"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "x"}, {"INCR", "a"}, {"SET", "b", "1"}, {"INCRBY", "b", "nan"}, {"GET", "b"}, {"EXEC"},
	}},
	{"WATCH", false, [][]string{
		{"FLUSHALL"},
		{"SET", "k", "1"}, {"WATCH", "k"}, {"SET", "k", "2"}, {"MULTI"}, {"GET", "k"}, {"EXEC"},
		{"WATCH", "k"}, {"GET", "k"}, {"EXISTS", "k"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"SETNX", "k", "3"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"DEL", "k"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "nokey"}, {"DEL", "nokey"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"SET", "k", "1"}, {"WATCH", "k"}, {"EXPIRE", "k", "100"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"UNWATCH"}, {"SET", "k", "2"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"MULTI"}, {"DISCARD"}, {"SET", "k", "3"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k", "other"}, {"MULTI"}, {"SET", "k", "4"}, {"EXEC"}, {"SET", "k", "5"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"SET", "k", "6"}, {"WATCH", "k"}, {"MULTI"}, {"PING"}, {"EXEC"},
	}},
	{"WATCH and flushes", false, [][]string{
		{"FLUSHALL"},
		{"SET", "x", "1"}, {"WATCH", "x"}, {"FLUSHALL"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "x"}, {"FLUSHALL"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"SET", "x", "1"}, {"WATCH", "x"}, {"FLUSHDB"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "y"}, {"FLUSHDB"}, {"MULTI"}, {"PING"}, {"EXEC"},
	}},
	{"RESET and QUIT inside MULTI", false, [][]string{
		{"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "1"}, {"RESET"}, {"EXEC"}, {"GET", "a"},
		{"MULTI"}, {"SET", "a", "1"}, // QUIT follows
	}},
	{"MULTI before AUTH", true, [][]string{
		{"MULTI"}, {"EXEC"}, {"AUTH", "pw"}, {"MULTI"}, {"PING"}, {"EXEC"},
	}},
	{"RESP3", false, [][]string{
		{"HELLO", "3"}, {"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "1"}, {"GET", "a"}, {"GET", "nokey"}, {"EXEC"},
		{"WATCH", "a"}, {"SET", "a", "2"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"MULTI"}, {"NOSUCH"}, {"EXEC"},
	}},
	{"RESP3 tracking: a transaction is one command", false, [][]string{
		{"HELLO", "3"}, {"FLUSHALL"}, {"CLIENT", "TRACKING", "ON"},
		{"GET", "k"}, {"MULTI"}, {"SET", "k", "1"}, {"GET", "k"}, {"SET", "j", "2"}, {"EXEC"}, {"PING"},
		{"CLIENT", "TRACKING", "OFF"}, {"CLIENT", "TRACKING", "ON", "OPTIN"},
		{"CLIENT", "CACHING", "YES"}, {"MULTI"}, {"PTTL", "m"}, {"GET", "m"}, {"EXEC"}, {"SET", "m", "x"}, {"PING"},
	}},
}

// TestTransactionsMatchRedis holds the transaction conversations up
// against a real redis-server, in both I/O models.
func TestTransactionsMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	redisPW := startRedisServer(t, "--requirepass", "pw")
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		litePW := startDaemon(t, "--io", model, "--requirepass", "pw").addr
		for _, cv := range multiConversations {
			ref, ours := redis, lite
			if cv.password {
				ref, ours = redisPW, litePW
			}
			t.Run(cv.name, func(t *testing.T) {
				got, want := withoutIDs(converse(t, ours, cv)), withoutIDs(converse(t, ref, cv))
				if got != want {
					t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
				}
			})
		}
	})
}

// TestExecRefusedWithoutReplicas is Redis's suite's "exec with write
// commands and state change": a write queued before min-replicas-to-write
// was set makes EXEC refuse the whole transaction, and INFO says how many
// good replicas there are (none).
func TestExecRefusedWithoutReplicas(t *testing.T) {
	run := func(t *testing.T, addr string) string {
		tx, admin := dialRESP(t, addr), dialRESP(t, addr)
		var out strings.Builder
		for _, req := range [][]string{{"SET", "xx", "1"}, {"MULTI"}, {"INCR", "xx"}} {
			out.WriteString(tx.call(req...))
		}
		out.WriteString(admin.call("CONFIG", "SET", "min-replicas-to-write", "2"))
		out.WriteString(tx.call("EXEC"))
		out.WriteString(tx.call("GET", "xx"))
		for _, line := range strings.Split(admin.bulk("INFO", "replication"), "\r\n") {
			if strings.HasPrefix(line, "min_slaves") {
				out.WriteString(line + "\n")
			}
		}
		out.WriteString(admin.call("CONFIG", "SET", "min-replicas-to-write", "0"))
		return out.String()
	}
	want := run(t, startRedisServer(t))
	checkReply(t, "the transaction", run(t, startDaemon(t).addr), want)
}

// TestSwapDBStaleKeysMatchRedis is the suite's two "SWAPDB does not touch
// ... stale key" tests, their opposite, a flush after such a swap and a
// swap of a database with itself: with the active expiry sweep
// held, an expired key that nobody has read yet is still in its
// database. Swapping one in where the watched key was absent (or stale)
// changes nothing logically, and EXEC runs; a live key swapped in, or a
// watched key that was live and has expired since, makes EXEC fail. The
// server-side DEBUG SLEEP lets the 1 ms expiry pass on both servers.
func TestSwapDBStaleKeysMatchRedis(t *testing.T) {
	stale := func(db string) [][]string {
		return [][]string{{"SELECT", db}, {"SET", "x", "foo", "PX", "1"}}
	}
	swapThenExec := [][]string{{"SELECT", "1"}, {"WATCH", "x"}, {"SWAPDB", "0", "1"}, {"MULTI"}, {"PING"}, {"EXEC"}}
	var requests [][]string
	add := func(parts ...[][]string) {
		requests = append(requests, []string{"FLUSHALL"}, []string{"DEBUG", "SET-ACTIVE-EXPIRE", "0"})
		for _, p := range parts {
			requests = append(requests, p...)
		}
	}
	sleep := [][]string{{"DEBUG", "SLEEP", "0.01"}}
	add(stale("0"), sleep, swapThenExec)                                 // absent replaced with stale
	add(stale("1"), stale("0"), sleep, swapThenExec)                     // stale replaced with stale
	add([][]string{{"SELECT", "0"}, {"SET", "x", "live"}}, swapThenExec) // absent replaced with live
	add([][]string{{"SELECT", "1"}, {"SET", "x", "foo", "PX", "300"}},   // live when watched (300 ms: even on a loaded machine),
		[][]string{{"WATCH", "x"}, {"DEBUG", "SLEEP", "0.31"}, {"SWAPDB", "0", "1"}, {"MULTI"}, {"PING"}, {"EXEC"}}) // stale when swapped
	add(stale("0"), sleep, [][]string{{"SELECT", "1"}, {"WATCH", "x"}, {"SWAPDB", "0", "1"}, // a stale key swapped in,
		{"FLUSHDB"}, {"MULTI"}, {"PING"}, {"EXEC"}}) // then flushed: still no change
	add([][]string{{"SELECT", "0"}, {"SET", "x", "live"}, {"WATCH", "x"}, {"SWAPDB", "0", "0"}, // a database swapped
		{"MULTI"}, {"PING"}, {"EXEC"}}) // with itself: nothing moves
	requests = append(requests, []string{"DEBUG", "SET-ACTIVE-EXPIRE", "1"})
	cv := conversation{name: "SWAPDB and stale keys", requests: requests}
	want := converse(t, startRedisServer(t, "--enable-debug-command", "yes"), cv)
	got := converse(t, startDaemon(t, "--enable-debug-command", "yes").addr, cv)
	if got != want {
		t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
	}
}
