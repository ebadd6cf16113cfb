package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestE2EShutdownWithHundredIdleClients(t *testing.T) {
	d := startDaemon(t)
	var clients []*client
	for i := 0; i < 100; i++ {
		c := d.dial()
		c.do("PING")
		clients = append(clients, c)
	}
	status, took := d.stop(syscall.SIGINT)
	if status != 0 {
		t.Fatalf("exit status %d, want 0", status)
	}
	if took > time.Second {
		t.Fatalf("shutdown took %v with 100 idle clients, want under 1s", took)
	}
	for _, c := range clients {
		if rest := c.expectClosed(); rest != "" {
			t.Fatalf("idle client read %q before close", rest)
		}
	}
	for _, step := range []string{"shutdown: requested", "shutdown: listening socket closed", "shutdown: every connection has finished", "shutdown: expiry sweeper stopped"} {
		if !strings.Contains(d.log.String(), step) {
			t.Fatalf("the log lacks the step %q", step)
		}
	}
}

func TestE2ESigtermAnswersRequestsAlreadySent(t *testing.T) {
	d := startDaemon(t, "--workers", "1", "--log-level", "debug")
	held := d.dial()
	held.do("PING")
	waiting := d.dial() // queued behind the held worker, its request unread
	waiting.send("SET late value\nGET late\n")
	// Until accept() has taken it from the backlog, a shutdown would reset it.
	waitUntil(t, "the second connection to be accepted", func() bool {
		return strings.Count(d.log.String(), "accept(): new connection") == 2
	})
	status, _ := d.stop(syscall.SIGTERM)
	if status != 0 {
		t.Fatalf("exit status %d, want 0", status)
	}
	if got := waiting.expectClosed(); got != "OK\nvalue\n" {
		t.Fatalf("requests sent before SIGTERM got %q, want both replies", got)
	}
}

func TestE2ESecondSignalExitsAtOnce(t *testing.T) {
	d := startDaemon(t)
	big := strings.Repeat("v", 1<<20)
	setter := d.dial()
	setter.send(fmt.Sprintf("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$%d\r\n%s\r\n", len(big), big))
	if got := setter.line(); got != "+OK\r" {
		t.Fatalf("SET big: %q", got)
	}
	// A client that asks for 64 MiB of replies and reads one byte of them:
	// its worker is then blocked in send for good, so the graceful stop has
	// to wait out the grace period.
	hog := d.dial()
	hog.send(strings.Repeat("GET big\n", 64))
	if _, err := hog.conn.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	d.cmd.Process.Signal(syscall.SIGINT)
	waitUntil(t, "the first signal to be handled", func() bool { return strings.Contains(d.log.String(), "shutting down") })
	status, took := d.stop(syscall.SIGINT)
	if status != 128+int(syscall.SIGINT) || took > time.Second {
		t.Fatalf("second signal: exit %d after %v, want %d at once", status, took, 128+int(syscall.SIGINT))
	}
}

func TestE2ETakenPortExitsOne(t *testing.T) {
	first := startDaemon(t)
	_, port, _ := net.SplitHostPort(first.addr)
	second := launch(t, "--port", port)
	if status := second.wait(); status != 1 {
		t.Fatalf("exit status %d, want 1", status)
	}
	if want := "bind " + first.addr + ": address already in use"; !strings.Contains(second.log.String(), want) {
		t.Fatalf("log %q lacks %q", second.log, want)
	}
	if n := strings.Count(strings.TrimSpace(second.log.String()), "\n"); n != 0 {
		t.Fatalf("want one line, got %d:\n%s", n+1, second.log)
	}
}

func TestE2EBadFlagsExitTwo(t *testing.T) {
	for _, args := range [][]string{{"--port", "x"}, {"--port", "70000"}, {"--workers", "0"}, {"--busy-poll", "-1"}, {"--busy-poll", "20000"}, {"--log-level", "loud"}, {"--log-format", "xml"}, {"--nope"}} {
		d := launch(t, args...)
		if status := d.wait(); status != 2 || !strings.HasPrefix(d.log.String(), "redis-lite: ") {
			t.Errorf("%v: exit %d, output %q; want 2 and one clear line", args, status, d.log)
		}
	}
}

