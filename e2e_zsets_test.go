package main

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// zsetConversations exercise the sorted set commands, replies and errors;
// every byte must match redis-server 7.0.15's (but for HELLO's client id).
var zsetConversations = []conversation{
	{"ZADD's flags, scores and errors", false, [][]string{
		{"FLUSHALL"},
		{"ZADD", "z", "1", "a", "2", "b", "3", "c"}, {"ZADD", "z", "1.1", "d", "inf", "e", "-inf", "f"},
		{"ZRANGE", "z", "0", "-1", "WITHSCORES"}, {"ZSCORE", "z", "d"}, {"ZSCORE", "z", "e"}, {"ZSCORE", "z", "nosuch"},
		{"ZMSCORE", "z", "a", "nosuch", "d"}, {"ZMSCORE", "nosuch", "a"},
		{"ZADD", "z", "nx", "10", "a", "11", "g"}, {"ZADD", "z", "XX", "CH", "20", "a", "21", "h"},
		{"ZADD", "z", "gt", "ch", "5", "a", "100", "b"}, {"ZADD", "z", "lt", "ch", "5", "a", "100", "c"},
		{"ZADD", "z", "incr", "1", "a"}, {"ZADD", "z", "incr", "gt", "-1", "a"}, {"ZINCRBY", "z", "2.5", "b"},
		{"ZINCRBY", "z", "abc", "b"}, {"ZINCRBY", "z", "0.1", "new"},
		{"ZADD", "z", "nx", "xx", "1", "a"}, {"ZADD", "z", "gt", "lt", "1", "a"}, {"ZADD", "z", "gt", "nx", "1", "a"},
		{"ZADD", "z", "incr", "1", "a", "2", "b"}, {"ZADD", "z", "1"}, {"ZADD", "z", "1", "a", "2"},
		{"ZADD", "z", "nan", "a"}, {"ZADD", "z", "1e400", "a"}, {"ZADD", "z", " 1", "a"}, {"ZADD", "z", "", "a"},
		{"ZADD", "z", "1x", "a"}, {"ZADD", "z", "0x10", "hex"}, {"ZADD", "z", "1e-400", "tiny"},
		{"ZADD", "z", "incr", "inf", "e"}, {"ZADD", "z", "incr", "-inf", "e"}, {"ZSCORE", "z", "e"},
		{"ZADD", "z", "-0", "negzero"}, {"ZSCORE", "z", "negzero"},
		{"ZADD", "z", "xx", "1", "nosuch"}, {"ZADD", "none", "xx", "1", "a"}, {"EXISTS", "none"},
		{"ZADD", "none", "xx", "incr", "1", "a"},
		{"ZCARD", "z"}, {"ZCARD", "nosuch"}, {"ZRANK", "z", "a"}, {"ZREVRANK", "z", "a"}, {"ZRANK", "z", "nosuch"},
		{"ZREVRANK", "nosuch", "a"},
		{"SET", "str", "x"}, {"ZADD", "str", "1", "a"}, {"ZSCORE", "str", "a"}, {"ZCARD", "str"},
		{"ZRANGE", "str", "0", "-1"}, {"ZINCRBY", "str", "1", "a"}, {"ZREM", "str", "a"}, {"ZMSCORE", "str", "a"},
		{"TYPE", "z"}, {"OBJECT", "ENCODING", "z"},
		{"ZREM", "z", "a", "b", "nosuch"}, {"ZREM", "nosuch", "a"},
	}},
	{"counts and ranges", false, [][]string{
		{"FLUSHALL"},
		{"ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "5", "f", "5", "g", "6", "h"},
		{"ZCOUNT", "z", "-inf", "+inf"}, {"ZCOUNT", "z", "(1", "3"}, {"ZCOUNT", "z", "a", "b"}, {"ZCOUNT", "z", "", "3"},
		{"ZCOUNT", "z", " 1", "3"}, {"ZCOUNT", "z", "1e400", "2"}, {"ZCOUNT", "z", "3", "1"}, {"ZCOUNT", "z", "(5", "5"},
		{"ZCOUNT", "nosuch", "a", "b"}, {"ZCOUNT", "nosuch", "0", "1"},
		{"ZLEXCOUNT", "z", "-", "+"}, {"ZLEXCOUNT", "z", "[a", "(c"}, {"ZLEXCOUNT", "z", "a", "c"},
		{"ZLEXCOUNT", "z", "+", "-"}, {"ZLEXCOUNT", "z", "[b", "[b"}, {"ZLEXCOUNT", "z", "(b", "[b"}, {"ZLEXCOUNT", "z", "--", "+"},
		{"ZRANGE", "z", "0", "-1"}, {"ZRANGE", "z", "-2", "-1", "WITHSCORES"}, {"ZRANGE", "z", "0", "100", "REV", "WITHSCORES"},
		{"ZRANGE", "z", "5", "2"}, {"ZRANGE", "z", "-100", "1"}, {"ZRANGE", "z", "x", "1"},
		{"ZRANGE", "z", "1", "3", "BYSCORE", "WITHSCORES"}, {"ZRANGE", "z", "(1", "+inf", "BYSCORE", "LIMIT", "1", "2", "WITHSCORES"},
		{"ZRANGE", "z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "0", "3"}, {"ZRANGE", "z", "0", "-1", "LIMIT", "0", "1"},
		{"ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES"}, {"ZRANGE", "z", "-", "+", "BYLEX", "LIMIT", "1", "2"},
		{"ZRANGE", "z", "[z", "[a", "BYLEX", "REV"}, {"ZRANGE", "z", "0", "-1", "REV", "REV"},
		{"ZRANGE", "z", "0", "-1", "BYSCORE", "BYLEX"}, {"ZRANGE", "z", "0", "-1", "LIMIT", "1"},
		{"ZRANGE", "z", "0", "-1", "BYSCORE", "LIMIT", "x", "1"}, {"ZRANGE", "z", "a", "b", "BYSCORE"},
		{"ZRANGE", "z", "a", "b", "BYLEX"}, {"ZRANGE", "nosuch", "0", "-1"},
		{"ZREVRANGE", "z", "0", "2", "WITHSCORES"}, {"ZREVRANGE", "z", "0", "2", "REV"},
		{"ZRANGEBYSCORE", "z", "-inf", "+inf", "WITHSCORES", "LIMIT", "2", "-1"},
		{"ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "5"}, {"ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "100", "5"},
		{"ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "0", "0"}, {"ZRANGEBYSCORE", "z", "1", "2", "REV"},
		{"ZRANGEBYSCORE", "z", "5", "5"}, {"ZRANGEBYSCORE", "z", "(5", "(6"},
		{"ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES", "LIMIT", "0", "2"}, {"ZREVRANGEBYSCORE", "z", "5", "(2"},
		{"ZRANGEBYLEX", "z", "-", "+"}, {"ZRANGEBYLEX", "z", "-", "+", "WITHSCORES"}, {"ZRANGEBYLEX", "z", "(a", "[c"},
		{"ZREVRANGEBYLEX", "z", "+", "-", "LIMIT", "0", "2"}, {"ZREVRANGEBYLEX", "z", "[c", "-"},
		{"ZRANGESTORE", "dst", "z", "0", "-1"}, {"ZRANGE", "dst", "0", "-1", "WITHSCORES"},
		{"ZRANGESTORE", "dst", "z", "5", "1", "BYSCORE"}, {"EXISTS", "dst"},
		{"ZRANGESTORE", "dst", "z", "[b", "[d", "BYLEX", "REV"}, {"ZRANGE", "dst", "0", "-1", "WITHSCORES"},
		{"ZRANGESTORE", "dst", "z", "0", "-1", "WITHSCORES"}, {"ZRANGESTORE", "dst", "nosuch", "0", "-1"}, {"EXISTS", "dst"},
		{"SET", "str", "x"}, {"ZRANGESTORE", "dst", "str", "0", "-1"}, {"ZRANGESTORE", "str", "z", "0", "0"}, {"TYPE", "str"},
	}},
	{"removals and pops", false, [][]string{
		{"FLUSHALL"},
		{"ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f", "7", "g", "8", "h"},
		{"ZREMRANGEBYRANK", "z", "0", "0"}, {"ZREMRANGEBYRANK", "z", "5", "1"}, {"ZREMRANGEBYRANK", "z", "x", "1"},
		{"ZREMRANGEBYSCORE", "z", "-inf", "2"}, {"ZREMRANGEBYSCORE", "z", "a", "2"}, {"ZREMRANGEBYLEX", "z", "-", "[c"},
		{"ZREMRANGEBYLEX", "z", "a", "c"}, {"ZRANGE", "z", "0", "-1", "WITHSCORES"},
		{"ZPOPMIN", "z"}, {"ZPOPMAX", "z", "2"}, {"ZPOPMIN", "z", "0"}, {"ZPOPMIN", "z", "-1"}, {"ZPOPMIN", "z", "abc"},
		{"ZPOPMIN", "z", "1", "2"}, {"ZPOPMIN", "nosuch"}, {"ZPOPMIN", "nosuch", "2"}, {"ZPOPMAX", "z", "10"}, {"EXISTS", "z"},
		{"ZADD", "m1", "1", "a", "2", "b"}, {"ZADD", "m2", "3", "c"},
		{"ZMPOP", "2", "nosuch", "m1", "MIN"}, {"ZMPOP", "2", "nosuch", "m1", "max", "COUNT", "5"}, {"ZMPOP", "1", "nosuch", "MIN"},
		{"ZMPOP", "0", "m1", "MIN"}, {"ZMPOP", "2", "m1", "MIN"}, {"ZMPOP", "1", "m2", "LEFT"}, {"ZMPOP", "1", "m2", "MIN", "COUNT", "0"},
		{"ZMPOP", "1", "m2", "MIN", "COUNT", "1", "COUNT", "1"}, {"ZMPOP", "5", "m2", "MIN"},
		{"SET", "str", "x"}, {"ZMPOP", "2", "str", "m2", "MIN"}, {"ZMPOP", "2", "nosuch", "m2", "MIN"}, {"EXISTS", "m2"},
		{"ZPOPMIN", "str"}, {"ZREMRANGEBYRANK", "str", "0", "1"},
	}},
	{"unions, intersections and differences", false, [][]string{
		{"FLUSHALL"},
		{"ZADD", "a", "1", "x", "2", "y", "3", "z"}, {"ZADD", "b", "10", "y", "20", "z", "30", "w"},
		{"ZUNION", "2", "a", "b"}, {"ZUNION", "2", "a", "b", "WITHSCORES"}, {"ZUNION", "2", "a", "b", "WEIGHTS", "2", "3", "WITHSCORES"},
		{"ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"}, {"ZUNION", "2", "a", "b", "aggregate", "max", "withscores"},
		{"ZINTER", "2", "a", "b", "WITHSCORES", "AGGREGATE", "MAX"}, {"ZINTER", "2", "a", "nosuch"},
		{"ZDIFF", "2", "a", "b", "WITHSCORES"}, {"ZDIFF", "2", "a", "b", "WEIGHTS", "1", "2"},
		{"ZUNION", "0", "a"}, {"ZUNION", "-1", "a"}, {"ZUNION", "3", "a", "b"}, {"ZUNION", "2", "a", "b", "WEIGHTS", "1"},
		{"ZUNION", "2", "a", "b", "WEIGHTS", "1", "x"}, {"ZUNION", "2", "a", "b", "AGGREGATE", "foo"}, {"ZUNION", "2", "a", "b", "foo"},
		{"ZUNION", "abc", "a"}, {"SET", "str", "v"}, {"ZUNION", "2", "a", "str"}, {"ZUNION", "2", "a", "str", "WEIGHTS", "x", "y"},
		{"ZUNIONSTORE", "dst", "2", "a", "b"}, {"ZRANGE", "dst", "0", "-1", "WITHSCORES"},
		{"ZINTERSTORE", "dst", "2", "a", "b", "WEIGHTS", "1", "1"}, {"ZRANGE", "dst", "0", "-1", "WITHSCORES"},
		{"ZDIFFSTORE", "dst", "2", "a", "a"}, {"EXISTS", "dst"}, {"ZUNIONSTORE", "dst", "2", "a", "b", "WITHSCORES"},
		{"ZUNIONSTORE", "dst", "0", "a"}, {"ZINTERCARD", "2", "a", "b"}, {"ZINTERCARD", "2", "a", "b", "LIMIT", "1"},
		{"ZINTERCARD", "2", "a", "b", "LIMIT", "-1"}, {"ZINTERCARD", "2", "a", "b", "LIMIT", "x"}, {"ZINTERCARD", "0", "a"},
		{"ZINTERCARD", "2", "a", "str"}, {"ZINTERCARD", "2", "a", "b", "WITHSCORES"},
		{"ZADD", "i1", "1", "a"}, {"ZADD", "i2", "inf", "a"}, {"ZADD", "i3", "-inf", "a"},
		{"ZUNION", "2", "i2", "i3", "WITHSCORES"}, {"ZUNION", "2", "i2", "i1", "WEIGHTS", "0", "1", "WITHSCORES"},
		{"ZINTER", "2", "i2", "i3", "WITHSCORES"},
		{"SADD", "s", "y", "w", "q"}, {"SADD", "ints", "1", "2", "3"},
		{"ZUNION", "3", "a", "b", "s", "WITHSCORES"}, {"ZINTER", "3", "a", "b", "s", "WITHSCORES"},
		{"ZDIFF", "3", "b", "a", "s", "WITHSCORES"}, {"ZINTERCARD", "2", "a", "s"},
		{"ZUNIONSTORE", "dst", "2", "s", "a", "WEIGHTS", "2", "1"}, {"ZRANGE", "dst", "0", "-1", "WITHSCORES"},
		{"ZADD", "zi", "5", "2", "6", "3", "7", "4"}, {"ZINTER", "2", "ints", "zi", "WITHSCORES"},
		{"ZDIFFSTORE", "dst", "2", "ints", "zi"}, {"ZRANGE", "dst", "0", "-1", "WITHSCORES"}, {"OBJECT", "ENCODING", "dst"},
	}},
	{"random members, ZSCAN and encodings", false, [][]string{
		{"FLUSHALL"},
		{"ZADD", "a", "1", "x", "2", "y", "3", "z"},
		{"ZRANDMEMBER", "nosuch"}, {"ZRANDMEMBER", "nosuch", "5"}, {"ZRANDMEMBER", "a", "0"}, {"ZRANDMEMBER", "a", "10"},
		{"ZRANDMEMBER", "a", "10", "WITHSCORES"}, {"ZRANDMEMBER", "a", "-9223372036854775808"},
		{"ZRANDMEMBER", "a", "-9223372036854775807", "WITHSCORES"}, {"ZRANDMEMBER", "a", "1", "foo"},
		{"ZRANDMEMBER", "a", "1", "WITHSCORES", "foo"}, {"ZRANDMEMBER", "a", "x"},
		{"ZSCAN", "a", "0"}, {"ZSCAN", "a", "0", "MATCH", "x*"}, {"ZSCAN", "a", "0", "COUNT", "0"},
		{"ZSCAN", "nosuch", "0", "COUNT", "0"}, {"ZSCAN", "a", "abc"}, {"ZSCAN", "a", "0", "COUNT"},
		{"ZADD", "ints", "100000000000000000", "big", "-0", "negz", "1.5", "f"}, {"ZSCAN", "ints", "0"},
		{"ZRANGE", "ints", "0", "-1", "WITHSCORES"},
		{"CONFIG", "SET", "zset-max-ziplist-entries", "2"}, {"CONFIG", "GET", "zset-max-ziplist-entries"},
		{"CONFIG", "GET", "zset-max-listpack-entries"},
		{"ZADD", "c1", "1", "a", "2", "b"}, {"OBJECT", "ENCODING", "c1"}, {"ZADD", "c1", "3", "c"}, {"OBJECT", "ENCODING", "c1"},
		{"ZREM", "c1", "a", "b"}, {"OBJECT", "ENCODING", "c1"},
		{"CONFIG", "SET", "zset-max-listpack-entries", "128"}, {"CONFIG", "SET", "zset-max-listpack-value", "3"},
		{"ZADD", "c2", "1", "abcd"}, {"OBJECT", "ENCODING", "c2"}, {"ZADD", "c3", "1", "abc"}, {"ZADD", "c3", "1", "abcd"},
		{"OBJECT", "ENCODING", "c3"}, {"CONFIG", "SET", "zset-max-listpack-value", "64"},
		{"CONFIG", "SET", "zset-max-listpack-entries", "0"}, {"ZADD", "c4", "1", "a"}, {"OBJECT", "ENCODING", "c4"},
		{"ZADD", "neg", "-0", "z"}, {"ZSCORE", "neg", "z"},
		{"CONFIG", "SET", "zset-max-listpack-entries", "128"}, {"ZUNIONSTORE", "c5", "1", "c4"}, {"OBJECT", "ENCODING", "c5"},
		{"ZRANGESTORE", "c6", "c4", "0", "-1"}, {"OBJECT", "ENCODING", "c6"}, {"TYPE", "c6"},
	}},
	{"client tracking of sorted sets, keys counted by an argument included", false, [][]string{
		{"FLUSHALL"}, {"HELLO", "3"}, {"CLIENT", "TRACKING", "on"},
		{"ZSCORE", "a", "x"}, {"ZADD", "a", "1", "x"}, {"ZADD", "b", "2", "y"},
		{"ZUNION", "2", "a", "b"}, {"ZMPOP", "1", "a", "MIN"}, {"ZRANGE", "b", "0", "-1"},
		{"ZINTERCARD", "1", "b"}, {"ZUNIONSTORE", "b", "1", "b"}, {"ZCARD", "b"}, {"ZPOPMIN", "b"},
		{"HELLO", "2"},
	}},
	{"RESP3 replies", false, [][]string{
		{"FLUSHALL"}, {"HELLO", "3"},
		{"ZADD", "z", "1", "a", "2.5", "b", "inf", "c"}, {"ZSCORE", "z", "b"}, {"ZSCORE", "z", "c"}, {"ZSCORE", "z", "x"},
		{"ZMSCORE", "z", "a", "x"}, {"ZRANK", "z", "x"}, {"ZINCRBY", "z", "1", "a"}, {"ZADD", "z", "INCR", "NX", "1", "a"},
		{"ZRANGE", "z", "0", "-1", "WITHSCORES"}, {"ZRANGE", "z", "0", "-1"}, {"ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES"},
		{"ZUNION", "1", "z", "WITHSCORES"}, {"ZRANDMEMBER", "z", "5", "WITHSCORES"}, {"ZRANDMEMBER", "nosuch"},
		{"ZSCAN", "z", "0"}, {"ZPOPMIN", "z"}, {"ZPOPMIN", "z", "1"}, {"ZPOPMIN", "nosuch", "1"},
		{"ZMPOP", "1", "z", "MAX"}, {"ZMPOP", "1", "nosuch", "MAX"},
		{"ZADD", "z", "1", "a", "2", "b"}, {"ZPOPMAX", "z", "5"},
		{"HELLO", "2"},
	}},
}

// TestZSetsMatchRedis holds the sorted set conversations up against
// redis-server, byte for byte, in both I/O models.
func TestZSetsMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for _, cv := range zsetConversations {
			got, want := withoutIDs(converse(t, lite, cv)), withoutIDs(converse(t, redis, cv))
			if got != want {
				t.Errorf("%s: redis-lite answered\n%q\nredis-server answered\n%q", cv.name, got, want)
			}
		}
	})
}

