package main

import (
	"net"
	"os/exec"
	"strings"
	"testing"
)

// serverTimer is what ss shows of the daemon's side of the connection from
// c: its timer, such as "timer:(keepalive,4min59sec,0)", or "".
func serverTimer(t *testing.T, d *daemon, c *client) string {
	t.Helper()
	_, port, _ := net.SplitHostPort(d.addr)
	_, peerPort, _ := net.SplitHostPort(c.conn.LocalAddr().String())
	out, err := exec.Command("ss", "-tnoH", "state", "established", "( sport = :"+port+" and dport = :"+peerPort+" )").Output()
	if err != nil {
		t.Fatalf("ss: %v", err)
	}
	if strings.Count(string(out), "\n") != 1 {
		t.Fatalf("ss found not one connection:\n%s", out)
	}
	if i := strings.Index(string(out), "timer:("); i >= 0 {
		return strings.Fields(string(out[i:]))[0]
	}
	return ""
}

// settledTimer is serverTimer once no segment is in flight: ss shows one
// timer, and a retransmission or delayed-ACK timer ("on") hides the
// keepalive one for a moment after each reply.
func settledTimer(t *testing.T, d *daemon, c *client) string {
	t.Helper()
	var timer string
	waitUntil(t, "the connection to go quiet", func() bool {
		timer = serverTimer(t, d, c)
		return !strings.HasPrefix(timer, "timer:(on,")
	})
	return timer
}

// TestE2ETCPKeepAlive: as in Redis, each client's socket gets keepalive
// (tcp-keepalive 300 by default), and CONFIG SET changes it for the
// clients that connect afterwards.
func TestE2ETCPKeepAlive(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		_, err := exec.LookPath("ss")
		needTool(t, "needs ss (iproute2)", err == nil)
		d := startDaemon(t, "--io", model)
		first := d.dial()
		first.do("PING") // accepted and set up
		if timer := settledTimer(t, d, first); !strings.HasPrefix(timer, "timer:(keepalive,4min") && !strings.HasPrefix(timer, "timer:(keepalive,5min") {
			t.Fatalf("default tcp-keepalive 300: the daemon's socket shows %q", timer)
		}
		if got := first.do("CONFIG SET tcp-keepalive 0"); got != "OK" {
			t.Fatal(got)
		}
		second := d.dial()
		second.do("PING")
		if timer := settledTimer(t, d, second); timer != "" {
			t.Fatalf("after tcp-keepalive 0, a new client's socket shows %q", timer)
		}
		if timer := settledTimer(t, d, first); !strings.HasPrefix(timer, "timer:(keepalive") {
			t.Fatalf("the first client lost its keepalive: %q", timer)
		}
		first.do("CONFIG SET tcp-keepalive 60")
		third := d.dial()
		third.do("PING")
		if timer := settledTimer(t, d, third); !strings.HasPrefix(timer, "timer:(keepalive,59") && !strings.HasPrefix(timer, "timer:(keepalive,1min") {
			t.Fatalf("after tcp-keepalive 60: %q", timer)
		}
	})
}
