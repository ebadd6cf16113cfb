package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// databaseConversations are the numbered databases' commands, each a
// conversation whose every byte must match Redis 7.0.15. Each database
// holds one key at most where SCAN or KEYS lists it, so no hash order
// shows.
var databaseConversations = []conversation{
	{"SELECT and its errors", false, [][]string{
		{"FLUSHALL"}, {"SET", "k", "zero"}, {"SELECT", "3"}, {"GET", "k"}, {"SET", "k", "three"},
		{"SELECT", "16"}, {"SELECT", "-1"}, {"SELECT", "x"}, {"SELECT", "1.5"}, {"SELECT", ""},
		{"SELECT", "4294967296"}, {"SELECT", "-2147483649"}, {"SELECT", "2147483647"},
		{"GET", "k"}, {"SELECT", "0"}, {"GET", "k"}, {"SELECT"}, {"SELECT", "1", "2"},
	}},
	{"MOVE", false, [][]string{
		{"FLUSHALL"}, {"SET", "k", "v"}, {"PEXPIRE", "k", "100000000"},
		{"MOVE", "k", "0"}, {"MOVE", "k", "16"}, {"MOVE", "k", "x"}, {"MOVE", "k", "-1"}, {"MOVE", "k", "99999999999"},
		{"MOVE", "nope", "1"}, {"MOVE", "k", "1"}, {"EXISTS", "k"},
		{"SELECT", "1"}, {"GET", "k"}, {"SET", "taken", "1"}, {"SELECT", "0"}, {"SET", "taken", "0"},
		{"MOVE", "taken", "1"}, {"GET", "taken"}, {"MOVE", "nope", "0"}, {"MOVE", "k"},
	}},
	{"COPY", false, [][]string{
		{"FLUSHALL"}, {"SET", "k", "v"}, {"COPY", "k", "k"}, {"COPY", "k", "k", "DB", "0"},
		{"COPY", "k", "c"}, {"GET", "c"}, {"COPY", "k", "c"}, {"SET", "k", "v2"}, {"COPY", "k", "c", "replace"}, {"GET", "c"},
		{"COPY", "k", "k", "DB", "2"}, {"COPY", "k", "k", "db", "2"}, {"COPY", "k", "k", "DB", "2", "REPLACE"},
		{"COPY", "k", "k", "DB"}, {"COPY", "k", "k", "DB", "x"}, {"COPY", "k", "k", "DB", "16"},
		{"COPY", "k", "k", "FOO"}, {"COPY", "nope", "x"}, {"COPY", "nope", "x", "DB", "99"},
		{"SELECT", "2"}, {"GET", "k"}, {"COPY", "k"},
	}},
	{"SWAPDB", false, [][]string{
		{"FLUSHALL"}, {"SET", "a", "0"}, {"SELECT", "4"}, {"SET", "b", "4"}, {"SWAPDB", "0", "4"},
		{"GET", "b"}, {"GET", "a"}, {"DBSIZE"}, {"SWAPDB", "4", "4"}, {"GET", "a"},
		{"SWAPDB", "x", "1"}, {"SWAPDB", "1", "x"}, {"SWAPDB", "0", "16"}, {"SWAPDB", "-1", "0"},
		{"SWAPDB", "99999999999", "0"}, {"SWAPDB", "1"},
	}},
	{"FLUSHDB and FLUSHALL across databases", false, [][]string{
		{"FLUSHALL"}, {"SET", "a", "0"}, {"SELECT", "5"}, {"SET", "b", "5"}, {"FLUSHDB"}, {"DBSIZE"},
		{"SELECT", "0"}, {"DBSIZE"}, {"SELECT", "5"}, {"SET", "b", "5"}, {"FLUSHDB", "ASYNC"}, {"SET", "b", "5"},
		{"FLUSHALL", "SYNC"}, {"DBSIZE"}, {"SELECT", "0"}, {"DBSIZE"},
		{"FLUSHALL", "now"}, {"FLUSHDB", "SYNC", "ASYNC"},
	}},
	{"INFO keyspace, SCAN, KEYS and RANDOMKEY per database", false, [][]string{
		{"FLUSHALL"}, {"INFO", "keyspace"}, {"SET", "zero", "0"}, {"SELECT", "3"}, {"SET", "three", "3"},
		{"SELECT", "11"}, {"SET", "eleven", "11"}, {"INFO", "keyspace"},
		{"SCAN", "0"}, {"KEYS", "*"}, {"RANDOMKEY"}, {"EXISTS", "zero", "eleven"}, {"TYPE", "zero"},
		{"SELECT", "3"}, {"SCAN", "0", "MATCH", "t*"}, {"KEYS", "*"}, {"DEL", "three"}, {"RANDOMKEY"},
		{"INFO", "keyspace"},
	}},
	{"RESET goes back to database 0", false, [][]string{
		{"FLUSHALL"}, {"SET", "k", "0"}, {"SELECT", "6"}, {"GET", "k"}, {"RESET"}, {"GET", "k"},
	}},
}

