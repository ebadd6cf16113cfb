package main

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// diagnosticsConversations are SLOWLOG's, LATENCY's and DEBUG's answers
// that do not depend on timing or addresses: every byte must be Redis's.
var diagnosticsConversations = []conversation{
	{"SLOWLOG and LATENCY errors and help", false, [][]string{
		{"SLOWLOG", "HELP"}, {"SLOWLOG", "HELP", "x"}, {"SLOWLOG", "FOO"}, {"SLOWLOG"},
		{"SLOWLOG", "GET", "x"}, {"SLOWLOG", "GET", "-2"}, {"SLOWLOG", "GET", "1", "2"}, {"SLOWLOG", "LEN", "x"},
		{"LATENCY", "HELP"}, {"LATENCY", "HELP", "x"}, {"LATENCY", "FOO"}, {"LATENCY"},
		{"LATENCY", "GRAPH", "nosuch"}, {"LATENCY", "HISTORY", "nosuch"}, {"LATENCY", "RESET", "nosuch", "other"},
		{"LATENCY", "LATEST"}, {"LATENCY", "GRAPH"}, {"LATENCY", "HISTOGRAM", "nosuch", "get|x"},
	}},
	{"the settings", false, [][]string{
		{"CONFIG", "GET", "slowlog-log-slower-than"}, {"CONFIG", "GET", "slowlog-max-len"},
		{"CONFIG", "GET", "latency-monitor-threshold"},
		{"CONFIG", "SET", "slowlog-log-slower-than", "-2"}, {"CONFIG", "SET", "slowlog-max-len", "-1"},
		{"CONFIG", "SET", "latency-monitor-threshold", "-1"}, {"CONFIG", "SET", "slowlog-log-slower-than", "x"},
		{"CONFIG", "SET", "slowlog-log-slower-than", "-1"}, {"SLOWLOG", "RESET"}, {"GET", "k"},
		{"SLOWLOG", "LEN"}, {"SLOWLOG", "GET"}, {"SLOWLOG", "GET", "-1"},
	}},
	{"RESP3", false, [][]string{
		{"HELLO", "3"}, {"CONFIG", "SET", "slowlog-log-slower-than", "-1"}, {"SLOWLOG", "RESET"}, {"SLOWLOG", "GET"},
		{"LATENCY", "LATEST"}, {"LATENCY", "HISTORY", "command"}, {"LATENCY", "HISTOGRAM", "nosuch"},
		{"CONFIG", "RESETSTAT"}, {"LATENCY", "HISTOGRAM", "set"}, {"DEBUG", "DIGEST-VALUE", "a"},
		{"CONFIG", "SET", "slowlog-log-slower-than", "10000"},
	}},
	{"DEBUG's subcommands", false, [][]string{
		{"FLUSHALL"}, {"DEBUG", "DIGEST"}, {"DEBUG", "DIGEST-VALUE"}, {"DEBUG", "DIGEST-VALUE", "nosuch"},
		{"SET", "a", "1"}, {"SET", "b", "hello"}, {"SET", "c", strings.Repeat("abc", 40)}, {"SET", "d", "v", "EX", "100"},
		{"SELECT", "3"}, {"SET", "a", "1"}, {"SELECT", "0"},
		{"DEBUG", "DIGEST"}, {"DEBUG", "DIGEST-VALUE", "a", "d", "nosuch"}, {"DEBUG", "DIGEST", "x"},
		{"DEBUG", "OBJECT", "nosuch"}, {"DEBUG", "OBJECT"}, {"DEBUG", "OBJECT", "a", "b"},
		{"DEBUG", "RELOAD", "FOO"}, {"DEBUG", "CHANGE-REPL-ID"}, {"DEBUG", "CHANGE-REPL-ID", "x"},
		{"DEBUG", "ERROR", "WRONG two\r\nlines"}, {"DEBUG", "STRINGMATCH-TEST", "x"},
		{"RPUSH", "l", "x", "1"}, {"HSET", "h", "f", "v"}, {"ZADD", "z", "1", "m"}, {"SADD", "s", "m"},
		{"DEBUG", "LISTPACK", "h"}, {"DEBUG", "LISTPACK", "z"}, {"DEBUG", "LISTPACK", "l"}, {"DEBUG", "LISTPACK", "s"},
		{"DEBUG", "LISTPACK", "a"}, {"DEBUG", "LISTPACK", "nosuch"}, {"DEBUG", "LISTPACK"},
		{"DEBUG", "DIGEST-VALUE", "l", "h", "z", "s"}, {"DEBUG", "DIGEST"},
	}},
}

