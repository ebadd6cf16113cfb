package main

import (
	"strings"
	"testing"
)

// stringConversations exercise every string and bit command of issue 15,
// normal and error cases, each compared byte for byte with redis-server.
// Nothing in them depends on timing beyond whole seconds of TTL.
var stringConversations = []conversation{
	{"GETSET, GETRANGE, SUBSTR, SETRANGE, STRLEN", false, [][]string{
		{"FLUSHALL"},
		{"GETSET", "k", "v1"}, {"SET", "k", "hello", "EX", "100"}, {"GETSET", "k", "v2"}, {"TTL", "k"},
		{"GETSET", "k"},
		{"SET", "k", "hello"},
		{"GETRANGE", "k", "0", "-1"}, {"GETRANGE", "k", "-3", "-1"}, {"GETRANGE", "k", "-1", "-3"},
		{"GETRANGE", "k", "1", "4294967297"}, {"GETRANGE", "k", "-100", "1"}, {"GETRANGE", "nokey", "0", "-1"},
		{"GETRANGE", "k", "a", "1"}, {"GETRANGE", "k", "0", "1.5"}, {"GETRANGE", "k", "0"},
		{"SUBSTR", "k", "1", "3"}, {"SUBSTR", "k"},
		{"SETRANGE", "k", "7", "xy"}, {"GET", "k"}, {"SETRANGE", "k", "-1", "x"}, {"SETRANGE", "k", "x", "x"},
		{"SETRANGE", "k", "536870911", "xy"}, {"SETRANGE", "k", "9223372036854775807", "x"},
		{"SETRANGE", "k", "536870911", ""}, {"SETRANGE", "new", "0", ""}, {"EXISTS", "new"},
		{"SETRANGE", "new", "3", "abc"}, {"GET", "new"}, {"SETRANGE", "k", "1"},
		{"SET", "n", "1234"}, {"STRLEN", "n"}, {"SETRANGE", "n", "1", "99"}, {"GET", "n"},
		{"EXPIRE", "n", "100"}, {"SETRANGE", "n", "0", "x"}, {"TTL", "n"},
		{"SET", "i", "-12345678901"}, {"STRLEN", "i"}, {"GETRANGE", "i", "0", "2"},
	}},
	{"INCRBYFLOAT", false, [][]string{
		{"FLUSHALL"},
		{"INCRBYFLOAT", "f", "10.5"}, {"INCRBYFLOAT", "f", "0.1"}, {"INCRBYFLOAT", "f", "-10.6"},
		{"INCRBYFLOAT", "f", "1e20"}, {"INCRBYFLOAT", "f", "3.0e-3"}, {"INCRBYFLOAT", "f", "0x10"},
		{"INCRBYFLOAT", "g", "-0.00000000000000000001"}, {"INCRBYFLOAT", "g", "1.5e308"},
		{"INCRBYFLOAT", "h", "0.1234567890123456789"}, {"INCRBYFLOAT", "h", "123456789012345678901234567890"},
		{"INCRBYFLOAT", "h", "1e4933"}, {"INCRBYFLOAT", "h", "1e-5000"}, {"INCRBYFLOAT", "h", "+inf"},
		{"INCRBYFLOAT", "h", "-Infinity"}, {"INCRBYFLOAT", "h", "nan"}, {"INCRBYFLOAT", "h", " 1"},
		{"INCRBYFLOAT", "h", "1 "}, {"INCRBYFLOAT", "h", "1e"}, {"INCRBYFLOAT", "h", ".5"}, {"INCRBYFLOAT", "h", "5."},
		{"INCRBYFLOAT", "h", "."}, {"INCRBYFLOAT", "h", "0x1p-2"}, {"INCRBYFLOAT", "h", "1\x00"},
		{"INCRBYFLOAT", "h", strings.Repeat("1", 5200)},
		{"SET", "big", "1e4932"}, {"INCRBYFLOAT", "big", "1e4932"},
		{"SET", "inf", "inf"}, {"INCRBYFLOAT", "inf", "1"},
		{"SET", "text", "abc"}, {"INCRBYFLOAT", "text", "1"},
		{"SET", "n", "17179869184"}, {"EXPIRE", "n", "100"}, {"INCRBYFLOAT", "n", "1.5"}, {"TTL", "n"},
		{"INCRBYFLOAT", "n"},
	}},
	{"LCS", false, [][]string{
		{"FLUSHALL"},
		{"MSET", "a", "ohmytext", "b", "mynewtext"},
		{"LCS", "a", "b"}, {"LCS", "a", "b", "LEN"}, {"LCS", "a", "b", "IDX"}, {"LCS", "a", "b", "idx", "withmatchlen"},
		{"LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"}, {"LCS", "a", "b", "IDX", "MINMATCHLEN", "-3"},
		{"LCS", "a", "b", "LEN", "IDX"}, {"LCS", "a", "b", "MINMATCHLEN"}, {"LCS", "a", "b", "MINMATCHLEN", "x"},
		{"LCS", "a", "b", "FOO"}, {"LCS", "a", "nokey"}, {"LCS", "nokey", "nokey", "IDX"}, {"LCS", "a"},
		{"MSET", "c", "ABCBDAB", "d", "BDCABA"}, {"LCS", "c", "d", "IDX", "WITHMATCHLEN"}, {"LCS", "d", "c", "IDX"},
	}},
	{"EXPIRETIME and PEXPIRETIME", false, [][]string{
		{"FLUSHALL"},
		{"EXPIRETIME", "k"}, {"PEXPIRETIME", "k"}, {"SET", "k", "v"}, {"EXPIRETIME", "k"},
		{"PEXPIREAT", "k", "33177600000499"}, {"EXPIRETIME", "k"}, {"PEXPIRETIME", "k"},
		{"PEXPIREAT", "k", "33177600000500"}, {"EXPIRETIME", "k"}, {"EXPIRETIME"}, {"PEXPIRETIME", "a", "b"},
	}},
	{"SETBIT and GETBIT", false, [][]string{
		{"FLUSHALL"},
		{"SETBIT", "b", "7", "1"}, {"SETBIT", "b", "7", "1"}, {"SETBIT", "b", "7", "0"}, {"GET", "b"},
		{"SETBIT", "b", "100", "1"}, {"STRLEN", "b"}, {"SETBIT", "b", "-1", "1"}, {"SETBIT", "b", "x", "1"},
		{"SETBIT", "b", "1", "2"}, {"SETBIT", "b", "1", "-1"}, {"SETBIT", "b", "1", "x"},
		{"SETBIT", "b", "4294967296", "1"}, {"SETBIT", "b", "1"},
		{"GETBIT", "b", "100"}, {"GETBIT", "b", "99999"}, {"GETBIT", "nokey", "0"}, {"GETBIT", "b", "-1"},
		{"GETBIT", "b", "4294967296"}, {"GETBIT", "b", "#1"}, {"SET", "n", "12"}, {"GETBIT", "n", "2"},
	}},
	{"BITCOUNT and BITPOS", false, [][]string{
		{"FLUSHALL"},
		{"SET", "s", "foobar"}, {"BITCOUNT", "s"}, {"BITCOUNT", "s", "1", "1"}, {"BITCOUNT", "s", "1", "1", "BYTE"},
		{"BITCOUNT", "s", "5", "30", "bit"}, {"BITCOUNT", "s", "-1", "-2", "FOO"}, {"BITCOUNT", "s", "0"},
		{"BITCOUNT", "s", "0", "1", "BIT", "x"}, {"BITCOUNT", "s", "a", "b"}, {"BITCOUNT", "s", "0", "1", "FOO"},
		{"BITCOUNT", "nokey", "0"}, {"BITCOUNT", "s", "0", "4294967296"},
		{"BITCOUNT", "s", "-9223372036854775808", "9223372036854775807"},
		{"BITCOUNT", "s", "9223372036854775807", "9223372036854775807"}, {"BITCOUNT", "s", "-100", "-1", "BIT"},
		{"BITCOUNT"},
		{"BITPOS", "s", "1"}, {"BITPOS", "s", "0"}, {"BITPOS", "nokey", "0"}, {"BITPOS", "nokey", "1"},
		{"BITPOS", "nokey", "2"}, {"BITPOS", "s", "2"}, {"BITPOS", "s", "x"}, {"BITPOS", "s", "1", "2"},
		{"BITPOS", "s", "0", "2", "-1"}, {"BITPOS", "s", "1", "7", "15", "BIT"}, {"BITPOS", "s", "1", "a"},
		{"BITPOS", "s", "1", "0", "b"}, {"BITPOS", "s", "1", "0", "1", "FOO"}, {"BITPOS", "s", "1", "0", "1", "BIT", "x"},
		{"SET", "ff", "\xff\xff\xff"}, {"BITPOS", "ff", "0"}, {"BITPOS", "ff", "0", "1"}, {"BITPOS", "ff", "0", "0", "-1"},
		{"BITPOS", "ff", "0", "3", "20", "BIT"}, {"BITPOS", "ff", "1", "5", "4", "BIT"},
		{"SET", "zz", "\x00\x00\x01"}, {"BITPOS", "zz", "1"}, {"BITPOS", "zz", "1", "0", "1"},
		{"BITPOS", "zz", "1", "23", "23", "BIT"}, {"BITPOS", "zz", "0", "22", "23", "BIT"},
		{"SET", "e", ""}, {"BITCOUNT", "e"}, {"BITPOS", "e", "0"}, {"BITPOS", "e", "1"}, {"BITPOS", "s"},
	}},
	{"BITOP", false, [][]string{
		{"FLUSHALL"},
		{"MSET", "a", "foobar", "b", "abcdef", "long", "0123456789012345678901234567890123456789"},
		{"BITOP", "AND", "d", "a", "b"}, {"GET", "d"}, {"BITOP", "or", "d", "a", "b"}, {"GET", "d"},
		{"BITOP", "XOR", "d", "a", "b", "nokey"}, {"GET", "d"}, {"BITOP", "NOT", "d", "a"}, {"GET", "d"},
		{"BITOP", "AND", "d", "long", "a"}, {"GET", "d"}, {"BITOP", "XOR", "d", "long", "long"}, {"GET", "d"},
		{"BITOP", "NOT", "d", "a", "b"}, {"BITOP", "NAND", "d", "a"}, {"BITOP", "and\x00", "d", "a"},
		{"SET", "d", "x"}, {"EXPIRE", "d", "100"}, {"BITOP", "OR", "d", "a"}, {"TTL", "d"},
		{"BITOP", "AND", "d", "nokey1", "nokey2"}, {"EXISTS", "d"}, {"BITOP", "AND", "d"},
	}},
	{"BITFIELD and BITFIELD_RO", false, [][]string{
		{"FLUSHALL"},
		{"BITFIELD", "f", "SET", "i8", "0", "100", "GET", "i8", "0"}, {"BITFIELD", "f", "INCRBY", "i8", "0", "100"},
		{"BITFIELD", "f", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "-200"},
		{"BITFIELD", "f", "OVERFLOW", "FAIL", "INCRBY", "i8", "0", "-1", "GET", "i8", "0"},
		{"BITFIELD", "f", "SET", "u8", "0", "-1"}, {"BITFIELD", "f", "OVERFLOW", "SAT", "SET", "u8", "0", "300"},
		{"BITFIELD", "f", "OVERFLOW", "WRAP", "SET", "i8", "0", "300"},
		{"BITFIELD", "f", "OVERFLOW", "SAT", "SET", "i8", "0", "-9223372036854775808"},
		{"BITFIELD", "f", "SET", "i64", "8", "-9223372036854775808", "INCRBY", "i64", "8", "-1"},
		{"BITFIELD", "f", "OVERFLOW", "SAT", "INCRBY", "i64", "8", "-1", "INCRBY", "u63", "8", "-1"},
		{"BITFIELD", "f", "SET", "u2", "#3", "1", "GET", "u2", "#3", "INCRBY", "u2", "#3", "5"}, {"GET", "f"},
		{"BITFIELD", "f", "GET", "u64", "0"}, {"BITFIELD", "f", "GET", "i65", "0"}, {"BITFIELD", "f", "GET", "x8", "0"},
		{"BITFIELD", "f", "GET", "i0", "0"}, {"BITFIELD", "f", "GET", "i8\x00z", "0"}, {"BITFIELD", "f", "GET", "i8", "-1"},
		{"BITFIELD", "f", "GET", "i8", "#-1"}, {"BITFIELD", "f", "GET", "i8", "#67108864"}, {"BITFIELD", "f", "GET", "i8", "4294967295"},
		{"BITFIELD", "f", "OVERFLOW", "foo"}, {"BITFIELD", "f", "OVERFLOW"}, {"BITFIELD", "f", "GET"},
		{"BITFIELD", "f", "GET", "i8"}, {"BITFIELD", "f", "SET", "i8", "0"}, {"BITFIELD", "f", "FOO"},
		{"BITFIELD", "f", "SET", "i8", "0", "x"}, {"BITFIELD", "f"}, {"BITFIELD"},
		{"BITFIELD", "nokey", "GET", "i8", "0", "GET", "u4", "100"}, {"EXISTS", "nokey"},
		{"BITFIELD", "nk", "OVERFLOW", "FAIL", "INCRBY", "u8", "8", "300"}, {"GET", "nk"},
		{"BITFIELD_RO", "f", "GET", "i8", "0"}, {"BITFIELD_RO", "f", "SET", "i8", "0", "1"},
		{"BITFIELD_RO", "f", "GET", "i8", "0", "SET", "i8", "0", "1", "GET", "i9", "0"}, {"BITFIELD_RO", "f"},
	}},
}

