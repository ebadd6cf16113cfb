package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// testHosts are two network namespaces of the test's own, joined by a veth
// pair: the daemon runs in one (192.0.2.1), a client connects from the
// other (192.0.2.2), so the daemon sees a non-loopback peer. The addresses
// are TEST-NET-1 and exist only inside this machine's namespaces.
type testHosts struct{ server, client string }

const serverIP, clientIP = "192.0.2.1", "192.0.2.2"

// needTool skips when an external tool is missing, except under CI, where
// every tool the tests need must be there.
func needTool(t *testing.T, why string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI: %s", why)
	}
	t.Skipf("skipping: %s", why)
}

// referenceServer is redis-server's path, for a test that compares its
// texts with Redis's where it can and checks the rest without it: "" when
// it is missing, except under CI, where it must be there.
func referenceServer(t *testing.T) string {
	t.Helper()
	server, err := exec.LookPath("redis-server")
	if err == nil {
		return server
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI: needs redis-server (apt-get install redis-server)")
	}
	t.Log("no redis-server: the texts are not compared with Redis's")
	return ""
}

func newTestHosts(t *testing.T) *testHosts {
	t.Helper()
	_, ipErr := exec.LookPath("ip")
	needTool(t, "needs root and iproute2 to make network namespaces", ipErr == nil && os.Geteuid() == 0)
	id := os.Getpid() % 100000
	h := &testHosts{server: fmt.Sprintf("rls-%d", id), client: fmt.Sprintf("rlc-%d", id)}
	sLink, cLink := fmt.Sprintf("rls%d", id), fmt.Sprintf("rlc%d", id)
	steps := [][]string{
		{"netns", "add", h.server},
		{"netns", "add", h.client},
		{"link", "add", sLink, "type", "veth", "peer", "name", cLink},
		{"link", "set", sLink, "netns", h.server},
		{"link", "set", cLink, "netns", h.client},
		{"-n", h.server, "addr", "add", serverIP + "/24", "dev", sLink},
		{"-n", h.server, "link", "set", sLink, "up"},
		{"-n", h.server, "link", "set", "lo", "up"},
		{"-n", h.client, "addr", "add", clientIP + "/24", "dev", cLink},
		{"-n", h.client, "link", "set", cLink, "up"},
	}
	t.Cleanup(func() {
		exec.Command("ip", "netns", "del", h.server).Run()
		exec.Command("ip", "netns", "del", h.client).Run()
	})
	for _, args := range steps {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			needTool(t, fmt.Sprintf("ip %s: %v: %s", strings.Join(args, " "), err, out), false)
		}
	}
	return h
}

// talk connects from inside namespace ns to ip:port, sends request and
// returns what it reads until the daemon closes the connection (or 5 s).
func talk(ns, ip, port, request string) string {
	script := fmt.Sprintf(`exec 3<>/dev/tcp/%s/%s && printf '%%s' "$1" >&3 && timeout 5 cat <&3`, ip, port)
	out, _ := exec.Command("timeout", "10", "ip", "netns", "exec", ns, "bash", "-c", script, "talk", request).Output()
	return string(out)
}

// TestE2EProtectedMode: a client from another host is refused with
// Redis's message while protected mode is on and no password is set,
// and let in otherwise; a loopback client always is.
func TestE2EProtectedMode(t *testing.T) {
	h := newTestHosts(t)
	eachModel(t, func(t *testing.T, model string) {
		tests := []struct {
			name, send string
			args       []string
			want       string
		}{
			// The refused client sends nothing: bytes arriving after the daemon
			// has closed would draw a reset that can hide the message.
			{"no password: refused", "", nil, "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user."},
			{"protected mode off", "PING\nQUIT\n", []string{"--protected-mode", "no"}, "PONG\nOK\n"},
			{"password set: AUTH decides", "PING\nQUIT\n", []string{"--requirepass", "pw"}, "(error) NOAUTH Authentication required.\nOK\n"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				args := []string{"netns", "exec", h.server, daemonBinary, "--io", model, "--port", "0", "--bind", "0.0.0.0"}
				d := launchCmd(t, "ip", append(args, tt.args...)...)
				d.waitListening()
				_, port, _ := net.SplitHostPort(d.addr)
				if got := talk(h.client, serverIP, port, tt.send); !strings.HasPrefix(got, tt.want) {
					t.Fatalf("from %s: got %q, want it to start with %q", clientIP, got, tt.want)
				}
				if got := talk(h.server, "127.0.0.1", port, "QUIT\n"); got != "OK\n" {
					t.Fatalf("a loopback client got %q", got)
				}
			})
		}
	})
}

// TestE2EProtectedModeAtRunTime: protected mode follows CONFIG SET of
// protected-mode and requirepass at once, for the next client.
func TestE2EProtectedModeAtRunTime(t *testing.T) {
	h := newTestHosts(t)
	eachModel(t, func(t *testing.T, model string) {
		args := []string{"netns", "exec", h.server, daemonBinary, "--io", model, "--port", "0", "--bind", "0.0.0.0"}
		d := launchCmd(t, "ip", args...)
		d.waitListening()
		_, port, _ := net.SplitHostPort(d.addr)
		const denied = "-DENIED Redis is running in protected mode"
		for _, step := range []struct{ set, send, want string }{
			{"", "", denied},
			{"CONFIG SET protected-mode no\n", "PING\nQUIT\n", "PONG\nOK\n"},
			{"CONFIG SET protected-mode yes\n", "", denied},
			{"CONFIG SET requirepass pw\n", "PING\nQUIT\n", "(error) NOAUTH Authentication required.\nOK\n"},
		} {
			if step.set != "" {
				if got := talk(h.server, "127.0.0.1", port, step.set+"QUIT\n"); got != "OK\nOK\n" {
					t.Fatalf("%q from loopback: %q", step.set, got)
				}
			}
			if got := talk(h.client, serverIP, port, step.send); !strings.HasPrefix(got, step.want) {
				t.Fatalf("after %q, from %s: got %q, want it to start with %q", step.set, clientIP, got, step.want)
			}
		}
	})
}
