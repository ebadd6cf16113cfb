package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// openFDs counts the daemon's open descriptors.
func (d *daemon) openFDs() int {
	d.t.Helper()
	d.mustBeProcess()
	ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", d.cmd.Process.Pid))
	if err != nil {
		d.t.Fatal(err)
	}
	return len(ents)
}

// TestE2EMaxClients: the client over --maxclients is turned away with
// Redis's error, and a slot freed is taken again.
func TestE2EMaxClients(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model, "--maxclients", "3")
		var held []*client
		for i := 0; i < 3; i++ {
			c := d.dial()
			c.do("PING")
			held = append(held, c)
		}
		over := d.dial()
		if got := over.expectClosed(); got != "-ERR max number of clients reached\r\n" {
			t.Fatalf("the fourth client read %q", got)
		}
		held[0].conn.Close()
		waitUntil(t, "a slot to free", func() bool {
			c := d.dial()
			c.send("PING\n")
			line, err := c.r.ReadString('\n')
			return err == nil && line == "PONG\n"
		})
	})
}

// TestE2EIdleTimeoutSparesSubscribers: --timeout closes an idle client but
// not an idle subscriber, which still gets what is published.
func TestE2EIdleTimeoutSparesSubscribers(t *testing.T) {
	eachModelWaiting(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model, "--timeout", "1")
		idle := d.dial()
		sub := d.dial()
		sub.send("SUBSCRIBE news\n")
		for i := 0; i < 3; i++ {
			sub.line()
		}
		start := time.Now()
		if rest := idle.expectClosed(); rest != "" {
			t.Fatalf("idle client read %q", rest)
		}
		if elapsed := time.Since(start); elapsed < 500*time.Millisecond {
			t.Fatalf("idle client closed after %v, before --timeout 1", elapsed)
		}
		waitUntil(t, "the idle close to be logged", func() bool { return strings.Contains(d.log.String(), "idle longer than --timeout") })
		if got := d.goRedis().Publish(context.Background(), "news", "still here").Val(); got != 1 {
			t.Fatalf("the idle subscriber was cut too: PUBLISH reached %d", got)
		}
		if got := []string{sub.line(), sub.line(), sub.line()}; got[2] != "3) still here" {
			t.Fatalf("subscriber got %q", got)
		}
	})
}

func TestE2EMaxMemory(t *testing.T) {
	// A process: used memory is the process's heap.
	d := startProcess(t, "--maxmemory", "20000000")
	rdb := d.goRedis()
	ctx := context.Background()
	rdb.Set(ctx, "first", "kept", 0)
	value := strings.Repeat("v", 4096)
	var oom error
	for i := 0; i < 50000 && oom == nil; i++ { // bounded: at most 200 MB
		err := rdb.Set(ctx, "k"+strconv.Itoa(i), value, 0).Err()
		if err != nil && strings.HasPrefix(err.Error(), "OOM") {
			oom = err
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if oom == nil || oom.Error() != "OOM command not allowed when used memory > 'maxmemory'." {
		t.Fatalf("writes over --maxmemory: %v", oom)
	}
	if got := rdb.Get(ctx, "first").Val(); got != "kept" {
		t.Fatalf("reads stopped working: GET = %q", got)
	}
	if n := rdb.Del(ctx, "first").Val(); n != 1 {
		t.Fatalf("DEL over maxmemory removed %d", n)
	}
}

func TestE2ERequirePass(t *testing.T) {
	d := startDaemon(t, "--requirepass", "s3cret-pass")
	c := d.dial()
	if got := c.do("GET k"); got != "(error) NOAUTH Authentication required." {
		t.Fatalf("before AUTH: %q", got)
	}
	if got := c.do("AUTH wrong"); got != "(error) WRONGPASS invalid username-password pair or user is disabled." {
		t.Fatalf("wrong password: %q", got)
	}
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: d.addr, Password: "s3cret-pass"})
	defer rdb.Close()
	if err := rdb.Set(ctx, "k", "v", 0).Err(); err != nil {
		t.Fatalf("go-redis with the password: %v", err)
	}
	if info := rdb.Info(ctx).Val(); strings.Contains(info, "s3cret-pass") {
		t.Fatal("INFO shows the password")
	}
	if strings.Contains(d.log.String(), "s3cret-pass") {
		t.Fatal("the log shows the password")
	}
}

// TestE2EFileDescriptorLimit runs the daemon with ulimit -n 64: it lowers
// maxclients to fit, as Redis does, turns away the clients beyond promptly,
// and serves new ones once others leave.
func TestE2EFileDescriptorLimit(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := launchCmd(t, "bash", "-c", `ulimit -n 64 && exec "$0" --port 0 "$@"`, daemonBinary, "--io", model)
		d.waitListening()
		if !strings.Contains(d.log.String(), "maxclients lowered to 32") {
			t.Fatalf("no warning about the lowered maxclients:\n%s", d.log)
		}
		var served, refused int
		var clients []*client
		for i := 0; i < 60; i++ {
			c := d.dial()
			c.send("PING\n")
			line, err := c.r.ReadString('\n')
			switch {
			case err == nil && line == "PONG\n":
				served++
				clients = append(clients, c)
			case strings.HasPrefix(line, "-ERR max number of clients reached"):
				refused++
			default:
				t.Fatalf("client %d: %q, %v", i, line, err)
			}
		}
		if served != 32 || refused != 28 {
			t.Fatalf("%d served and %d refused, want 32 and 28", served, refused)
		}
		for _, c := range clients {
			c.conn.Close()
		}
		waitUntil(t, "a new client to be served", func() bool {
			c := d.dial()
			c.send("PING\n")
			line, _ := c.r.ReadString('\n')
			c.conn.Close()
			return line == "PONG\n"
		})
		// CONFIG GET shows the limit in force, as Redis's does.
		if got := d.dial().configGet("maxclients"); got != "32" {
			t.Fatalf("CONFIG GET maxclients = %q, want the lowered 32", got)
		}
	})
}

