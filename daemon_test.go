package main

// Helpers for the end-to-end tests: they run the daemon on an ephemeral
// loopback port, in the test process or as the real binary (built in
// TestMain, with -race when the tests have it), and talk to it over real
// sockets.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"redis-lite/internal/testlog"
	"redis-lite/internal/testwait"
)

var daemonBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "redis-lite-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	daemonBinary = filepath.Join(dir, "redis-lite")
	args := []string{"build", "-o", daemonBinary}
	if raceEnabled {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, ".")...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the daemon:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// daemon is a running redis-lite: a process, or main's run on a goroutine
// of the test process.
type daemon struct {
	t      *testing.T
	cmd    *exec.Cmd          // the process; nil for a daemon in this one
	cancel context.CancelFunc // a daemon in this process: its shutdown request
	addr   string
	log    *testlog.Buffer
	exited chan struct{}
	status int
}

var listeningLine = regexp.MustCompile(`msg="accepting connections" addr="([^"]+)"`)

// ioModels are the daemon's I/O models, as --io names them.
var ioModels = []string{"threads", "epoll"}

// eachModel runs test once in each I/O model, as a subtest named after
// it; test passes "--io", model to the daemon it starts. A test whose
// behaviour may depend on the model (connections, pipelining, large
// values, pub/sub pushes, limits, timeouts, shutdown, hostile input) runs
// so; a test about one model names it; the rest (what the executor
// answers) run in the default model only.
func eachModel(t *testing.T, test func(t *testing.T, model string)) {
	t.Helper()
	for _, model := range ioModels {
		t.Run(model, func(t *testing.T) { test(t, model) })
	}
}

// eachModelWaiting is eachModel for a test that spends its time waiting
// for a timer (--timeout, the shutdown grace period), not on the CPU: it
// and its subtests run in parallel with the other such tests, once the
// rest of the package has run, so that their waits overlap.
func eachModelWaiting(t *testing.T, test func(t *testing.T, model string)) {
	t.Helper()
	t.Parallel()
	for _, model := range ioModels {
		t.Run(model, func(t *testing.T) {
			t.Parallel()
			test(t, model)
		})
	}
}

// startDaemon runs the daemon in the test process with args (default
// --port 0) and waits until its log says which address it accepts on. It
// is stopped when the test ends, as a signal would stop it, and must then
// exit 0.
//
// A daemon runs as a process (startProcess) only where the process is the
// point: signals and exit statuses, its threads, its descriptor table or
// ulimit -n, its memory (maxmemory reads the whole process's heap), a
// network namespace, a crash.
func startDaemon(t *testing.T, args ...string) *daemon {
	t.Helper()
	d := runInProcess(t, append([]string{"--port", "0"}, args...)...)
	d.waitListening()
	return d
}

// runInProcess runs main's run with args on a goroutine, its output and
// log going to d.log, without waiting for anything.
func runInProcess(t *testing.T, args ...string) *daemon {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	d := &daemon{t: t, cancel: cancel, log: &testlog.Buffer{}, exited: make(chan struct{})}
	go func() {
		d.status = run(ctx, args, d.log, d.log)
		close(d.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-d.exited: // the test stopped it, or it did not start
		default:
			if status, _ := d.stop(); status != 0 {
				t.Errorf("the daemon exited with %d when stopped at the end of the test", status)
			}
		}
		if t.Failed() {
			t.Logf("daemon log:\n%s", d.log)
		}
	})
	return d
}

// startProcess runs the daemon as a process with args (default --port 0)
// and waits until its log says which address it accepts on.
func startProcess(t *testing.T, args ...string) *daemon {
	t.Helper()
	d := launch(t, append([]string{"--port", "0"}, args...)...)
	d.waitListening()
	return d
}

// waitListening waits for the log line that gives the bound address.
func (d *daemon) waitListening() {
	d.t.Helper()
	waitUntil(d.t, "the daemon to accept connections", func() bool {
		if m := listeningLine.FindStringSubmatch(d.log.String()); m != nil {
			d.addr = m[1]
			return true
		}
		select {
		case <-d.exited:
			d.t.Fatalf("daemon exited with %d before listening:\n%s", d.status, d.log)
		default:
		}
		return false
	})
}

// launch starts the daemon process without waiting for anything.
func launch(t *testing.T, args ...string) *daemon {
	t.Helper()
	return launchCmd(t, daemonBinary, args...)
}

