package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// objectConversation exercises OBJECT ENCODING, REFCOUNT, FREQ and HELP
// on values made every way a string value can be made; every byte of the
// answers must match Redis 7.0.15's.
var objectConversation = conversation{"OBJECT", false, [][]string{
	{"FLUSHALL"},
	// As SET stores them: integers by Redis's strict rule, short and long
	// strings around the 44-byte limit, shared integers 0..9999.
	{"SET", "k", "0"}, {"OBJECT", "ENCODING", "k"}, {"OBJECT", "REFCOUNT", "k"},
	{"SET", "k", "9999"}, {"OBJECT", "ENCODING", "k"}, {"OBJECT", "REFCOUNT", "k"},
	{"SET", "k", "10000"}, {"OBJECT", "ENCODING", "k"}, {"OBJECT", "REFCOUNT", "k"},
	{"SET", "k", "-1"}, {"OBJECT", "ENCODING", "k"}, {"OBJECT", "REFCOUNT", "k"},
	{"SET", "k", "-0"}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", "007"}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", "+7"}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", " 7"}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", "9223372036854775807"}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", "9223372036854775808"}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", "-9223372036854775808"}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", "-9223372036854775809"}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", "1.5"}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", ""}, {"OBJECT", "ENCODING", "k"}, {"OBJECT", "REFCOUNT", "k"},
	{"SET", "k", strings.Repeat("a", 44)}, {"OBJECT", "ENCODING", "k"},
	{"SET", "k", strings.Repeat("a", 45)}, {"OBJECT", "ENCODING", "k"}, {"OBJECT", "REFCOUNT", "k"},
	{"SET", "k", strings.Repeat("a", 5000)}, {"OBJECT", "ENCODING", "k"},
	{"MSET", "a", "12", "b", "xyz"}, {"OBJECT", "ENCODING", "a"}, {"OBJECT", "ENCODING", "b"},
	{"GETSET", "a", "13"}, {"OBJECT", "ENCODING", "a"},
	{"SETEX", "a", "100", "14"}, {"OBJECT", "ENCODING", "a"},
	{"SETNX", "c", "15"}, {"OBJECT", "ENCODING", "c"},
	// Commands that compute or edit a value.
	{"SET", "n", "5"}, {"INCR", "n"}, {"OBJECT", "ENCODING", "n"}, {"OBJECT", "REFCOUNT", "n"},
	{"INCRBY", "n", "100000"}, {"OBJECT", "ENCODING", "n"}, {"OBJECT", "REFCOUNT", "n"},
	{"DECRBY", "n", "100000"}, {"OBJECT", "REFCOUNT", "n"},
	{"INCRBYFLOAT", "n", "1"}, {"OBJECT", "ENCODING", "n"}, {"OBJECT", "REFCOUNT", "n"},
	{"INCR", "n"}, {"OBJECT", "ENCODING", "n"},
	{"INCRBYFLOAT", "f", "1.5"}, {"OBJECT", "ENCODING", "f"},
	{"SET", "s", "12"}, {"APPEND", "s", "3"}, {"OBJECT", "ENCODING", "s"}, {"OBJECT", "REFCOUNT", "s"},
	{"APPEND", "new", "34"}, {"OBJECT", "ENCODING", "new"},
	{"APPEND", "new2", "abc"}, {"OBJECT", "ENCODING", "new2"},
	{"SET", "s", "1234"}, {"SETRANGE", "s", "0", "2"}, {"OBJECT", "ENCODING", "s"},
	{"SET", "s", "1234"}, {"SETRANGE", "s", "0", ""}, {"OBJECT", "ENCODING", "s"},
	{"SETRANGE", "r", "2", "ab"}, {"OBJECT", "ENCODING", "r"},
	{"SETBIT", "b1", "3", "1"}, {"OBJECT", "ENCODING", "b1"},
	{"SET", "b2", "abc"}, {"SETBIT", "b2", "1", "0"}, {"OBJECT", "ENCODING", "b2"},
	{"BITFIELD", "b3", "SET", "u8", "0", "65"}, {"OBJECT", "ENCODING", "b3"},
	// An edit that changes nothing still leaves the value editable (raw).
	{"SET", "b5", "abc"}, {"SETBIT", "b5", "0", "0"}, {"OBJECT", "ENCODING", "b5"},
	{"SET", "b6", "12"}, {"BITFIELD", "b6", "SET", "u8", "0", "49"}, {"OBJECT", "ENCODING", "b6"},
	{"SET", "b7", "12"}, {"BITFIELD", "b7", "GET", "u8", "0"}, {"GETBIT", "b7", "0"}, {"OBJECT", "ENCODING", "b7"},
	{"SET", "b8", "12"}, {"BITFIELD", "b8", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "9"}, {"OBJECT", "ENCODING", "b8"},
	{"BITOP", "OR", "b4", "b1", "b2"}, {"OBJECT", "ENCODING", "b4"},
	{"PFADD", "h", "x"}, {"OBJECT", "ENCODING", "h"},
	// Expiry changes keep the representation; renames carry it.
	{"SET", "s", "12"}, {"APPEND", "s", "3"}, {"EXPIRE", "s", "100"}, {"OBJECT", "ENCODING", "s"},
	{"PERSIST", "s"}, {"GETEX", "s", "EX", "50"}, {"OBJECT", "ENCODING", "s"},
	{"RENAME", "s", "s2"}, {"OBJECT", "ENCODING", "s2"},
	{"COPY", "s2", "s3"}, {"OBJECT", "ENCODING", "s3"},
	{"SET", "i", "5"}, {"COPY", "i", "i2"}, {"OBJECT", "REFCOUNT", "i2"}, {"OBJECT", "ENCODING", "i2"},
	{"OBJECT", "REFCOUNT", "i"}, {"MOVE", "i", "2"}, {"SELECT", "2"}, {"OBJECT", "REFCOUNT", "i"}, {"SELECT", "0"},
	{"SET", "t", "abc"}, {"COPY", "t", "t2"}, {"OBJECT", "ENCODING", "t2"},
	{"INCR", "i2"}, {"OBJECT", "REFCOUNT", "i2"},
	{"MOVE", "s3", "1"}, {"SELECT", "1"}, {"OBJECT", "ENCODING", "s3"}, {"SELECT", "0"},
	// FREQ, missing keys, HELP, errors.
	{"OBJECT", "FREQ", "k"}, {"OBJECT", "FREQ", "nosuch"},
	{"OBJECT", "ENCODING", "nosuch"}, {"OBJECT", "REFCOUNT", "nosuch"}, {"OBJECT", "IDLETIME", "nosuch"},
	{"OBJECT", "HELP"}, {"object", "help"}, {"OBJECT", "HELP", "x"}, {"OBJECT"}, {"OBJECT", "ENCODING"},
	{"OBJECT", "ENCODING", "k", "x"}, {"OBJECT", "FOO", "k"},
	{"SET", "e", "1", "PX", "1"}, {"DEBUG", "SLEEP", "0.01"}, {"OBJECT", "ENCODING", "e"},
}}

