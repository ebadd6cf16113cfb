package main

import (
	"context"
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// sortConversations exercise SORT and SORT_RO: every byte must match
// redis-server 7.0.15's. Sets are small integer sets (intsets), whose
// order is Redis's too, or are sorted.
var sortConversations = []conversation{
	{"numeric and ALPHA order, LIMIT, errors", false, [][]string{
		{"FLUSHALL"},
		{"RPUSH", "n", "3", "1", "2", "10", "1.5", "-4", "0x10", "inf", "-inf", " 7", ""},
		{"SORT", "n"}, {"SORT", "n", "DESC"}, {"SORT", "n", "ALPHA"}, {"SORT", "n", "alpha", "desc"},
		{"SORT", "n", "LIMIT", "2", "3"}, {"SORT", "n", "LIMIT", "-5", "3"}, {"SORT", "n", "LIMIT", "100", "3"},
		{"SORT", "n", "LIMIT", "2", "-1"}, {"SORT", "n", "LIMIT", "0", "0"}, {"SORT", "n", "LIMIT", "0", "9223372036854775807"},
		{"SORT", "n", "LIMIT", "9223372036854775807", "1"}, {"SORT", "n", "LIMIT", "-9223372036854775808", "2"},
		{"SORT", "n", "LIMIT", "1"}, {"SORT", "n", "LIMIT", "x", "1"}, {"SORT", "n", "LIMIT", "1", "x"},
		{"SORT", "n", "foo"}, {"SORT", "n", "STORE"}, {"SORT", "n", "BY"}, {"SORT", "n", "GET"},
		{"SORT", "n", "ASC", "DESC", "ASC"},
		{"RPUSH", "bad", "1", "abc", "2"}, {"SORT", "bad"}, {"SORT", "bad", "ALPHA"}, {"SORT", "bad", "STORE", "bd"},
		{"EXISTS", "bd"},
		// A NUL ends the number. (Not after an out-of-range one: Redis
		// reads errno without clearing it, so one ERANGE sticks around.)
		{"RPUSH", "nul", "1\x00x", "0"}, {"SORT", "nul"},
		{"RPUSH", "odd", "1e400", "2"}, {"SORT", "odd"}, {"DEL", "odd"}, {"RPUSH", "odd", "1e-400"}, {"SORT", "odd"},
		{"DEL", "odd"}, {"RPUSH", "odd", "nan"}, {"SORT", "odd"},
		{"RPUSH", "a", "b", "B", "a", "A", "10", "9", "ab", "aB", "a\x00z", "a\x00b"},
		{"SORT", "a", "ALPHA"}, {"SORT", "a", "ALPHA", "STORE", "ad"}, {"LRANGE", "ad", "0", "-1"},
		{"RPUSH", "dup", "2", "1", "2", "1", "3"}, {"SORT", "dup"}, {"SORT", "dup", "DESC", "LIMIT", "1", "3"},
		{"SORT", "nosuch"}, {"SORT", "nosuch", "LIMIT", "1", "1"},
		{"SET", "str", "x"}, {"SORT", "str"}, {"HSET", "h", "f", "v"}, {"SORT", "h", "LIMIT", "x", "y"}, {"SORT", "h"},
		{"SORT_RO", "str"},
	}},
	{"BY and GET patterns", false, [][]string{
		{"FLUSHALL"},
		{"RPUSH", "l", "3", "1", "2", "4"}, {"SET", "w_1", "30"}, {"SET", "w_2", "10"}, {"SET", "w_3", "20"},
		{"HSET", "o_1", "f", "3", "g", "x"}, {"HSET", "o_2", "f", "1"}, {"HSET", "o_3", "f", "2"},
		{"SORT", "l", "BY", "w_*"}, {"SORT", "l", "BY", "w_*", "DESC"}, {"SORT", "l", "BY", "o_*->f"},
		{"SORT", "l", "BY", "o_*->f", "GET", "#", "GET", "o_*->g", "GET", "w_*", "GET", "const"},
		{"SORT", "l", "BY", "o_*->"}, {"SORT", "l", "GET", "o_*->"}, {"SORT", "l", "GET", "o_*->f->g"},
		{"SORT", "l", "BY", "w_*", "ALPHA"}, {"SORT", "l", "BY", "o_*", "GET", "w_*"},
		{"SORT", "l", "BY", "w_*", "LIMIT", "1", "2", "GET", "#"}, {"SORT", "l", "BY", "x*y", "GET", "w_*", "ALPHA"},
		{"SORT", "l", "BY", "nosort"}, {"SORT", "l", "BY", "nosort", "DESC"}, {"SORT", "l", "BY", "nosort", "LIMIT", "1", "2"},
		{"SORT", "l", "BY", "nosort", "DESC", "LIMIT", "1", "2"}, {"SORT", "l", "BY", "nosort", "LIMIT", "10", "2"},
		{"SORT", "l", "BY", "nosort", "BY", "w_*"}, {"SORT", "l", "BY", "w_*", "BY", "nosort"},
		{"SORT", "l", "BY", "no\x00*sort"}, {"SORT", "l", "GET", "w_\x00*"},
		{"SET", "w_2", "abc"}, {"SORT", "l", "BY", "w_*"}, {"SORT", "l", "BY", "w_*", "ALPHA"},
		{"SET", "w_2", " 5 "}, {"SORT", "l", "BY", "w_*"}, {"SET", "w_2", ""}, {"SORT", "l", "BY", "w_*"},
		{"RPUSH", "w_4", "x"}, {"SORT", "l", "BY", "w_*", "GET", "w_*"}, {"SORT", "l", "BY", "w_*->f"},
		{"SORT_RO", "l", "BY", "w_*", "GET", "#", "GET", "o_*->f"}, {"SORT_RO", "l", "STORE", "x"},
	}},
	{"sorted sets and sets", false, [][]string{
		{"FLUSHALL"},
		{"ZADD", "z", "1", "a", "5", "b", "2", "c", "10", "d", "3", "e"}, {"OBJECT", "ENCODING", "z"},
		{"SORT", "z", "BY", "nosort"}, {"OBJECT", "ENCODING", "z"}, {"ZADD", "z2", "1", "a"}, {"SORT_RO", "z2", "LIMIT", "x", "1"},
		{"OBJECT", "ENCODING", "z2"}, {"SORT_RO", "z2"}, {"OBJECT", "ENCODING", "z2"}, {"ZADD", "z2", "2", "b"},
		{"OBJECT", "ENCODING", "z2"}, {"ZRANGE", "z2", "0", "-1", "WITHSCORES"}, {"SORT", "z", "BY", "nosort", "DESC"}, {"SORT", "z", "BY", "nosort", "DESC", "LIMIT", "0", "2"},
		{"SORT", "z", "BY", "nosort", "LIMIT", "5", "10"}, {"SORT", "z", "BY", "nosort", "LIMIT", "-10", "100"},
		{"SORT", "z", "BY", "nosort", "LIMIT", "1", "2"}, {"SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "2"},
		{"SORT", "z", "ALPHA"}, {"SORT", "z", "ALPHA", "DESC", "LIMIT", "1", "3"}, {"SORT", "z"},
		{"ZADD", "zn", "-inf", "3", "0", "1", "inf", "2"}, {"SORT", "zn"}, {"SORT", "zn", "BY", "nosort", "STORE", "zd"},
		{"LRANGE", "zd", "0", "-1"},
		{"SADD", "s", "3", "1", "2", "10"}, {"SORT", "s"}, {"SORT", "s", "BY", "nosort"}, {"SORT", "s", "DESC"},
		{"SORT", "s", "BY", "nosort", "STORE", "sd"}, {"LRANGE", "sd", "0", "-1"},
		{"SADD", "s2", "b", "a", "c"}, {"SORT", "s2", "ALPHA"}, {"SORT", "s2", "BY", "nosort", "DESC", "STORE", "sd"},
		{"LRANGE", "sd", "0", "-1"},
	}},
	{"STORE", false, [][]string{
		{"FLUSHALL"},
		{"RPUSH", "l", "c", "a", "b"}, {"SORT", "l", "ALPHA", "STORE", "d"}, {"LRANGE", "d", "0", "-1"}, {"TYPE", "d"},
		{"OBJECT", "ENCODING", "d"},
		{"SET", "d", "x", "EX", "100"}, {"SORT", "l", "ALPHA", "STORE", "d"}, {"TTL", "d"}, {"LRANGE", "d", "0", "-1"},
		{"SORT", "l", "ALPHA", "GET", "#", "GET", "nokey_*", "STORE", "d"}, {"LRANGE", "d", "0", "-1"},
		{"SORT", "l", "STORE", "x", "ALPHA", "STORE", "d2"}, {"EXISTS", "x"}, {"LRANGE", "d2", "0", "-1"},
		{"SORT", "l", "ALPHA", "STORE", "l"}, {"LRANGE", "l", "0", "-1"},
		{"SORT", "nosuch", "STORE", "d"}, {"EXISTS", "d"}, {"SORT", "nosuch", "STORE", "d"},
		{"SORT", "l", "LIMIT", "10", "1", "STORE", "d2"}, {"EXISTS", "d2"},
		{"SORT", "l", "BY", "nosort", "STORE", "d3"}, {"LRANGE", "d3", "0", "-1"},
		{"SET", "str", "v"}, {"SORT", "str", "STORE", "d3"}, {"LRANGE", "d3", "0", "-1"},
		{"SORT", "l", "STORE", "d3"}, {"EXISTS", "d3"},
	}},
	{"keys, RESP3 and tracking", false, [][]string{
		{"FLUSHALL"},
		{"COMMAND", "GETKEYS", "SORT", "a", "STORE", "b", "LIMIT", "1", "2", "STORE", "c"},
		{"COMMAND", "GETKEYSANDFLAGS", "SORT", "a", "STORE", "b"}, {"COMMAND", "GETKEYS", "SORT", "a", "STORE"},
		{"COMMAND", "GETKEYS", "SORT", "a", "GET", "STORE", "b"}, {"COMMAND", "GETKEYS", "SORT", "a", "store", "store", "b"},
		{"COMMAND", "GETKEYSANDFLAGS", "SORT_RO", "a", "BY", "x", "STORE", "b"}, {"COMMAND", "GETKEYS", "SORT"},
		{"COMMAND", "INFO", "sort", "sort_ro"},
		{"HELLO", "3"}, {"RPUSH", "l", "2", "1"}, {"SORT", "l", "GET", "#", "GET", "x_*"}, {"SORT", "l", "STORE", "d"},
		{"CLIENT", "TRACKING", "on"}, {"SORT", "l"}, {"RPUSH", "l", "0"}, {"SORT_RO", "d"}, {"SORT", "l", "STORE", "d"},
		{"HELLO", "2"},
	}},
}

// TestSortMatchesRedis holds the SORT conversations up against
// redis-server, byte for byte, in both I/O models.
func TestSortMatchesRedis(t *testing.T) {
	redis := startRedisServer(t)
	want := make([]string, len(sortConversations))
	for i, cv := range sortConversations {
		want[i] = withoutIDs(converse(t, redis, cv))
	}
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for i, cv := range sortConversations {
			if got := withoutIDs(converse(t, lite, cv)); got != want[i] {
				t.Errorf("%s: redis-lite differs from redis-server %s", cv.name, firstDifference(got, want[i]))
			}
		}
	})
}

