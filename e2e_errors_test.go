package main

import (
	"strings"
	"testing"
)

// collectionCommands are the commands of the hash, list, set and sorted-set
// issue, and the keyspace commands that take every type. blocking marks
// those that would wait for data given a valid timeout.
var collectionCommands = []struct {
	name     string
	blocking bool
}{
	{"HSET", false}, {"HSETNX", false}, {"HGET", false}, {"HMGET", false}, {"HMSET", false},
	{"HDEL", false}, {"HEXISTS", false}, {"HLEN", false}, {"HSTRLEN", false}, {"HKEYS", false},
	{"HVALS", false}, {"HGETALL", false}, {"HINCRBY", false}, {"HINCRBYFLOAT", false},
	{"HRANDFIELD", false}, {"HSCAN", false},
	{"LPUSH", false}, {"RPUSH", false}, {"LPUSHX", false}, {"RPUSHX", false}, {"LPOP", false},
	{"RPOP", false}, {"LLEN", false}, {"LRANGE", false}, {"LINDEX", false}, {"LSET", false},
	{"LINSERT", false}, {"LREM", false}, {"LTRIM", false}, {"LPOS", false}, {"LMOVE", false},
	{"RPOPLPUSH", false}, {"LMPOP", false}, {"BLPOP", true}, {"BRPOP", true}, {"BLMOVE", true},
	{"BRPOPLPUSH", true}, {"BLMPOP", true},
	{"SADD", false}, {"SREM", false}, {"SMEMBERS", false}, {"SISMEMBER", false}, {"SMISMEMBER", false},
	{"SCARD", false}, {"SPOP", false}, {"SRANDMEMBER", false}, {"SMOVE", false}, {"SINTER", false},
	{"SUNION", false}, {"SDIFF", false}, {"SINTERSTORE", false}, {"SUNIONSTORE", false},
	{"SDIFFSTORE", false}, {"SINTERCARD", false}, {"SSCAN", false},
	{"ZADD", false}, {"ZINCRBY", false}, {"ZREM", false}, {"ZCARD", false}, {"ZCOUNT", false},
	{"ZLEXCOUNT", false}, {"ZSCORE", false}, {"ZMSCORE", false}, {"ZRANK", false}, {"ZREVRANK", false},
	{"ZRANGE", false}, {"ZRANGESTORE", false}, {"ZREVRANGE", false}, {"ZRANGEBYSCORE", false},
	{"ZREVRANGEBYSCORE", false}, {"ZRANGEBYLEX", false}, {"ZREVRANGEBYLEX", false},
	{"ZREMRANGEBYRANK", false}, {"ZREMRANGEBYSCORE", false}, {"ZREMRANGEBYLEX", false},
	{"ZPOPMIN", false}, {"ZPOPMAX", false}, {"ZMPOP", false}, {"BZPOPMIN", true}, {"BZPOPMAX", true},
	{"BZMPOP", true}, {"ZRANDMEMBER", false}, {"ZUNION", false}, {"ZINTER", false}, {"ZDIFF", false},
	{"ZUNIONSTORE", false}, {"ZINTERSTORE", false}, {"ZDIFFSTORE", false}, {"ZINTERCARD", false},
	{"ZSCAN", false},
	{"SORT", false}, {"SORT_RO", false}, {"TYPE", false}, {"DEL", false}, {"UNLINK", false},
	{"EXISTS", false}, {"COPY", false}, {"MOVE", false}, {"RENAME", false}, {"RENAMENX", false},
	{"OBJECT", false}, {"EXPIRE", false}, {"PERSIST", false},
}

// argumentProbes are the argument lists every command is sent with: none,
// too few, too many, and words where numbers belong. Each command works on
// a key of its own, so what one leaves behind changes no other's replies;
// the key only ever holds "x" and "0", so not even a random pick differs.
// The numeric probe is not sent to the blocking commands, which it would
// make wait forever.
func argumentProbes(name string, blocking bool) [][]string {
	key := "k:" + strings.ToLower(name)
	probes := [][]string{
		{name}, {name, key}, {name, key, "x"}, {name, key, "x", "x"},
		{name, key, "x", "x", "x", "x", "x"},
		{name, "1", key, "x", "x"}, // numkeys first (LMPOP, SINTERCARD, ZUNION ...)
	}
	if !blocking {
		probes = append(probes, []string{name, key, "0", "0"}, []string{name, key, "0", "x", "1"})
	}
	return probes
}