// TestObjectMatchesRedis holds OBJECT's answers up against redis-server,
// byte for byte, in both I/O models.
func TestObjectMatchesRedis(t *testing.T) {
	// DEBUG SLEEP must sleep, so the last key has expired when it is
	// asked for: disabled, it answered an error at once, and whether the
	// 1 ms had passed was a race with the machine's load.
	redis := startRedisServer(t, "--enable-debug-command", "yes")
	want := converse(t, redis, objectConversation)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model, "--enable-debug-command", "yes").addr
		if got := converse(t, lite, objectConversation); got != want {
			t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
		}
	})
}

// TestObjectIdleTime follows Redis's introspection-2 tests: TTL, TYPE,
// EXISTS and OBJECT leave a key's idle time running, TOUCH, GET and a
// write start it again. Idle times are whole seconds on a clock that
// moves in steps, so they are held to ranges, the same ones on
// redis-server and on redis-lite in both I/O models (all in parallel:
// the test spends its time waiting for seconds to pass).
func TestObjectIdleTime(t *testing.T) {
	t.Parallel()
	t.Run("redis-server", func(t *testing.T) {
		t.Parallel()
		checkIdleTime(t, startRedisServer(t))
	})
	for _, model := range ioModels {
		t.Run(model, func(t *testing.T) {
			t.Parallel()
			checkIdleTime(t, startDaemon(t, "--io", model).addr)
		})
	}
}

func checkIdleTime(t *testing.T, addr string) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { rdb.Close() })
	ctx := context.Background()
	idle := func() int64 {
		t.Helper()
		n, err := rdb.ObjectIdleTime(ctx, "foo").Result()
		if err != nil {
			t.Fatalf("OBJECT IDLETIME: %v", err)
		}
		return int64(n / time.Second)
	}
	// idleFor waits until foo has been idle two seconds, while asking
	// what must not count as an access: were it counted, the wait would
	// never end.
	idleFor := func() {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for idle() < 2 {
			rdb.TTL(ctx, "foo")
			rdb.Type(ctx, "foo")
			rdb.Exists(ctx, "foo")
			rdb.ObjectEncoding(ctx, "foo")
			if time.Now().After(deadline) {
				t.Fatal("foo never got two seconds idle")
			}
			time.Sleep(20 * time.Millisecond) // a second is what is awaited
		}
	}
	checkReply(t, "SET", rdb.Set(ctx, "foo", "bar", 0).Val(), "OK")
	if n := idle(); n >= 2 {
		t.Fatalf("just set: idle %d s", n)
	}
	for _, access := range []struct {
		name string
		do   func()
	}{
		{"TOUCH", func() { checkReply(t, "TOUCH", rdb.Touch(ctx, "foo", "nosuch").Val(), int64(1)) }},
		{"GET", func() { rdb.Get(ctx, "foo") }},
		{"SETRANGE", func() { rdb.SetRange(ctx, "foo", 0, "c") }},
	} {
		idleFor()
		access.do()
		if n := idle(); n >= 2 {
			t.Fatalf("after %s: idle %d s, want under 2", access.name, n)
		}
	}
	if n, err := rdb.Do(ctx, "OBJECT", "IDLETIME", "nosuch").Result(); err != redis.Nil {
		t.Fatalf("OBJECT IDLETIME of a missing key: %v, %v; want nil", n, err)
	}
}
