package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// hashConversations are the hash commands in their ordinary, edge and
// error cases, with nothing random and nothing in hash-table order: every
// reply must be redis-server's byte for byte. Small hashes keep their
// fields in insertion order in both servers (Redis's listpack), so
// HGETALL, HKEYS, HVALS, HSCAN and a whole-hash HRANDFIELD compare too.
var hashConversations = [][][]string{
	{ // writes and reads
		{"HSET", "h", "a", "1", "b", "2"}, {"HSET", "h", "a", "10", "c", "3"}, {"HGETALL", "h"}, {"HLEN", "h"},
		{"HMSET", "h", "d", "4"}, {"HSETNX", "h", "d", "x"}, {"HSETNX", "h", "e", "5"}, {"HSETNX", "new", "f", "v"},
		{"HGET", "h", "a"}, {"HGET", "h", "zz"}, {"HGET", "nosuch", "a"},
		{"HMGET", "h", "a", "zz", "b"}, {"HMGET", "nosuch", "a", "b"},
		{"HEXISTS", "h", "a"}, {"HEXISTS", "h", "zz"}, {"HEXISTS", "nosuch", "a"},
		{"HSTRLEN", "h", "a"}, {"HSTRLEN", "h", "zz"}, {"HSTRLEN", "nosuch", "a"},
		{"HKEYS", "h"}, {"HVALS", "h"}, {"HKEYS", "nosuch"}, {"HVALS", "nosuch"}, {"HGETALL", "nosuch"},
		{"HLEN", "nosuch"}, {"TYPE", "h"}, {"OBJECT", "ENCODING", "h"},
		{"HSET", "h", "", ""}, {"HGET", "h", ""}, {"HSET", "bin", "a\x00b", "\r\n\x00"}, {"HGETALL", "bin"},
	},
	{ // HDEL, and the key deleted with its last field
		{"HSET", "h", "a", "1", "b", "2", "c", "3"}, {"HDEL", "h", "a", "a", "zz"}, {"HDEL", "nosuch", "a"},
		{"HDEL", "h", "b", "c", "b"}, {"EXISTS", "h"}, {"HLEN", "h"},
	},
	{ // wrong arity, wrong type
		{"HSET", "h", "a"}, {"HSET", "h", "a", "1", "b"}, {"HMSET", "h", "a", "1", "b"}, {"HSET", "h"},
		{"HGET", "h"}, {"HMGET", "h"}, {"HDEL", "h"}, {"HSETNX", "h", "a"}, {"HINCRBY", "h", "a"},
		{"HRANDFIELD"}, {"HSCAN", "h"}, {"HLEN"}, {"HKEYS", "a", "b"},
		{"SET", "s", "v"}, {"HSET", "s", "a", "1"}, {"HMSET", "s", "a", "1"}, {"HSETNX", "s", "a", "1"},
		{"HGET", "s", "a"}, {"HMGET", "s", "a"}, {"HDEL", "s", "a"}, {"HEXISTS", "s", "a"}, {"HLEN", "s"},
		{"HSTRLEN", "s", "a"}, {"HKEYS", "s"}, {"HVALS", "s"}, {"HGETALL", "s"}, {"HINCRBY", "s", "a", "1"},
		{"HINCRBYFLOAT", "s", "a", "1"}, {"HRANDFIELD", "s"}, {"HRANDFIELD", "s", "1"}, {"HSCAN", "s", "0"},
		{"HSET", "h", "a", "1"}, {"GET", "h"}, {"INCR", "h"}, {"APPEND", "h", "x"},
		// MEMORY USAGE's answers are estimates; its refusals are Redis's.
		{"MEMORY", "USAGE", "nosuch"}, {"MEMORY", "USAGE", "nosuch", "SAMPLES", "-1"}, {"MEMORY", "USAGE", "h", "SAMPLES"},
		{"MEMORY", "USAGE", "h", "SAMPLES", "x"}, {"MEMORY", "USAGE", "h", "FOO", "1"}, {"MEMORY", "USAGE"}, {"MEMORY", "HELP"},
	},
	{ // HINCRBY
		{"HINCRBY", "h", "n", "5"}, {"HINCRBY", "h", "n", "-7"}, {"HINCRBY", "h", "n", "x"}, {"HINCRBY", "h", "n", "1.5"},
		{"HINCRBY", "h", "n", "9223372036854775807"}, {"HINCRBY", "h", "n", "9223372036854775808"},
		{"HSET", "h", "big", "9223372036854775807"}, {"HINCRBY", "h", "big", "1"}, {"HINCRBY", "h", "big", "-1"},
		{"HSET", "h", "small", "-9223372036854775808"}, {"HINCRBY", "h", "small", "-1"},
		{"HSET", "h", "s", "abc"}, {"HINCRBY", "h", "s", "1"}, {"HSET", "h", "sp", " 1"}, {"HINCRBY", "h", "sp", "1"},
		{"HSET", "h", "plus", "+1"}, {"HINCRBY", "h", "plus", "1"}, {"HINCRBY", "nokey", "f", "x"}, {"EXISTS", "nokey"},
		{"HGETALL", "h"},
	},
	{ // HINCRBYFLOAT: Redis's long double sums and formatting
		{"HINCRBYFLOAT", "h", "f", "10.5"}, {"HINCRBYFLOAT", "h", "f", "0.1"}, {"HINCRBYFLOAT", "h", "f", "-10.6"},
		{"HINCRBYFLOAT", "h", "f", "5.0e3"}, {"HINCRBYFLOAT", "h", "f", "1e-20"}, {"HINCRBYFLOAT", "h", "f", "abc"},
		{"HINCRBYFLOAT", "h", "f", "inf"}, {"HINCRBYFLOAT", "h", "f", "-inf"}, {"HINCRBYFLOAT", "h", "f", "nan"},
		{"HINCRBYFLOAT", "h", "f", ""}, {"HINCRBYFLOAT", "h", "f", " 1"}, {"HINCRBYFLOAT", "h", "f", "0x10"},
		{"HSET", "h", "s", "abc"}, {"HINCRBYFLOAT", "h", "s", "1"}, {"HSET", "h", "i", "inf"}, {"HINCRBYFLOAT", "h", "i", "1"},
		{"HSET", "hm", "m", "1.7976931348623157e308"}, {"HINCRBYFLOAT", "hm", "m", "1.7976931348623157e308"},
		{"HINCRBYFLOAT", "hm", "m", "1e4930"}, {"HINCRBYFLOAT", "hm", "m", "1e4932"}, {"OBJECT", "ENCODING", "hm"},
		{"HINCRBYFLOAT", "h", "int", "3"}, {"HINCRBYFLOAT", "h", "int", "-3"}, {"HGETALL", "h"},
		{"HINCRBYFLOAT", "nokey", "f", "x"}, {"EXISTS", "nokey"}, {"HINCRBYFLOAT", "nokey", "f", "+inf"}, {"EXISTS", "nokey"},
		{"HSET", "h", "nul", "1\x002"}, {"HINCRBYFLOAT", "h", "nul", "1"}, {"HINCRBYFLOAT", "h", "f", "1\x002"},
	},
	{ // HRANDFIELD without chance: none, zero, all, and its errors
		{"HRANDFIELD", "nosuch"}, {"HRANDFIELD", "nosuch", "5"}, {"HRANDFIELD", "nosuch", "-5", "WITHVALUES"},
		{"HSET", "h", "a", "1", "b", "2", "c", "3"}, {"HRANDFIELD", "h", "0"}, {"HRANDFIELD", "h", "0", "withvalues"},
		{"HRANDFIELD", "h", "3"}, {"HRANDFIELD", "h", "10", "WITHVALUES"}, {"HRANDFIELD", "h", "x"},
		{"HRANDFIELD", "h", "1", "WITHSCORES"}, {"HRANDFIELD", "h", "1", "WITHVALUES", "x"},
		{"HRANDFIELD", "h", "-9223372036854775808"}, {"HRANDFIELD", "h", "-9223372036854775808", "WITHVALUES"},
		{"HRANDFIELD", "h", "-9223372036854770000", "WITHVALUES"}, {"HRANDFIELD", "h", "4611686018427387904", "WITHVALUES"},
		{"HRANDFIELD", "h", "9223372036854775808"}, {"HRANDFIELD", "s", "x"},
		{"HSET", "one", "f", "v"}, {"HRANDFIELD", "one"}, {"HRANDFIELD", "one", "-3", "WITHVALUES"}, {"HRANDFIELD", "one", "1", "WITHVALUES"},
	},
	{ // HSCAN of a listpack: everything, cursor 0, whatever cursor was given
		{"HSET", "h", "a", "1", "b", "2", "ab", "3"}, {"HSCAN", "h", "0"}, {"HSCAN", "h", "7"}, {"HSCAN", "h", "0", "MATCH", "a*"},
		{"HSCAN", "h", "0", "COUNT", "1"}, {"HSCAN", "h", "0", "COUNT", "0"}, {"HSCAN", "h", "0", "COUNT", "x"},
		{"HSCAN", "h", "0", "COUNT"}, {"HSCAN", "h", "0", "TYPE", "hash"}, {"HSCAN", "h", "0", "FOO", "1"},
		{"HSCAN", "h", "x"}, {"HSCAN", "h", "-1"}, {"HSCAN", "nosuch", "0"}, {"HSCAN", "nosuch", "0", "FOO"},
		{"HSCAN", "nosuch", "x"}, {"HSCAN", "h", "0", "MATCH", "*", "COUNT", "100"},
	},
	{ // the keyspace commands on hashes
		{"HSET", "src", "a", "1", "b", "2"}, {"COPY", "src", "dst"}, {"HSET", "dst", "a", "9"}, {"HGETALL", "src"},
		{"HGETALL", "dst"}, {"RENAME", "src", "r"}, {"HGETALL", "r"}, {"TYPE", "r"}, {"SCAN", "0", "TYPE", "hash", "MATCH", "r"},
		{"EXPIRE", "r", "100"}, {"HSET", "r", "c", "3"}, {"TTL", "r"}, {"HDEL", "r", "a", "b", "c"}, {"TTL", "r"},
		{"MOVE", "dst", "1"}, {"SELECT", "1"}, {"HGETALL", "dst"}, {"SELECT", "0"}, {"DEL", "nosuch", "dst"},
	},
	{ // encodings: listpack until a limit is passed, then hashtable for good
		{"CONFIG", "SET", "hash-max-listpack-entries", "3"}, {"CONFIG", "SET", "hash-max-ziplist-value", "5"},
		{"CONFIG", "GET", "hash-max-ziplist-entries"}, {"CONFIG", "GET", "hash-max-listpack-value"},
		{"HSET", "h", "a", "1", "b", "2", "c", "3"}, {"OBJECT", "ENCODING", "h"}, {"HSET", "h", "d", "4"}, {"OBJECT", "ENCODING", "h"},
		{"HDEL", "h", "a", "b", "c"}, {"OBJECT", "ENCODING", "h"},
		{"HSET", "v", "a", "12345"}, {"OBJECT", "ENCODING", "v"}, {"HSET", "v", "a", "123456"}, {"OBJECT", "ENCODING", "v"},
		{"HSET", "f", "123456", "1"}, {"OBJECT", "ENCODING", "f"},
		{"HSETNX", "nx", "a", "123456"}, {"OBJECT", "ENCODING", "nx"},
		{"HINCRBY", "i", "f", "99999"}, {"OBJECT", "ENCODING", "i"}, {"HINCRBY", "i", "f", "1"}, {"OBJECT", "ENCODING", "i"},
		{"HINCRBYFLOAT", "fl", "f", "1.5"}, {"OBJECT", "ENCODING", "fl"}, {"HINCRBYFLOAT", "fl", "f", "0.0001"}, {"OBJECT", "ENCODING", "fl"},
		{"HSET", "sum", "a", "1", "b", "123456"}, {"OBJECT", "ENCODING", "sum"},
		{"CONFIG", "SET", "hash-max-listpack-entries", "0"}, {"HSET", "z", "a", "1"}, {"OBJECT", "ENCODING", "z"},
		{"CONFIG", "SET", "hash-max-listpack-entries", "-1"}, {"CONFIG", "SET", "hash-max-listpack-value", "1k"},
		{"CONFIG", "GET", "hash-max-listpack-value"},
		{"CONFIG", "SET", "hash-max-ziplist-entries", "5", "hash-max-listpack-entries", "6"}, {"CONFIG", "GET", "hash-max-ziplist-entries"},
		{"CONFIG", "SET", "hash-max-ziplist-entries", "5", "HASH-max-ziplist-entries", "6"},
		{"CONFIG", "SET", "hash-max-listpack-entries", "7", "hash-max-ziplist-entries", "x"}, {"CONFIG", "GET", "hash-max-listpack-entries"},
		{"CONFIG", "SET", "HASH-MAX-LISTPACK-VALUE", "x"},
		{"CONFIG", "SET", "hash-max-listpack-entries", "512", "hash-max-listpack-value", "64"},
	},
}

