package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
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
		{"CONFIG", "SET", "appendfsync", "sometimes"},
		{"CONFIG", "SET", "appendonly", "maybe"},
		{"CONFIG", "SET", "timeout", "5", "maxmemory", "lots"},
		{"CONFIG", "SET", "tcp-keepalive", "-1"},
		{"CONFIG", "GET", "timeout"},
		{"CONFIG", "GET", "maxmemory"},
		{"CONFIG", "GET", "tcp-keepalive"},
		{"CONFIG", "GET", "tcp-backlog"},
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
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
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
	})
}

// TestE2EConfigSetTimeout: CONFIG SET timeout closes a client that was
// already connected and idle, in either I/O model, and a client that
// keeps talking stays.
func TestE2EConfigSetTimeout(t *testing.T) {
	eachModelWaiting(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
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
	})
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

// infoField reads one field of INFO persistence.
func infoField(t *testing.T, d *daemon, name string) string {
	t.Helper()
	info, err := d.goRedis().Info(context.Background(), "persistence").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, name+":"); ok {
			return v
		}
	}
	t.Fatalf("INFO persistence has no %s:\n%s", name, info)
	return ""
}

// TestE2EConfigSetAppendOnly: appendonly yes at run time writes the data
// set to a new file before it answers and appends every change after it;
// appendonly no stops recording. A restart from the file shows both.
func TestE2EConfigSetAppendOnly(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "appendonly.aof")
	// A stale file from an earlier life must not come back.
	if err := os.WriteFile(file, []byte(aofRecord("SET", "stale", "x")), 0o644); err != nil {
		t.Fatal(err)
	}
	d := startDaemon(t, "--dir", dir)
	c := d.dial()
	c.do("SET before v1")
	if got := c.do("CONFIG SET appendonly yes"); got != "OK" {
		t.Fatalf("CONFIG SET appendonly yes: %q", got)
	}
	if got, _ := os.ReadFile(file); !strings.Contains(string(got), "before") || strings.Contains(string(got), "stale") {
		t.Fatalf("the file after CONFIG SET appendonly yes: %q", got)
	}
	if got := infoField(t, d, "aof_enabled"); got != "1" {
		t.Fatalf("aof_enabled: %s", got)
	}
	c.do("SET during v2")
	if got := c.do("CONFIG SET appendonly no"); got != "OK" {
		t.Fatalf("CONFIG SET appendonly no: %q", got)
	}
	if got := infoField(t, d, "aof_enabled"); got != "0" {
		t.Fatalf("aof_enabled after appendonly no: %s", got)
	}
	c.do("SET after v3")
	if status, _ := d.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}

	again := startDaemon(t, "--dir", dir, "--appendonly", "yes").dial()
	for key, want := range map[string]string{"before": "v1", "during": "v2", "after": "(nil)", "stale": "(nil)"} {
		if got := again.do("GET " + key); got != want {
			t.Errorf("after a restart, GET %s = %q, want %q", key, got, want)
		}
	}
}

// TestE2EConfigSetAppendOnlyFails: when the file cannot be made, CONFIG
// SET appendonly yes fails with Redis's text and nothing changes.
func TestE2EConfigSetAppendOnlyFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	d := startDaemon(t, "--dir", dir)
	os.Remove(dir)
	c := d.dial()
	if got := c.do("CONFIG SET timeout 7 appendonly yes"); got != "(error) ERR CONFIG SET failed (possibly related to argument 'appendonly') - Unable to turn on AOF. Check server logs." {
		t.Fatalf("CONFIG SET appendonly yes in a missing dir: %q", got)
	}
	if got := c.configGet("appendonly") + " " + c.configGet("timeout"); got != "no 0" {
		t.Fatalf("after the failure: appendonly, timeout = %s", got)
	}
}

// TestE2EConfigSetAppendFsync: the fsync policy changes at once: under
// always, every acknowledged write has been fsynced.
func TestE2EConfigSetAppendFsync(t *testing.T) {
	d := startDaemon(t, "--dir", t.TempDir(), "--appendonly", "yes", "--appendfsync", "no")
	c := d.dial()
	if got := infoField(t, d, "aof_fsync_policy"); got != "no" {
		t.Fatalf("aof_fsync_policy: %s", got)
	}
	if got := c.do("CONFIG SET appendfsync always"); got != "OK" {
		t.Fatal(got)
	}
	if got := infoField(t, d, "aof_fsync_policy"); got != "always" {
		t.Fatalf("aof_fsync_policy after CONFIG SET: %s", got)
	}
	last, _ := strconv.Atoi(infoField(t, d, "aof_fsyncs"))
	for i := 0; i < 5; i++ {
		c.do("SET k " + strconv.Itoa(i))
		now, _ := strconv.Atoi(infoField(t, d, "aof_fsyncs"))
		if now <= last {
			t.Fatalf("SET %d was acknowledged without an fsync (aof_fsyncs %d, then %d)", i, last, now)
		}
		last = now
	}
}