func TestDiagnosticsMatchRedis(t *testing.T) {
	redis := startRedisServer(t, "--enable-debug-command", "yes")
	lite := startDaemon(t, "--enable-debug-command", "yes").addr
	// HELLO's reply has the client's id, which counts connections.
	clientID := regexp.MustCompile(`\$2\r\nid\r\n:\d+\r\n`)
	for _, cv := range diagnosticsConversations {
		got := clientID.ReplaceAllString(converse(t, lite, cv), "")
		want := clientID.ReplaceAllString(converse(t, redis, cv), "")
		if got != want {
			t.Errorf("%s: redis-lite answered\n%q\nredis-server answered\n%q", cv.name, got, want)
		}
	}
}

// debugObjectVolatile are the parts of DEBUG OBJECT's line that differ
// between two servers holding the same value: its address and its access
// clock.
var debugObjectVolatile = regexp.MustCompile(`Value at:0x[0-9a-f]+ | lru:\d+ lru_seconds_idle:\d+`)

// TestDebugObjectAndDigestMatchRedis stores the same values in both
// servers, numbers and strings of every size, repetitive (LZF compresses
// them) and random (it cannot): DEBUG OBJECT's refcount, encoding and
// serialized length, and the digests, must be Redis's.
func TestDebugObjectAndDigestMatchRedis(t *testing.T) {
	redis := dialRESP(t, startRedisServer(t, "--enable-debug-command", "yes"))
	lite := dialRESP(t, startDaemon(t, "--enable-debug-command", "yes").addr)
	rng := rand.New(rand.NewPCG(1, 2))
	values := []string{"0", "1", "-1", "127", "128", "-129", "9999", "10000", "32767", "32768", "-32769",
		"2147483647", "2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808",
		"9223372036854775808", "007", "1.5", "", "x", "12345678901", "123456789012",
		strings.Repeat("a", 20), strings.Repeat("a", 21), strings.Repeat("a", 25), strings.Repeat("ab", 100),
		strings.Repeat("hello world ", 50), strings.Repeat("x", 20000), strings.Repeat("0123456789", 1000)}
	for _, n := range []int{21, 30, 64, 300, 5000} {
		random := make([]byte, n)
		for i := range random {
			random[i] = byte(rng.IntN(256))
		}
		values = append(values, string(random))
		// Random, but from four letters: compressible in places.
		for i := range random {
			random[i] = "acgt"[rng.IntN(4)]
		}
		values = append(values, string(random))
	}
	for i, v := range values {
		key := "k" + strconv.Itoa(i)
		for _, c := range []*respConn{redis, lite} {
			c.call("SET", key, v)
		}
		got := debugObjectVolatile.ReplaceAllString(lite.call("DEBUG", "OBJECT", key), "")
		want := debugObjectVolatile.ReplaceAllString(redis.call("DEBUG", "OBJECT", key), "")
		if got != want {
			t.Errorf("DEBUG OBJECT of %q (%d bytes): got %q, want %q", v[:min(len(v), 30)], len(v), got, want)
		}
	}
	// Sets: integers (an intset, at each width), strings (a hashtable),
	// and an intset turned hashtable by its size.
	sets := [][]string{{"1", "2", "3"}, {"-5", "40000"}, {"1", "5000000000"}, {"a", "b", strings.Repeat("c", 30)}, {"1", "x"}}
	var big []string
	for i := range 600 {
		big = append(big, strconv.Itoa(i*7))
	}
	sets = append(sets, big)
	for i, members := range sets {
		key := "set" + strconv.Itoa(i)
		for _, c := range []*respConn{redis, lite} {
			c.call(append([]string{"SADD", key}, members...)...)
		}
		got := debugObjectVolatile.ReplaceAllString(lite.call("DEBUG", "OBJECT", key), "")
		want := debugObjectVolatile.ReplaceAllString(redis.call("DEBUG", "OBJECT", key), "")
		if got != want {
			t.Errorf("DEBUG OBJECT of the set %q: got %q, want %q", members[:min(len(members), 3)], got, want)
		}
	}
	// Hashes: small (a listpack: integers of each width, strings of each
	// length class) and big (a hashtable).
	hashes := [][]string{{"f", "v"}, {"1", "2", "-1", "300", "a", "-5000", "b", "70000", "c", "-9000000", "d", "3000000000"},
		{"long", strings.Repeat("x", 100), "longer", strings.Repeat("y", 63), "n", "9223372036854775807"},
		{"many", strings.Repeat("ab", 60)}}
	var bigHash []string
	for i := range 600 {
		bigHash = append(bigHash, "field"+strconv.Itoa(i), strconv.Itoa(i*i))
	}
	hashes = append(hashes, bigHash)
	for i, pairs := range hashes {
		key := "hash" + strconv.Itoa(i)
		for _, c := range []*respConn{redis, lite} {
			c.call(append([]string{"HSET", key}, pairs...)...)
		}
		got := debugObjectVolatile.ReplaceAllString(lite.call("DEBUG", "OBJECT", key), "")
		want := debugObjectVolatile.ReplaceAllString(redis.call("DEBUG", "OBJECT", key), "")
		if got != want {
			t.Errorf("DEBUG OBJECT of the hash %q: got %q, want %q", pairs[:min(len(pairs), 4)], got, want)
		}
	}
	// Sorted sets: small (a listpack: whole, fractional, signed-zero and
	// infinite scores, integer members) and big (a skiplist).
	zsetArgs := [][]string{{"1", "a"}, {"1.5", "b", "-0", "c", "0", "d", "+inf", "e", "-inf", "f", "1e300", "g", "123", "456"},
		{"4611686018427387904", "big", "0.1", strings.Repeat("m", 80)}}
	var bigZSet []string
	for i := range 300 {
		bigZSet = append(bigZSet, strconv.Itoa(i)+".25", "member"+strconv.Itoa(i))
	}
	zsetArgs = append(zsetArgs, bigZSet)
	for i, pairs := range zsetArgs {
		key := "zset" + strconv.Itoa(i)
		for _, c := range []*respConn{redis, lite} {
			c.call(append([]string{"ZADD", key}, pairs...)...)
		}
		got := debugObjectVolatile.ReplaceAllString(lite.call("DEBUG", "OBJECT", key), "")
		want := debugObjectVolatile.ReplaceAllString(redis.call("DEBUG", "OBJECT", key), "")
		if got != want {
			t.Errorf("DEBUG OBJECT of the sorted set %q: got %q, want %q", pairs[:min(len(pairs), 4)], got, want)
		}
	}
	// Lists: one node, integers of every width, many nodes, elements too
	// big to share a node; then a count fill and compressed inner nodes.
	var long, wide []string
	for i := range 3000 {
		long = append(long, "element-"+strconv.Itoa(i*i))
	}
	for i := range 6 {
		wide = append(wide, strings.Repeat(strconv.Itoa(i), 3000+i*1000))
	}
	listCases := []struct {
		fill, depth string
		elems       []string
	}{
		{"-2", "0", []string{"a", "b", "1", "-1", "300", "70000", "-9000000", "3000000000", strings.Repeat("z", 100)}},
		{"-2", "0", long}, {"-2", "0", wide}, {"-1", "0", long}, {"5", "0", long[:23]}, {"0", "0", long[:7]},
		{"-2", "1", long}, {"-2", "2", append(append([]string{}, wide...), long...)},
	}
	for i, lc := range listCases {
		key := "list" + strconv.Itoa(i)
		var replies [2]string
		for j, c := range []*respConn{redis, lite} {
			// Redis's list keeps the settings it was made with; here they
			// are read when asked (debug_list.go), so ask before resetting.
			c.call("CONFIG", "SET", "list-max-listpack-size", lc.fill, "list-compress-depth", lc.depth)
			c.call(append([]string{"RPUSH", key}, lc.elems...)...)
			replies[j] = debugObjectVolatile.ReplaceAllString(c.call("DEBUG", "OBJECT", key), "")
			c.call("CONFIG", "SET", "list-max-listpack-size", "-2", "list-compress-depth", "0")
		}
		if replies[1] != replies[0] {
			t.Errorf("DEBUG OBJECT of list case %d: got %q, want %q", i, replies[1], replies[0])
		}
	}
	for _, c := range []*respConn{redis, lite} {
		c.call("EXPIRE", "k3", "1000")
		c.call("SELECT", "5")
		c.call("SET", "k0", "in five")
		c.call("SELECT", "0")
	}
	for _, req := range [][]string{{"DEBUG", "DIGEST"}, {"DEBUG", "DIGEST-VALUE", "k0", "k3", "k40", "set0", "set3", "set5", "hash1", "hash4", "zset1", "zset2", "zset3",
		"list0", "list1", "list2", "nosuch"}} {
		if got, want := lite.call(req...), redis.call(req...); got != want {
			t.Errorf("%v: got %q, want %q", req, got, want)
		}
	}
}

