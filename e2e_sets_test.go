package main

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Sets (issue 16) against redis-server 7.0.15. Replies whose order Redis
// leaves to its hash table are compared as multisets (sameUnordered);
// every other reply byte for byte. Replies that are random (SPOP,
// SRANDMEMBER) are checked for their properties on redis-lite alone.

// setScript is a run of set commands whose replies are fully determined:
// intsets iterate in ascending order in both servers, and every error,
// count and encoding must match.
var setScript = [][]string{
	{"SADD", "s", "3", "1", "2"}, {"SADD", "s", "2", "4"}, {"SMEMBERS", "s"}, {"SCARD", "s"}, {"TYPE", "s"},
	{"OBJECT", "ENCODING", "s"}, {"SISMEMBER", "s", "2"}, {"SISMEMBER", "s", "x"}, {"SISMEMBER", "s", "02"},
	{"SMISMEMBER", "s", "1", "x", "4"}, {"SMISMEMBER", "nokey", "a", "b"}, {"SREM", "s", "9"}, {"SREM", "s", "1", "2", "1"},
	{"SMEMBERS", "s"}, {"SADD", "s", "-5", "70000", "9223372036854775807", "-9223372036854775808", "-32768", "32768"},
	{"SMEMBERS", "s"}, {"OBJECT", "ENCODING", "s"}, {"SADD", "s", "9223372036854775808"}, {"OBJECT", "ENCODING", "s"},
	{"SADD", "n1", "01"}, {"OBJECT", "ENCODING", "n1"}, {"SADD", "n2", "-0"}, {"OBJECT", "ENCODING", "n2"},
	{"SADD", "n3", "+1"}, {"OBJECT", "ENCODING", "n3"}, {"SADD", "n4", " 1"}, {"OBJECT", "ENCODING", "n4"},
	{"SADD", "n5", "-1"}, {"SISMEMBER", "n5", "-01"}, {"OBJECT", "ENCODING", "n5"},
	// Wrong arguments and wrong types.
	{"SADD", "s"}, {"SREM", "s"}, {"SMOVE", "s", "t"}, {"SCARD"}, {"SMEMBERS", "s", "t"}, {"SISMEMBER", "s"},
	{"SET", "str", "v"}, {"SADD", "str", "a"}, {"SREM", "str", "a"}, {"SISMEMBER", "str", "a"},
	{"SMISMEMBER", "str", "a"}, {"SCARD", "str"}, {"SMEMBERS", "str"}, {"SPOP", "str"}, {"SPOP", "str", "1"},
	{"SPOP", "str", "0"}, {"SRANDMEMBER", "str"}, {"SRANDMEMBER", "str", "1"}, {"SRANDMEMBER", "str", "0"},
	{"SMOVE", "str", "s", "a"}, {"SMOVE", "n5", "str", "-1"}, {"SMOVE", "nokey", "str", "a"}, {"SINTER", "s", "str"},
	{"SINTER", "nokey", "str"}, {"SUNION", "str"}, {"SDIFF", "s", "str"}, {"SDIFF", "nokey", "str"},
	{"SINTERSTORE", "d", "s", "str"}, {"SUNIONSTORE", "d", "str"}, {"SDIFFSTORE", "d", "str"},
	{"SINTERCARD", "1", "str"}, {"SSCAN", "str", "0"}, {"SSCAN", "str", "x"},
	{"SPOP", "s", "1", "2"}, {"SPOP", "s", "-1"}, {"SPOP", "s", "x"}, {"SPOP", "nokey", "-1"},
	{"SRANDMEMBER", "s", "x"}, {"SRANDMEMBER", "s", "-9223372036854775808"}, {"SRANDMEMBER", "s", "1", "2"},
	{"SRANDMEMBER", "nokey", "x"}, {"SRANDMEMBER", "s", "9223372036854775808"},
	{"SINTERCARD", "0", "s"}, {"SINTERCARD", "x", "s"}, {"SINTERCARD", "3", "s"}, {"SINTERCARD", "1", "s", "LIMIT"},
	{"SINTERCARD", "1", "s", "LIMIT", "-1"}, {"SINTERCARD", "1", "s", "LIMIT", "x"}, {"SINTERCARD", "1", "s", "FOO", "1"},
	{"SINTERCARD", "1", "s", "LIMIT", "1", "LIMIT", "0"}, {"SINTERCARD", "-1", "s"},
	{"SSCAN", "s", "x"}, {"SSCAN", "s", "0", "COUNT", "0"}, {"SSCAN", "s", "0", "COUNT", "x"}, {"SSCAN", "s", "0", "MATCH"},
	{"SSCAN", "s", "0", "TYPE", "set"}, {"SSCAN", "nokey", "0", "COUNT", "0"}, {"SSCAN", "s", "18446744073709551616"},
	{"SSCAN", "nokey", "x"},
	// Algebra over intsets: ascending results in both.
	{"SADD", "a", "1", "2", "3", "4"}, {"SADD", "b", "3", "4", "5"}, {"SINTER", "a", "b"}, {"SUNION", "a", "b"},
	{"SDIFF", "a", "b"}, {"SDIFF", "b", "a", "nokey"}, {"SINTERSTORE", "d", "a", "b"}, {"SMEMBERS", "d"},
	{"OBJECT", "ENCODING", "d"}, {"SUNIONSTORE", "d", "a", "b", "nokey"}, {"SMEMBERS", "d"}, {"SDIFFSTORE", "d", "a", "b"},
	{"SMEMBERS", "d"}, {"SINTERSTORE", "d", "a", "nokey"}, {"EXISTS", "d"}, {"SINTERSTORE", "d", "a", "nokey"},
	{"SUNIONSTORE", "d", "nokey"}, {"SDIFFSTORE", "d", "a", "a"}, {"SDIFFSTORE", "d", "nokey", "a"},
	{"SINTERCARD", "2", "a", "b"}, {"SINTERCARD", "2", "a", "b", "LIMIT", "1"}, {"SINTERCARD", "2", "a", "b", "LIMIT", "0"},
	{"SINTERCARD", "2", "a", "nokey"}, {"SINTERCARD", "1", "a", "limit", "10"}, {"SINTER", "a", "a"}, {"SDIFF", "a", "a"},
	{"SDIFF", "nokey", "a"}, {"SUNION", "nokey"}, {"SINTER", "nokey"}, {"SINTER", "a"}, {"SUNION", "a", "a"},
	{"SMOVE", "a", "b", "1"}, {"SMOVE", "a", "b", "3"}, {"SMOVE", "a", "a", "2"}, {"SMOVE", "a", "a", "9"},
	{"SMOVE", "a", "newkey", "2"}, {"SMEMBERS", "newkey"}, {"SMOVE", "nokey", "a", "1"}, {"SMOVE", "a", "b", "9"},
	{"SMEMBERS", "a"}, {"SMEMBERS", "b"}, {"SMOVE", "newkey", "a", "2"}, {"EXISTS", "newkey"},
	{"SRANDMEMBER", "nokey"}, {"SRANDMEMBER", "nokey", "5"}, {"SRANDMEMBER", "nokey", "-5"}, {"SRANDMEMBER", "a", "0"},
	{"SRANDMEMBER", "a", "100"}, {"SPOP", "nokey"}, {"SPOP", "nokey", "3"}, {"SPOP", "a", "0"}, {"SPOP", "a", "100"},
	{"EXISTS", "a"}, {"SSCAN", "b", "0"}, {"SSCAN", "b", "0", "MATCH", "*4*", "COUNT", "1"}, {"SSCAN", "b", "7"},
	{"SADD", "one", "7"}, {"SPOP", "one"}, {"EXISTS", "one"}, {"SADD", "one", "7"}, {"SRANDMEMBER", "one"},
	{"SRANDMEMBER", "one", "-3"}, {"SRANDMEMBER", "one", "1"}, {"SPOP", "one", "1"}, {"EXISTS", "one"},
	// Expiry: changes keep it, a STORE replaces the key without it.
	{"SADD", "t", "1"}, {"EXPIRE", "t", "100"}, {"SADD", "t", "2"}, {"SREM", "t", "1"}, {"TTL", "t"},
	{"SINTERSTORE", "t", "b", "b"}, {"TTL", "t"}, {"SET", "dst", "x"}, {"SUNIONSTORE", "dst", "b"}, {"TYPE", "dst"},
	{"SET", "dst", "x"}, {"SINTERSTORE", "dst", "nokey"}, {"EXISTS", "dst"},
	// set-max-intset-entries, live, and the one-way conversion.
	{"CONFIG", "GET", "set-max-intset-entries"}, {"CONFIG", "SET", "set-max-intset-entries", "4"},
	{"SADD", "e", "1", "2", "3", "4"}, {"OBJECT", "ENCODING", "e"}, {"SADD", "e", "5"}, {"OBJECT", "ENCODING", "e"},
	{"SREM", "e", "5", "4", "3"}, {"OBJECT", "ENCODING", "e"}, {"SINTERSTORE", "e2", "e", "e"}, {"OBJECT", "ENCODING", "e2"},
	{"SADD", "e3", "1", "2", "3", "4", "5", "6"}, {"OBJECT", "ENCODING", "e3"}, {"CONFIG", "SET", "set-max-intset-entries", "0"},
	{"SADD", "e4", "1"}, {"OBJECT", "ENCODING", "e4"}, {"CONFIG", "SET", "set-max-intset-entries", "-1"},
	{"CONFIG", "SET", "set-max-intset-entries", "x"}, {"CONFIG", "SET", "set-max-intset-entries", "1k"},
	{"CONFIG", "GET", "set-max-intset-entries"}, {"CONFIG", "SET", "set-max-intset-entries", "512"},
	{"CONFIG", "GET", "set-max-*"},
	// Where the keys are: SINTERCARD's come from its numkeys argument.
	{"COMMAND", "INFO", "sintercard"}, {"COMMAND", "GETKEYS", "sintercard", "2", "a", "b", "LIMIT", "3"},
	{"COMMAND", "GETKEYS", "sintercard", "x", "a", "b"}, {"COMMAND", "GETKEYS", "sintercard", "3", "a", "b"},
	{"COMMAND", "GETKEYS", "sintercard", "2abc", "a", "b"}, {"COMMAND", "GETKEYS", "sintercard", "0", "a"},
	{"COMMAND", "GETKEYS", "sintercard", "-1", "a"}, {"COMMAND", "GETKEYS", "sintercard", " 1", "a"},
	{"COMMAND", "GETKEYSANDFLAGS", "sintercard", "1", "a", "b"}, {"COMMAND", "GETKEYSANDFLAGS", "smove", "a", "b", "c"},
	{"COMMAND", "GETKEYSANDFLAGS", "sinterstore", "a", "b", "c"}, {"COMMAND", "GETKEYS", "sunion", "a", "b"},
	{"COMMAND", "GETKEYSANDFLAGS", "spop", "a", "1"},
}

