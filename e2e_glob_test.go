package main

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// globKeys are the keys both servers hold while patterns are compared: the
// empty key, the bytes the pattern syntax uses, and runs long enough for a
// naive matcher to take exponential time.
var globKeys = []string{
	"", "a", "b", "ab", "ba", "aab", "abab", "abc", "a*b", "a?b", "[a]", "]", "[",
	"^", "-", `\`, `a\`, `a\b`, "user:1", "user:", "users", "h]llo", "a-z", "A",
	strings.Repeat("a", 40), strings.Repeat("ab", 20), strings.Repeat("a", 2000),
}

// globPatterns are the cases where the rules are easiest to get wrong; the
// test adds random ones over the same alphabet.
var globPatterns = []string{
	"*", "**", "", "?", "a*", "*a", "*b*", "a*b", "[ab]", "[^a]", "[a-]", "[]]",
	"[^]", "[", "a[", `\`, `a\`, `[\`, `[\]]`, `\*`, "[b-a]*", "[a-b-c]", "*[",
	"user:*", "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", strings.Repeat("*a", 1000),
	strings.Repeat("*a", 1001), strings.Repeat("a*", 1001), strings.Repeat("a*", 1001) + "a",
}

func randomGlobPattern(r *rand.Rand) string {
	const alphabet = `ab*?[]^-\`
	b := make([]byte, 1+r.IntN(8))
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// TestGlobMatchesRedis sends the same KEYS patterns to the daemon and to
// redis-server over the same keys: the lists must be the same keys.
func TestGlobMatchesRedis(t *testing.T) {
	ctx := context.Background()
	ref := redis.NewClient(&redis.Options{Addr: startRedisServer(t), Protocol: 2})
	defer ref.Close()
	lite := startDaemon(t).goRedis()
	for _, k := range globKeys {
		for _, c := range []*redis.Client{ref, lite} {
			if err := c.Set(ctx, k, "v", 0).Err(); err != nil {
				t.Fatal(err)
			}
		}
	}
	patterns := slices.Clone(globPatterns)
	r := rand.New(rand.NewPCG(1, 2))
	for range 400 {
		patterns = append(patterns, randomGlobPattern(r))
	}
	deadline := time.Now().Add(time.Minute)
	for _, p := range patterns {
		want, err := ref.Keys(ctx, p).Result()
		if err != nil {
			t.Fatal(err)
		}
		got, err := lite.Keys(ctx, p).Result()
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("KEYS %.40q (%d bytes): redis-lite %.200q, redis-server %.200q", p, len(p), got, want)
		}
		if time.Now().After(deadline) {
			t.Fatal("comparing took over a minute")
		}
	}
}

// TestE2EPathologicalPatternReturns: KEYS and SCAN MATCH with the pattern
// of Redis's CVE-2022-36021 (it never returned with 20 stars) answer, and a
// client of the same daemon is served right after them, in either I/O
// model. The deadlines only prove that they return; the times are in
// BenchmarkGlobPathological and scripts/bench_longcmd.sh.
func TestE2EPathologicalPatternReturns(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		rdb := d.goRedis()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		key := strings.Repeat("a", 40)
		pattern := strings.Repeat("a*", 20) + "b"
		for i := range 1000 {
			rdb.Set(ctx, key+strconv.Itoa(i), "v", 0)
		}
		if keys, err := rdb.Keys(ctx, pattern).Result(); err != nil || len(keys) != 0 {
			t.Fatalf("KEYS: %q, %v; want no keys", keys, err)
		}
		if keys, cursor, err := rdb.Scan(ctx, 0, pattern, 100000).Result(); err != nil || len(keys) != 0 || cursor != 0 {
			t.Fatalf("SCAN: %q cursor %d, %v; want no keys, cursor 0", keys, cursor, err)
		}
		other := d.dial()
		if got := other.do("DBSIZE"); got != "(integer) 1000" {
			t.Fatalf("DBSIZE from another client: %q", got)
		}
	})
}