// launchCmd starts a command that runs the daemon: the daemon itself, or a
// wrapper that execs it (ip netns exec, a shell setting ulimit), so that
// the process started is the daemon and signals reach it.
func launchCmd(t *testing.T, name string, args ...string) *daemon {
	t.Helper()
	d := &daemon{t: t, log: &testlog.Buffer{}, exited: make(chan struct{})}
	d.cmd = exec.Command(name, args...)
	d.cmd.Stdout, d.cmd.Stderr = d.log, d.log
	d.cmd.Env = raceEnv()
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		d.cmd.Wait()
		d.status = d.cmd.ProcessState.ExitCode()
		close(d.exited)
	}()
	t.Cleanup(func() {
		d.cmd.Process.Kill()
		<-d.exited
		if t.Failed() {
			t.Logf("daemon log:\n%s", d.log)
		}
	})
	return d
}

// raceEnv is the environment for the daemon's process. A -race build
// sleeps a second at exit by default; shutdown timings are about the
// daemon, not the detector. A race ends the process at once, with status
// 66.
func raceEnv() []string {
	return append(os.Environ(), "GORACE=atexit_sleep_ms=0 halt_on_error=1")
}

// stop asks the daemon to shut down, as SIGTERM does (a daemon in this
// process is asked through run's context, which takes the signal's path),
// and returns the exit status and how long the exit took.
func (d *daemon) stop() (int, time.Duration) {
	d.t.Helper()
	if d.cmd != nil {
		return d.signal(syscall.SIGTERM)
	}
	start := time.Now()
	d.cancel()
	return d.wait(), time.Since(start)
}

// signal sends sig to the daemon's process and returns the exit status
// and how long the exit took.
func (d *daemon) signal(sig syscall.Signal) (int, time.Duration) {
	d.t.Helper()
	d.mustBeProcess()
	start := time.Now()
	d.cmd.Process.Signal(sig)
	return d.wait(), time.Since(start)
}

// mustBeProcess fails a test that asks a daemon in the test process for
// what only a process has (a pid, signals).
func (d *daemon) mustBeProcess() {
	d.t.Helper()
	if d.cmd == nil {
		d.t.Fatal("the test needs the daemon as a process: start it with startProcess")
	}
}

func (d *daemon) wait() int {
	d.t.Helper()
	select {
	case <-d.exited:
		return d.status
	case <-time.After(20 * time.Second):
		d.t.Fatalf("daemon did not exit; log:\n%s", d.log)
		return -1
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	testwait.Until(t, 20*time.Second, what, cond)
}

// client is a plaintext connection to the daemon.
type client struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
}

func (d *daemon) dial() *client {
	d.t.Helper()
	c, err := net.DialTimeout("tcp", d.addr, 5*time.Second)
	if err != nil {
		d.t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(60 * time.Second))
	d.t.Cleanup(func() { c.Close() })
	return &client{t: d.t, conn: c, r: bufio.NewReader(c)}
}

func (c *client) send(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.conn, s); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) line() string {
	c.t.Helper()
	l, err := c.r.ReadString('\n')
	if err != nil {
		c.t.Fatalf("reading a reply: %v (got %q)", err, l)
	}
	return strings.TrimSuffix(l, "\n")
}

// do sends one request line and returns the one-line reply.
func (c *client) do(req string) string {
	c.t.Helper()
	c.send(req + "\n")
	return c.line()
}

// expectClosed reads until EOF and returns what came before it.
func (c *client) expectClosed() string {
	c.t.Helper()
	rest, err := io.ReadAll(c.r)
	if err != nil {
		c.t.Fatalf("want the server to close the connection, got %v", err)
	}
	return string(rest)
}

// checkReply fails the test when got and want print differently; go-redis
// results of every type are compared by their printed form.
func checkReply(t *testing.T, what string, got, want any) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

// exchange sends in on a new connection to addr, all at once, and returns
// every byte the server sent until it closed the connection, with the
// error that ended the reading (nil for a clean close). With closeWrite
// the client shuts its sending side after in, as nc does at the end of its
// input; without, it waits for the server to close (after QUIT).
func exchange(t *testing.T, addr, in string, closeWrite bool) (string, error) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	go func() {
		io.WriteString(c, in)
		if closeWrite {
			c.(*net.TCPConn).CloseWrite()
		}
	}()
	out, err := io.ReadAll(c)
	return string(out), err
}