// wrongTypeProbes are valid requests naming a key that holds a string,
// and for the commands of two keys, a list where the other's type belongs.
// The blocking ones wait 10 ms at most, so that a regression shows as a
// wrong reply, not as a connection that never answers.
var wrongTypeProbes = [][]string{
	{"HSET", "str", "f", "v"}, {"HSETNX", "str", "f", "v"}, {"HGET", "str", "f"}, {"HMGET", "str", "f"},
	{"HMSET", "str", "f", "v"}, {"HDEL", "str", "f"}, {"HEXISTS", "str", "f"}, {"HLEN", "str"},
	{"HSTRLEN", "str", "f"}, {"HKEYS", "str"}, {"HVALS", "str"}, {"HGETALL", "str"},
	{"HINCRBY", "str", "f", "1"}, {"HINCRBYFLOAT", "str", "f", "1"}, {"HRANDFIELD", "str", "2"},
	{"HSCAN", "str", "0"},
	{"LPUSH", "str", "a"}, {"RPUSH", "str", "a"}, {"LPUSHX", "str", "a"}, {"RPUSHX", "str", "a"},
	{"LPOP", "str"}, {"RPOP", "str", "2"}, {"LLEN", "str"}, {"LRANGE", "str", "0", "-1"},
	{"LINDEX", "str", "0"}, {"LSET", "str", "0", "a"}, {"LINSERT", "str", "BEFORE", "a", "b"},
	{"LREM", "str", "0", "a"}, {"LTRIM", "str", "0", "1"}, {"LPOS", "str", "a"},
	{"LMOVE", "str", "l2", "LEFT", "RIGHT"}, {"LMOVE", "list", "str", "LEFT", "RIGHT"},
	{"RPOPLPUSH", "str", "l2"}, {"RPOPLPUSH", "list", "str"}, {"LMPOP", "1", "str", "LEFT"},
	{"BLPOP", "str", "0.01"}, {"BRPOP", "nothing", "str", "0.01"}, {"BLMOVE", "str", "l2", "LEFT", "LEFT", "0.01"},
	{"BLMOVE", "list", "str", "LEFT", "LEFT", "0.01"}, {"BRPOPLPUSH", "str", "l2", "0.01"},
	{"BLMPOP", "0.01", "2", "nothing", "str", "RIGHT"},
	{"SADD", "str", "a"}, {"SREM", "str", "a"}, {"SMEMBERS", "str"}, {"SISMEMBER", "str", "a"},
	{"SMISMEMBER", "str", "a"}, {"SCARD", "str"}, {"SPOP", "str"}, {"SRANDMEMBER", "str", "-2"},
	{"SMOVE", "str", "s2", "a"}, {"SMOVE", "set", "str", "a"}, {"SINTER", "set", "str"},
	{"SUNION", "set", "str"}, {"SDIFF", "str", "set"}, {"SINTERSTORE", "dst", "set", "str"},
	{"SUNIONSTORE", "dst", "str"}, {"SDIFFSTORE", "dst", "set", "str"}, {"SINTERCARD", "2", "set", "str"},
	{"SSCAN", "str", "0"},
	{"ZADD", "str", "1", "a"}, {"ZINCRBY", "str", "1", "a"}, {"ZREM", "str", "a"}, {"ZCARD", "str"},
	{"ZCOUNT", "str", "-inf", "+inf"}, {"ZLEXCOUNT", "str", "-", "+"}, {"ZSCORE", "str", "a"},
	{"ZMSCORE", "str", "a"}, {"ZRANK", "str", "a"}, {"ZREVRANK", "str", "a"},
	{"ZRANGE", "str", "0", "-1"}, {"ZRANGESTORE", "dst", "str", "0", "-1"},
	{"ZREVRANGE", "str", "0", "-1"}, {"ZRANGEBYSCORE", "str", "-inf", "+inf"},
	{"ZREVRANGEBYSCORE", "str", "+inf", "-inf"}, {"ZRANGEBYLEX", "str", "-", "+"},
	{"ZREVRANGEBYLEX", "str", "+", "-"}, {"ZREMRANGEBYRANK", "str", "0", "-1"},
	{"ZREMRANGEBYSCORE", "str", "-inf", "+inf"}, {"ZREMRANGEBYLEX", "str", "-", "+"},
	{"ZPOPMIN", "str"}, {"ZPOPMAX", "str", "2"}, {"ZMPOP", "1", "str", "MIN"},
	{"BZPOPMIN", "str", "0.01"}, {"BZPOPMAX", "nothing", "str", "0.01"}, {"BZMPOP", "0.01", "1", "str", "MAX"},
	{"ZRANDMEMBER", "str", "2"}, {"ZUNION", "2", "zset", "str"}, {"ZINTER", "2", "zset", "str"},
	{"ZDIFF", "2", "str", "zset"}, {"ZUNIONSTORE", "dst", "1", "str"}, {"ZINTERSTORE", "dst", "2", "zset", "str"},
	{"ZDIFFSTORE", "dst", "1", "str"}, {"ZINTERCARD", "2", "zset", "str"}, {"ZSCAN", "str", "0"},
	{"SORT", "str"}, {"SORT_RO", "str"}, {"SORT", "list", "BY", "nosort", "GET", "#", "STORE", "dst"},
	{"OBJECT", "ENCODING", "str"}, {"TYPE", "str"},
}

// TestCollectionErrorsMatchRedis sends every collection command with wrong
// numbers of arguments, words where numbers belong, and keys of the wrong
// type, and holds the replies against a real redis-server's, byte for
// byte, in both I/O models.
func TestCollectionErrorsMatchRedis(t *testing.T) {
	setup := [][]string{
		{"FLUSHALL"}, {"SET", "str", "v"}, {"RPUSH", "list", "a"}, {"SADD", "set", "a"},
		{"ZADD", "zset", "1", "a"},
	}
	cvs := []conversation{{name: "wrong types", requests: append(append([][]string{}, setup...), wrongTypeProbes...)}}
	for _, c := range collectionCommands {
		cvs = append(cvs, conversation{name: c.name, requests: append([][]string{{"FLUSHALL"}}, argumentProbes(c.name, c.blocking)...)})
	}
	redis := startRedisServer(t)
	want := make([]string, len(cvs))
	for i, cv := range cvs {
		want[i] = converse(t, redis, cv)
	}
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for i, cv := range cvs {
			if got := converse(t, lite, cv); got != want[i] {
				t.Errorf("%s: the replies differ from redis-server's:\n%s", cv.name, firstDifference(got, want[i]))
			}
		}
	})
}
