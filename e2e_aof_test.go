package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// keyspace reads every key with its value and remaining TTL (rounded to
// ten seconds, so a restart's few milliseconds do not show).
func keyspace(t *testing.T, rdb *redis.Client) string {
	t.Helper()
	ctx := context.Background()
	keys := rdb.Keys(ctx, "*").Val()
	sort.Strings(keys)
	var lines []string
	for _, k := range keys {
		ttl := rdb.PTTL(ctx, k).Val()
		if ttl > 0 {
			ttl = ttl.Round(10 * time.Second)
		}
		lines = append(lines, fmt.Sprintf("%s=%q ttl=%v", k, rdb.Get(ctx, k).Val(), ttl))
	}
	return strings.Join(lines, "\n")
}

func TestE2EAppendOnlyRestartKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--appendonly", "yes", "--dir", dir}
	d := startDaemon(t, args...)
	plain := d.dial()
	for _, req := range []string{"SET p:plain v", "SET p:ttl v EX 500", "INCRBY p:n 5", "APPEND p:s ab", "MSET p:m1 1 p:m2 2",
		"RENAME p:m1 p:r", "EXPIRE p:m2 400", "SETEX p:sx 300 v", "DEL p:gone"} {
		plain.do(req)
	}
	rdb := d.goRedis()
	ctx := context.Background()
	rdb.Set(ctx, "r:bin\x00\r\n", "v\x00\xff\r\n", 0)
	rdb.Set(ctx, "r:ttl", "v", 200*time.Second)
	rdb.Incr(ctx, "r:n")
	rdb.GetEx(ctx, "p:plain", 600*time.Second)
	rdb.Persist(ctx, "p:sx")
	rdb.Set(ctx, "r:big", strings.Repeat("b", 1<<20), 0)
	before := keyspace(t, rdb)
	if status, _ := d.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}
	if !strings.Contains(d.log.String(), "append-only file written and fsynced") {
		t.Fatal("shutdown did not report the file fsynced")
	}
	again := startDaemon(t, args...)
	if after := keyspace(t, again.goRedis()); after != before {
		t.Fatalf("after the restart:\n%s\nbefore:\n%s", after, before)
	}
}

// TestE2ECrashLosesNoAcknowledgedWrite kills the daemon (SIGKILL) at a
// random moment under concurrent writes with appendfsync always: after a
// restart, every key holds the last value a client was told was written,
// or the one write that client had in flight when the daemon died. The
// crash needs a process; the restart reads the file in the test process.
func TestE2ECrashLosesNoAcknowledgedWrite(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--appendonly", "yes", "--appendfsync", "always", "--dir", dir}
	type writer struct {
		acked                map[string]string
		inFlightK, inFlightV string
		count                int
	}
	totalAcked := 0
	for round := 0; round < 5; round++ {
		d := startProcess(t, args...)
		writers := make([]*writer, 8)
		var wg sync.WaitGroup
		var mu sync.Mutex // guards every writer's fields
		for w := range writers {
			writers[w] = &writer{acked: map[string]string{}}
			wg.Add(1)
			go func(wr *writer, w int) {
				defer wg.Done()
				c := d.dial()
				for i := 0; i < 100000; i++ { // ends when the daemon dies
					key, val := fmt.Sprintf("r%d:w%d:k%d", round, w, i%50), fmt.Sprintf("v%d", i)
					mu.Lock()
					wr.inFlightK, wr.inFlightV = key, val
					mu.Unlock()
					c.conn.SetDeadline(time.Now().Add(10 * time.Second))
					if _, err := fmt.Fprintf(c.conn, "SET %s %s\n", key, val); err != nil {
						return
					}
					line, err := c.r.ReadString('\n')
					if err != nil {
						return
					}
					if line != "OK\n" {
						t.Errorf("SET: %q", line)
						return
					}
					mu.Lock()
					wr.acked[key] = val // acknowledged: must survive the crash
					wr.inFlightK = ""
					wr.count++
					mu.Unlock()
				}
			}(writers[w], w)
		}
		target := 200 + rand.IntN(2000)
		waitUntil(t, "some writes to be acknowledged", func() bool {
			mu.Lock()
			defer mu.Unlock()
			n := 0
			for _, wr := range writers {
				n += wr.count
			}
			return n >= target
		})
		d.cmd.Process.Signal(syscall.SIGKILL)
		d.wait()
		wg.Wait()

		again := startDaemon(t, args...)
		rdb := again.goRedis()
		ctx := context.Background()
		for _, wr := range writers {
			totalAcked += wr.count
			for key, val := range wr.acked {
				got := rdb.Get(ctx, key).Val()
				if got != val && !(key == wr.inFlightK && got == wr.inFlightV) {
					t.Fatalf("round %d: %s = %q after the crash, acknowledged %q", round, key, got, val)
				}
			}
		}
		if status, _ := again.stop(); status != 0 {
			t.Fatalf("round %d: exit status %d", round, status)
		}
	}
	if totalAcked < 1000 {
		t.Fatalf("only %d writes acknowledged over the rounds; the test proves little", totalAcked)
	}
}

