package main

import (
	"strings"
	"testing"
)

// listConversations exercise every list command, its errors in Redis's
// order and its replies in RESP2 and RESP3; each must match Redis 7.0.15
// byte for byte.
var listConversations = []conversation{
	{"pushes, pops and reads", false, [][]string{
		{"FLUSHALL"},
		{"RPUSH", "l", "a", "b", "c"}, {"LPUSH", "l", "z", "y"}, {"LRANGE", "l", "0", "-1"},
		{"LPUSHX", "none", "x"}, {"RPUSHX", "l", "d"}, {"EXISTS", "none"},
		{"LLEN", "l"}, {"LLEN", "none"}, {"OBJECT", "ENCODING", "l"}, {"TYPE", "l"},
		{"LINDEX", "l", "0"}, {"LINDEX", "l", "-1"}, {"LINDEX", "l", "100"}, {"LINDEX", "l", "x"},
		{"LINDEX", "none", "x"},
		{"LPOP", "l"}, {"RPOP", "l"}, {"LPOP", "l", "2"}, {"RPOP", "l", "0"}, {"RPOP", "l", "10"},
		{"EXISTS", "l"}, {"LPOP", "l"}, {"LPOP", "l", "1"}, {"LPOP", "l", "-1"}, {"LPOP", "l", "x"},
		{"LPOP", "l", "1", "2"},
		{"RPUSH", "l", "1", "2", "3", "4", "5"},
		{"LRANGE", "l", "1", "2"}, {"LRANGE", "l", "-2", "100"}, {"LRANGE", "l", "3", "1"},
		{"LRANGE", "l", "-100", "-4"}, {"LRANGE", "l", "x", "1"}, {"LRANGE", "none", "0", "-1"},
	}},
	{"edits in place", false, [][]string{
		{"FLUSHALL"},
		{"RPUSH", "l", "a", "b", "a", "c", "a"},
		{"LSET", "l", "1", "B"}, {"LSET", "l", "-1", "A"}, {"LSET", "l", "9", "x"}, {"LSET", "l", "x", "y"},
		{"LSET", "none", "0", "x"}, {"LRANGE", "l", "0", "-1"},
		{"LINSERT", "l", "BEFORE", "a", "0"}, {"LINSERT", "l", "after", "c", "d"},
		{"LINSERT", "l", "before", "nope", "x"}, {"LINSERT", "l", "middle", "a", "x"},
		{"LINSERT", "none", "before", "a", "x"}, {"LRANGE", "l", "0", "-1"},
		{"LREM", "l", "1", "a"}, {"LREM", "l", "-1", "A"}, {"LREM", "l", "0", "nope"}, {"LREM", "l", "x", "a"},
		{"LRANGE", "l", "0", "-1"}, {"LREM", "none", "0", "a"},
		{"LTRIM", "l", "1", "-2"}, {"LRANGE", "l", "0", "-1"}, {"LTRIM", "l", "5", "1"}, {"EXISTS", "l"},
		{"LTRIM", "none", "0", "1"}, {"LTRIM", "l", "a", "1"},
	}},
	{"LPOS", false, [][]string{
		{"FLUSHALL"},
		{"RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c"},
		{"LPOS", "l", "c"}, {"LPOS", "l", "c", "RANK", "2"}, {"LPOS", "l", "c", "RANK", "-1"},
		{"LPOS", "l", "c", "COUNT", "0"}, {"LPOS", "l", "c", "COUNT", "2", "RANK", "-1"},
		{"LPOS", "l", "c", "MAXLEN", "3"}, {"LPOS", "l", "c", "MAXLEN", "2"}, {"LPOS", "l", "x"},
		{"LPOS", "l", "x", "COUNT", "5"}, {"LPOS", "none", "x"}, {"LPOS", "none", "x", "COUNT", "1"},
		{"LPOS", "l", "c", "RANK", "0"}, {"LPOS", "l", "c", "COUNT", "-1"}, {"LPOS", "l", "c", "MAXLEN", "-1"},
		{"LPOS", "l", "c", "RANK"}, {"LPOS", "l", "c", "FOO", "1"}, {"LPOS", "l", "c", "RANK", "x"},
	}},
	{"moves between lists", false, [][]string{
		{"FLUSHALL"},
		{"RPUSH", "src", "a", "b", "c"},
		{"LMOVE", "src", "dst", "LEFT", "RIGHT"}, {"LMOVE", "src", "dst", "right", "left"},
		{"RPOPLPUSH", "src", "dst"}, {"EXISTS", "src"}, {"LRANGE", "dst", "0", "-1"},
		{"RPOPLPUSH", "dst", "dst"}, {"LMOVE", "dst", "dst", "LEFT", "LEFT"}, {"LRANGE", "dst", "0", "-1"},
		{"LMOVE", "none", "dst", "LEFT", "LEFT"}, {"LMOVE", "dst", "dst", "UP", "LEFT"},
		{"SET", "s", "x"}, {"LMOVE", "dst", "s", "LEFT", "LEFT"}, {"LMOVE", "s", "dst", "LEFT", "LEFT"},
		{"RPOPLPUSH", "none", "s"},
		{"LMPOP", "2", "none", "dst", "LEFT"}, {"LMPOP", "2", "none", "dst", "RIGHT", "COUNT", "5"},
		{"LMPOP", "1", "dst", "LEFT"}, {"LMPOP", "1", "s", "LEFT"}, {"LMPOP", "0", "dst", "LEFT"},
		{"LMPOP", "3", "dst", "LEFT"}, {"LMPOP", "1", "dst", "UP"}, {"LMPOP", "1", "dst", "LEFT", "COUNT", "0"},
		{"LMPOP", "1", "dst", "LEFT", "COUNT", "1", "COUNT", "2"}, {"LMPOP", "x", "dst", "LEFT"},
	}},
	{"wrong types", false, [][]string{
		{"FLUSHALL"}, {"SET", "s", "x"}, {"RPUSH", "l", "a"},
		{"LPUSH", "s", "a"}, {"RPUSHX", "s", "a"}, {"LPOP", "s"}, {"LPOP", "s", "0"}, {"LLEN", "s"},
		{"LRANGE", "s", "0", "1"}, {"LINDEX", "s", "x"}, {"LSET", "s", "x", "y"}, {"LINSERT", "s", "before", "a", "b"},
		{"LREM", "s", "0", "a"}, {"LTRIM", "s", "0", "1"}, {"LPOS", "s", "a"}, {"GET", "l"}, {"APPEND", "l", "x"},
		{"BLPOP", "none", "s", "0"}, {"BLMOVE", "s", "l", "LEFT", "LEFT", "0"},
	}},
	{"blocking forms with data, and their timeouts' errors", false, [][]string{
		{"FLUSHALL"}, {"RPUSH", "l", "a", "b", "c", "d", "e"},
		{"BLPOP", "none", "l", "0"}, {"BRPOP", "l", "1.5"}, {"BLMOVE", "l", "m", "LEFT", "RIGHT", "0"},
		{"BRPOPLPUSH", "l", "m", "0"}, {"BLMPOP", "0", "2", "none", "m", "RIGHT", "COUNT", "9"},
		{"BLPOP", "l", "-1"}, {"BLPOP", "l", "abc"}, {"BLPOP", "l", "1e16"}, {"BLPOP", "l", "inf"},
		{"BLMOVE", "l", "m", "LEFT", "UP", "x"}, {"BLMOVE", "l", "m", "LEFT", "LEFT", "x"},
		{"BLMPOP", "x", "1", "l", "LEFT"}, {"BLMPOP", "0", "0", "l", "LEFT"}, {"BLMPOP", "-1", "1", "l", "LEFT"},
	}},
	{"blocking forms inside MULTI", false, [][]string{
		{"FLUSHALL"}, {"MULTI"}, {"BLPOP", "none", "0"}, {"BRPOPLPUSH", "none", "x", "0"},
		{"BLMOVE", "none", "x", "LEFT", "LEFT", "0"}, {"BLMPOP", "0", "1", "none", "LEFT"},
		{"RPUSH", "l", "a"}, {"BRPOP", "l", "0"}, {"EXEC"},
	}},
	{"RESP3", false, [][]string{
		{"HELLO", "3"}, {"FLUSHALL"}, {"RPUSH", "l", "a", "b"}, {"LPOP", "none"}, {"LPOP", "none", "2"},
		{"LINDEX", "l", "5"}, {"LPOS", "l", "x"}, {"LMPOP", "1", "none", "LEFT"}, {"LMOVE", "none", "x", "LEFT", "LEFT"},
		{"BLPOP", "none", "0.01"}, {"BLMOVE", "none", "x", "LEFT", "LEFT", "0.01"}, {"LRANGE", "l", "0", "-1"},
	}},
	{"RESP2 timeouts", false, [][]string{
		{"BLPOP", "none", "0.01"}, {"BRPOPLPUSH", "none", "x", "0.01"}, {"BLMPOP", "0.01", "1", "none", "LEFT"},
		{"CONFIG", "GET", "list-max-listpack-size"}, {"CONFIG", "GET", "LIST-COMPRESS-DEPTH"},
		{"CONFIG", "SET", "list-max-ziplist-size", "5", "list-max-listpack-size", "7"},
		{"CONFIG", "GET", "list-max-ziplist-size"}, {"CONFIG", "SET", "list-compress-depth", "-1"},
		{"CONFIG", "SET", "list-max-listpack-size", "abc"}, {"CONFIG", "SET", "list-max-listpack-size", "-2"},
	}},
}

