package main

import (
	"testing"
)

// inlineCRLF are Redis's inline protocol: lines ending in \r\n, as telnet,
// redis-benchmark's PING_INLINE, health checks and Redis's test suite send
// them. Each must get redis-server 7.0.15's bytes, protocol errors included.
var inlineCRLF = []struct{ name, in string }{
	{"commands", "FLUSHALL\r\nPING\r\nPING \"hello world\"\r\nSET k v\r\nGET k\r\nGET nope\r\n" +
		"INCR n\r\nINCR k\r\nDEL k n\r\nECHO 'it\\'s'\r\nECHO \"\\x41\\tb\"\r\n\r\n  \r\nEXISTS k\r\n" +
		"NOPE a b\r\nGET\r\nSET k v EX 100\r\nTTL k\r\nKEYS *\r\nQUIT\r\n"},
	{"QUIT right after a write", "SET a 1\r\nQUIT\r\n"},
	{"unbalanced quotes", "SET k v\r\nSET k \"abc\r\nPING\r\n"},
	{"closing quote then a letter", "ECHO \"a\"b\r\nPING\r\n"},
}

func TestInlineCRLFMatchesRedis(t *testing.T) {
	ref := startRedisServer(t)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for _, tc := range inlineCRLF {
			if got, want := mustExchange(t, lite, tc.in), mustExchange(t, ref, tc.in); got != want {
				t.Errorf("%s: redis-lite answered\n%q\nredis-server answered\n%q", tc.name, got, want)
			}
		}
	})
}

// TestInlineRepliesSetting: --inline-replies auto answers each line in the
// form of its ending; human and resp force one form for every text line.
// RESP requests always get RESP.
func TestInlineRepliesSetting(t *testing.T) {
	const in = "PING\nPING\r\n*1\r\n$4\r\nPING\r\nQUIT\n"
	for _, tc := range []struct {
		flags []string
		want  string
	}{
		{nil, "PONG\n+PONG\r\n+PONG\r\nOK\n"}, // the default is auto
		{[]string{"--inline-replies", "auto"}, "PONG\n+PONG\r\n+PONG\r\nOK\n"},
		{[]string{"--inline-replies", "human"}, "PONG\nPONG\n+PONG\r\nOK\n"},
		{[]string{"--inline-replies", "resp"}, "+PONG\r\n+PONG\r\n+PONG\r\n+OK\r\n"},
	} {
		d := startDaemon(t, tc.flags...)
		if got := mustExchange(t, d.addr, in); got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.flags, got, tc.want)
		}
	}
}

// mustExchange is exchange for a conversation the server ends itself
// (QUIT, or a protocol error): a failed read fails the test.
func mustExchange(t *testing.T, addr, in string) string {
	t.Helper()
	out, err := exchange(t, addr, in, false)
	if err != nil {
		t.Fatalf("reading until the server closed: %v (got %q)", err, out)
	}
	return out
}
