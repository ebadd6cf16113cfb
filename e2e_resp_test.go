package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// goRedis returns a go-redis client for the daemon with the library's
// defaults: it says HELLO 3 and speaks RESP3.
func (d *daemon) goRedis() *redis.Client { return d.goRedisProtocol(0) }

// goRedisProtocol returns a go-redis client speaking RESP protocol (2 or
// 3; 0 for the library's default).
func (d *daemon) goRedisProtocol(protocol int) *redis.Client {
	d.t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: d.addr, Protocol: protocol, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second})
	d.t.Cleanup(func() { rdb.Close() })
	return rdb
}

// TestGoRedisEveryCommand runs every command through go-redis, once in
// each protocol.
func TestGoRedisEveryCommand(t *testing.T) {
	for _, protocol := range []int{2, 3} {
		t.Run(fmt.Sprintf("RESP%d", protocol), func(t *testing.T) { goRedisEveryCommand(t, protocol) })
	}
}

func goRedisEveryCommand(t *testing.T, protocol int) {
	d := startDaemon(t)
	rdb := d.goRedisProtocol(protocol)
	ctx := context.Background()
	check := func(what string, got, want any) { t.Helper(); checkReply(t, what, got, want) }
	check("PING", rdb.Ping(ctx).Val(), "PONG")
	check("ECHO", rdb.Echo(ctx, "hi there").Val(), "hi there")
	check("SET", rdb.Set(ctx, "user:1", "alice", 0).Val(), "OK")
	check("GET", rdb.Get(ctx, "user:1").Val(), "alice")
	if err := rdb.Get(ctx, "missing").Err(); !errors.Is(err, redis.Nil) {
		t.Fatalf("GET missing: %v, want redis.Nil", err)
	}
	check("EXISTS", rdb.Exists(ctx, "user:1", "missing", "user:1").Val(), 2)
	check("INCR", rdb.Incr(ctx, "n").Val(), 1)
	check("INCRBY", rdb.IncrBy(ctx, "n", 41).Val(), 42)
	check("DECR", rdb.Decr(ctx, "n").Val(), 41)
	check("DECRBY", rdb.DecrBy(ctx, "n", 50).Val(), -9)
	check("INCR on text", rdb.Incr(ctx, "user:1").Err(), "ERR value is not an integer or out of range")
	rdb.Set(ctx, "max", "9223372036854775807", 0)
	check("INCR overflow", rdb.Incr(ctx, "max").Err(), "ERR increment or decrement would overflow")
	check("DBSIZE", rdb.DBSize(ctx).Val(), 3)
	check("DEL", rdb.Del(ctx, "user:1", "missing", "max").Val(), 2)
	check("SELECT 0", rdb.Do(ctx, "SELECT", "0").Val(), "OK")
	check("SELECT 16", rdb.Do(ctx, "SELECT", "16").Err(), "ERR DB index is out of range")
	check("CLIENT SETNAME", rdb.Do(ctx, "CLIENT", "SETNAME", "tester").Val(), "OK")
	check("CLIENT GETNAME", rdb.Do(ctx, "CLIENT", "GETNAME").Val(), "tester")
	check("CLIENT SETNAME bad", rdb.Do(ctx, "CLIENT", "SETNAME", "a b").Err(), "ERR Client names cannot contain spaces, newlines or special characters.")
	if id := rdb.ClientID(ctx).Val(); id <= 0 {
		t.Fatalf("CLIENT ID = %d", id)
	}
	check("CLIENT SETINFO", rdb.Do(ctx, "CLIENT", "SETINFO", "LIB-NAME", "x").Val(), "OK")
	check("CONFIG GET save", rdb.ConfigGet(ctx, "save").Val(), map[string]string{"save": ""})
	check("CONFIG GET appendonly", rdb.ConfigGet(ctx, "appendonly").Val(), map[string]string{"appendonly": "no"})
	check("CONFIG GET port", rdb.ConfigGet(ctx, "port").Val()["port"], d.addr[strings.LastIndex(d.addr, ":")+1:])
	check("HELLO 4", rdb.Do(ctx, "HELLO", "4").Err(), "NOPROTO unsupported protocol version")
	check("CLIENT INFO", strings.Contains(rdb.Do(ctx, "CLIENT", "INFO").String(), fmt.Sprintf(" resp=%d\n", protocol)), true)
	if protocol == 3 {
		hello, err := rdb.Do(ctx, "HELLO").Result()
		if m, ok := hello.(map[any]any); err != nil || !ok || m["server"] != "redis" || m["proto"] != int64(3) {
			t.Fatalf("HELLO in RESP3: %#v %v", hello, err)
		}
	} else {
		hello, err := rdb.Do(ctx, "HELLO").Slice()
		if err != nil || len(hello) != 14 || hello[0] != "server" || hello[5] != int64(2) {
			t.Fatalf("HELLO in RESP2: %v %v", hello, err)
		}
	}
	if n, err := rdb.Do(ctx, "COMMAND", "COUNT").Int64(); err != nil || n < 15 {
		t.Fatalf("COMMAND COUNT = %d, %v", n, err)
	}
	if all, err := rdb.Do(ctx, "COMMAND").Slice(); err != nil || len(all) < 15 {
		t.Fatalf("COMMAND returned %d entries, %v", len(all), err)
	}
	info, err := rdb.Do(ctx, "COMMAND", "INFO", "get").Slice()
	if err != nil || len(info) != 1 {
		t.Fatalf("COMMAND INFO get: %v %v", info, err)
	}
	if entry := info[0].([]any); entry[0] != "get" || entry[1] != int64(2) {
		t.Fatalf("COMMAND INFO get: %v", entry)
	}
	text := rdb.Info(ctx).Val()
	for _, want := range []string{"# Server\r\n", "redis_version:7.0.15\r\n", "# Clients\r\nconnected_clients:", "# Stats\r\n", "total_commands_processed:", "# Keyspace\r\ndb0:keys=1,"} {
		if !strings.Contains(text, want) {
			t.Fatalf("INFO lacks %q:\n%s", want, text)
		}
	}
	if got := rdb.Info(ctx, "keyspace").Val(); strings.Contains(got, "# Server") || !strings.Contains(got, "# Keyspace") {
		t.Fatalf("INFO keyspace returned other sections:\n%s", got)
	}
	check("unknown", rdb.Do(ctx, "NOPE", "a").Err(), "ERR unknown command 'NOPE', with args beginning with: 'a' ")
	check("arity", rdb.Do(ctx, "GET").Err(), "ERR wrong number of arguments for 'get' command")
}