// setPair compares a redis-lite and a redis-server, both fresh.
type setPair struct {
	*hllPair
	liteAddr, refAddr string
}

func newSetPair(t *testing.T, model string) setPair {
	t.Helper()
	ref := startRedisServer(t)
	lite := startDaemon(t, "--io", model).addr
	return setPair{&hllPair{t: t, lite: dialRESP(t, lite), ref: dialRESP(t, ref)}, lite, ref}
}

// sameUnordered sends args to both servers and compares the replies as
// an aggregate of bulk strings in any order.
func (p setPair) sameUnordered(args ...string) {
	p.t.Helper()
	got, want := p.lite.call(args...), p.ref.call(args...)
	if sortedAggregate(got) != sortedAggregate(want) {
		p.t.Fatalf("%s: redis-lite answered\n%.300q\nredis-server answered\n%.300q", shortArgs(args), got, want)
	}
}

// sameLength sends args to both servers and compares the replies
// aggregate headers only (random members).
func (p setPair) sameLength(args ...string) {
	p.t.Helper()
	got, want := p.lite.call(args...), p.ref.call(args...)
	gotHeader, _, _ := strings.Cut(got, "\r\n")
	wantHeader, _, _ := strings.Cut(want, "\r\n")
	if gotHeader != wantHeader {
		p.t.Fatalf("%s: redis-lite answered\n%.300q\nredis-server answered\n%.300q", shortArgs(args), got, want)
	}
}