// slowlogEntry is one SLOWLOG GET entry as respConn reads it: the
// arguments and the client's name (its id, time, duration and address
// differ between servers).
type slowlogEntry struct {
	args []string
	name string
}

// slowlogEntries reads SLOWLOG GET -1, newest first.
func slowlogEntries(t *testing.T, c *respConn) []slowlogEntry {
	t.Helper()
	reply := c.call("SLOWLOG", "GET", "-1")
	lines := strings.Split(strings.TrimSuffix(reply, "\r\n"), "\r\n")
	var entries []slowlogEntry
	next := func() string {
		if len(lines) == 0 {
			t.Fatalf("SLOWLOG GET: reply cut short: %q", reply)
		}
		l := lines[0]
		lines = lines[1:]
		return l
	}
	bulk := func() string {
		n, _ := strconv.Atoi(strings.TrimPrefix(next(), "$"))
		s := next()
		for len(s) < n { // a bulk string holding \r\n
			s += "\r\n" + next()
		}
		return s
	}
	count, _ := strconv.Atoi(strings.TrimPrefix(next(), "*"))
	for range count {
		if l := next(); l != "*6" {
			t.Fatalf("SLOWLOG GET: entry header %q in %q", l, reply)
		}
		next() // id
		next() // time
		next() // microseconds
		nargs, _ := strconv.Atoi(strings.TrimPrefix(next(), "*"))
		var e slowlogEntry
		for range nargs {
			e.args = append(e.args, bulk())
		}
		if addr := bulk(); !strings.HasPrefix(addr, "127.0.0.1:") {
			t.Errorf("SLOWLOG GET: client address %q", addr)
		}
		e.name = bulk()
		entries = append(entries, e)
	}
	return entries
}

