package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// monitorRequests are run by one client while another monitors: values
// that need every kind of quoting, passwords to hide, commands refused
// before they run (not shown), admin commands (not shown) and commands
// that fail while running (shown).
var monitorRequests = [][]string{
	{"SET", "k", "a\"b\\c\n\r\t\a\b\x00\xff \x7f~é"}, {"GET", "k"}, {"SET", "", ""},
	{"AUTH", "x"}, {"AUTH", "u", "p"}, {"AUTH", "a", "b", "c"},
	{"HELLO", "2", "AUTH", "u", "p"}, {"HELLO", "4", "AUTH", "u", "p"}, {"HELLO", "x", "AUTH", "u", "p"},
	{"HELLO", "2", "SETNAME", "n", "AUTH", "u", "p"}, {"HELLO", "2", "FOO", "AUTH", "u", "p"}, {"hello", "2", "auth", "u", "p"},
	{"CONFIG", "GET", "maxmemory"}, {"CLIENT", "LIST"}, {"CLIENT", "SETNAME", "named"}, {"NOSUCH"}, {"GET"},
	{"INCR", "k"}, {"PUBLISH", "ch", "m"}, {"ECHO", "end"},
}

// monitorLine is a monitor's line: the time, the database and the client's
// address, then the arguments.
var monitorLine = regexp.MustCompile(`(?m)^\+(\d+)\.(\d{6}) \[0 (127\.0\.0\.1:\d+)\] `)

// monitorTranscript monitors addr while monitorRequests run, then tries
// the monitor's own commands (a second MONITOR, PING, a key read, RESET,
// QUIT), and returns what the monitor received with each line's time and
// address replaced by T and ADDR, after checking they are the time now and
// the address of the client that ran the command.
func monitorTranscript(t *testing.T, addr string) string {
	t.Helper()
	mon := dialRaw(t, addr)
	mon.send(respRequest("MONITOR"))
	mon.waitFor("+OK\r\n")
	client := dialRaw(t, addr)
	for _, req := range monitorRequests {
		client.send(respRequest(req...))
	}
	mon.waitFor(`"ECHO" "end"` + "\r\n")
	mon.send(respRequest("MONITOR") + respRequest("PING"))
	mon.waitFor(`"PING"` + "\r\n")
	// A monitor's own lines go when CLIENT REPLY silences it.
	mon.send(respRequest("CLIENT", "REPLY", "OFF") + respRequest("PING") + respRequest("CLIENT", "REPLY", "ON") +
		respRequest("CLIENT", "REPLY", "SKIP") + respRequest("PING") + respRequest("ECHO", "on"))
	mon.waitFor(`"ECHO" "on"` + "\r\n")
	mon.send(respRequest("GET", "k") + respRequest("RESET"))
	mon.waitFor("+RESET\r\n")
	mustExchange(t, addr, respRequest("SET", "after", "reset")+respRequest("QUIT"))
	mon.send(respRequest("PING") + respRequest("QUIT"))
	got := mon.untilClosed()

	start := time.Now().Add(-time.Minute).Unix()
	end := time.Now().Add(time.Second).Unix()
	clientAddr, monAddr := client.conn.LocalAddr().String(), mon.conn.LocalAddr().String()
	return monitorLine.ReplaceAllStringFunc(got, func(line string) string {
		m := monitorLine.FindStringSubmatch(line)
		if sec, _ := strconv.ParseInt(m[1], 10, 64); sec < start || sec > end {
			t.Errorf("line %q: the time is not now", line)
		}
		who := "ADDR"
		switch m[3] {
		case clientAddr:
		case monAddr:
			who = "MONITOR"
		default:
			who = "OTHER"
		}
		return "+T [0 " + who + "] "
	})
}

// TestMonitorMatchesRedis: the monitor sees what redis-server's monitor
// sees, quoted and redacted the same, with the same replies to its own
// commands, in both I/O models.
func TestMonitorMatchesRedis(t *testing.T) {
	want := monitorTranscript(t, startRedisServer(t))
	eachModel(t, func(t *testing.T, model string) {
		got := monitorTranscript(t, startDaemon(t, "--io", model).addr)
		if got != want {
			t.Errorf("redis-lite's monitor received %s", firstDifference(got, want))
		}
	})
}

// TestMonitorPlaintextAndClientList: a plaintext monitor gets its lines
// without the status mark, and CLIENT LIST flags it O until RESET.
func TestMonitorPlaintextAndClientList(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		mon := dialRaw(t, d.addr)
		mon.send("MONITOR\n")
		mon.waitFor("OK\n")
		list := mustExchange(t, d.addr, respRequest("CLIENT", "LIST")+respRequest("QUIT"))
		if !strings.Contains(list, " flags=O ") {
			t.Errorf("CLIENT LIST while monitoring:\n%s", list)
		}
		mustExchange(t, d.addr, respRequest("SET", "k", "v w")+respRequest("QUIT"))
		mon.waitFor(` [0 127.0.0.1:`)
		mon.waitFor(`] "SET" "k" "v w"` + "\n")
		if got := mon.received(); strings.Contains(got, "+") || strings.Contains(got, "\r") {
			t.Errorf("plaintext monitor received %q", got)
		}
		mon.send("RESET\n")
		mon.waitFor("RESET\n")
		list = mustExchange(t, d.addr, respRequest("CLIENT", "LIST")+respRequest("QUIT"))
		if strings.Contains(list, " flags=O ") {
			t.Errorf("CLIENT LIST after RESET:\n%s", list)
		}
	})
}

// TestSlowMonitorIsCut: a monitor that never reads is disconnected at the
// output bound, and the clients it watches are never held up.
func TestSlowMonitorIsCut(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model, "--client-output-buffer-limit", "pubsub 1048576 0 0")
		rdb := d.goRedis()
		ctx := context.Background()
		slow := d.dial()
		slow.send("MONITOR\r\n")
		if got := slow.line(); got != "+OK\r" { // then it stops reading
			t.Fatalf("MONITOR's reply: %q", got)
		}
		value := strings.Repeat("v", 100000)
		monitoring := func() bool { return strings.Contains(rdb.ClientList(ctx).Val(), " flags=O ") }
		for i := 0; i < 1000 && monitoring(); i++ { // bounded: at most 100 MB
			if err := rdb.Set(ctx, "k", value, 0).Err(); err != nil {
				t.Fatalf("SET %d failed: %v", i, err)
			}
		}
		if monitoring() {
			t.Fatal("the monitor that never reads was never disconnected")
		}
		if got := rdb.Get(ctx, "k").Val(); got != value {
			t.Fatalf("the writer's connection: GET gave %d bytes", len(got))
		}
	})
}