// TestE2ECrashLosesNoAcknowledgedCollectionWrite is the crash test for
// the collections, whose changes are logged as commands that must replay
// exactly once: each writer pushes 0, 1, 2 ... onto its list, counts in
// a hash field and adds the same numbers to a set, one command at a time,
// until SIGKILL. After the restart the list holds exactly the pushes that
// were acknowledged (the one in flight may be there too), in order, and
// the counter and the set agree with it.
func TestE2ECrashLosesNoAcknowledgedCollectionWrite(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--appendonly", "yes", "--appendfsync", "always", "--dir", dir}
	const writers = 4
	steps := [3]string{"RPUSH list:%d %d\n", "HINCRBY hash:%d n 1\n", "SADD set:%d %d\n"}
	var mu sync.Mutex
	acked := make([][3]int, writers) // acknowledged commands of each kind, per writer
	inFlight := make([]int, writers) // the kind of the command in flight, or -1
	d := startProcess(t, args...)
	var wg sync.WaitGroup
	for w := range writers {
		inFlight[w] = -1
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			c := d.dial()
			for i := 0; i < 300000; i++ { // ends when the daemon dies
				kind := i % 3
				mu.Lock()
				inFlight[w] = kind
				n := acked[w][kind]
				mu.Unlock()
				c.conn.SetDeadline(time.Now().Add(10 * time.Second))
				req := fmt.Sprintf(steps[kind], w, n)
				if kind == 1 {
					req = fmt.Sprintf(steps[kind], w)
				}
				if _, err := fmt.Fprint(c.conn, req); err != nil {
					return
				}
				line, err := c.r.ReadString('\n')
				if err != nil {
					return
				}
				if want := fmt.Sprintf("(integer) %d\n", map[int]int{0: n + 1, 1: n + 1, 2: 1}[kind]); line != want {
					t.Errorf("writer %d: %q answered %q, want %q", w, req, line, want)
					return
				}
				mu.Lock()
				acked[w][kind]++
				inFlight[w] = -1
				mu.Unlock()
			}
		}(w)
	}
	target := 300 + rand.IntN(3000)
	waitUntil(t, "some writes to be acknowledged", func() bool {
		mu.Lock()
		defer mu.Unlock()
		total := 0
		for _, a := range acked {
			total += a[0] + a[1] + a[2]
		}
		return total >= target
	})
	d.cmd.Process.Signal(syscall.SIGKILL)
	d.wait()
	wg.Wait()

	again := startDaemon(t, args...)
	rdb := again.goRedis()
	ctx := context.Background()
	for w := range writers {
		// got is the acknowledged count, or one more for the kind in flight.
		check := func(kind, got int, what string) {
			if want := acked[w][kind]; got != want && !(inFlight[w] == kind && got == want+1) {
				t.Fatalf("writer %d: %s is %d after the crash; %d acknowledged (in flight: kind %d)", w, what, got, want, inFlight[w])
			}
		}
		items := rdb.LRange(ctx, fmt.Sprintf("list:%d", w), 0, -1).Val()
		check(0, len(items), "the list's length")
		for i, item := range items {
			if item != strconv.Itoa(i) {
				t.Fatalf("writer %d: list item %d is %q: a push was lost or replayed twice", w, i, item)
			}
		}
		n, _ := rdb.HGet(ctx, fmt.Sprintf("hash:%d", w), "n").Int()
		check(1, n, "the hash counter")
		check(2, int(rdb.SCard(ctx, fmt.Sprintf("set:%d", w)).Val()), "the set's size")
	}
	if status, _ := again.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}
}

func TestE2ECorruptFileStopsTheStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "appendonly.aof")
	first := "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n"
	bad := first + "*3\r\nX3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n" + "*2\r\n$3\r\nDEL\r\n$1\r\na\r\n"
	os.WriteFile(path, []byte(bad), 0o644)
	d := runInProcess(t, "--port", "0", "--appendonly", "yes", "--dir", dir)
	if status := d.wait(); status != 1 {
		t.Fatalf("exit status %d, want 1", status)
	}
	if !strings.Contains(d.log.String(), fmt.Sprintf("offset %d", len(first))) {
		t.Fatalf("the message does not name the offset:\n%s", d.log)
	}
	if got, _ := os.ReadFile(path); string(got) != bad {
		t.Fatal("the corrupt file was changed")
	}
}