// TestSlowlogLogsAsRedis runs the same commands against both servers with
// every command logged, and compares what each logged: trimmed arguments,
// secrets hidden, EXEC left out but the commands it ran logged, and the
// client's name. Then the limits: slowlog-max-len and the threshold.
func TestSlowlogLogsAsRedis(t *testing.T) {
	redisAddr := startRedisServer(t, "--enable-debug-command", "yes")
	eachModel(t, func(t *testing.T, model string) {
		lite := dialRESP(t, startDaemon(t, "--io", model, "--enable-debug-command", "yes").addr)
		redis := dialRESP(t, redisAddr)
		many := []string{"MSET"}
		for i := range 20 {
			many = append(many, "key"+strconv.Itoa(i), "v")
		}
		script := [][]string{
			{"CONFIG", "SET", "slowlog-log-slower-than", "0"}, {"SLOWLOG", "RESET"},
			{"CLIENT", "SETNAME", "logged"},
			many, {"SET", "long", strings.Repeat("A", 129)}, {"SET", "exact", strings.Repeat("B", 128)},
			{"AUTH", "secret"}, {"AUTH", "user", "secret"}, {"CONFIG", "SET", "requirepass", "", "maxmemory", "0"},
			{"MULTI"}, {"SET", "a", "1"}, {"EXEC"},
			{"CONFIG", "SET", "slowlog-log-slower-than", "-1"},
		}
		for _, c := range []*respConn{redis, lite} {
			for _, req := range script {
				c.call(req...)
			}
		}
		got, want := slowlogEntries(t, lite), slowlogEntries(t, redis)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the slow log:\nredis-lite   %q\nredis-server %q", got, want)
		}
		if len(got) < 10 || got[0].args[0] != "SET" || got[0].name != "logged" {
			t.Errorf("the newest entry should be the SET run by EXEC, named: %q", got)
		}

		// slowlog-max-len trims at the next entry; DEBUG SLEEP is slow
		// enough for a threshold of 200 ms, which a GET on a loaded
		// machine under -race is not.
		lite.call("CONFIG", "SET", "slowlog-max-len", "2")
		lite.call("CONFIG", "SET", "slowlog-log-slower-than", "200000")
		checkReply(t, "length before the next entry", lite.call("SLOWLOG", "LEN"), ":"+strconv.Itoa(len(got))+"\r\n")
		lite.call("GET", "fast")
		checkReply(t, "a fast command is not logged", lite.call("SLOWLOG", "LEN"), ":"+strconv.Itoa(len(got))+"\r\n")
		lite.call("DEBUG", "SLEEP", "0.25")
		checkReply(t, "trimmed to slowlog-max-len", lite.call("SLOWLOG", "LEN"), ":2\r\n")
		if e := slowlogEntries(t, lite); e[0].args[0] != "DEBUG" {
			t.Errorf("the newest entry: %q", e)
		}
		checkReply(t, "GET 1", strings.Count(lite.call("SLOWLOG", "GET", "1"), "*6\r\n"), 1)
		checkReply(t, "GET 0", lite.call("SLOWLOG", "GET", "0"), "*0\r\n")
	})
}