// sortTiesConversation sorts lists whose BY values repeat, cut by LIMIT
// at random places: the order of equal elements is then that of Redis's
// partial quicksort, and without LIMIT that of a stable sort.
func sortTiesConversation(seed int64) conversation {
	r := rand.New(rand.NewSource(seed))
	reqs := [][]string{{"FLUSHALL"}}
	for _, n := range []int{6, 30, 45, 120, 400} {
		key := "l" + strconv.Itoa(n)
		push := []string{"RPUSH", key}
		for range n {
			e := strconv.Itoa(r.Intn(1000))
			push = append(push, e)
			if r.Intn(10) < 7 {
				reqs = append(reqs, []string{"SET", "w_" + e, string(rune('a' + r.Intn(4)))})
			}
		}
		reqs = append(reqs, push, []string{"SORT", key, "BY", "w_*", "ALPHA"}, []string{"SORT", key, "BY", "w_*", "ALPHA", "DESC"})
		for range 4 {
			offset, count := strconv.Itoa(r.Intn(n+1)), strconv.Itoa(r.Intn(n+1))
			reqs = append(reqs, []string{"SORT", key, "BY", "w_*", "ALPHA", "LIMIT", offset, count},
				[]string{"SORT", key, "BY", "w_*", "ALPHA", "DESC", "LIMIT", offset, count, "GET", "#", "GET", "w_*"},
				[]string{"SORT", key, "BY", "nokey_*", "LIMIT", offset, count})
		}
	}
	return conversation{name: fmt.Sprintf("ties, seed %d", seed), requests: reqs}
}