func TestE2ETruncatedFileStartsWithThePrefix(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "appendonly.aof")
	whole := "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n"
	partial := "*3\r\n$3\r\nSET\r\n$1\r\nb"
	os.WriteFile(path, []byte(whole+partial), 0o644)
	d := startDaemon(t, "--appendonly", "yes", "--dir", dir)
	if !strings.Contains(d.log.String(), fmt.Sprintf("dropped its %d bytes", len(partial))) {
		t.Fatalf("no report of the dropped bytes:\n%s", d.log)
	}
	if got := d.dial().do("GET a"); got != "1" {
		t.Fatalf("GET a = %q", got)
	}
	if got := d.dial().do("EXISTS b"); got != "(integer) 0" {
		t.Fatalf("the partial command was applied: %q", got)
	}
}

func TestE2EBgRewriteAOFAndInfo(t *testing.T) {
	dir := t.TempDir()
	d := startDaemon(t, "--appendonly", "yes", "--dir", dir)
	rdb := d.goRedis()
	ctx := context.Background()
	for i := 0; i < 1000; i++ {
		rdb.Incr(ctx, "counter")
	}
	before, _ := os.Stat(filepath.Join(dir, "appendonly.aof"))
	if got := rdb.Do(ctx, "BGREWRITEAOF").Val(); got != "Background append only file rewriting started" {
		t.Fatalf("BGREWRITEAOF: %v", got)
	}
	waitUntil(t, "the rewrite to finish", func() bool {
		info := rdb.Info(ctx, "persistence").Val()
		return strings.Contains(info, "aof_rewrite_in_progress:0") && strings.Contains(info, "aof_rewrites:1")
	})
	after, _ := os.Stat(filepath.Join(dir, "appendonly.aof"))
	if after.Size() >= before.Size()/10 {
		t.Fatalf("the rewritten file is %d bytes, the old one %d: not compact", after.Size(), before.Size())
	}
	info := rdb.Info(ctx, "persistence").Val()
	for _, want := range []string{"aof_enabled:1", "aof_last_write_status:ok", "aof_last_bgrewrite_status:ok"} {
		if !strings.Contains(info, want) {
			t.Fatalf("INFO persistence lacks %s:\n%s", want, info)
		}
	}
	if got := rdb.ConfigGet(ctx, "appendonly").Val()["appendonly"]; got != "yes" {
		t.Fatalf("CONFIG GET appendonly = %q", got)
	}
}

// logAndStop runs reqs on a daemon started with args (which keep the
// append-only file in dir), stops it cleanly, and returns the key space
// as it was and the file as it was left; restarted reports, with a new
// daemon on the same file, the key space it loaded.
func logAndStop(t *testing.T, dir string, args []string, reqs []string) (before, file string, restarted func() string) {
	t.Helper()
	d := startDaemon(t, args...)
	c := d.dial()
	for _, req := range reqs {
		c.do(req)
	}
	before = keyspace(t, d.goRedis())
	if status, _ := d.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "appendonly.aof"))
	if err != nil {
		t.Fatal(err)
	}
	return before, string(raw), func() string { return keyspace(t, startDaemon(t, args...).goRedis()) }
}

// aofRecord writes args as the append-only file stores a command.
func aofRecord(args ...string) string {
	var b strings.Builder
	b.WriteString("*" + itoa(len(args)) + "\r\n")
	for _, a := range args {
		b.WriteString("$" + itoa(len(a)) + "\r\n" + a + "\r\n")
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestE2EAppendOnlyFileReadingServerStateStarts: commands that read the
// server's state are replayed before the server exists; the daemon must
// start (it used to panic on INFO) and report the I/O model it runs, in
// either model.
func TestE2EAppendOnlyFileReadingServerStateStarts(t *testing.T) {
	dir := t.TempDir()
	var file strings.Builder
	for _, cmd := range [][]string{{"SET", "k", "v"}, {"INFO"}, {"INFO", "clients"}, {"CLIENT", "INFO"}, {"CLIENT", "ID"}} {
		file.WriteString(aofRecord(cmd...))
	}
	if err := os.WriteFile(filepath.Join(dir, "appendonly.aof"), []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--appendonly", "yes", "--dir", dir, "--io", model)
		rdb := d.goRedis()
		ctx := context.Background()
		checkReply(t, "GET k", rdb.Get(ctx, "k").Val(), "v")
		info := rdb.Info(ctx, "server").Val()
		want := map[string]string{"threads": "redis_lite_io_model:worker-per-connection", "epoll": "redis_lite_io_model:epoll-event-loops"}[model]
		if !strings.Contains(info, want+"\r\n") {
			t.Errorf("INFO server lacks %q:\n%s", want, info)
		}
		if status, _ := d.stop(); status != 0 {
			t.Fatalf("exit status %d", status)
		}
	})
}
