package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Requests that arrived first run first, in the worker model too, where
// each connection's worker thread may be woken late on a busy machine
// (netsrv/arrival_order.go). Each test is one of Redis's suite's tests,
// repeated: a client sends a request and, without waiting for its reply,
// another sends one that must come after it. Every round's replies must
// be redis-server's.

// earlierFirstRounds runs round rounds times on fresh state and returns
// the transcript; a round whose reply does not come within seconds (a
// client left waiting) ends the run, since the rest would wait behind it.
func earlierFirstRounds(rounds int, round func(n int) string) string {
	var out strings.Builder
	for n := 0; n < rounds; n++ {
		got := round(n)
		out.WriteString(got)
		if strings.Contains(got, "!") {
			break
		}
	}
	return out.String()
}

// compareEarlierFirst runs the rounds against redis-server and then in
// each I/O model.
func compareEarlierFirst(t *testing.T, run func(t *testing.T, addr string) string) {
	want := run(t, startRedisServer(t))
	eachModel(t, func(t *testing.T, model string) {
		checkReply(t, "each round's replies", run(t, startDaemon(t, "--io", model).addr), want)
	})
}

// TestEarlierPopBeatsLaterPush is "BRPOPLPUSH with multiple blocked
// clients": two clients send a pop each, then a third pushes. The first
// pop must be served first (it fails: its destination is a string), so
// the second gets the element. Without the wait, a late first worker
// found the element gone to the second and waited for ever.
func TestEarlierPopBeatsLaterPush(t *testing.T) {
	compareEarlierFirst(t, func(t *testing.T, addr string) string {
		admin, first, second := dialRESP(t, addr), dialRESP(t, addr), dialRESP(t, addr)
		return earlierFirstRounds(200, func(n int) string {
			admin.call("DEL", "blist", "target1", "target2")
			admin.call("SET", "target1", "nolist")
			first.send("BRPOPLPUSH", "blist", "target1", "0")
			second.send("BRPOPLPUSH", "blist", "target2", "0")
			admin.call("LPUSH", "blist", "foo")
			first.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
			return fmt.Sprintf("round %d: first %q second %q\n", n, first.roundTrip(""), second.roundTrip(""))
		})
	})
}

// TestEarlierExecBeatsLaterPush is "BRPOPLPUSH does not affect WATCH
// while still blocked": a client watches the blocked pop's destination
// and sends EXEC, then another pushes, which serves the pop. The EXEC came
// first and must succeed. Without the wait the worker model failed it in
// most runs; so did a wait that kept the lock every command holds
// (multi.go), since the EXEC needs that lock alone.
func TestEarlierExecBeatsLaterPush(t *testing.T) {
	compareEarlierFirst(t, func(t *testing.T, addr string) string {
		admin, blocked, watching := dialRESP(t, addr), dialRESP(t, addr), dialRESP(t, addr)
		return earlierFirstRounds(100, func(n int) string {
			admin.call("DEL", "src", "dst", "some")
			admin.call("SET", "some", "value")
			blocked.send("BRPOPLPUSH", "src", "dst", "0")
			waitBlocked(t, admin, 1)
			watching.call("WATCH", "dst")
			watching.call("MULTI")
			watching.call("GET", "some")
			watching.send("EXEC")
			admin.call("LPUSH", "src", "element")
			watching.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
			return fmt.Sprintf("round %d: exec %q pop %q\n", n, watching.roundTrip(""), blocked.roundTrip(""))
		})
	})
}