// TestSortTiesMatchRedis: equal elements come out in Redis's order.
func TestSortTiesMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	cvs := []conversation{sortTiesConversation(1), sortTiesConversation(2)}
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for _, cv := range cvs {
			if got, want := converse(t, lite, cv), converse(t, redis, cv); got != want {
				t.Errorf("%s: redis-lite differs from redis-server %s", cv.name, firstDifference(got, want))
			}
		}
	})
}

// TestSortStoreWakesBlockedClients: a list made by SORT ... STORE serves
// the clients blocked on its key, as in Redis.
func TestSortStoreWakesBlockedClients(t *testing.T) {
	compareBlocking(t, []blockingScenario{
		{"BLPOP woken by SORT STORE", [][]string{{"DEL", "src", "dst"}, {"RPUSH", "src", "b", "c", "a"}},
			[][]string{{"BLPOP", "dst", "0"}},
			[][]string{{"SORT", "src", "ALPHA", "STORE", "dst"}}, [][]string{{"LRANGE", "dst", "0", "-1"}}},
		{"BLMPOP woken by SORT STORE", [][]string{{"DEL", "src", "dst"}, {"RPUSH", "src", "3", "1", "2"}},
			[][]string{{"BLMPOP", "0", "1", "dst", "RIGHT", "COUNT", "2"}},
			[][]string{{"SORT", "src", "STORE", "dst"}}, [][]string{{"LRANGE", "dst", "0", "-1"}}},
	})
}