// TestE2ERestartWhileTimeWait: the daemon closes a connection first (QUIT),
// so the server side of it sits in TIME_WAIT on the daemon's port; a new
// daemon must bind the port at once. That is what SO_REUSEADDR is for.
func TestE2ERestartWhileTimeWait(t *testing.T) {
	d := startDaemon(t)
	_, port, _ := net.SplitHostPort(d.addr)
	for i := 0; i < 3; i++ {
		c := d.dial()
		c.send("QUIT\n")
		c.expectClosed()
		c.conn.Close() // the daemon closed first: its side goes to TIME_WAIT
	}
	if status, _ := d.stop(syscall.SIGINT); status != 0 {
		t.Fatalf("exit status %d", status)
	}
	p, _ := strconv.Atoi(port)
	if !hasTimeWait(t, p) {
		t.Fatalf("no TIME_WAIT socket on port %d: the test would prove nothing", p)
	}
	again := startDaemon(t, "--port", port)
	if got := again.dial().do("PING"); got != "PONG" {
		t.Fatalf("restarted daemon answered %q", got)
	}
}

// hasTimeWait looks for a TCP socket in TIME_WAIT (state 06) whose local
// port is port, in the kernel's table.
func hasTimeWait(t *testing.T, port int) bool {
	t.Helper()
	data, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		t.Fatal(err)
	}
	local := fmt.Sprintf(":%04X ", port)
	for _, line := range strings.Split(string(data), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) > 3 && strings.HasSuffix(f[1]+" ", local) && f[3] == "06" {
			return true
		}
	}
	return false
}

func TestE2EDebugLogShowsTheSocketLifecycle(t *testing.T) {
	d := startDaemon(t, "--log-level", "debug")
	c := d.dial()
	c.do("PING")
	c.conn.Close()
	waitUntil(t, "the close to be logged", func() bool { return strings.Contains(d.log.String(), "close(): connection closed") })
	for _, call := range []string{"socket()", "setsockopt(): SO_REUSEADDR", "bind()", "listen()", "accept()", "recv(): 5 bytes", "send(): 5 bytes", "recv(): 0 bytes", "close(): connection closed"} {
		if !strings.Contains(d.log.String(), call) {
			t.Errorf("debug log lacks %q", call)
		}
	}
}

func TestE2EJSONLogs(t *testing.T) {
	d := launch(t, "--port", "0", "--log-format", "json")
	waitUntil(t, "a JSON start line", func() bool { return strings.Contains(d.log.String(), `"msg":"accepting connections"`) })
}

// TestE2EShutdownEndsWhileACommandRuns: a command that outlasts the grace
// period (DEBUG SLEEP 60) must not hold the daemon. It exits 0 within the
// grace period and the margin, logs what it left, and the append-only file
// keeps what was acknowledged before.
func TestE2EShutdownEndsWhileACommandRuns(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--enable-debug-command", "yes", "--appendonly", "yes", "--dir", dir}
	d := startDaemon(t, append(args, "--log-level", "debug")...)
	if got := d.dial().do("SET kept yes"); got != "OK" {
		t.Fatalf("SET: %q", got)
	}
	sleeper := d.dial()
	// A request of a length no other one has, so the log shows when the
	// daemon has read it, and so is inside the command (or about to be).
	const sleep = "DEBUG SLEEP 60.000\n"
	sleeper.send(sleep)
	received := fmt.Sprintf(`msg="recv(): %d bytes" fd=`, len(sleep))
	port := sleeper.conn.LocalAddr().(*net.TCPAddr).Port
	waitUntil(t, "the daemon to read DEBUG SLEEP", func() bool {
		for _, line := range strings.Split(d.log.String(), "\n") {
			if strings.Contains(line, received) && strings.Contains(line, ":"+strconv.Itoa(port)+`"`) {
				return true
			}
		}
		return false
	})
	status, took := d.stop(syscall.SIGTERM)
	if status != 0 {
		t.Fatalf("exit status %d, want 0; log:\n%s", status, d.log)
	}
	// 5s of grace and 1s of margin (netsrv); the rest is slack for -race.
	if limit := 9 * time.Second; took > limit {
		t.Fatalf("shutdown took %v with a command running, want under %v", took, limit)
	}
	for _, step := range []string{"grace period of 5s over; cutting", "still inside a command; exiting without them", "append-only file written and fsynced"} {
		if !strings.Contains(d.log.String(), step) {
			t.Errorf("the log lacks %q:\n%s", step, d.log)
		}
	}
	if rest := sleeper.expectClosed(); rest != "" {
		t.Errorf("the cut client read %q", rest)
	}
	restarted := startDaemon(t, args...)
	if got := restarted.dial().do("GET kept"); got != "yes" {
		t.Fatalf("after the restart GET kept = %q, want yes", got)
	}
}