// TestDatabasesMatchRedis holds the conversations up against a real
// redis-server, byte for byte, in both I/O models.
func TestDatabasesMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for _, cv := range databaseConversations {
			t.Run(cv.name, func(t *testing.T) {
				if got, want := converse(t, lite, cv), converse(t, redis, cv); got != want {
					t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
				}
			})
		}
	})
}

// TestDatabasesInClientList: CLIENT LIST shows each client's database,
// and HELLO keeps it (only RESET goes back to 0, as in Redis).
func TestDatabasesInClientList(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		c := d.dial()
		c.do("SELECT 9")
		c.send("HELLO 2\nPING\n")
		for n := 0; c.line() != "PONG"; n++ { // HELLO's reply is many lines: read up to PING's
			if n > 100 {
				t.Fatal("no PONG after HELLO's reply")
			}
		}
		if got := c.do("CLIENT INFO"); !strings.Contains(got, " db=9 ") {
			t.Fatalf("CLIENT INFO after SELECT 9 and HELLO = %q", got)
		}
	})
}

// TestGoRedisDatabaseOption: go-redis's DB option (and a URL's /3) selects
// the database on every connection of its pool.
func TestGoRedisDatabaseOption(t *testing.T) {
	d := startDaemon(t)
	ctx := context.Background()
	opts, err := redis.ParseURL("redis://" + d.addr + "/3")
	if err != nil {
		t.Fatal(err)
	}
	db3 := redis.NewClient(opts)
	defer db3.Close()
	db0 := redis.NewClient(&redis.Options{Addr: d.addr})
	defer db0.Close()
	if err := db3.Set(ctx, "k", "three", 0).Err(); err != nil {
		t.Fatal(err)
	}
	checkReply(t, "GET k in db 0", db0.Get(ctx, "k").Err(), redis.Nil)
	viaOption := redis.NewClient(&redis.Options{Addr: d.addr, DB: 3})
	defer viaOption.Close()
	checkReply(t, "GET k with DB: 3", viaOption.Get(ctx, "k").Val(), "three")
	checkReply(t, "DBSIZE of db 3", db3.DBSize(ctx).Val(), int64(1))
	checkReply(t, "MOVE to db 0", db3.Move(ctx, "k", 0).Val(), true)
	checkReply(t, "GET k in db 0 after MOVE", db0.Get(ctx, "k").Val(), "three")
	checkReply(t, "SWAPDB", db0.Do(ctx, "SWAPDB", 0, 3).Val(), "OK")
	checkReply(t, "GET k with DB: 3 after SWAPDB", viaOption.Get(ctx, "k").Val(), "three")
}

// TestDatabasesSurviveARestart: the append-only file keeps each key in
// its database, through appends, SWAPDB, MOVE and a rewrite.
func TestDatabasesSurviveARestart(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--appendonly", "yes", "--dir", dir}
	d := startDaemon(t, args...)
	c := d.dial()
	for _, req := range []string{"SET zero 0", "SELECT 3", "SET three 3", "SET moved m", "MOVE moved 4",
		"SELECT 7", "SET seven 7 EX 500", "SWAPDB 7 8", "SELECT 0", "SET late 0"} {
		c.do(req)
	}
	info := func(d *daemon) string { return d.goRedis().Info(context.Background(), "keyspace").Val() }
	before := info(d)
	if !strings.Contains(before, "db8:keys=1,expires=1") || !strings.Contains(before, "db4:keys=1,") {
		t.Fatalf("INFO keyspace before the restart:\n%s", before)
	}
	if status, _ := d.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}
	again := startDaemon(t, args...)
	if after := info(again); after != before {
		t.Fatalf("after the restart:\n%s\nbefore:\n%s", after, before)
	}
	rdb := again.goRedis()
	checkReply(t, "BGREWRITEAOF", rdb.BgRewriteAOF(context.Background()).Val(), "Background append only file rewriting started")
	waitUntil(t, "the rewrite to finish", func() bool {
		return strings.Contains(rdb.Info(context.Background(), "persistence").Val(), "aof_rewrites:1")
	})
	if status, _ := again.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}
	third := startDaemon(t, args...)
	if after := info(third); after != before {
		t.Fatalf("after a rewrite and a restart:\n%s\nbefore:\n%s", after, before)
	}
	c = third.dial()
	c.do("SELECT 3")
	checkReply(t, "GET three in db 3", c.do("GET three"), "3")
}

// TestPubSubIgnoresTheDatabase: a message published from database 5
// reaches a subscriber in database 0, as in Redis, in both I/O models.
func TestPubSubIgnoresTheDatabase(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		sub := d.goRedis().Subscribe(ctx, "news")
		defer sub.Close()
		if _, err := sub.Receive(ctx); err != nil { // the subscription's confirmation
			t.Fatal(err)
		}
		pub := redis.NewClient(&redis.Options{Addr: d.addr, DB: 5})
		defer pub.Close()
		checkReply(t, "PUBLISH from db 5", pub.Publish(ctx, "news", "hi").Val(), int64(1))
		msg, err := sub.ReceiveMessage(ctx)
		if err != nil || msg.Payload != "hi" {
			t.Fatalf("message = %v, %v; want hi", msg, err)
		}
	})
}