func TestGoRedisPipelineOfTenThousand(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		rdb := d.goRedis()
		ctx := context.Background()
		const n = 10000
		pipe := rdb.Pipeline()
		for i := 0; i < n; i++ {
			pipe.Set(ctx, fmt.Sprintf("k%d", i), fmt.Sprintf("v%d", i), 0)
		}
		gets := make([]*redis.StringCmd, n)
		for i := 0; i < n; i++ {
			gets[i] = pipe.Get(ctx, fmt.Sprintf("k%d", i))
		}
		if _, err := pipe.Exec(ctx); err != nil {
			t.Fatal(err)
		}
		for i, g := range gets {
			if g.Val() != fmt.Sprintf("v%d", i) {
				t.Fatalf("reply %d out of order or wrong: %q", i, g.Val())
			}
		}
		if size := rdb.DBSize(ctx).Val(); size != n {
			t.Fatalf("DBSIZE = %d, want %d", size, n)
		}
	})
}

func TestGoRedisFiftyGoroutines(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		rdb := d.goRedis()
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for g := 0; g < 50; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; i < 200; i++ {
					key, val := fmt.Sprintf("g%d:%d", g, i%7), fmt.Sprintf("%d-%d", g, i)
					if err := rdb.Set(ctx, key, val, 0).Err(); err != nil {
						errs <- err
						return
					}
					if got := rdb.Get(ctx, key).Val(); got != val {
						errs <- fmt.Errorf("goroutine %d: GET %s = %q, want %q", g, key, got, val)
						return
					}
					rdb.Incr(ctx, "shared")
				}
			}(g)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if n, _ := rdb.Get(ctx, "shared").Int(); n != 50*200 {
			t.Fatalf("shared counter = %d, want %d: increments were lost", n, 50*200)
		}
	})
}

func TestGoRedisBinaryValues(t *testing.T) {
	d := startDaemon(t)
	rdb := d.goRedis()
	ctx := context.Background()
	every := make([]byte, 256)
	for i := range every {
		every[i] = byte(i)
	}
	for i := 0; i < 256; i++ {
		key := append([]byte("bin:\r\n\x00"), byte(i))
		val := append(every[i:], every[:i]...) // every byte value, rotated
		if err := rdb.Set(ctx, string(key), val, 0).Err(); err != nil {
			t.Fatal(err)
		}
		got, err := rdb.Get(ctx, string(key)).Bytes()
		if err != nil || !bytes.Equal(got, val) {
			t.Fatalf("binary value %d did not round-trip: %v", i, err)
		}
	}
}

func TestGoRedisSixteenMiBValue(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		rdb := d.goRedis()
		ctx := context.Background()
		big := bytes.Repeat([]byte("0123456789abcdef\r\n"), 16<<20/18+1)[:16<<20]
		if err := rdb.Set(ctx, "big", big, 0).Err(); err != nil {
			t.Fatal(err)
		}
		got, err := rdb.Get(ctx, "big").Bytes()
		if err != nil || !bytes.Equal(got, big) {
			t.Fatalf("16 MiB value did not round-trip (len %d, %v)", len(got), err)
		}
	})
}

func TestPlaintextAndRESPShareAConnection(t *testing.T) {
	d := startDaemon(t)
	c := d.dial()
	c.send("SET mixed plain\n*2\r\n$3\r\nGET\r\n$5\r\nmixed\r\nGET mixed\n")
	for _, want := range []string{"OK", "$5\r", "plain\r", "plain"} {
		if got := c.line(); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

func TestRESPProtocolErrorsClose(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		tests := []struct{ send, want string }{
			{"*abc\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
			{"*1\r\n:5\r\n", "-ERR Protocol error: expected '$', got ':'\r\n"},
			{"*1\r\n$-3\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
			{"*1\r\n$536870913\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
		}
		for _, tt := range tests {
			c := d.dial()
			c.send(tt.send)
			if got := c.expectClosed(); got != tt.want {
				t.Errorf("%q: got %q, want %q then close", tt.send, got, tt.want)
			}
		}
		c := d.dial()
		c.send("*0\r\n*-1\r\nPING\n")
		if got := c.line(); got != "PONG" {
			t.Fatalf("*0 and *-1 must get no reply; got %q", got)
		}
	})
}
