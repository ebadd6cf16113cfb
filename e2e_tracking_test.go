package main

import (
	"strconv"
	"strings"
	"testing"
)

// trackingConversations are CLIENT TRACKING on one connection: a RESP3
// client invalidated by its own writes (after each reply, as in Redis),
// the option checks and their errors, and the reports. Every byte must be
// redis-server's. (BCAST is left to TestTrackingMatchesRedis: Redis
// gathers its messages over a whole pipeline.)
var trackingConversations = []conversation{
	{"tracking in RESP3, invalidated by its own writes", false, [][]string{
		{"FLUSHALL"}, {"HELLO", "3"}, {"CLIENT", "TRACKING", "on"}, {"CLIENT", "TRACKINGINFO"}, {"CLIENT", "GETREDIR"},
		{"SET", "a", "1"}, {"GET", "a"}, {"SET", "a", "2"}, {"SET", "a", "3"}, {"GET", "a"}, {"DEL", "a"},
		{"MGET", "x", "y", "z"}, {"MSET", "x", "1", "y", "2"}, {"EXISTS", "z"}, {"INCR", "z"}, {"INCR", "z"},
		{"GET", "k"}, {"GET", "k"}, {"RENAME", "nosuch", "k"}, {"SET", "k", "v"},
		{"STRLEN", "k"}, {"EXPIRE", "k", "100"}, {"TTL", "k"}, {"PERSIST", "k"}, {"TYPE", "k"}, {"GETDEL", "k"},
		{"GET", "f"}, {"FLUSHALL"}, {"GET", "f"}, {"FLUSHDB"},
		{"CLIENT", "TRACKING", "off"}, {"GET", "a"}, {"SET", "a", "1"}, {"CLIENT", "TRACKINGINFO"}, {"CLIENT", "GETREDIR"},
	}},
	{"OPTIN, OPTOUT, CACHING and NOLOOP", false, [][]string{
		{"FLUSHALL"}, {"HELLO", "3"},
		{"CLIENT", "CACHING", "yes"},
		{"CLIENT", "TRACKING", "on", "OPTIN"}, {"CLIENT", "TRACKINGINFO"}, {"GET", "a"}, {"SET", "a", "1"},
		{"CLIENT", "CACHING", "no"}, {"CLIENT", "CACHING", "maybe"}, {"CLIENT", "CACHING", "yes"}, {"CLIENT", "TRACKINGINFO"},
		{"CLIENT", "GETREDIR"}, {"GET", "a"}, {"CLIENT", "TRACKINGINFO"}, {"SET", "a", "2"},
		{"CLIENT", "TRACKING", "on", "OPTOUT"}, {"CLIENT", "TRACKING", "off"},
		{"CLIENT", "TRACKING", "on", "OPTOUT"}, {"CLIENT", "CACHING", "yes"}, {"CLIENT", "CACHING", "no"},
		{"GET", "b"}, {"SET", "b", "1"}, {"GET", "c"}, {"SET", "c", "1"},
		{"CLIENT", "TRACKING", "off"}, {"CLIENT", "TRACKING", "on", "NOLOOP"}, {"CLIENT", "TRACKINGINFO"},
		{"GET", "d"}, {"SET", "d", "1"}, {"RESET"}, {"CLIENT", "TRACKINGINFO"},
	}},
	{"invalidations reach a client whose replies are off or skipped", false, [][]string{
		{"FLUSHALL"}, {"HELLO", "3"}, {"CLIENT", "TRACKING", "on"}, {"GET", "a"}, {"GET", "b"},
		{"CLIENT", "REPLY", "OFF"}, {"SET", "a", "1"}, {"GET", "a"}, {"CLIENT", "REPLY", "ON"},
		{"CLIENT", "REPLY", "SKIP"}, {"SET", "b", "1"}, {"PING"}, {"GET", "a"},
		{"CLIENT", "REPLY", "SKIP"}, {"DEL", "a"}, {"PING"},
	}},
	{"a flush forgets every tracked key, even while nobody tracks", false, [][]string{
		{"FLUSHALL"}, {"HELLO", "3"}, {"CLIENT", "TRACKING", "on"}, {"GET", "a"}, {"CLIENT", "TRACKING", "off"},
		{"FLUSHALL"}, {"CLIENT", "TRACKING", "on"}, {"SET", "a", "1"}, {"GET", "a"}, {"CLIENT", "TRACKING", "off"},
		{"FLUSHDB", "ASYNC"}, {"CLIENT", "TRACKING", "on"}, {"SET", "a", "2"}, {"PING"},
	}},
	{"CLIENT TRACKING's errors", false, [][]string{
		{"CLIENT", "TRACKING"}, {"CLIENT", "TRACKING", "maybe"}, {"CLIENT", "TRACKING", "on", "FOO"},
		{"CLIENT", "TRACKING", "on", "PREFIX", "a"}, {"CLIENT", "TRACKING", "on", "REDIRECT"},
		{"CLIENT", "TRACKING", "on", "REDIRECT", "abc"}, {"CLIENT", "TRACKING", "on", "REDIRECT", "999999"},
		{"CLIENT", "TRACKING", "on", "OPTIN", "OPTOUT"}, {"CLIENT", "TRACKING", "on", "BCAST", "OPTIN"},
		{"CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "ab", "PREFIX", "a"},
		{"CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "a", "PREFIX", "b"}, {"CLIENT", "TRACKINGINFO"},
		{"CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "abc"}, {"CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "c"},
		{"CLIENT", "TRACKINGINFO"}, {"CLIENT", "TRACKING", "on"}, {"CLIENT", "TRACKING", "off"},
		{"CLIENT", "TRACKING", "on", "OPTIN"}, {"CLIENT", "TRACKING", "on", "OPTOUT"}, {"CLIENT", "TRACKING", "on", "BCAST"},
		{"CLIENT", "TRACKING", "off", "BCAST"}, {"CLIENT", "GETREDIR", "x"}, {"CLIENT", "CACHING"},
	}},
}

// TestTrackingConversationsMatchRedis holds trackingConversations up
// against redis-server, byte for byte, in both I/O models.
func TestTrackingConversationsMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for _, cv := range trackingConversations {
			got, want := withoutIDs(converse(t, lite, cv)), withoutIDs(converse(t, redis, cv))
			if got != want {
				t.Errorf("%s: redis-lite answered\n%q\nredis-server answered\n%q", cv.name, got, want)
			}
		}
	})
}