// sortedAggregate is an aggregate reply ("*n" or "~n" then bulk strings)
// with its elements sorted; any other reply as it is.
func sortedAggregate(reply string) string {
	if reply == "" || (reply[0] != '*' && reply[0] != '~') {
		return reply
	}
	header, rest, _ := strings.Cut(reply, "\r\n")
	elems := bulkStrings(rest)
	slices.Sort(elems)
	return header + "\r\n" + strings.Join(elems, "")
}

// bulkStrings splits a run of bulk strings, each kept whole.
func bulkStrings(s string) []string {
	var out []string
	for len(s) > 0 && s[0] == '$' {
		lenText, _, _ := strings.Cut(s[1:], "\r\n")
		n, err := strconv.Atoi(lenText)
		if err != nil || n < 0 {
			return append(out, s)
		}
		end := 1 + len(lenText) + 2 + n + 2
		if end > len(s) {
			return append(out, s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// TestSetsMatchRedis runs setScript on both servers in RESP2, then the
// reading commands again in RESP3, where set replies are '~' sets and
// SRANDMEMBER's are arrays.
func TestSetsMatchRedis(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		p := newSetPair(t, model)
		for _, req := range setScript {
			p.same(req...)
		}
		p.same("SADD", "r", "1", "2", "3")
		in := respRequest("HELLO", "3")
		for _, req := range [][]string{
			{"SMEMBERS", "r"}, {"SMEMBERS", "nokey"}, {"SINTER", "r", "b"}, {"SINTER", "r", "nokey"}, {"SUNION", "r", "b"},
			{"SDIFF", "r", "b"}, {"SMISMEMBER", "r", "1", "9"}, {"SRANDMEMBER", "r", "5"}, {"SRANDMEMBER", "nokey", "5"},
			{"SRANDMEMBER", "r", "0"}, {"SRANDMEMBER", "nokey"}, {"SPOP", "nokey"}, {"SPOP", "nokey", "2"}, {"SPOP", "r", "0"},
			{"SSCAN", "r", "0"}, {"SSCAN", "nokey", "0"}, {"SINTERCARD", "2", "r", "b"}, {"SPOP", "r", "5"}, {"EXISTS", "r"},
			{"QUIT"},
		} {
			in += respRequest(req...)
		}
		got, want := withoutIDs(mustExchange(t, p.liteAddr, in)), withoutIDs(mustExchange(t, p.refAddr, in))
		if got != want {
			t.Fatalf("RESP3: redis-lite differs from redis-server %s", firstDifference(got, want))
		}
	})
}

// TestSetsHashtableMatchRedis: sets of strings and large sets of
// integers, whose order is the hash table's, compared as multisets:
// members, the algebra, SSCAN walked to the end, and the encodings.
func TestSetsHashtableMatchRedis(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		p := newSetPair(t, model)
		var words, ints []string
		for i := 0; i < 700; i++ {
			words = append(words, "w"+strconv.Itoa(i))
			ints = append(ints, strconv.Itoa(i*3))
		}
		p.same(append([]string{"SADD", "w"}, words...)...)
		p.same(append([]string{"SADD", "i"}, ints...)...)
		p.same(append([]string{"SADD", "m", "x", "y"}, ints[:100]...)...)
		for _, key := range []string{"w", "i", "m"} {
			p.same("OBJECT", "ENCODING", key)
			p.same("SCARD", key)
			p.sameUnordered("SMEMBERS", key)
			p.sameUnordered("SRANDMEMBER", key, "5000")
			p.same("SISMEMBER", key, "w5")
			p.same("SISMEMBER", key, "15")
			if got, want := p.scanAll(p.lite, key), p.scanAll(p.ref, key); got != want {
				t.Fatalf("SSCAN of %s: redis-lite walked\n%.300q\nredis-server\n%.300q", key, got, want)
			}
		}
		for _, op := range []string{"SINTER", "SUNION", "SDIFF"} {
			p.sameUnordered(op, "i", "m")
			p.sameUnordered(op, "m", "i", "w")
			p.same(op+"STORE", "dst", "m", "i")
			p.same("OBJECT", "ENCODING", "dst")
			p.sameUnordered("SMEMBERS", "dst")
		}
		p.same("SINTERCARD", "2", "i", "m", "LIMIT", "30")
		p.same("SREM", "m", "x", "y")
		p.same("OBJECT", "ENCODING", "m") // no way back
		p.sameLength("SPOP", "i", "650")  // the 50 kept make a new set: an intset again, as in Redis
		p.same("SCARD", "i")
		p.same("OBJECT", "ENCODING", "i")
	})
}

