package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// newestSlowArgs is the arguments of the newest n slow log entries,
// newest first, as "a b c" each.
func newestSlowArgs(t *testing.T, c *respConn, n int) []string {
	t.Helper()
	var out []string
	for _, entry := range parseReply(t, c.call("SLOWLOG", "GET", fmt.Sprint(n))).elems {
		var args []string
		for _, a := range entry.elems[3].elems {
			args = append(args, a.text)
		}
		// A client id differs from server to server.
		out = append(out, regexp.MustCompile(`^CLIENT UNBLOCK [0-9]+$`).ReplaceAllString(strings.Join(args, " "), "CLIENT UNBLOCK id"))
	}
	return out
}

// blpopCounts is INFO commandstats' blpop line without its times.
func blpopCounts(t *testing.T, c *respConn) string {
	t.Helper()
	line := regexp.MustCompile(`cmdstat_blpop:[^\r]*`).FindString(c.bulk("INFO", "commandstats"))
	return regexp.MustCompile(`usec(_per_call)?=[0-9.]+,`).ReplaceAllString(line, "")
}

// TestBlockedCommandStatsMatchRedis: a command that blocks is counted as
// a call when it blocks, but goes to the slow log when a client's command
// serves it, after that command's own entry (the suite's "SLOWLOG -
// Rewritten commands are logged as their original command"), or when
// CLIENT UNBLOCK ends it, as a failed call; a timeout logs nothing. The
// same steps run against redis-server, which must agree.
func TestBlockedCommandStatsMatchRedis(t *testing.T) {
	scenario := func(t *testing.T, addr string) string {
		r, blocked := dialRESP(t, addr), dialRESP(t, addr)
		var seen []string
		note := func(what string, v any) { seen = append(seen, fmt.Sprintf("%s: %v", what, v)) }
		r.call("CONFIG", "SET", "slowlog-log-slower-than", "0")
		r.call("CONFIG", "RESETSTAT")
		blocked.send("BLPOP", "l", "0")
		waitBlocked(t, r, 1)
		// A session hands its counts over once its batch of requests is
		// done, a moment after the client shows as blocked.
		waitUntil(t, "the blocked call counted", func() bool { return strings.Contains(blpopCounts(t, r), "calls=1,") })
		note("blocked", blpopCounts(t, r))
		r.call("MULTI")
		r.call("LPUSH", "l", "foo")
		r.call("SLOWLOG", "RESET")
		r.call("EXEC")
		note("served reply", blocked.reply())
		note("served, newest entries", newestSlowArgs(t, r, 2))
		note("served", blpopCounts(t, r))

		id := blocked.call("CLIENT", "ID")
		blocked.send("BLPOP", "l2", "0")
		waitBlocked(t, r, 1)
		r.call("SLOWLOG", "RESET")
		note("unblock", r.call("CLIENT", "UNBLOCK", strings.Trim(id, ":\r\n")))
		note("unblocked reply", blocked.reply())
		note("unblocked, newest entries", newestSlowArgs(t, r, 2))
		note("unblocked", blpopCounts(t, r))

		r.call("SLOWLOG", "RESET")
		note("timed out reply", blocked.call("BLPOP", "l3", "0.01"))
		note("timed out, newest entries", newestSlowArgs(t, r, 2))
		note("timed out", blpopCounts(t, r))
		return strings.Join(seen, "\n")
	}
	want := scenario(t, startRedisServer(t))
	eachModel(t, func(t *testing.T, model string) {
		if got := scenario(t, startDaemon(t, "--io", model).addr); got != want {
			t.Errorf("redis-lite:\n%s\nredis-server:\n%s", got, want)
		}
	})
}