// TestTrackingMatchesRedis: invalidations reach a RESP2 client subscribed
// for them (REDIRECT), in default and BCAST mode, for writes, FLUSHALL
// and expiry, and a RESP3 tracker hears when its redirect client is gone.
// What each connection receives must be redis-server's bytes.
func TestTrackingMatchesRedis(t *testing.T) {
	redis := startRedisServer(t)
	want := trackingTranscript(t, redis)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		if got := trackingTranscript(t, lite); got != want {
			t.Errorf("redis-lite:\n%q\nredis-server:\n%q", got, want)
		}
	})
}

// trackingTranscript runs TestTrackingMatchesRedis's steps against addr
// and returns what the redirect client and the tracker received, with the
// redirect client's id replaced by ID. Each step waits for its reply, so
// the order is the same on both servers.
func trackingTranscript(t *testing.T, addr string) string {
	t.Helper()
	redir, tracker := dialRaw(t, addr), dialRaw(t, addr)
	write := func(args ...string) string {
		return mustExchange(t, addr, respRequest(args...)+respRequest("QUIT"))
	}
	write("FLUSHALL")
	redir.send(respRequest("CLIENT", "ID"))
	redir.waitFor("\r\n")
	id := strings.TrimSuffix(strings.TrimPrefix(redir.received(), ":"), "\r\n")
	redir.send(respRequest("SUBSCRIBE", invalidateChannelName))
	redir.waitFor(":1\r\n")
	step := func(suffix string, args ...string) {
		t.Helper()
		tracker.send(respRequest(args...))
		tracker.waitFor(suffix)
	}
	message := func(payload string) string {
		return "*3\r\n$7\r\nmessage\r\n$20\r\n" + invalidateChannelName + "\r\n" + payload
	}

	step("+OK\r\n", "CLIENT", "TRACKING", "on", "REDIRECT", id)
	step("$-1\r\n", "GET", "k")
	write("SET", "k", "1")
	redir.waitFor(message("*1\r\n$1\r\nk\r\n"))
	write("SET", "k", "2") // no longer tracked: nothing
	step("$1\r\n2\r\n", "GET", "k")
	write("FLUSHALL")
	redir.waitFor(message("$-1\r\n"))
	step("$-1\r\n", "GET", "e")
	write("SET", "e", "v", "PX", "1000") // alive for the GET below, even on a loaded machine
	redir.waitFor(message("*1\r\n$1\r\ne\r\n"))
	step("$1\r\nv\r\n", "GET", "e")
	redir.waitFor(message("*1\r\n$1\r\ne\r\n")) // expired, by the sweep

	step("+OK\r\n", "CLIENT", "TRACKING", "off")
	step("+OK\r\n", "CLIENT", "TRACKING", "on", "BCAST", "REDIRECT", id, "PREFIX", "p:", "PREFIX", "q:")
	write("MSET", "p:2", "1", "x", "1", "p:1", "1", "q:1", "1")
	redir.waitFor(message("*1\r\n$3\r\nq:1\r\n"))
	write("SET", "p:3", "1")
	redir.waitFor(message("*1\r\n$3\r\np:3\r\n"))
	step("+OK\r\n", "SET", "q:2", "1")
	redir.waitFor(message("*1\r\n$3\r\nq:2\r\n"))

	step("+OK\r\n", "CLIENT", "TRACKING", "off")
	step("+OK\r\n", "CLIENT", "TRACKING", "on", "REDIRECT", id, "NOLOOP")
	step("*2\r\n$-1\r\n$1\r\n1\r\n", "MGET", "n", "x")
	step("+OK\r\n", "SET", "n", "1") // its own change: not told
	write("SET", "x", "2")
	redir.waitFor(message("*1\r\n$1\r\nx\r\n"))

	// The redirect client goes away: a RESP3 tracker is told at the next
	// invalidation.
	step("$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n", "HELLO", "3")
	step("+OK\r\n", "CLIENT", "TRACKING", "on", "REDIRECT", id)
	step("$1\r\n2\r\n", "GET", "x")
	redir.send(respRequest("QUIT"))
	redirected := redir.untilClosed()
	waitUntil(t, "the redirect client to be gone", func() bool {
		return !strings.Contains(write("CLIENT", "GETREDIR"), ":-2") && !strings.Contains(write("PUBSUB", "NUMSUB", invalidateChannelName), ":1\r\n")
	})
	write("SET", "x", "3")
	tracker.waitFor("$21\r\ntracking-redir-broken\r\n:" + id + "\r\n")
	step("\r\n", "CLIENT", "TRACKINGINFO")
	tracker.send(respRequest("QUIT"))
	transcript := "redirect client:\n" + strings.TrimPrefix(redirected, ":"+id+"\r\n") + "tracker:\n" + tracker.untilClosed()
	for _, field := range []string{"tracking-redir-broken", "redirect"} {
		transcript = strings.ReplaceAll(transcript, field+"\r\n:"+id+"\r\n", field+"\r\n:ID\r\n")
	}
	return withoutIDs(transcript)
}

