package main

import (
	"context"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// probe follows each hostile input: if the connection survived the input,
// its PONG shows in the output; if the server closed it, nothing follows.
const probe = "*1\r\n$4\r\nPING\r\n"

type hostileCase struct {
	name, in string
	want     string // everything read after sending in+probe and closing our write side
	noProbe  bool   // send in alone: a probe would end the line the case is about
}

// closedAfter marks a reply after which the server must close: no PONG.
func closedAfter(reply string) string { return reply }

// survived marks a reply after which the connection goes on: PONG follows.
func survived(reply string) string { return reply + "+PONG\r\n" }

// hostileRESP are malformed or abusive RESP requests; Redis 7 answers each
// exactly so (TestHostileRESPMatchesRedis checks that against redis-server).
var hostileRESP = []hostileCase{
	{"multibulk count letters", "*abc\r\n", closedAfter("-ERR Protocol error: invalid multibulk length\r\n"), false},
	{"multibulk count empty", "*\r\n", closedAfter("-ERR Protocol error: invalid multibulk length\r\n"), false},
	{"multibulk count plus", "*+2\r\n", closedAfter("-ERR Protocol error: invalid multibulk length\r\n"), false},
	{"multibulk count leading zero", "*01\r\n", closedAfter("-ERR Protocol error: invalid multibulk length\r\n"), false},
	{"multibulk count spaces", "* 1\r\n", closedAfter("-ERR Protocol error: invalid multibulk length\r\n"), false},
	{"multibulk count above INT_MAX", "*2147483648\r\n", closedAfter("-ERR Protocol error: invalid multibulk length\r\n"), false},
	{"multibulk count overflow", "*99999999999999999999999\r\n", closedAfter("-ERR Protocol error: invalid multibulk length\r\n"), false},
	{"star minus one", "*-1\r\n", survived(""), false},
	{"star minus five", "*-5\r\n", survived(""), false},
	{"star zero", "*0\r\n", survived(""), false},
	{"integer element", "*1\r\n:1\r\n", closedAfter("-ERR Protocol error: expected '$', got ':'\r\n"), false},
	{"simple string element", "*1\r\n+OK\r\n", closedAfter("-ERR Protocol error: expected '$', got '+'\r\n"), false},
	{"inline element", "*1\r\nPING\r\n", closedAfter("-ERR Protocol error: expected '$', got 'P'\r\n"), false},
	{"NUL element: waits, as Redis's strchr", "*1\r\n\x00\r\n", closedAfter(""), false},
	{"bulk length minus one", "*1\r\n$-1\r\n", closedAfter("-ERR Protocol error: invalid bulk length\r\n"), false},
	{"bulk length minus seven", "*1\r\n$-7\r\n", closedAfter("-ERR Protocol error: invalid bulk length\r\n"), false},
	{"bulk length letters", "*1\r\n$x\r\n", closedAfter("-ERR Protocol error: invalid bulk length\r\n"), false},
	{"bulk length empty", "*1\r\n$\r\n", closedAfter("-ERR Protocol error: invalid bulk length\r\n"), false},
	{"bulk beyond proto-max-bulk-len", "*1\r\n$536870913\r\n", closedAfter("-ERR Protocol error: invalid bulk length\r\n"), false},
	{"bulk announced but never sent", "*2\r\n$3\r\nGET\r\n$536870912\r\nabc", closedAfter(""), false},
	{"fewer bulks than announced: the probe is misread", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n", closedAfter("-ERR Protocol error: expected '$', got '*'\r\n"), false},
	{"bulk without its CRLF", "*1\r\n$4\r\nPINGxx", survived("+PONG\r\n"), false},
	{"bulk shorter than announced", "*2\r\n$4\r\nECHO\r\n$100\r\nabc\r\n", closedAfter(""), false},
	{"unknown command", "*2\r\n$3\r\nFOO\r\n$1\r\na\r\n", survived("-ERR unknown command 'FOO', with args beginning with: 'a' \r\n"), false},
	{"empty command name", "*1\r\n$0\r\n\r\n", survived("-ERR unknown command '', with args beginning with: \r\n"), false},
	{"command name with CRLF", "*1\r\n$5\r\nGE\r\nT\r\n", survived("-ERR unknown command 'GE  T', with args beginning with: \r\n"), false},
	{"wrong arity", "*1\r\n$3\r\nGET\r\n", survived("-ERR wrong number of arguments for 'get' command\r\n"), false},
	{"invalid UTF-8 key", "*2\r\n$3\r\nGET\r\n$2\r\n\xff\xfe\r\n", survived("$-1\r\n"), false},
	{"NUL bytes in a value", "*3\r\n$3\r\nSET\r\n$1\r\nn\r\n$3\r\n\x00\x00\x00\r\n", survived("+OK\r\n"), false},
	{"100,000 arguments", "*100000\r\n" + strings.Repeat("$1\r\nx\r\n", 100000), survived("-ERR unknown command 'x', with args beginning with: " + strings.Repeat("'x' ", 32) + "\r\n"), false},
	{"header over 64 KiB without CR", "*" + strings.Repeat("1", 70000), closedAfter("-ERR Protocol error: too big mbulk count string\r\n"), true},
	{"bulk header over 64 KiB without CR", "*1\r\n$" + strings.Repeat("1", 70000), closedAfter("-ERR Protocol error: too big bulk count string\r\n"), true},
	{"64 KiB of digits, then the probe", "*" + strings.Repeat("1", 70000), closedAfter("-ERR Protocol error: invalid multibulk length\r\n"), false},
}

// hostileInline are plaintext inputs; replies are the human form of
// Redis's texts (a plaintext line gets a plaintext reply: docs/architecture.md).
var hostileInline = []hostileCase{
	{"unbalanced double quote", "SET k \"abc\n", closedAfter("(error) ERR Protocol error: unbalanced quotes in request\n"), false},
	{"unbalanced single quote", "SET k 'abc\n", closedAfter("(error) ERR Protocol error: unbalanced quotes in request\n"), false},
	{"closing quote then a letter", "SET k \"a\"b\n", closedAfter("(error) ERR Protocol error: unbalanced quotes in request\n"), false},
	{"escaped final quote", "ECHO \"abc\\\"\n", closedAfter("(error) ERR Protocol error: unbalanced quotes in request\n"), false},
	{"line over 64 KiB", strings.Repeat("a", 70000) + "\n", closedAfter("(error) ERR Protocol error: too big inline request\n"), false},
	{"64 KiB without newline", strings.Repeat("a", 70000), closedAfter("(error) ERR Protocol error: too big inline request\n"), false},
	{"1 MiB of spaces", strings.Repeat(" ", 1<<20), closedAfter("(error) ERR Protocol error: too big inline request\n"), false},
	{"only CRLFs", "\r\n\r\n\n", survived(""), false},
	{"unknown command", "NOPE x\n", survived("(error) ERR unknown command 'NOPE', with args beginning with: 'x' \n"), false},
	{"wrong arity", "GET\n", survived("(error) ERR wrong number of arguments for 'get' command\n"), false},
	{"NUL bytes in an argument", "ECHO a\x00b\n", survived("a\x00b\n"), false},
	{"invalid UTF-8", "ECHO \xff\xfe\n", survived("\xff\xfe\n"), false},
	{"hex escape NUL", "ECHO \"\\x00\"\n", survived("\x00\n"), false},
	{"bad hex escape", "ECHO \"\\xZZ\"\n", survived("xZZ\n"), false},
	{"tabs and vertical tabs", "ECHO\t\"a\"\t\n", survived("a\n"), false},
	{"lone CR mid-line", "ECHO a\rb\n", survived("(error) ERR wrong number of arguments for 'echo' command\n"), false},
}

// talkHostile sends the case's input and the probe, closes the write side,
// and returns everything the server sends until it closes.
func talkHostile(t *testing.T, addr string, hc hostileCase) string {
	t.Helper()
	in := hc.in + probe
	if hc.noProbe {
		in = hc.in
	}
	out, _ := exchange(t, addr, in, true) // a reset after a protocol error ends the read too
	return out
}

func TestHostileInputs(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		// A well-behaved client is served all along.
		stop := make(chan struct{})
		var pings atomic.Int64
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			rdb := d.goRedis()
			for i := 0; i < 100000; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if rdb.Ping(context.Background()).Val() != "PONG" {
					t.Error("the well-behaved client was not served")
					return
				}
				pings.Add(1)
			}
		}()
		cases := append(append([]hostileCase{}, hostileRESP...), hostileInline...)
		if len(cases) < 40 {
			t.Fatalf("only %d hostile inputs", len(cases))
		}
		for _, hc := range cases {
			if got := talkHostile(t, d.addr, hc); got != hc.want {
				t.Errorf("%s: got %.200q, want %.200q", hc.name, got, hc.want)
			}
		}
		before := pings.Load()
		waitUntil(t, "the well-behaved client to go on", func() bool { return pings.Load() > before })
		close(stop)
		wg.Wait()
	})
}

// TestHostileRESPMatchesRedis runs the RESP cases against a real
// redis-server and checks that it answers byte for byte as this daemon's
// table says: the table is Redis's behaviour, not a guess.
func TestHostileRESPMatchesRedis(t *testing.T) {
	addr := startRedisServer(t)
	for _, hc := range hostileRESP {
		if got := talkHostile(t, addr, hc); got != hc.want {
			t.Errorf("redis-server, %s: got %.200q, table says %.200q", hc.name, got, hc.want)
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
