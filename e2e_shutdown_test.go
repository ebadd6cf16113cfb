package main

import (
	"net"
	"os/exec"
	"strings"
	"testing"
)

// TestE2ERedisCLIShutdown: `redis-cli shutdown`, as an operator types it,
// stops the daemon with exit status 0, redis-cli itself succeeds, and the
// append-only file keeps what was acknowledged. A daemon in this process:
// the exit status is what run returns.
func TestE2ERedisCLIShutdown(t *testing.T) {
	cli, err := exec.LookPath("redis-cli")
	needTool(t, "needs redis-cli (apt-get install redis-tools)", err == nil)
	eachModel(t, func(t *testing.T, model string) {
		dir := t.TempDir()
		args := []string{"--io", model, "--appendonly", "yes", "--dir", dir}
		d := startDaemon(t, args...)
		if got := d.dial().do("SET kept yes"); got != "OK" {
			t.Fatalf("SET: %q", got)
		}
		host, port, _ := net.SplitHostPort(d.addr)
		out, err := exec.Command(cli, "-h", host, "-p", port, "shutdown").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "" {
			t.Fatalf("redis-cli shutdown: %v, printed %q", err, out)
		}
		if status := d.wait(); status != 0 {
			t.Fatalf("exit status %d, want 0; log:\n%s", status, d.log)
		}
		if !strings.Contains(d.log.String(), "user requested shutdown (SHUTDOWN)") {
			t.Errorf("the log does not say who asked:\n%s", d.log)
		}
		if got := startDaemon(t, args...).dial().do("GET kept"); got != "yes" {
			t.Fatalf("after the restart GET kept = %q, want yes", got)
		}
	})
}

// TestShutdownRefusalsMatchRedis: SHUTDOWN's syntax errors and ABORT with
// no shutdown under way get Redis's replies, and the daemon goes on.
func TestShutdownRefusalsMatchRedis(t *testing.T) {
	cv := conversation{name: "SHUTDOWN refusals", requests: [][]string{
		{"SHUTDOWN", "foo"}, {"SHUTDOWN", "SAVE", "NOSAVE"}, {"SHUTDOWN", "ABORT", "NOW"},
		{"SHUTDOWN", "abort"}, {"PING"},
	}}
	want := converse(t, startRedisServer(t), cv)
	eachModel(t, func(t *testing.T, model string) {
		checkReply(t, "replies", converse(t, startDaemon(t, "--io", model).addr, cv), want)
	})
}

// TestShutdownSaveIsRefused: with no snapshots, SHUTDOWN SAVE cannot keep
// its promise and is refused with Redis's text (the reason is in the log);
// SAVE FORCE goes on.
func TestShutdownSaveIsRefused(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		c := d.dial()
		if got := c.do("SHUTDOWN SAVE"); got != "(error) ERR Errors trying to SHUTDOWN. Check logs." {
			t.Fatalf("SHUTDOWN SAVE: %q", got)
		}
		if !strings.Contains(d.log.String(), "snapshots (RDB) are not supported") {
			t.Errorf("the log does not say why:\n%s", d.log)
		}
		if got := c.do("PING"); got != "PONG" {
			t.Fatalf("after the refusal PING: %q", got)
		}
		c.send("SHUTDOWN SAVE FORCE\n")
		if rest := c.expectClosed(); rest != "" {
			t.Errorf("SHUTDOWN SAVE FORCE answered %q; want the connection closed", rest)
		}
		if status := d.wait(); status != 0 {
			t.Fatalf("exit status %d, want 0", status)
		}
	})
}