const invalidateChannelName = "__redis__:invalidate"

// TestTrackingRedirectsToAPlainRESP3Client is Redis's suite case "RESP3
// based basic redirect invalidation with client reply off": invalidations
// redirected to a RESP3 connection that neither tracks nor subscribes are
// pushed to it at once, while it waits without sending anything, with
// replies off and on again. What it receives must be redis-server's bytes.
func TestTrackingRedirectsToAPlainRESP3Client(t *testing.T) {
	redis := startRedisServer(t)
	want := plainRedirectTranscript(t, redis)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		if got := plainRedirectTranscript(t, lite); got != want {
			t.Errorf("redis-lite:\n%q\nredis-server:\n%q", got, want)
		}
	})
}

// plainRedirectTranscript runs TestTrackingRedirectsToAPlainRESP3Client's
// steps against addr and returns what the redirect client received after
// its CLIENT ID, with HELLO's id replaced.
func plainRedirectTranscript(t *testing.T, addr string) string {
	t.Helper()
	redir, tracker := dialRaw(t, addr), dialRaw(t, addr)
	write := func(args ...string) string {
		return mustExchange(t, addr, respRequest(args...)+respRequest("QUIT"))
	}
	write("FLUSHALL")
	redir.send(respRequest("CLIENT", "ID"))
	redir.waitFor("\r\n")
	idLine := redir.received()
	id := strings.TrimSuffix(strings.TrimPrefix(idLine, ":"), "\r\n")
	redir.send(respRequest("HELLO", "3"))
	redir.waitFor("$7\r\nmodules\r\n*0\r\n")
	step := func(suffix string, args ...string) {
		t.Helper()
		tracker.send(respRequest(args...))
		tracker.waitFor(suffix)
	}
	invalidate := func(key string) string {
		return ">2\r\n$10\r\ninvalidate\r\n*1\r\n$" + strconv.Itoa(len(key)) + "\r\n" + key + "\r\n"
	}

	step("+OK\r\n", "CLIENT", "TRACKING", "on", "REDIRECT", id)
	write("SET", "foo", "bar")
	step("$3\r\nbar\r\n", "GET", "foo")
	redir.send(respRequest("CLIENT", "REPLY", "OFF"))
	write("SET", "foo", "bar2")
	redir.waitFor(invalidate("foo")) // the redirect client sends nothing meanwhile
	redir.send(respRequest("CLIENT", "REPLY", "ON"))
	redir.waitFor("+OK\r\n")
	redir.send(respRequest("PING"))
	redir.waitFor("+PONG\r\n")
	step("$4\r\nbar2\r\n", "GET", "foo")
	write("DEL", "foo")
	redir.waitFor(invalidate("foo"))
	redir.send(respRequest("QUIT"))
	return withoutIDs(strings.TrimPrefix(redir.untilClosed(), idLine))
}

