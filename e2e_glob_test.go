package main

import (
	"context"
	"math/rand/v2"
	"slices"
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