// TestStringCommandsMatchRedis holds the string and bit commands up
// against redis-server, byte for byte, in both I/O models.
func TestStringCommandsMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for _, cv := range stringConversations {
			t.Run(cv.name, func(t *testing.T) {
				if got, want := converse(t, lite, cv), converse(t, redis, cv); got != want {
					t.Fatalf("redis-lite answered\n%q\nredis-server answered\n%q", got, want)
				}
			})
		}
	})
}

// TestE2EStringWritesAreLoggedAsResults: the append-only file records
// what INCRBYFLOAT, SETRANGE, SETBIT, BITOP and BITFIELD produced (a SET
// of the resulting value), never the command, so a replay cannot round a
// float differently; a restart gives back the same values.
func TestE2EStringWritesAreLoggedAsResults(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--appendonly", "yes", "--appendfsync", "always", "--dir", dir}
	before, file, restarted := logAndStop(t, dir, args, []string{"INCRBYFLOAT f 10.5", "INCRBYFLOAT f 0.1",
		"SETRANGE r 2 ab", "SETBIT b 9 1", "BITOP NOT n b", "BITFIELD bf SET u8 8 200", "GETSET g v", "SETBIT b 9 1"})
	want := aofRecord("SET", "f", "10.5") + aofRecord("SET", "f", "10.6") + aofRecord("SET", "r", "\x00\x00ab") +
		aofRecord("SET", "b", "\x00\x40") + aofRecord("SET", "n", "\xff\xbf") + aofRecord("SET", "bf", "\x00\xc8") +
		aofRecord("SET", "g", "v") // the last SETBIT changed nothing: not logged
	if !strings.HasSuffix(file, want) {
		t.Fatalf("the file ends\n%q\nwant it to end\n%q", file, want)
	}
	if after := restarted(); after != before {
		t.Fatalf("after the restart:\n%s\nbefore:\n%s", after, before)
	}
}