// TestListRepliesMatchRedis holds the list conversations up against a
// real redis-server, byte for byte, in both I/O models.
func TestListRepliesMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	want := make([]string, len(listConversations))
	for i, cv := range listConversations {
		want[i] = withoutIDs(converse(t, redis, cv))
	}
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for i, cv := range listConversations {
			if got := withoutIDs(converse(t, lite, cv)); got != want[i] {
				t.Errorf("%s: redis-lite answered\n%q\nredis-server answered\n%q", cv.name, got, want[i])
			}
		}
	})
}

// TestListsSurviveARestart: lists written by every kind of command, a
// blocked client's pop and an append-only rewrite in the middle come back
// the same after a restart, in both I/O models.
func TestListsSurviveARestart(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		args := []string{"--io", model, "--appendonly", "yes", "--dir", t.TempDir()}
		d := startDaemon(t, args...)
		c, blocked := dialRESP(t, d.addr), dialRESP(t, d.addr)
		blocked.send("BLMOVE", "in", "out", "LEFT", "RIGHT", "0")
		waitBlocked(t, c, 1)
		for _, req := range [][]string{
			{"RPUSH", "in", "a", "b", "c", "d", "e", "f"}, {"LPUSH", "l", "x", "y", "z"}, {"LSET", "l", "1", "Y"},
			{"LINSERT", "l", "BEFORE", "x", "w"}, {"BGREWRITEAOF"}, {"LREM", "in", "1", "c"}, {"LTRIM", "in", "0", "2"},
			{"LMOVE", "in", "l", "RIGHT", "LEFT"}, {"RPOPLPUSH", "l", "l"}, {"LMPOP", "1", "l", "RIGHT", "COUNT", "2"},
			{"RPUSH", "gone", "1"}, {"LPOP", "gone"},
		} {
			c.call(req...)
		}
		if got := blocked.reply(); got != "$1\r\na\r\n" {
			t.Fatalf("the blocked client got %q", got)
		}
		waitUntil(t, "the rewrite to finish", func() bool {
			return strings.Contains(c.bulk("INFO", "persistence"), "aof_rewrite_in_progress:0")
		})
		keys := []string{"in", "out", "l", "gone"}
		before := lists(t, c, keys)
		if status, _ := d.stop(); status != 0 {
			t.Fatalf("exit status %d", status)
		}
		again := startDaemon(t, args...)
		if after := lists(t, dialRESP(t, again.addr), keys); after != before {
			t.Fatalf("after the restart:\n%q\nbefore:\n%q", after, before)
		}
	})
}

func lists(t *testing.T, c *respConn, keys []string) string {
	t.Helper()
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + c.call("LRANGE", k, "0", "-1"))
	}
	return b.String()
}

// TestListsInPlaintext: the networking document's protocol (lines ending
// in a bare \n) gets human replies from list commands too, a blocking pop
// that times out and one that is served included.
func TestListsInPlaintext(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		c := startDaemon(t, "--io", model).dial()
		c.send("RPUSH l a b c\nLRANGE l 0 -1\nLPOP l 2\nLPOP none\nLRANGE none 0 -1\n" +
			"BLPOP none 0.01\nBLPOP none l 0\nLMPOP 1 l RIGHT\nLLEN l\nLINDEX l x\n")
		want := []string{"(integer) 3", "1) a", "2) b", "3) c", "1) a", "2) b", "(nil)", "(empty array)", "(nil)",
			"1) l", "2) c", "(nil)", "(integer) 0", "(nil)"}
		for i, w := range want {
			if got := c.line(); got != w {
				t.Fatalf("line %d: %q, want %q", i+1, got, w)
			}
		}
	})
}
