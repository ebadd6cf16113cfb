package main

import (
	"strings"
	"testing"
	"time"
)

// configSetConversations are CONFIG SET's refusals, each of which must
// match Redis 7.0.15 byte for byte: only settings both daemons refuse to
// change, or values both refuse, so neither server's state changes.
var configSetConversations = []conversation{
	{"CONFIG SET refusals", false, [][]string{
		{"CONFIG", "SET", "timeout"},
		{"CONFIG", "SET", "timeout", "1", "maxclients"},
		{"CONFIG", "SET", "nosuch", "1"},
		{"CONFIG", "SET", "timeout", "1", "nosuch", "1"},
		{"CONFIG", "SET", "tcp-backlog", "1"},
		{"CONFIG", "SET", "Databases", "1", "nosuch", "1"},
		{"CONFIG", "SET", "nosuch", "1", "databases", "1"},
		{"CONFIG", "SET", "appendfilename", "x.aof"},
		{"CONFIG", "SET", "dir", "/tmp"},
		{"CONFIG", "SET", "timeout", "1", "TIMEOUT", "2"},
		{"CONFIG", "SET", "timeout", "-1"},
		{"CONFIG", "SET", "TimeOut", "x"},
		{"CONFIG", "SET", "maxmemory", "1x"},
		{"CONFIG", "SET", "maxmemory", "-1"},
		{"CONFIG", "SET", "maxclients", "0"},
		{"CONFIG", "SET", "protected-mode", "maybe"},
		{"CONFIG", "SET", "timeout", "5", "maxmemory", "lots"},
		{"CONFIG", "GET", "timeout"},
		{"CONFIG", "GET", "maxmemory"},
	}},
	{"CONFIG SET changes, CONFIG GET shows", false, [][]string{
		{"CONFIG", "SET", "maxmemory", "100mb", "timeout", "300"},
		{"CONFIG", "GET", "maxmemory"}, {"CONFIG", "GET", "timeout"},
		{"CONFIG", "SET", "maxmemory", "5k"}, {"CONFIG", "GET", "maxmemory"},
		{"CONFIG", "SET", "maxmemory", "0", "timeout", "0"},
		{"CONFIG", "SET", "save", ""}, {"CONFIG", "GET", "save"},
	}},
}

func TestConfigSetMatchesRedis(t *testing.T) {
	redis := startRedisServer(t)
	lite := startDaemon(t).addr
	for _, cv := range configSetConversations {
		t.Run(cv.name, func(t *testing.T) {
			if got, want := converse(t, lite, cv), converse(t, redis, cv); got != want {
				t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
			}
		})
	}
}

// TestE2EConfigSetMaxClients: a lower maxclients turns the next client
// away at once, with Redis's error; the clients already in stay.
func TestE2EConfigSetMaxClients(t *testing.T) {
	d := startDaemon(t)
	first := d.dial()
	if got := first.do("CONFIG SET maxclients 1"); got != "OK" {
		t.Fatalf("CONFIG SET maxclients 1: %q", got)
	}
	second := d.dial()
	if got := second.expectClosed(); got != "-ERR max number of clients reached\r\n" {
		t.Fatalf("the second client read %q", got)
	}
	if got := first.do("PING"); got != "PONG" {
		t.Fatalf("the first client: %q", got)
	}
	first.do("CONFIG SET maxclients 10")
	if got := d.dial().do("PING"); got != "PONG" {
		t.Fatalf("after raising maxclients: %q", got)
	}
}

// TestE2EConfigSetTimeout: CONFIG SET timeout closes a client that was
// already connected and idle, in either I/O model (make test runs it in
// both), and a client that keeps talking stays.
func TestE2EConfigSetTimeout(t *testing.T) {
	d := startDaemon(t)
	idle := d.dial()
	if got := idle.do("PING"); got != "PONG" {
		t.Fatal(got)
	}
	admin := d.dial()
	if got := admin.do("CONFIG SET timeout 1"); got != "OK" {
		t.Fatalf("CONFIG SET timeout 1: %q", got)
	}
	start := time.Now()
	idle.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if rest := idle.expectClosed(); rest != "" {
		t.Fatalf("the idle client read %q before the close", rest)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("closed after %v; timeout is 1 s", took)
	}
	waitUntil(t, "the log to say why", func() bool {
		return strings.Contains(d.log.String(), "closing the connection: idle longer than --timeout")
	})
	// The admin connection was idle as long: it is gone too.
	if got := d.dial().do("CONFIG SET timeout 0"); got != "OK" {
		t.Fatal(got)
	}
}

// TestE2EConfigSetMaxMemory: writes get OOM as soon as maxmemory is below
// the memory in use, and work again once it is lifted; reads go on.
func TestE2EConfigSetMaxMemory(t *testing.T) {
	d := startDaemon(t)
	c := d.dial()
	c.do("SET k v")
	if got := c.do("CONFIG SET maxmemory 1"); got != "OK" {
		t.Fatal(got)
	}
	if got := c.do("SET k2 v"); got != "(error) OOM command not allowed when used memory > 'maxmemory'." {
		t.Fatalf("SET over maxmemory: %q", got)
	}
	if got := c.do("GET k"); got != "v" {
		t.Fatalf("GET over maxmemory: %q", got)
	}
	c.do("CONFIG SET maxmemory 0")
	if got := c.do("SET k2 v"); got != "OK" {
		t.Fatalf("SET after maxmemory 0: %q", got)
	}
}

// TestE2EConfigSetRequirePass: as in Redis, setting a password makes new
// connections AUTH, while connections already in stay in; clearing it
// lets everyone in, even a connection that had not authenticated.
func TestE2EConfigSetRequirePass(t *testing.T) {
	d := startDaemon(t)
	admin := d.dial()
	if got := admin.do("CONFIG SET requirepass s3cret"); got != "OK" {
		t.Fatal(got)
	}
	if got := admin.do("PING"); got != "PONG" {
		t.Fatalf("the connection that set the password: %q", got)
	}
	late := d.dial()
	if got := late.do("PING"); got != "(error) NOAUTH Authentication required." {
		t.Fatalf("a new connection: %q", got)
	}
	if got := late.do("AUTH s3cret"); got != "OK" {
		t.Fatalf("AUTH: %q", got)
	}
	waiting := d.dial()
	waiting.do("PING")
	admin.do("CONFIG SET requirepass \"\"")
	if got := waiting.do("PING"); got != "PONG" {
		t.Fatalf("an unauthenticated connection after the password was cleared: %q", got)
	}
	if got := d.dial().do("PING"); got != "PONG" {
		t.Fatalf("a new connection without a password: %q", got)
	}
}