// TestLatencyMonitor records a slow command and checks what LATENCY
// reports of it, and that fast commands under the threshold are not
// recorded.
func TestLatencyMonitor(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		c := dialRESP(t, startDaemon(t, "--io", model, "--enable-debug-command", "yes").addr)
		checkReply(t, "nothing yet", c.call("LATENCY", "LATEST"), "*0\r\n")
		if doctor := c.call("LATENCY", "DOCTOR"); !strings.Contains(doctor, "latency-monitor-threshold") {
			t.Errorf("DOCTOR while off should say how to turn it on: %q", doctor)
		}
		c.call("CONFIG", "SET", "latency-monitor-threshold", "200")
		c.call("GET", "k")
		c.call("DEBUG", "SLEEP", "0.25")
		latest := c.call("LATENCY", "LATEST")
		fields := strings.Split(latest, "\r\n")
		if len(fields) < 7 || fields[0] != "*1" || fields[3] != "command" {
			t.Fatalf("LATEST after one slow command: %q", latest)
		}
		if ms, _ := strconv.Atoi(strings.TrimPrefix(fields[5], ":")); ms < 250 || ms > 5000 {
			t.Errorf("LATEST latency %d ms for a 250 ms sleep: %q", ms, latest)
		}
		if h := c.call("LATENCY", "HISTORY", "command"); !strings.HasPrefix(h, "*1\r\n*2\r\n:") {
			t.Errorf("HISTORY: %q", h)
		}
		if g := c.call("LATENCY", "GRAPH", "command"); !strings.Contains(g, "command - high ") {
			t.Errorf("GRAPH: %q", g)
		}
		if d := c.call("LATENCY", "DOCTOR"); !strings.Contains(d, "1. command: 1 spikes") {
			t.Errorf("DOCTOR: %q", d)
		}
		checkReply(t, "RESET of another case", c.call("LATENCY", "RESET", "COMMAND"), ":1\r\n")
		checkReply(t, "after RESET", c.call("LATENCY", "LATEST"), "*0\r\n")
	})
}

