package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// dirtyScript is every kind of write, with the cases where Redis counts
// no change or several: INFO's rdb_changes_since_last_save after each
// request must be what redis-server says.
var dirtyScript = [][]any{
	{"SET", "k", "v"}, {"SET", "k", "v", "NX"}, {"SET", "k", "w", "XX"}, {"SET", "k", "x", "GET"},
	{"SET", "nk", "v", "XX"}, {"SET", "k", "v", "EX", "100"}, {"SET", "k", "v", "EX", "0"},
	{"MSET", "a", "1", "b", "2", "c", "3"}, {"MSET", "a", "1", "a", "2"},
	{"MSETNX", "a", "1", "d", "4"}, {"MSETNX", "d", "4", "e", "5"},
	{"DEL", "a", "b", "nosuch"}, {"UNLINK", "c", "c"}, {"DEL", "nosuch"},
	{"INCR", "n"}, {"INCRBY", "n", "5"}, {"DECR", "n"}, {"DECRBY", "n", "2"}, {"INCRBYFLOAT", "n", "1.5"},
	{"INCR", "k"}, {"INCRBY", "n", "x"},
	{"APPEND", "k", "x"}, {"APPEND", "new", "y"}, {"APPEND", "new", ""},
	{"SETRANGE", "k", "0", ""}, {"SETRANGE", "k", "0", "z"}, {"SETRANGE", "nokey", "0", ""}, {"SETRANGE", "nokey2", "3", "q"},
	{"GETSET", "k", "v2"}, {"GETDEL", "k"}, {"GETDEL", "k"},
	{"GETEX", "d", "EX", "100"}, {"GETEX", "d", "PERSIST"}, {"GETEX", "d", "PERSIST"}, {"GETEX", "d"},
	{"GETEX", "nosuch", "EX", "10"}, {"GETEX", "d", "PXAT", "1"},
	{"EXPIRE", "e", "100"}, {"EXPIRE", "e", "100", "NX"}, {"PERSIST", "e"}, {"PERSIST", "e"},
	{"PEXPIRE", "e", "100000"}, {"EXPIREAT", "e", "1"}, {"EXPIRE", "nosuch", "1"},
	{"SETNX", "s", "1"}, {"SETNX", "s", "1"}, {"SETEX", "s", "100", "v"}, {"PSETEX", "s", "100000", "v"},
	{"RENAME", "s", "s2"}, {"RENAME", "s2", "s2"}, {"RENAMENX", "s2", "n"}, {"RENAMENX", "s2", "s4"},
	{"RENAME", "nosuch", "x"},
	{"COPY", "s4", "s3"}, {"COPY", "s4", "s3"}, {"COPY", "s4", "s3", "REPLACE"}, {"MOVE", "s3", "1"}, {"MOVE", "s4", "0"},
	{"SWAPDB", "0", "1"}, {"SWAPDB", "0", "1"},
	{"SETBIT", "bits", "0", "0"}, {"SETBIT", "bits", "0", "0"}, {"SETBIT", "bits", "0", "1"}, {"SETBIT", "bits", "0", "1"},
	{"SETBIT", "bits", "100", "0"},
	{"BITFIELD", "bf", "SET", "i5", "0", "0"}, {"BITFIELD", "bf", "SET", "i5", "0", "0"},
	{"BITFIELD", "bf", "SET", "i5", "0", "1", "SET", "i5", "5", "1", "INCRBY", "i5", "0", "0", "GET", "u8", "0"},
	{"BITFIELD", "bf", "OVERFLOW", "FAIL", "INCRBY", "u2", "100", "10"},
	{"BITFIELD", "bf2", "OVERFLOW", "FAIL", "INCRBY", "u2", "100", "10", "SET", "u8", "8", "0"},
	{"BITFIELD", "bf", "GET", "u8", "0"}, {"BITFIELD_RO", "bf", "GET", "u8", "0"},
	{"BITOP", "OR", "dest", "bits", "bf"}, {"BITOP", "AND", "dest", "nosuch1", "nosuch2"}, {"BITOP", "AND", "dest", "nosuch1"},
	{"PFADD", "h", "a", "b", "c"}, {"PFADD", "h", "a"}, {"PFADD", "h", "d"}, {"PFADD", "h2"}, {"PFADD", "h2"},
	{"PFCOUNT", "h"}, {"PFCOUNT", "h"}, {"PFCOUNT", "h", "h2"}, {"PFMERGE", "h3", "h"}, {"PFDEBUG", "TODENSE", "h"},
	{"PFDEBUG", "TODENSE", "h"},
	{"GET", "s4"}, {"MGET", "a", "b"}, {"TOUCH", "s4"}, {"LCS", "s4", "n"},
	{"MULTI"}, {"SET", "x", "1"}, {"INCR", "x"}, {"EXEC"},
	{"SELECT", "1"}, {"SET", "one", "1"}, {"FLUSHDB"}, {"FLUSHDB"}, {"SELECT", "0"},
	{"FLUSHALL"}, {"FLUSHALL"},
}

// dirtyCounts runs dirtyScript and returns the counter after each request.
func dirtyCounts(t *testing.T, addr string) []string {
	rdb := redis.NewClient(&redis.Options{Addr: addr, PoolSize: 1}) // one connection: MULTI holds
	t.Cleanup(func() { rdb.Close() })
	ctx := context.Background()
	var counts []string
	inMulti := false // INFO would only be queued
	for _, req := range dirtyScript {
		rdb.Do(ctx, req...) // errors are part of the script
		if name := req[0].(string); name == "MULTI" || name == "EXEC" {
			inMulti = name == "MULTI"
		}
		if inMulti {
			counts = append(counts, "(in MULTI)")
			continue
		}
		info, err := rdb.Info(ctx, "persistence").Result()
		if err != nil {
			t.Fatal(err)
		}
		_, rest, ok := strings.Cut(info, "rdb_changes_since_last_save:")
		if !ok {
			t.Fatalf("no rdb_changes_since_last_save in %q", info)
		}
		n, _, _ := strings.Cut(rest, "\r\n")
		counts = append(counts, n)
	}
	return counts
}

// TestDirtyCounterMatchesRedis compares rdb_changes_since_last_save with
// redis-server's after each request of the script, in both I/O models.
func TestDirtyCounterMatchesRedis(t *testing.T) {
	want := dirtyCounts(t, startRedisServer(t))
	eachModel(t, func(t *testing.T, model string) {
		got := dirtyCounts(t, startDaemon(t, "--io", model).addr)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("after %v: %s changes, redis-server %s (counts so far: ours %v, Redis's %v)",
					dirtyScript[i], got[i], want[i], got[:i+1], want[:i+1])
			}
		}
		if last, _ := strconv.Atoi(want[len(want)-1]); last < 50 {
			t.Fatalf("only %d changes counted: the script lost its way", last)
		}
	})
}