// scanAll walks SSCAN to the end on c with a small COUNT and returns the
// members it saw, sorted and without repeats.
func (p setPair) scanAll(c *respConn, key string) string {
	p.t.Helper()
	seen := map[string]bool{}
	cursor := "0"
	for range 100000 {
		reply := c.call("SSCAN", key, cursor, "COUNT", "7")
		header, rest, _ := strings.Cut(reply, "\r\n")
		if header != "*2" {
			p.t.Fatalf("SSCAN reply %q", reply)
		}
		parts := bulkStrings(rest)
		cursor = bulkValue(parts[0])
		for _, m := range bulkStrings(strings.SplitN(rest, "\r\n", 4)[3]) {
			seen[m] = true
		}
		if cursor == "0" {
			keys := slices.Sorted(func(yield func(string) bool) {
				for k := range seen {
					if !yield(k) {
						return
					}
				}
			})
			return strings.Join(keys, "")
		}
	}
	p.t.Fatal("SSCAN did not end")
	return ""
}

// TestSetsFuzzMatchesRedis: random set commands over a few keys, members
// drawn from integers and words, with a small set-max-intset-entries so
// sets cross into hashtables; every reply and encoding must match.
func TestSetsFuzzMatchesRedis(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		p := newSetPair(t, model)
		p.same("CONFIG", "SET", "set-max-intset-entries", "12")
		seed := uint64(time.Now().UnixNano())
		t.Logf("seed %d", seed)
		r := rand.New(rand.NewPCG(seed, 16))
		keys := []string{"k0", "k1", "k2", "k3", "k4"}
		key := func() string { return keys[r.IntN(len(keys))] }
		member := func() string {
			if r.IntN(5) == 0 {
				return "m" + strconv.Itoa(r.IntN(20))
			}
			return strconv.Itoa(r.IntN(40) - 10)
		}
		members := func(n int) []string {
			var out []string
			for range n {
				out = append(out, member())
			}
			return out
		}
		for range 1500 {
			switch r.IntN(12) {
			case 0, 1, 2:
				p.same(append([]string{"SADD", key()}, members(1+r.IntN(6))...)...)
			case 3, 4:
				p.same(append([]string{"SREM", key()}, members(1+r.IntN(6))...)...)
			case 5:
				p.same("SMOVE", key(), key(), member())
			case 6:
				op := []string{"SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"}[r.IntN(3)]
				p.same(op, key(), key(), key(), key())
			case 7:
				op := []string{"SINTER", "SUNION", "SDIFF"}[r.IntN(3)]
				p.sameUnordered(op, key(), key(), key())
			case 8:
				p.same("SINTERCARD", "3", key(), key(), key(), "LIMIT", strconv.Itoa(r.IntN(5)))
			case 9:
				p.same(append([]string{"SMISMEMBER", key()}, members(3)...)...)
			case 10:
				k := key()
				p.same("SCARD", k)
				p.same("OBJECT", "ENCODING", k)
			case 11:
				p.sameUnordered("SMEMBERS", key())
			}
		}
	})
}