// TestConfigHelpAndRewriteMatchRedis: CONFIG HELP's lines, and CONFIG
// REWRITE on a daemon started without a config file, as redis-server
// answers them.
func TestConfigHelpAndRewriteMatchRedis(t *testing.T) {
	cv := conversation{"CONFIG HELP and REWRITE", false, [][]string{
		{"CONFIG", "HELP"}, {"config", "help"}, {"CONFIG", "HELP", "x"},
		{"CONFIG", "REWRITE"}, {"CONFIG", "REWRITE", "x"},
	}}
	if got, want := converse(t, startDaemon(t).addr, cv), converse(t, startRedisServer(t), cv); got != want {
		t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
	}
}

// TestE2EConfigRewrite: CONFIG REWRITE writes what CONFIG SET changed
// back to the file the daemon started with, keeping its comments and
// order; a daemon started from the new file has the new values.
func TestE2EConfigRewrite(t *testing.T) {
	path := writeConfig(t, `# redis-lite for the rewrite test

# limits
maxmemory 1gb
timeout 10
timeout 20

# persistence
appendfsync everysec
`)
	d := startWithConfig(t, path, "--port", "0")
	c := d.dial()
	if got := c.do("CONFIG SET maxmemory 10mb timeout 5 maxclients 123"); got != "OK" {
		t.Fatal(got)
	}
	if got := c.do("CONFIG REWRITE"); got != "OK" {
		t.Fatalf("CONFIG REWRITE: %q", got)
	}
	_, port, _ := strings.Cut(d.addr, ":")
	want := `# redis-lite for the rewrite test

# limits
maxmemory 10mb
timeout 5

# persistence
appendfsync everysec
# Generated by CONFIG REWRITE
port ` + port + `
maxclients 123
`
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Fatalf("the rewritten file:\n%s\nwant\n%s", got, want)
	}
	if status, _ := d.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}

	again := startWithConfig(t, path, "--port", "0").dial()
	for name, want := range map[string]string{"maxmemory": "10485760", "timeout": "5", "maxclients": "123"} {
		if got := again.configGet(name); got != want {
			t.Errorf("after a restart from the rewritten file, %s = %q, want %q", name, got, want)
		}
	}
}

// TestE2EConfigSetClientLimits: new client limits hold for connections
// already open: a subscriber that subscribed before the pubsub limit was
// lowered is cut at the new one, and a client sending a request larger
// than the new query buffer limit is closed.
func TestE2EConfigSetClientLimits(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		rdb := d.goRedis()
		ctx := context.Background()
		slow := d.dial()
		slow.send("SUBSCRIBE firehose\n")
		if got := slow.line(); got != "1) subscribe" { // then it stops reading
			t.Fatalf("subscribe confirmation: %q", got)
		}
		big := d.dial()
		if err := rdb.ConfigSet(ctx, "client-output-buffer-limit", "pubsub 1mb 0 0").Err(); err != nil {
			t.Fatal(err)
		}
		if err := rdb.ConfigSet(ctx, "client-query-buffer-limit", "1mb").Err(); err != nil {
			t.Fatal(err)
		}
		// Under the default 32 MiB this would take 3,300 messages; the new
		// limit cuts the subscriber after about 100.
		payload := strings.Repeat("p", 10000)
		cut := -1
		for i := 0; i < 1000 && cut < 0; i++ {
			if n := rdb.Publish(ctx, "firehose", payload).Val(); n == 0 {
				cut = i
			}
		}
		if cut < 0 {
			t.Fatal("the subscriber was not cut at the lowered pubsub limit")
		}
		// A 2 MiB argument: unparsed until its last byte. The daemon closes the
		// connection while this is still being written, so the write may fail.
		go io.WriteString(big.conn, respRequest("SET", "k", strings.Repeat("x", 2<<20)))
		if rest, _ := io.ReadAll(big.r); len(rest) != 0 {
			t.Fatalf("the client over the query buffer limit read %q", rest)
		}
		waitUntil(t, "the log to say why", func() bool {
			return strings.Contains(d.log.String(), "unparsed input over --client-query-buffer-limit")
		})
	})
}

// TestE2EConfigSetAOFPreamble: aof-use-rdb-preamble exists for tools and
// tests that turn it off, as Redis's suite does before reading an
// append-only file; the file never has a preamble, so yes is refused.
func TestE2EConfigSetAOFPreamble(t *testing.T) {
	c := startDaemon(t).dial()
	for _, step := range []struct{ req, want string }{
		{"CONFIG GET aof-use-rdb-preamble", "1) aof-use-rdb-preamble\n2) no"},
		{"CONFIG SET aof-use-rdb-preamble no", "OK"},
		{"CONFIG SET aof-use-rdb-preamble yes", "(error) ERR CONFIG SET failed (possibly related to argument 'aof-use-rdb-preamble') - argument(s) must be one of the following: no"},
	} {
		got := c.do(step.req)
		for strings.HasPrefix(step.want, got+"\n") { // a list comes a line at a time
			got += "\n" + c.line()
		}
		if got != step.want {
			t.Errorf("%s: got %q, want %q", step.req, got, step.want)
		}
	}
}
