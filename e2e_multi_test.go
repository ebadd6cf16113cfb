package main

import "testing"

// multiConversations are transactions as Redis 7.0.15 answers them, byte
// for byte: queuing, errors while queuing (EXECABORT), errors while
// running, WATCH, and the commands that run at once inside MULTI.
var multiConversations = []conversation{
	{"MULTI, EXEC, DISCARD", false, [][]string{
		{"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "1"}, {"INCR", "a"}, {"GET", "a"}, {"EXEC"},
		{"MULTI"}, {"EXEC"},
		{"MULTI"}, {"SET", "a", "x"}, {"DISCARD"}, {"GET", "a"},
		{"EXEC"}, {"DISCARD"}, {"exec"},
		{"MULTI"}, {"MULTI"}, {"WATCH", "a"}, {"PING"}, {"EXEC"},
	}},
	{"errors while queuing abort EXEC", false, [][]string{
		{"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "1"}, {"NOSUCH", "x"}, {"SET", "b", "2"}, {"EXEC"}, {"EXISTS", "a", "b"},
		{"MULTI"}, {"SET", "a"}, {"EXEC"},
		{"MULTI"}, {"CONFIG", "NOSUCH"}, {"EXEC"},
		{"MULTI"}, {"SET", "foo", "bar"}, {"SHUTDOWN"}, {"EXEC"}, {"GET", "foo"},
		{"MULTI"}, {"PING"}, {"EXEC", "x"}, {"EXEC"},
		{"EXISTS", "a", "b"},
	}},
	{"errors while running are replies in EXEC's array", false, [][]string{
		{"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "x"}, {"INCR", "a"}, {"SET", "b", "1"}, {"INCRBY", "b", "nan"}, {"GET", "b"}, {"EXEC"},
	}},
	{"WATCH", false, [][]string{
		{"FLUSHALL"},
		{"SET", "k", "1"}, {"WATCH", "k"}, {"SET", "k", "2"}, {"MULTI"}, {"GET", "k"}, {"EXEC"},
		{"WATCH", "k"}, {"GET", "k"}, {"EXISTS", "k"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"SETNX", "k", "3"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"DEL", "k"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "nokey"}, {"DEL", "nokey"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"SET", "k", "1"}, {"WATCH", "k"}, {"EXPIRE", "k", "100"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"UNWATCH"}, {"SET", "k", "2"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"MULTI"}, {"DISCARD"}, {"SET", "k", "3"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k", "other"}, {"MULTI"}, {"SET", "k", "4"}, {"EXEC"}, {"SET", "k", "5"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "k"}, {"SET", "k", "6"}, {"WATCH", "k"}, {"MULTI"}, {"PING"}, {"EXEC"},
	}},
	{"WATCH and flushes", false, [][]string{
		{"FLUSHALL"},
		{"SET", "x", "1"}, {"WATCH", "x"}, {"FLUSHALL"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "x"}, {"FLUSHALL"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"SET", "x", "1"}, {"WATCH", "x"}, {"FLUSHDB"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"WATCH", "y"}, {"FLUSHDB"}, {"MULTI"}, {"PING"}, {"EXEC"},
	}},
	{"RESET and QUIT inside MULTI", false, [][]string{
		{"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "1"}, {"RESET"}, {"EXEC"}, {"GET", "a"},
		{"MULTI"}, {"SET", "a", "1"}, // QUIT follows
	}},
	{"MULTI before AUTH", true, [][]string{
		{"MULTI"}, {"EXEC"}, {"AUTH", "pw"}, {"MULTI"}, {"PING"}, {"EXEC"},
	}},
	{"RESP3", false, [][]string{
		{"HELLO", "3"}, {"FLUSHALL"},
		{"MULTI"}, {"SET", "a", "1"}, {"GET", "a"}, {"GET", "nokey"}, {"EXEC"},
		{"WATCH", "a"}, {"SET", "a", "2"}, {"MULTI"}, {"PING"}, {"EXEC"},
		{"MULTI"}, {"NOSUCH"}, {"EXEC"},
	}},
	{"RESP3 tracking: a transaction is one command", false, [][]string{
		{"HELLO", "3"}, {"FLUSHALL"}, {"CLIENT", "TRACKING", "ON"},
		{"GET", "k"}, {"MULTI"}, {"SET", "k", "1"}, {"GET", "k"}, {"SET", "j", "2"}, {"EXEC"}, {"PING"},
		{"CLIENT", "TRACKING", "OFF"}, {"CLIENT", "TRACKING", "ON", "OPTIN"},
		{"CLIENT", "CACHING", "YES"}, {"MULTI"}, {"PTTL", "m"}, {"GET", "m"}, {"EXEC"}, {"SET", "m", "x"}, {"PING"},
	}},
}

// TestTransactionsMatchRedis holds the transaction conversations up
// against a real redis-server, in both I/O models.
func TestTransactionsMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	redisPW := startRedisServer(t, "--requirepass", "pw")
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		litePW := startDaemon(t, "--io", model, "--requirepass", "pw").addr
		for _, cv := range multiConversations {
			ref, ours := redis, lite
			if cv.password {
				ref, ours = redisPW, litePW
			}
			t.Run(cv.name, func(t *testing.T) {
				got, want := withoutIDs(converse(t, ours, cv)), withoutIDs(converse(t, ref, cv))
				if got != want {
					t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
				}
			})
		}
	})
}