// TestSetRandomCommands checks what cannot be compared with Redis: SPOP
// takes distinct members that were there and are then gone, SRANDMEMBER
// with a positive count gives distinct members, with a negative count
// exactly that many, and every member turns up.
func TestSetRandomCommands(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		c := dialRESP(t, startDaemon(t, "--io", model).addr)
		for _, tc := range []struct {
			name    string
			members []string
		}{{"intset", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}}, {"hashtable", []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}}} {
			c.call(append([]string{"SADD", "s"}, tc.members...)...)
			for _, count := range []int{1, 3, 9, 10, 30} {
				got := bulkValues(c.call("SRANDMEMBER", "s", strconv.Itoa(count)))
				if len(got) != min(count, 10) || hasRepeats(got) || !subset(got, tc.members) {
					t.Fatalf("%s: SRANDMEMBER s %d = %q", tc.name, count, got)
				}
				got = bulkValues(c.call("SRANDMEMBER", "s", strconv.Itoa(-count)))
				if len(got) != count || !subset(got, tc.members) {
					t.Fatalf("%s: SRANDMEMBER s -%d = %q", tc.name, count, got)
				}
			}
			seen := map[string]bool{}
			for i := 0; i < 1000 && len(seen) < 10; i++ {
				seen[bulkValue(c.call("SRANDMEMBER", "s"))] = true
			}
			if len(seen) != 10 {
				t.Fatalf("%s: SRANDMEMBER found %d of 10 members in 1000 tries", tc.name, len(seen))
			}
			var popped []string
			for _, n := range []string{"1", "2", "1", "6"} { // 1+2 by path 2, 1, then 6 >= what is left
				popped = append(popped, bulkValues(c.call("SPOP", "s", n))...)
			}
			if len(popped) != 10 || hasRepeats(popped) || !subset(popped, tc.members) {
				t.Fatalf("%s: SPOP took %q", tc.name, popped)
			}
			if got := c.call("EXISTS", "s"); got != ":0\r\n" {
				t.Fatalf("%s: after popping everything EXISTS = %q", tc.name, got)
			}
		}
	})
}