// TestTrackingRedirBrokenWithRepliesOff is Redis's suite case "RESP3 based
// basic tracking-redir-broken with client reply off": a RESP3 tracker with
// replies off whose redirect client has quit is told so by a push at the
// next invalidation, while it waits, and its replies are not disturbed
// once they are on again. The redirect client's QUIT is answered only
// once it is gone as a redirect target: nothing reaches it after its OK.
// What both receive must be redis-server's bytes.
func TestTrackingRedirBrokenWithRepliesOff(t *testing.T) {
	redis := startRedisServer(t)
	want := redirBrokenTranscript(t, redis)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		if got := redirBrokenTranscript(t, lite); got != want {
			t.Errorf("redis-lite:\n%q\nredis-server:\n%q", got, want)
		}
	})
}

// redirBrokenTranscript runs TestTrackingRedirBrokenWithRepliesOff's steps
// against addr and returns what the redirect client and the tracker
// received, with the redirect client's id replaced by ID.
func redirBrokenTranscript(t *testing.T, addr string) string {
	t.Helper()
	redir, tracker := dialRaw(t, addr), dialRaw(t, addr)
	write := func(args ...string) string {
		return mustExchange(t, addr, respRequest(args...)+respRequest("QUIT"))
	}
	write("FLUSHALL")
	redir.send(respRequest("CLIENT", "ID"))
	redir.waitFor("\r\n")
	idLine := redir.received()
	id := strings.TrimSuffix(strings.TrimPrefix(idLine, ":"), "\r\n")
	redir.send(respRequest("SUBSCRIBE", invalidateChannelName))
	redir.waitFor(":1\r\n")
	tracker.send(respRequest("CLIENT", "ID"))
	tracker.waitFor("\r\n")
	trackerIDLine := tracker.received()
	trackerID := strings.TrimSuffix(strings.TrimPrefix(trackerIDLine, ":"), "\r\n")
	step := func(suffix string, args ...string) {
		t.Helper()
		tracker.send(respRequest(args...))
		tracker.waitFor(suffix)
	}

	step("$7\r\nmodules\r\n*0\r\n", "HELLO", "3")
	step("+OK\r\n", "CLIENT", "TRACKING", "on", "REDIRECT", id)
	write("SET", "foo", "bar")
	step("$3\r\nbar\r\n", "GET", "foo")
	tracker.send(respRequest("CLIENT", "REPLY", "OFF"))
	// CLIENT REPLY OFF answers nothing: see it done from outside, so the
	// push below finds the tracker waiting, replies off.
	waitUntil(t, "CLIENT REPLY OFF to have run", func() bool {
		return strings.Contains(write("CLIENT", "LIST", "ID", trackerID), " cmd=client|reply ")
	})
	redir.send(respRequest("QUIT"))
	redirected := redir.untilClosed()
	write("SET", "foo", "bar2")
	tracker.waitFor("$21\r\ntracking-redir-broken\r\n:" + id + "\r\n")
	step("+OK\r\n", "CLIENT", "REPLY", "ON")
	step("+PONG\r\n", "PING")
	tracker.send(respRequest("QUIT"))
	transcript := "redirect client:\n" + strings.TrimPrefix(redirected, idLine) + "tracker:\n" + strings.TrimPrefix(tracker.untilClosed(), trackerIDLine)
	transcript = strings.ReplaceAll(transcript, "tracking-redir-broken\r\n:"+id+"\r\n", "tracking-redir-broken\r\n:ID\r\n")
	return withoutIDs(transcript)
}