// TestZSetsPlaintext: a line ending in a bare \n gets the document's
// human replies, WITHSCORES as one numbered list.
func TestZSetsPlaintext(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		in := "ZADD z 1 a 2.5 b\nZRANGE z 0 -1 WITHSCORES\nZSCORE z b\nZSCORE z x\nZRANGE nosuch 0 -1\n" +
			"ZPOPMIN z\nZMPOP 1 z MIN\nZCARD z\nZCOUNT z x y\nQUIT\n"
		want := "(integer) 2\n1) a\n2) 1\n3) b\n4) 2.5\n2.5\n(nil)\n(empty array)\n1) a\n2) 1\n" +
			"1) z\n2) 1) 1) b\n      2) 2.5\n(integer) 0\n(error) ERR min or max is not a float\nOK\n"
		if got := mustExchange(t, lite, in); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// zsetEventsScript is every sorted set write in the cases that fire an
// event and those that fire none.
var zsetEventsScript = [][]string{
	{"ZADD", "z", "1", "a", "2", "b", "3", "c"}, {"ZADD", "z", "1", "a"}, {"ZADD", "z", "NX", "5", "a"},
	{"ZADD", "z", "XX", "9", "nosuch"}, {"ZADD", "z", "INCR", "1", "a"}, {"ZINCRBY", "z", "1", "new"},
	{"ZADD", "z", "nan", "x"}, {"ZREM", "z", "nosuch"}, {"ZREM", "z", "new"},
	{"ZREMRANGEBYRANK", "z", "5", "9"}, {"ZREMRANGEBYRANK", "z", "0", "0"}, {"ZREMRANGEBYSCORE", "z", "(2", "2"},
	{"ZREMRANGEBYSCORE", "z", "2", "2"}, {"ZREMRANGEBYLEX", "z", "[c", "[c"},
	{"ZADD", "p", "1", "a", "2", "b", "3", "c"}, {"ZPOPMIN", "p"}, {"ZPOPMAX", "p", "0"}, {"ZPOPMAX", "p", "5"},
	{"ZPOPMIN", "p"}, {"ZADD", "p", "1", "a"}, {"ZMPOP", "2", "nosuch", "p", "MIN", "COUNT", "3"},
	{"ZADD", "s1", "1", "a", "2", "b"}, {"ZADD", "s2", "2", "b", "3", "c"},
	{"ZUNIONSTORE", "u", "2", "s1", "s2"}, {"ZUNIONSTORE", "u", "2", "s1", "s2"}, {"ZINTERSTORE", "i", "2", "s1", "s2"},
	{"ZDIFFSTORE", "d", "2", "s1", "s2"}, {"ZDIFFSTORE", "u", "2", "s1", "s1"}, {"ZDIFFSTORE", "none", "2", "s1", "s1"},
	{"ZRANGESTORE", "r", "s1", "0", "-1"}, {"ZRANGESTORE", "r", "s1", "5", "9"}, {"ZRANGESTORE", "r", "nosuch", "0", "-1"},
	{"ZREM", "s1", "a", "b"}, {"EXPIRE", "s2", "100"}, {"ZUNIONSTORE", "s2", "1", "s2"}, {"TTL", "s2"},
	{"ZADD", "bz", "1", "a", "2", "b", "3", "c"}, {"BZPOPMIN", "nosuch", "bz", "0"}, {"BZPOPMAX", "bz", "0"},
	{"BZMPOP", "0", "1", "bz", "MIN", "COUNT", "5"},
}

// eventsTranscript subscribes a connection to every channel with
// notify-keyspace-events set to flags, runs script on another and
// returns the replies and what the subscriber received up to a closing
// message.
func eventsTranscript(t *testing.T, addr, flags string, script [][]string) string {
	t.Helper()
	mustExchange(t, addr, respRequest("CONFIG", "SET", "notify-keyspace-events", flags)+respRequest("FLUSHALL")+respRequest("QUIT"))
	sub := dialRaw(t, addr)
	sub.send(respRequest("PSUBSCRIBE", "*"))
	sub.waitFor(":1\r\n")
	var in strings.Builder
	for _, req := range script {
		in.WriteString(respRequest(req...))
	}
	replies := mustExchange(t, addr, in.String()+respRequest("QUIT"))
	mustExchange(t, addr, respRequest("PUBLISH", "end", "end")+respRequest("QUIT"))
	sub.waitFor("$3\r\nend\r\n$3\r\nend\r\n")
	return replies + sub.received()
}

// TestZSetEventsMatchRedis: the replies and the keyspace events of every
// sorted set write match redis-server's bytes, in both I/O models.
func TestZSetEventsMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	flagSets := []string{"KEA", "Ez", "Kg"}
	want := map[string]string{}
	for _, flags := range flagSets {
		want[flags] = eventsTranscript(t, redis, flags, zsetEventsScript)
	}
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for _, flags := range flagSets {
			if got := eventsTranscript(t, lite, flags, zsetEventsScript); got != want[flags] {
				t.Errorf("notify-keyspace-events %s: redis-lite differs from redis-server %s", flags, firstDifference(got, want[flags]))
			}
		}
	})
}