// histogramLevels are the labels Redis's LATENCY HISTOGRAM uses, from
// redis-server 7.0.15.
var histogramLevels = map[string]bool{":1": true, ":2": true, ":4": true, ":8": true, ":16": true, ":33": true,
	":66": true, ":132": true, ":264": true, ":528": true, ":1056": true, ":2113": true, ":4227": true}

func TestLatencyHistogram(t *testing.T) {
	c := dialRESP(t, startDaemon(t).addr)
	c.call("CONFIG", "RESETSTAT")
	c.call("SET", "a", "b")
	c.call("SET", "a", "b")
	c.call("CLIENT", "ID")
	h := c.call("LATENCY", "HISTOGRAM", "set", "client", "nosuch")
	lines := strings.Split(h, "\r\n")
	// *2 (commands) $3 set *4 $5 calls :2 $14 histogram_usec *2n ...
	if lines[0] != "*4" || lines[2] != "set" || lines[6] != ":2" || lines[8] != "histogram_usec" {
		t.Fatalf("HISTOGRAM: %q", h)
	}
	if !histogramLevels[lines[10]] {
		t.Errorf("HISTOGRAM level %s is none of Redis's: %q", lines[10], h)
	}
	if !strings.Contains(h, "client|id") {
		t.Errorf("HISTOGRAM of a container should list its subcommands: %q", h)
	}
}