// TestHashesMatchRedis runs the conversations against redis-server and
// redis-lite, RESP2 and RESP3, in both I/O models.
func TestHashesMatchRedis(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		p := newHLLPair(t, model) // any two servers; the pair is not HLL-specific
		for _, resp3 := range []bool{false, true} {
			if resp3 {
				p.lite.call("HELLO", "3")
				p.ref.call("HELLO", "3")
			}
			for _, cv := range hashConversations {
				p.same("FLUSHALL")
				for _, req := range cv {
					p.same(req...)
				}
			}
		}
	})
}

// TestBigHashMatchesRedis fills a hash past the listpack limits and walks
// it every way: the contents must be redis-server's (compared sorted, as
// a hash table's order is its own), a full HSCAN must return each field,
// and HRANDFIELD's picks must be fields of it, distinct when asked.
func TestBigHashMatchesRedis(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		p := newHLLPair(t, model)
		const fields = 2000
		for i := 0; i < fields; i += 100 {
			req := []string{"HSET", "big"}
			for j := i; j < i+100; j++ {
				req = append(req, "field:"+strconv.Itoa(j), "value:"+strconv.Itoa(j*j))
			}
			p.same(req...)
		}
		for _, req := range [][]string{{"OBJECT", "ENCODING", "big"}, {"HLEN", "big"}, {"HGET", "big", "field:1999"},
			{"HDEL", "big", "field:0", "field:1", "nosuch"}, {"HLEN", "big"}, {"HINCRBY", "big", "field:7", "1"},
			{"HRANDFIELD", "big", "0"}, {"HSCAN", "big", "0", "COUNT", "0"}} {
			p.same(req...)
		}
		all := sortedPairs(t, p.lite.call("HGETALL", "big"))
		if want := sortedPairs(t, p.ref.call("HGETALL", "big")); !slices.Equal(all, want) {
			t.Fatalf("HGETALL of a big hash differs: %d pairs, want %d", len(all), len(want))
		}
		seen := map[string]bool{}
		cursor := "0"
		for steps := 0; ; steps++ {
			if steps > fields {
				t.Fatal("HSCAN did not end")
			}
			v := parseReply(t, p.lite.call("HSCAN", "big", cursor, "COUNT", "50"))
			cursor = v.elems[0].text
			for i := 0; i < len(v.elems[1].elems); i += 2 {
				seen[v.elems[1].elems[i].text] = true
			}
			if cursor == "0" {
				break
			}
		}
		if len(seen) != fields-2 {
			t.Fatalf("a full HSCAN returned %d distinct fields, want %d", len(seen), fields-2)
		}
		for _, count := range []string{"10", "1500", "-50"} {
			picks := parseReply(t, p.lite.call("HRANDFIELD", "big", count, "WITHVALUES")).elems
			distinct := map[string]bool{}
			for i := 0; i < len(picks); i += 2 {
				f, v := picks[i].text, picks[i+1].text
				n, _ := strconv.Atoi(strings.TrimPrefix(f, "field:"))
				if !seen[f] || (v != "value:"+strconv.Itoa(n*n) && f != "field:7") {
					t.Fatalf("HRANDFIELD %s gave %q=%q", count, f, v)
				}
				distinct[f] = true
			}
			n, _ := strconv.Atoi(count)
			if len(picks) != 2*max(n, -n) || (n > 0 && len(distinct) != n) {
				t.Fatalf("HRANDFIELD %s: %d picks, %d distinct", count, len(picks)/2, len(distinct))
			}
		}
	})
}