func bulkValues(reply string) []string {
	_, rest, _ := strings.Cut(reply, "\r\n")
	var out []string
	for _, b := range bulkStrings(rest) {
		out = append(out, bulkValue(b))
	}
	return out
}

func hasRepeats(s []string) bool {
	seen := map[string]bool{}
	for _, v := range s {
		if seen[v] {
			return true
		}
		seen[v] = true
	}
	return false
}

func subset(s, of []string) bool {
	for _, v := range s {
		if !slices.Contains(of, v) {
			return false
		}
	}
	return true
}

// TestSetsPlaintext: the document's human replies for set commands on
// bare-\n lines: integers, lists and the empty list.
func TestSetsPlaintext(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		addr := startDaemon(t, "--io", model).addr
		got := mustExchange(t, addr, "SADD s 2 1 3\nSMEMBERS s\nSISMEMBER s 2\nSMEMBERS nokey\nSPOP nokey\n"+
			"SINTER s nokey\nSMISMEMBER s 1 9\nSCARD s\nSADD s a\nSREM s a 1 2 3\nEXISTS s\nQUIT\n")
		want := "(integer) 3\n1) 1\n2) 2\n3) 3\n(integer) 1\n(empty array)\n(nil)\n(empty array)\n1) (integer) 1\n2) (integer) 0\n" +
			"(integer) 3\n(integer) 1\n(integer) 4\n(integer) 0\nOK\n"
		if got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// setNotifyScript fires every set event and the generic ones set
// commands cause (del, new), and the cases that fire none.
var setNotifyScript = [][]string{
	{"SADD", "a", "1", "2", "3"}, {"SADD", "a", "1"}, {"SREM", "a", "9"}, {"SREM", "a", "1"}, {"SADD", "b", "x"},
	{"SMOVE", "a", "b", "2"}, {"SMOVE", "a", "b", "x"}, {"SMOVE", "b", "c", "x"}, {"SMOVE", "b", "a", "9"},
	{"SADD", "b", "1"}, {"SMOVE", "a", "b", "3"}, {"SPOP", "b"}, {"SPOP", "c", "0"}, {"SPOP", "b", "5"},
	{"SADD", "d", "1", "2", "3", "4", "5", "6"}, {"SPOP", "d", "1"}, {"SPOP", "d", "4"}, {"SPOP", "d"},
	{"SADD", "e", "1", "2"}, {"SADD", "f", "2", "3"}, {"SINTERSTORE", "g", "e", "f"}, {"SUNIONSTORE", "g", "e", "f"},
	{"SDIFFSTORE", "g", "e", "f"}, {"SDIFFSTORE", "g", "e", "e"}, {"SINTERSTORE", "g", "e", "nokey"},
	{"SINTERSTORE", "h", "e", "nokey"}, {"SUNIONSTORE", "h", "e"}, {"SINTERSTORE", "h", "e", "nokey"},
	{"SREM", "e", "1", "2", "3"}, {"SINTER", "f", "f"}, {"SRANDMEMBER", "f"}, {"SISMEMBER", "f", "2"},
	{"SET", "s", "v"}, {"SADD", "s", "1"}, {"SMOVE", "f", "s", "2"},
}

// TestSetKeyspaceEventsMatchRedis: what a subscriber to every channel
// receives while setNotifyScript runs must be redis-server's bytes.
func TestSetKeyspaceEventsMatchRedis(t *testing.T) {
	transcript := func(addr string) string {
		return eventsOf(t, addr, "KEA") + eventsOf(t, addr, "KEn")
	}
	want := transcript(startRedisServer(t))
	eachModel(t, func(t *testing.T, model string) {
		if got := transcript(startDaemon(t, "--io", model).addr); got != want {
			t.Fatalf("redis-lite differs from redis-server %s", firstDifference(got, want))
		}
	})
}

// eventsOf is what a subscriber to every channel receives while
// setNotifyScript runs with notify-keyspace-events set to flags.
func eventsOf(t *testing.T, addr, flags string) string {
	t.Helper()
	mustExchange(t, addr, respRequest("CONFIG", "SET", "notify-keyspace-events", flags)+respRequest("FLUSHALL")+respRequest("QUIT"))
	sub := dialRaw(t, addr)
	sub.send(respRequest("PSUBSCRIBE", "*"))
	sub.waitFor(":1\r\n")
	var in strings.Builder
	for _, req := range setNotifyScript {
		in.WriteString(respRequest(req...))
	}
	mustExchange(t, addr, in.String()+respRequest("PUBLISH", "end", "end")+respRequest("QUIT"))
	sub.waitFor("$3\r\nend\r\n$3\r\nend\r\n")
	return sub.received()
}

// TestSetsSurviveAppendOnlyRestart: random SPOPs, SMOVEs and STOREs are
// logged so that a restart (and a restart after BGREWRITEAOF) loads the
// very same members and layouts.
func TestSetsSurviveAppendOnlyRestart(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--appendonly", "yes", "--dir", dir}
	d := startDaemon(t, args...)
	c := dialRESP(t, d.addr)
	words, ints := []string{"SADD", "w"}, []string{"SADD", "i"}
	for n := range 600 {
		words = append(words, "w"+strconv.Itoa(n))
		ints = append(ints, strconv.Itoa(n))
	}
	for _, req := range [][]string{
		words, ints, {"SPOP", "w"}, {"SPOP", "w", "3"}, {"SPOP", "i", "580"}, {"SPOP", "i", "2"}, {"SADD", "i", "x"},
		{"SREM", "i", "x"}, {"SMOVE", "w", "m", "w7"}, {"SMOVE", "i", "m", "3"}, {"SINTERSTORE", "s1", "w", "w"},
		{"SUNIONSTORE", "s2", "i", "m"}, {"SDIFFSTORE", "s3", "w", "s1"}, {"EXPIRE", "w", "1000"}, {"SPOP", "w", "10"},
		{"SADD", "gone", "1"}, {"SPOP", "gone", "5"},
	} {
		if reply := c.call(req...); strings.HasPrefix(reply, "-") {
			t.Fatalf("%s: %q", shortArgs(req), reply)
		}
	}
	keys := []string{"w", "i", "m", "s1", "s2", "s3", "gone"}
	state := func(c *respConn) map[string]string {
		out := map[string]string{}
		for _, key := range keys {
			out[key] = sortedAggregate(c.call("SMEMBERS", key)) + c.call("OBJECT", "ENCODING", key) +
				strconv.FormatBool(c.call("TTL", key) != ":-1\r\n")
		}
		return out
	}
	same := func(what string, got, want map[string]string) {
		t.Helper()
		for _, key := range keys {
			if got[key] != want[key] {
				t.Fatalf("%s, %s is\n%.400q\nwant\n%.400q", what, key, got[key], want[key])
			}
		}
	}
	before := state(c)
	d.stop()
	again := startDaemon(t, args...)
	ac := dialRESP(t, again.addr)
	same("after a restart", state(ac), before)
	if reply := ac.call("BGREWRITEAOF"); strings.HasPrefix(reply, "-") {
		t.Fatalf("BGREWRITEAOF: %q", reply)
	}
	waitUntil(t, "the rewrite to finish", func() bool {
		return strings.Contains(ac.call("INFO", "persistence"), "aof_rewrite_in_progress:0")
	})
	again.stop()
	// The rewrite logs each set as SADDs, so a set of a few integers that
	// had turned into a hashtable loads as an intset again, as in Redis.
	if !strings.Contains(before["i"], "hashtable") {
		t.Fatalf("the script no longer leaves i a hashtable: %q", before["i"])
	}
	before["i"] = strings.Replace(before["i"], "$9\r\nhashtable\r\n", "$6\r\nintset\r\n", 1)
	same("after a rewrite and a restart", state(dialRESP(t, startDaemon(t, args...).addr)), before)
}

// TestSetChangesTouchWatches: every way a set command changes a key (in
// place, replaced, deleted, created) fails the EXEC of a client watching
// it; a command that changes nothing does not.
func TestSetChangesTouchWatches(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		addr := startDaemon(t, "--io", model).addr
		watcher, other := dialRESP(t, addr), dialRESP(t, addr)
		for _, tc := range []struct {
			watched string
			change  []string
			aborts  bool
		}{
			{"a", []string{"SADD", "a", "9"}, true}, {"a", []string{"SADD", "a", "1"}, false},
			{"a", []string{"SREM", "a", "nosuch"}, false}, {"a", []string{"SPOP", "a"}, true},
			{"a", []string{"SPOP", "a", "1"}, true}, {"a", []string{"SINTERSTORE", "a", "b", "b"}, true},
			{"c", []string{"SMOVE", "b", "c", "2"}, true}, {"b", []string{"SMOVE", "b", "c", "3"}, true},
			{"b", []string{"SMOVE", "b", "c", "nosuch"}, false}, {"a", []string{"SREM", "a", "1", "2", "3", "9"}, true},
			{"a", []string{"SINTER", "b", "b"}, false}, {"d", []string{"SUNIONSTORE", "d", "nokey"}, false},
		} {
			other.call("FLUSHALL")
			other.call("SADD", "a", "1", "2", "3")
			other.call("SADD", "b", "2", "3", "4")
			watcher.call("WATCH", tc.watched)
			other.call(tc.change...)
			watcher.call("MULTI")
			watcher.call("PING")
			want := "*1\r\n+PONG\r\n"
			if tc.aborts {
				want = "*-1\r\n"
			}
			if got := watcher.call("EXEC"); got != want {
				t.Fatalf("WATCH %s, then %s: EXEC = %q, want %q", tc.watched, shortArgs(tc.change), got, want)
			}
		}
	})
}
