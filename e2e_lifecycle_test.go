package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestE2EShutdownWithHundredIdleClients: SIGINT ends the process with
// status 0 within a second although 100 idle clients are connected; each
// of them sees a clean close, and the log shows every step.
func TestE2EShutdownWithHundredIdleClients(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startProcess(t, "--io", model)
		var clients []*client
		for i := 0; i < 100; i++ {
			c := d.dial()
			c.do("PING")
			clients = append(clients, c)
		}
		status, took := d.signal(syscall.SIGINT)
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
	})
}

// TestE2ESigtermAnswersRequestsAlreadySent: requests a client sent before
// SIGTERM, not yet read by the daemon, are answered before the process
// exits 0.
func TestE2ESigtermAnswersRequestsAlreadySent(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startProcess(t, "--io", model, "--workers", "1", "--log-level", "debug")
		held := d.dial()
		held.do("PING")
		waiting := d.dial() // queued behind the held worker, its request unread
		waiting.send("SET late value\nGET late\n")
		// Until accept() has taken it from the backlog, a shutdown would reset it.
		waitUntil(t, "the second connection to be accepted", func() bool {
			return strings.Count(d.log.String(), "accept(): new connection") == 2
		})
		status, _ := d.signal(syscall.SIGTERM)
		if status != 0 {
			t.Fatalf("exit status %d, want 0", status)
		}
		if got := waiting.expectClosed(); got != "OK\nvalue\n" {
			t.Fatalf("requests sent before SIGTERM got %q, want both replies", got)
		}
	})
}

// TestE2ESecondSignalExitsAtOnce: a second SIGINT while a graceful stop
// waits for a client that does not read ends the process at once, with
// status 128+SIGINT.
func TestE2ESecondSignalExitsAtOnce(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startProcess(t, "--io", model)
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
		status, took := d.signal(syscall.SIGINT)
		if status != 128+int(syscall.SIGINT) || took > time.Second {
			t.Fatalf("second signal: exit %d after %v, want %d at once", status, took, 128+int(syscall.SIGINT))
		}
	})
}

// TestE2ETakenPortExitsOne: a second daemon on a port in use exits 1 with
// one line saying why (a process: its status and output are the point).
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

// TestE2EBadSettingsExitOne: a bad setting on the command line stops the
// start with Redis's fatal config error and status 1, as redis-server
// does; where Redis has the same setting, the text is redis-server's,
// byte for byte.
func TestE2EBadSettingsExitOne(t *testing.T) {
	server := referenceServer(t)
	for _, tc := range []struct {
		args  []string
		redis bool // redis-server has the setting: compare the texts
	}{
		{[]string{"--port", "x"}, true}, {[]string{"--port", "70000"}, true}, {[]string{"--nope"}, true},
		{[]string{"--port=6380"}, true}, {[]string{"--port"}, true}, {[]string{"--port", "--bind", "x"}, true},
		{[]string{"--maxmemory", "1x"}, true}, {[]string{"--appendfsync", "sometimes"}, true},
		{[]string{"--timeout", "1", "--maxclients", "0"}, true},
		{[]string{"--workers", "0"}, false}, {[]string{"--busy-poll", "-1"}, false}, {[]string{"--busy-poll", "20000"}, false},
		{[]string{"--log-level", "loud"}, false}, {[]string{"--log-format", "xml"}, false},
	} {
		d := launchCmd(t, daemonBinary, tc.args...)
		status := d.wait()
		got := d.log.String()
		if status != 1 || !strings.Contains(got, "*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line ") {
			t.Errorf("%q: exit %d, output %q; want 1 and Redis's fatal config error", tc.args, status, got)
			continue
		}
		if !tc.redis || server == "" {
			continue
		}
		out, _ := exec.Command(server, tc.args...).CombinedOutput()
		if got != string(out) {
			t.Errorf("%q: redis-lite said\n%q\nredis-server said\n%q", tc.args, got, out)
		}
	}
}

// TestE2EHelpAndVersion: --help lists every setting on stdout, --version
// and -v name the daemon and the Redis version it follows; each exits 0
// without starting.
func TestE2EHelpAndVersion(t *testing.T) {
	for _, tc := range []struct {
		arg  string
		want []string
	}{
		{"--help", []string{"Usage: redis-lite", "--maxmemory 0", "--appendfsync everysec", "--tcp-backlog 511"}},
		{"-h", []string{"Usage: redis-lite"}},
		{"--version", []string{"redis-lite", "v=7.0.15"}},
		{"-v", []string{"redis-lite", "v=7.0.15"}},
	} {
		cmd := exec.Command(daemonBinary, tc.arg)
		cmd.Env = raceEnv() // no second's sleep at each exit
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Errorf("%s: %v, stderr %q", tc.arg, err, stderr.String())
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("%s: stdout lacks %q:\n%s", tc.arg, w, stdout.String())
			}
		}
	}
}

// TestE2EMemoryUnits: --maxmemory takes Redis's units, and CONFIG GET
// answers in bytes, as Redis does.
func TestE2EMemoryUnits(t *testing.T) {
	d := startDaemon(t, "--maxmemory", "100mb", "--client-output-buffer-limit", "pubsub 1mb 0 0")
	c := d.dial()
	c.send("CONFIG GET maxmemory\n")
	if got := c.line() + "|" + c.line(); got != "1) maxmemory|2) 104857600" {
		t.Fatalf("CONFIG GET maxmemory: %q", got)
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
	if status, _ := d.stop(); status != 0 {
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

// TestE2EDebugLogShowsTheSocketLifecycle: at debug level each model logs
// the system calls of a connection's life.
func TestE2EDebugLogShowsTheSocketLifecycle(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model, "--log-level", "debug")
		c := d.dial()
		c.do("PING")
		c.conn.Close()
		waitUntil(t, "the close to be logged", func() bool { return strings.Contains(d.log.String(), "close(): connection closed") })
		for _, call := range []string{"socket()", "setsockopt(): SO_REUSEADDR", "bind()", "listen()", "accept()", "recv(): 5 bytes", "send(): 5 bytes", "recv(): 0 bytes", "close(): connection closed"} {
			if !strings.Contains(d.log.String(), call) {
				t.Errorf("debug log lacks %q", call)
			}
		}
	})
}

func TestE2EJSONLogs(t *testing.T) {
	d := runInProcess(t, "--port", "0", "--log-format", "json")
	waitUntil(t, "a JSON start line", func() bool { return strings.Contains(d.log.String(), `"msg":"accepting connections"`) })
}

// TestE2EShutdownEndsWhileACommandRuns: a command that outlasts the grace
// period (DEBUG SLEEP 60) must not hold the daemon. It exits 0 within the
// grace period and the margin, logs what it left, and the append-only file
// keeps what was acknowledged before. A process: only the exit ends the
// command left running.
func TestE2EShutdownEndsWhileACommandRuns(t *testing.T) {
	eachModelWaiting(t, func(t *testing.T, model string) {
		dir := t.TempDir()
		args := []string{"--io", model, "--enable-debug-command", "yes", "--appendonly", "yes", "--dir", dir}
		d := startProcess(t, append(args, "--log-level", "debug")...)
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
		status, took := d.signal(syscall.SIGTERM)
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
	})
}