// TestStringReadsCountKeyspaceHits: each command counts its key lookups in
// INFO's keyspace_hits and keyspace_misses as redis-server does (reads
// count, SETRANGE's and INCRBYFLOAT's write lookups do not).
func TestStringReadsCountKeyspaceHits(t *testing.T) {
	cv := conversation{"keyspace hits", false, [][]string{
		{"FLUSHALL"}, {"CONFIG", "RESETSTAT"}, {"SET", "a", "x"}, {"SET", "e", ""},
		{"GETSET", "a", "y"}, {"GETSET", "n", "y"}, {"GETRANGE", "a", "0", "1"}, {"GETRANGE", "q", "0", "1"},
		{"SETRANGE", "a", "0", "z"}, {"INCRBYFLOAT", "f", "1"}, {"LCS", "a", "q"}, {"SETBIT", "b", "1", "1"},
		{"GETBIT", "q", "1"}, {"BITCOUNT", "b"}, {"BITPOS", "q", "1"}, {"BITOP", "AND", "d", "a", "e", "q"},
		{"BITFIELD", "q", "GET", "i8", "0"}, {"BITFIELD", "b", "SET", "i8", "0", "1"}, {"BITFIELD_RO", "b", "GET", "i8", "0"},
		{"EXPIRETIME", "a"}, {"PEXPIRETIME", "q"}, {"STRLEN", "a"}, {"TTL", "q"},
	}}
	// INFO on a second connection: redis-lite adds a connection's counts
	// to the totals once it has answered the requests it read together.
	info := conversation{"INFO", false, [][]string{{"INFO", "stats"}}}
	counts := func(reply string) string {
		var lines []string
		for _, line := range strings.Split(reply, "\r\n") {
			if strings.HasPrefix(line, "keyspace_hits:") || strings.HasPrefix(line, "keyspace_misses:") {
				lines = append(lines, line)
			}
		}
		return strings.Join(lines, " ")
	}
	redis := startRedisServer(t)
	lite := startDaemon(t).addr
	converse(t, lite, cv)
	converse(t, redis, cv)
	got, want := counts(converse(t, lite, info)), counts(converse(t, redis, info))
	if got != want || want == "" {
		t.Fatalf("redis-lite counts %q, redis-server %q", got, want)
	}
}