// TestSortStoreSurvivesARestart: a list stored by SORT, and a key SORT
// deleted by storing nothing, are so after a restart from the
// append-only file, in both I/O models.
func TestSortStoreSurvivesARestart(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		args := []string{"--io", model, "--appendonly", "yes", "--dir", t.TempDir()}
		d := startDaemon(t, args...)
		c := dialRESP(t, d.addr)
		for _, req := range [][]string{
			{"RPUSH", "l", "c", "a", "b"}, {"SET", "w_a", "3"}, {"SET", "w_b", "1"}, {"SET", "d", "x", "EX", "1000"},
			{"SORT", "l", "BY", "w_*", "STORE", "d"}, {"SORT", "l", "ALPHA", "GET", "#", "GET", "w_*", "STORE", "g"},
			{"RPUSH", "gone", "1"}, {"SORT", "nosuch", "STORE", "gone"},
		} {
			c.call(req...)
		}
		state := func(c *respConn) string {
			return lists(t, c, []string{"d", "g", "gone"}) + c.call("TTL", "d") + c.call("EXISTS", "gone")
		}
		before := state(c)
		if want := "d=*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n"; !strings.HasPrefix(before, want) {
			t.Fatalf("before the restart: %q, want it to begin %q", before, want)
		}
		if status, _ := d.stop(); status != 0 {
			t.Fatalf("exit status %d", status)
		}
		again := startDaemon(t, args...)
		if after := state(dialRESP(t, again.addr)); after != before {
			t.Fatalf("after the restart:\n%q\nbefore:\n%q", after, before)
		}
	})
}

// TestSortInPlaintext: lines ending in a bare \n get human replies from
// SORT, a GET that finds nothing included.
func TestSortInPlaintext(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		c := startDaemon(t, "--io", model).dial()
		c.send("RPUSH l 3 1 2\nSORT l\nSORT l DESC GET # GET nokey_* LIMIT 0 1\nSORT l STORE d\nSORT nosuch\n" +
			"SORT l LIMIT x 1\nSORT_RO l STORE d\n")
		want := []string{"(integer) 3", "1) 1", "2) 2", "3) 3", "1) 3", "2) (nil)", "(integer) 3", "(empty array)",
			"(error) ERR value is not an integer or out of range", "(error) ERR syntax error"}
		for i, w := range want {
			if got := c.line(); got != w {
				t.Fatalf("line %d: %q, want %q", i+1, got, w)
			}
		}
	})
}

// TestSortLookupsAreAtomic: writers change weights and data keys together
// (one MSET each) while readers SORT by the weights and GET the data: a
// SORT sees them all at one instant, as in Redis, so both looked-up data
// values come from one MSET and the weights it returns are in order.
func TestSortLookupsAreAtomic(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		rdb := startDaemon(t, "--io", model).goRedis()
		ctx := context.Background()
		if err := rdb.RPush(ctx, "l", "a", "b").Err(); err != nil {
			t.Fatal(err)
		}
		if err := rdb.MSet(ctx, "w_a", "1", "w_b", "2", "d_a", "start", "d_b", "start").Err(); err != nil {
			t.Fatal(err)
		}
		const perWriter = 500
		torn := readWhileWriting(t, 4, 20000, func() (bool, error) {
			got, err := rdb.Do(ctx, "SORT", "l", "BY", "w_*", "GET", "d_*", "GET", "w_*").StringSlice()
			return err == nil && (len(got) != 4 || got[0] != got[2] || got[1] > got[3]), err
		}, 4, perWriter, func(w, i int) error {
			gen := strconv.Itoa(w*perWriter + i)
			wa, wb := "1", "2"
			if i%2 == 1 {
				wa, wb = "2", "1"
			}
			return rdb.MSet(ctx, "w_a", wa, "w_b", wb, "d_a", gen, "d_b", gen).Err()
		})
		if torn > 0 {
			t.Errorf("%d SORTs saw the weights and data of different MSETs", torn)
		}
	})
}