// TestE2EFaultyClientsLeaveNoDescriptors: resets mid-request and mid-reply,
// and half-closes, end with the descriptor count back at its baseline (the
// process's table, which holds the daemon's descriptors only).
func TestE2EFaultyClientsLeaveNoDescriptors(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startProcess(t, "--io", model)
		ctx := context.Background()
		probe := redis.NewClient(&redis.Options{Addr: d.addr, PoolSize: 1})
		probe.Set(ctx, "big", strings.Repeat("b", 8<<20), 0)
		// The baseline: the daemon's descriptors with only the probe connected,
		// less the probe's own.
		waitUntil(t, "only the probe to be connected", func() bool {
			return strings.Contains(probe.Info(ctx, "clients").Val(), "connected_clients:1\r\n")
		})
		baseline := d.openFDs() - 1
		probe.Close()
		reset := func(c *client) { c.conn.(*net.TCPConn).SetLinger(0); c.conn.Close() }
		for i := 0; i < 10; i++ {
			mid := d.dial()
			mid.send("SET k half-a-requ")
			reset(mid)

			midReply := d.dial()
			midReply.send("GET big\n")
			midReply.conn.Read(make([]byte, 1000))
			reset(midReply)

			half := d.dial()
			half.send("SET k v\nGET k\n")
			half.conn.(*net.TCPConn).CloseWrite()
			if got, err := io.ReadAll(half.r); err != nil || string(got) != "OK\nv\n" {
				t.Fatalf("half-closed client got %q, %v; want both replies", got, err)
			}
			half.conn.Close()
		}
		waitUntil(t, "the descriptors to return to the baseline", func() bool { return d.openFDs() <= baseline })
		if got := d.dial().do("PING"); got != "PONG" {
			t.Fatalf("after the faulty clients: %q", got)
		}
	})
}

// TestE2ESlowReaderDoesNotHoldOthers: a client that pipelines requests for
// large replies and reads none is cut at the output limit, and another
// client is served all along.
func TestE2ESlowReaderDoesNotHoldOthers(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model, "--client-output-buffer-limit", "normal 33554432 0 0")
		rdb := d.goRedis()
		ctx := context.Background()
		rdb.Set(ctx, "big", strings.Repeat("b", 1<<20), 0)
		slow := d.dial()
		go func() { // pipelines 100 MiB of replies and reads none (bounded)
			for i := 0; i < 100; i++ {
				if _, err := io.WriteString(slow.conn, "GET big\n"); err != nil {
					return
				}
			}
		}()
		for i := 0; i < 100; i++ {
			if got := rdb.Incr(ctx, "progress").Val(); got != int64(i+1) {
				t.Fatalf("other client stalled: INCR = %d", got)
			}
		}
		waitUntil(t, "the slow reader to be cut at the output limit", func() bool {
			return strings.Contains(d.log.String(), "unsent replies over --client-output-buffer-limit")
		})
	})
}

// TestE2EOutputLimitCountsOnlyWhatWaits: the output limit holds replies
// the kernel has not taken, not replies on their way out. A client that
// reads everything, with a limit far below one batch of its replies, is
// served in full in both models, the event loop's round-end sending
// included.
func TestE2EOutputLimitCountsOnlyWhatWaits(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model, "--client-output-buffer-limit", "normal 1000 0 0")
		c := d.dial()
		value := strings.Repeat("v", 800)
		if got := c.do("SET k " + value); got != "OK" {
			t.Fatal(got)
		}
		c.send(strings.Repeat("GET k\n", 20)) // 16 KB of replies in one batch
		for i := 0; i < 20; i++ {
			if got := c.line(); got != value {
				t.Fatalf("reply %d: %d bytes, want the value", i, len(got))
			}
		}
		if strings.Contains(d.log.String(), "client-output-buffer-limit") {
			t.Fatalf("a client that reads was cut at the output limit:\n%s", d.log.String())
		}
	})
}

// TestE2EShutdownUnderLoad: clients pipeline INCRs while SIGTERM arrives;
// every reply each one gets is right and in order, and the exit is clean.
func TestE2EShutdownUnderLoad(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		started := make(chan struct{}, 20)
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				c := d.dial()
				key := fmt.Sprintf("load:%d", i)
				go func() { // requests until the connection ends (bounded)
					for j := 0; j < 200000; j++ {
						if _, err := io.WriteString(c.conn, "INCR "+key+"\n"); err != nil {
							return
						}
					}
				}()
				for n := 1; ; n++ {
					line, err := c.r.ReadString('\n')
					if n == 100 {
						started <- struct{}{}
					}
					if err != nil {
						if errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) {
							return
						}
						errs <- err
						return
					}
					if line != fmt.Sprintf("(integer) %d\n", n) {
						errs <- fmt.Errorf("client %d reply %d: %q", i, n, line)
						return
					}
				}
			}(i)
		}
		for i := 0; i < 20; i++ {
			<-started
		}
		if status, _ := d.stop(); status != 0 {
			t.Fatalf("exit status %d under load", status)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	})
}
