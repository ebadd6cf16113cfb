package main

import (
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// respRequest encodes one request as RESP.
func respRequest(args ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return b.String()
}

// conversation is requests sent on one connection, ending with QUIT so
// that the server itself closes once it has answered everything.
type conversation struct {
	name     string
	password bool // run against the servers started with a password
	requests [][]string
}

// converse sends every request of cv at once and returns all the server
// answered before it closed the connection after QUIT.
func converse(t *testing.T, addr string, cv conversation) string {
	t.Helper()
	var in strings.Builder
	for _, req := range cv.requests {
		in.WriteString(respRequest(req...))
	}
	in.WriteString(respRequest("QUIT"))
	out, err := exchange(t, addr, in.String(), false)
	if err != nil {
		t.Fatalf("%s: reading the replies: %v", cv.name, err)
	}
	return out
}

// startRedisServer runs the reference redis-server on a free loopback port
// with the given extra arguments and returns its address.
func startRedisServer(t *testing.T, args ...string) string {
	t.Helper()
	server, err := exec.LookPath("redis-server")
	needTool(t, "needs redis-server (apt-get install redis-server)", err == nil)
	port := freePort(t)
	sock := filepath.Join(t.TempDir(), "redis.sock")
	args = append([]string{"--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--unixsocket", sock, "--save", "", "--appendonly", "no"}, args...)
	cmd := exec.Command(server, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	waitUntil(t, "redis-server to listen", func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	})
	return addr
}

// replyConversations are the reply differences fixed on the replies
// branch, each as a conversation whose every byte must match Redis 7.0.15:
// nothing in them depends on client ids or hash order.
var replyConversations = []conversation{
	{"MEMORY PURGE", false, [][]string{{"MEMORY", "PURGE"}, {"MEMORY", "PURGE", "now"}, {"memory", "purge"}}},
	{"SET and GETEX repeat options", false, [][]string{
		{"FLUSHALL"},
		{"SET", "k", "v", "EX", "100", "EX", "200"}, {"TTL", "k"},
		{"SET", "k", "v", "EX", "abc", "ex", "300"}, {"TTL", "k"},
		{"SET", "k", "v", "EX", "10", "PX", "10"},
		{"SET", "k", "v", "NX", "NX"}, {"SET", "k", "v2", "XX", "xx", "GET", "GET"},
		{"SET", "k", "v", "KEEPTTL", "GET", "KEEPTTL"}, {"TTL", "k"},
		{"SET", "k", "v", "EX", "10", "KEEPTTL"},
		{"GETEX", "k", "PX", "1000", "PX", "200000"}, {"TTL", "k"},
		{"GETEX", "k", "EX", "abc", "EX", "50"}, {"TTL", "k"},
		{"GETEX", "k", "PERSIST", "PERSIST"}, {"TTL", "k"},
		{"GETEX", "k", "EX", "10", "PERSIST"},
		{"SET", "k", "v", "NX\x00junk"},
	}},
	{"a past EXAT or PXAT", false, [][]string{
		{"FLUSHALL"},
		{"SET", "k", "v"}, {"GETEX", "k", "EXAT", "1"}, {"DBSIZE"}, {"GET", "k"},
		{"SET", "k", "v"}, {"GETEX", "k", "PXAT", "1"}, {"DBSIZE"},
		{"SET", "k", "v"}, {"EXPIREAT", "k", "1"}, {"DBSIZE"},
		{"SET", "k", "v"}, {"PEXPIRE", "k", "-1"}, {"DBSIZE"},
		{"SET", "k", "v", "EXAT", "1"}, {"DBSIZE"}, {"EXISTS", "k"}, {"DBSIZE"},
	}},
	{"user names are case-sensitive", true, [][]string{
		{"AUTH", "DEFAULT", "pw"}, {"HELLO", "2", "AUTH", "Default", "pw"}, {"PING"},
		{"AUTH", "default", "pw"}, {"AUTH", "default", "wrong"}, {"AUTH", "DEFAULT", "pw"}, {"PING"},
	}},
	{"HELLO checks every SETNAME, in order", false, [][]string{
		{"HELLO", "2", "SETNAME", "a b", "SETNAME", "good"}, {"CLIENT", "GETNAME"},
		{"HELLO", "2", "SETNAME", "good", "SETNAME", "a b"}, {"CLIENT", "GETNAME"},
		{"HELLO", "2", "SETNAME", "other", "FOO"}, {"CLIENT", "GETNAME"},
		{"HELLO", "2", strings.Repeat("o", 200)},
	}},
	{"HELLO names an unauthenticated client, then NOAUTH", true, [][]string{
		{"HELLO", "2", "SETNAME", "early"}, {"AUTH", "pw"}, {"CLIENT", "GETNAME"},
	}},
	{"SCAN's cursor", false, [][]string{
		{"FLUSHALL"}, {"SET", "k", "v"},
		{"SCAN", "+0"}, {"SCAN", "-0"}, {"SCAN", ""}, {"SCAN", "-1", "MATCH", "nomatch"},
		{"SCAN", "1x"}, {"SCAN", " 0"}, {"SCAN", "18446744073709551616"}, {"SCAN", "0x0"},
	}},
	{"subcommands and texts", false, [][]string{
		{"CONFIG", "RESETSTAT", "x"}, {"CONFIG", "FOO"}, {"CONFIG", "F\x00OO"}, {"CONFIG"},
		{"PUBSUB", "CHANNELS", "a", "b"}, {"PUBSUB", "NUMPAT", "x"},
		{"COMMAND", "LIST", "x"}, {"COMMAND", "LIST", "FILTERBY", "pattern", "get"},
		{"COMMAND", "LIST", "FILTERBY", "module", "none"}, {"COMMAND", "COUNT", "x"},
		{"COMMAND", "INFO", "nosuch", "get|x"},
		{"SELECT", "4294967296"}, {"SELECT", "-2147483649"},
		{"CONFIG", "GET", "SAVE"}, {"CONFIG", "GET", "save", "SAVE"}, {"CONFIG", "GET", "sav?", "SAVE"},
		{"SET", "k", "v"}, {"EXPIRE", "k", "10", strings.Repeat("o", 200)}, {"EXPIRE", "k", "10", "ab\x00cd"},
		{"EXPIRE", "k", "10", "ab\r\n"}, {"FOO", "a\x00b", "c"},
		{"SCAN", "0", "TYPE", "ſtring"}, {"FLUSHALL", "ſync"},
	}},
	{"subscribed: subcommands named in full", false, [][]string{
		{"SUBSCRIBE", "x"}, {"PUBSUB", "NUMPAT"}, {"CLIENT", "ID"}, {"PUBSUB", "FOO"}, {"PUBSUB"}, {"GET", "k"},
	}},
	{"before AUTH: unknown subcommands and arity first", true, [][]string{
		{"CONFIG", "FOO"}, {"CONFIG", "RESETSTAT", "x"}, {"CONFIG", "GET", "save"}, {"CLIENT", "ID"},
	}},
}

// TestRepliesMatchRedis holds the conversations up against a real
// redis-server, byte for byte.
func TestRepliesMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	redisPW := startRedisServer(t, "--requirepass", "pw")
	lite := startDaemon(t).addr
	litePW := startDaemon(t, "--requirepass", "pw").addr
	for _, cv := range replyConversations {
		ref, ours := redis, lite
		if cv.password {
			ref, ours = redisPW, litePW
		}
		t.Run(cv.name, func(t *testing.T) {
			if got, want := converse(t, ours, cv), converse(t, ref, cv); got != want {
				t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
			}
		})
	}
}