// TestDebugReloadKeepsTheDataSet: DEBUG RELOAD and DEBUG LOADAOF go
// through the append-only file and give back the same data set (DEBUG
// DIGEST), expiry times, other databases and transactions included, and
// the file goes on recording afterwards.
func TestDebugReloadKeepsTheDataSet(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		c := dialRESP(t, startDaemon(t, "--io", model, "--enable-debug-command", "yes", "--appendonly", "yes",
			"--dir", t.TempDir()).addr)
		for _, req := range [][]string{{"SET", "a", "1"}, {"INCR", "a"}, {"SET", "b", "v", "EX", "1000"},
			{"MULTI"}, {"INCRBY", "a", "5"}, {"APPEND", "b", "w"}, {"EXEC"},
			{"SADD", "ints", "1", "2", "3"}, {"SADD", "strs", "x", "y"}, {"SREM", "strs", "x"},
			{"SELECT", "2"}, {"SET", "a", "two"}, {"SELECT", "0"}} {
			c.call(req...)
		}
		before := c.call("DEBUG", "DIGEST")
		if before == "+"+strings.Repeat("0", 40)+"\r\n" {
			t.Fatalf("digest of a data set: %q", before)
		}
		for _, req := range [][]string{{"DEBUG", "RELOAD"}, {"DEBUG", "LOADAOF"}, {"DEBUG", "RELOAD", "NOSAVE"}} {
			checkReply(t, strings.Join(req, " "), c.call(req...), "+OK\r\n")
			checkReply(t, "digest after "+strings.Join(req, " "), c.call("DEBUG", "DIGEST"), before)
		}
		checkReply(t, "a", c.call("GET", "a"), "$1\r\n7\r\n")
		if ttl := c.call("TTL", "b"); ttl == ":-1\r\n" || ttl == ":-2\r\n" {
			t.Errorf("TTL after reload: %q", ttl)
		}
		c.call("SET", "later", "x")
		checkReply(t, "LOADAOF", c.call("DEBUG", "LOADAOF"), "+OK\r\n")
		checkReply(t, "a write after the reload was recorded", c.call("GET", "later"), "$1\r\nx\r\n")
		c.call("MULTI")
		c.call("SET", "in-tx", "1")
		c.call("DEBUG", "LOADAOF")
		checkReply(t, "LOADAOF inside EXEC", c.call("EXEC"), "*2\r\n+OK\r\n-ERR DEBUG RELOAD and LOADAOF cannot run inside MULTI here: "+
			"the append only file holds the transaction's changes until EXEC ends\r\n")
		checkReply(t, "LOADAOF after EXEC", c.call("DEBUG", "LOADAOF"), "+OK\r\n")
		checkReply(t, "the transaction's write", c.call("GET", "in-tx"), "$1\r\n1\r\n")
		checkReply(t, "NOFLUSH", c.call("DEBUG", "RELOAD", "NOFLUSH"),
			"-ERR DEBUG RELOAD NOFLUSH is not supported: the data set is reloaded from the append only file, which holds commands, not a snapshot to merge\r\n")

		c.call("CONFIG", "SET", "appendonly", "no")
		checkReply(t, "LOADAOF with the file off", c.call("DEBUG", "LOADAOF"),
			"-ERR the append only file is off (turn it on with CONFIG SET appendonly yes)\r\n")
		checkReply(t, "the data is left alone", c.call("GET", "later"), "$1\r\nx\r\n")
		// RELOAD goes through a snapshot file of its own instead.
		c.call("SADD", "set", "a", "b", "1")
		digest := c.call("DEBUG", "DIGEST")
		checkReply(t, "RELOAD with the file off", c.call("DEBUG", "RELOAD"), "+OK\r\n")
		checkReply(t, "the digest after RELOAD", c.call("DEBUG", "DIGEST"), digest)
		checkReply(t, "a set after RELOAD", c.call("SCARD", "set"), ":3\r\n")
	})
}

// TestDebugReloadWhileOthersWrite: clients writing while DEBUG RELOAD and
// LOADAOF run neither deadlock nor lose an acknowledged write: each
// reload runs alone, and every write before it is in the file it loads.
func TestDebugReloadWhileOthersWrite(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		addr := startDaemon(t, "--io", model, "--enable-debug-command", "yes", "--appendonly", "yes",
			"--appendfsync", "always", "--dir", t.TempDir()).addr
		const writers, writes = 3, 200
		done := make(chan string, writers)
		for w := range writers {
			c := dialRESP(t, addr)
			go func() {
				for i := range writes {
					if r := c.roundTrip(respRequest("INCR", "counter"+strconv.Itoa(w))); !strings.HasPrefix(r, ":") {
						done <- fmt.Sprintf("INCR %d: %q", i, r)
						return
					}
				}
				done <- ""
			}()
		}
		admin := dialRESP(t, addr)
		for i := 0; i < 10; i++ {
			sub := []string{"RELOAD", "LOADAOF"}[i%2]
			checkReply(t, "DEBUG "+sub, admin.call("DEBUG", sub), "+OK\r\n")
		}
		for range writers {
			if msg := <-done; msg != "" {
				t.Fatal(msg)
			}
		}
		checkReply(t, "a last LOADAOF", admin.call("DEBUG", "LOADAOF"), "+OK\r\n")
		for w := range writers {
			checkReply(t, "every acknowledged INCR", admin.call("GET", "counter"+strconv.Itoa(w)), "$3\r\n200\r\n")
		}
	})
}