// TestTrackingServedBlockedClient: a RESP3 client that tracks a list and
// blocks in BLMOVE into it is told of the list's change only when another
// client's push serves it, right after the element it is handed, as
// redis-server tells it; blocking wrote nothing, so it invalidates nothing.
func TestTrackingServedBlockedClient(t *testing.T) {
	compareBlocking(t, []blockingScenario{
		{"BLMOVE into a tracked list", [][]string{{"DEL", "src", "dst"}, {"RPUSH", "dst", "a"}},
			[][]string{{"HELLO", "3"}, {"CLIENT", "TRACKING", "on"}, {"LRANGE", "dst", "0", "-1"},
				{"BLMOVE", "src", "dst", "LEFT", "LEFT", "0"}, {"PING"}},
			[][]string{{"RPUSH", "src", "foo"}}, [][]string{{"LRANGE", "dst", "0", "-1"}}},
		{"BLPOP from a tracked list", [][]string{{"DEL", "q"}},
			[][]string{{"HELLO", "3"}, {"CLIENT", "TRACKING", "on"}, {"LRANGE", "q", "0", "-1"},
				{"BLPOP", "q", "0"}, {"PING"}},
			[][]string{{"RPUSH", "q", "x"}}, nil},
	})
}

// TestTrackingServedBlockedClientRepliesOff: with CLIENT REPLY OFF, a
// served BLMOVE's reply is dropped and the invalidation it causes is still
// pushed, as redis-server pushes it.
func TestTrackingServedBlockedClientRepliesOff(t *testing.T) {
	run := func(addr string) string {
		other, blocked := dialRESP(t, addr), dialRESP(t, addr)
		other.call("DEL", "src", "dst")
		other.call("RPUSH", "dst", "a")
		for _, req := range [][]string{{"HELLO", "3"}, {"CLIENT", "TRACKING", "on"}, {"LRANGE", "dst", "0", "-1"},
			{"CLIENT", "REPLY", "OFF"}, {"BLMOVE", "src", "dst", "LEFT", "LEFT", "0"}, {"CLIENT", "REPLY", "ON"}, {"PING"}} {
			blocked.send(req...)
		}
		waitBlocked(t, other, 1)
		other.call("RPUSH", "src", "foo")
		var out strings.Builder
		for range 6 { // HELLO, OK, LRANGE's list, the push, OK, PONG
			out.WriteString(blocked.reply())
		}
		return withoutIDs(out.String())
	}
	want := run(startRedisServer(t))
	eachModel(t, func(t *testing.T, model string) {
		checkReply(t, "the blocked client's bytes", run(startDaemon(t, "--io", model).addr), want)
	})
}