// zsetDump is every key with its sorted set (members and scores) and
// encoding, in key order: what a restart must bring back.
func zsetDump(t *testing.T, addr string) string {
	t.Helper()
	keys := mustExchange(t, addr, respRequest("KEYS", "*")+respRequest("QUIT"))
	var names []string
	for _, line := range strings.Split(keys, "\r\n") {
		if line != "" && line[0] != '*' && line[0] != '$' && line[0] != '+' {
			names = append(names, line)
		}
	}
	sort.Strings(names)
	var in strings.Builder
	for _, k := range names {
		in.WriteString(respRequest("ZRANGE", k, "0", "-1", "WITHSCORES") + respRequest("OBJECT", "ENCODING", k))
	}
	return strings.Join(names, ",") + "\n" + mustExchange(t, addr, in.String()+respRequest("QUIT"))
}

// TestZSetsAppendOnlyRoundTrip: each sorted set change is logged as one
// command that replays it exactly (a ZADD as it came, an increment as the
// score it made, a pop as ZPOPMIN/ZPOPMAX with the count it took), a
// restart brings back every set, and so does a rewritten file.
func TestZSetsAppendOnlyRoundTrip(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		dir := t.TempDir()
		args := []string{"--appendonly", "yes", "--dir", dir, "--io", model}
		d := startDaemon(t, args...)
		var in strings.Builder
		for _, req := range [][]string{
			{"ZADD", "z", "1", "a", "2", "b", "3", "c"}, {"ZINCRBY", "z", "0.1", "a"}, {"ZADD", "z", "INCR", "1", "new"},
			{"ZADD", "z", "GT", "CH", "0", "a", "9", "b"}, {"ZREM", "z", "c", "nosuch"}, {"ZPOPMIN", "z"},
			{"ZADD", "p", "1", "x", "2", "y", "3", "w"}, {"ZMPOP", "1", "p", "MAX", "COUNT", "2"},
			{"ZREMRANGEBYSCORE", "p", "-inf", "0"}, {"ZUNIONSTORE", "u", "2", "z", "p"},
		} {
			in.WriteString(respRequest(req...))
		}
		for i := 0; i < 200; i++ { // a big set, rebuilt in batches by a rewrite
			in.WriteString(respRequest("ZADD", "big", strconv.Itoa(i%7)+".5", "m"+strconv.Itoa(i)))
		}
		mustExchange(t, d.addr, in.String()+respRequest("QUIT"))
		before := zsetDump(t, d.addr)
		if status, _ := d.stop(); status != 0 {
			t.Fatalf("exit status %d", status)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "appendonly.aof"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{aofRecord("ZADD", "z", "1.1000000000000001", "a"), aofRecord("ZADD", "z", "1", "new"),
			aofRecord("ZADD", "z", "GT", "CH", "0", "a", "9", "b"), aofRecord("zrem", "z", "c"), aofRecord("zpopmin", "z", "1"),
			aofRecord("zpopmax", "p", "2")} {
			if !strings.Contains(strings.ToLower(string(raw)), strings.ToLower(want)) {
				t.Errorf("the file lacks %q:\n%q", want, raw)
			}
		}
		d = startDaemon(t, args...)
		if after := zsetDump(t, d.addr); after != before {
			t.Fatalf("after the restart:\n%q\nbefore:\n%q", after, before)
		}
		mustExchange(t, d.addr, respRequest("BGREWRITEAOF")+respRequest("QUIT"))
		waitUntil(t, "the rewrite to finish", func() bool {
			info := mustExchange(t, d.addr, respRequest("INFO", "persistence")+respRequest("QUIT"))
			return strings.Contains(info, "aof_rewrite_in_progress:0") && strings.Contains(info, "aof_rewrites:1")
		})
		if status, _ := d.stop(); status != 0 {
			t.Fatalf("exit status %d", status)
		}
		if after := zsetDump(t, startDaemon(t, args...).addr); after != before {
			t.Fatalf("after the rewrite and a restart:\n%q\nbefore:\n%q", after, before)
		}
	})
}