// sortedPairs reads a flat field, value list into sorted "field=value".
func sortedPairs(t *testing.T, reply string) []string {
	t.Helper()
	v := parseReply(t, reply)
	var out []string
	for i := 0; i+1 < len(v.elems); i += 2 {
		out = append(out, v.elems[i].text+"="+v.elems[i+1].text)
	}
	slices.Sort(out)
	return out
}

// TestHashesPlaintext: bare \n lines get the document's human replies.
func TestHashesPlaintext(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		in := "HSET h a 1 b 2\nHGET h a\nHGET h zz\nHGETALL h\nHMGET h a zz\nHRANDFIELD h 5 WITHVALUES\nHSCAN h 0\nHGETALL nosuch\nHINCRBY h a x\n"
		want := "(integer) 2\n1\n(nil)\n1) a\n2) 1\n3) b\n4) 2\n1) 1\n2) (nil)\n1) a\n2) 1\n3) b\n4) 2\n" +
			"1) 0\n2) 1) a\n   2) 1\n   3) b\n   4) 2\n(empty array)\n(error) ERR value is not an integer or out of range\n"
		got, err := exchange(t, d.addr, in, true)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// parseReply reads one RESP2 reply's bytes into its parts.
func parseReply(t *testing.T, reply string) respValue {
	t.Helper()
	v, err := readValue(bufio.NewReader(strings.NewReader(reply)))
	if err != nil {
		t.Fatalf("%q: %v", reply, err)
	}
	return v
}

// hashState is every key with its type, encoding, whether it expires,
// and its hash's pairs sorted: what a restart must bring back.
func hashState(t *testing.T, addr string) string {
	t.Helper()
	c := dialRESP(t, addr)
	var keys []string
	for _, k := range parseReply(t, c.call("KEYS", "*")).elems {
		keys = append(keys, k.text)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		ttl := c.call("TTL", k) != ":-1\r\n"
		fmt.Fprintf(&b, "%s %s %s ttl:%v %v\n", k, c.call("TYPE", k), c.call("OBJECT", "ENCODING", k), ttl,
			sortedPairs(t, c.call("HGETALL", k)))
	}
	return b.String()
}

// TestHashesAppendOnlyRoundTrip: hash writes logged to the append-only
// file come back after a restart, HINCRBYFLOAT logged as the HSET of its
// result; and after BGREWRITEAOF (each hash rebuilt as HSETs) too.
func TestHashesAppendOnlyRoundTrip(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--appendonly", "yes", "--dir", dir}
	d := startDaemon(t, args...)
	c := dialRESP(t, d.addr)
	reqs := [][]string{
		{"HSET", "small", "a", "1", "b", "2"}, {"HMSET", "small", "c", "3"}, {"HSETNX", "small", "d", "4"},
		{"HINCRBY", "small", "a", "41"}, {"HINCRBYFLOAT", "small", "f", "10.5"}, {"HINCRBYFLOAT", "small", "f", "0.1"},
		{"HDEL", "small", "b", "nosuch"}, {"HSET", "gone", "x", "1"}, {"HDEL", "gone", "x"},
		{"HSET", "ttl", "x", "1"}, {"EXPIRE", "ttl", "500"}, {"HSET", "long", "f", strings.Repeat("v", 100)},
	}
	for i := 0; i < 700; i++ {
		reqs = append(reqs, []string{"HSET", "big", "f" + strconv.Itoa(i), strconv.Itoa(i)})
	}
	reqs = append(reqs, []string{"HDEL", "big", "f3", "f5"}, []string{"HINCRBYFLOAT", "big", "f7", "1.5"})
	for _, req := range reqs {
		c.call(req...)
	}
	before := hashState(t, d.addr)
	if !strings.Contains(before, "hashtable") {
		t.Fatalf("the big hash is not a hash table:\n%s", before)
	}
	if status, _ := d.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "appendonly.aof"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), aofRecord("HSET", "small", "f", "10.6")) || strings.Contains(string(raw), "HINCRBYFLOAT") {
		t.Fatalf("HINCRBYFLOAT is not logged as the HSET of its result")
	}
	again := startDaemon(t, args...)
	if after := hashState(t, again.addr); after != before {
		t.Fatalf("after the restart:\n%s\nbefore:\n%s", after, before)
	}
	rc := dialRESP(t, again.addr)
	rc.call("BGREWRITEAOF")
	waitUntil(t, "the rewrite to finish", func() bool {
		info := rc.call("INFO", "persistence")
		return strings.Contains(info, "aof_rewrite_in_progress:0") && strings.Contains(info, "aof_rewrites:1")
	})
	if status, _ := again.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}
	if after := hashState(t, startDaemon(t, args...).addr); after != before {
		t.Fatalf("after a rewrite and a restart:\n%s\nbefore:\n%s", after, before)
	}
}

// TestHashWritesTouchWatchers: a hash written by another client fails a
// WATCHing client's EXEC, as any write does.
func TestHashWritesTouchWatchers(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		a, b := dialRESP(t, d.addr), dialRESP(t, d.addr)
		for _, write := range [][]string{{"HSET", "h", "f", "1"}, {"HINCRBY", "h", "f", "1"}, {"HINCRBYFLOAT", "h", "f", "1"},
			{"HSETNX", "h", "g", "1"}, {"HDEL", "h", "g"}, {"HDEL", "h", "f"}} {
			a.call("WATCH", "h")
			a.call("MULTI")
			a.call("PING")
			b.call(write...)
			if got := a.call("EXEC"); got != "*-1\r\n" {
				t.Fatalf("%v by another client: EXEC answered %q", write, got)
			}
		}
	})
}
