package executor

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"redis-lite/store"
)

// lzfDecompress undoes lzfCompress's format (lzf.go), to prove what the
// compressor counts is a valid compression of its input.
func lzfDecompress(in []byte) []byte {
	var out []byte
	for i := 0; i < len(in); {
		ctrl := int(in[i])
		i++
		if ctrl < 1<<5 {
			out = append(out, in[i:i+ctrl+1]...)
			i += ctrl + 1
			continue
		}
		n := ctrl >> 5
		if n == 7 {
			n += int(in[i])
			i++
		}
		ref := len(out) - (ctrl&0x1f)<<8 - int(in[i]) - 1
		i++
		for j := range n + 2 {
			out = append(out, out[ref+j])
		}
	}
	return out
}

func TestLZFRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	inputs := [][]byte{[]byte(strings.Repeat("a", 21)), []byte(strings.Repeat("hello world ", 500)),
		[]byte(strings.Repeat("0123456789", 1000))}
	for _, n := range []int{100, 9000, 70000} {
		b := make([]byte, n)
		for i := range b {
			b[i] = "acgt"[rng.IntN(4)]
		}
		inputs = append(inputs, b)
	}
	for _, in := range inputs {
		packed := lzfCompress(in, len(in)-4)
		if packed == nil {
			t.Errorf("%d bytes from %q did not compress", len(in), in[:10])
			continue
		}
		if got := lzfDecompress(packed); !bytes.Equal(got, in) {
			t.Errorf("%d bytes from %q: the round trip gives %d bytes", len(in), in[:10], len(got))
		}
	}
	random := make([]byte, 1000)
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	if n := lzfCompressedLen(random, len(random)-4); n != 0 {
		t.Errorf("random bytes compressed to %d", n)
	}
}

// The sizes are redis-server 7.0.15's DEBUG OBJECT serializedlength.
func TestRDBStringLength(t *testing.T) {
	tests := []struct {
		value string
		isInt bool
		want  int
	}{
		{"1", true, 2}, {"127", false, 2}, {"-128", false, 2}, {"128", false, 3}, {"32768", true, 5},
		{"2147483648", true, 11}, {"123456789012", true, 13}, {"007", false, 4}, {"hello", false, 6},
		{"", false, 1}, {strings.Repeat("x", 100), false, 13},
		{"the quick brown fox jumps over the lazy dog the quick brown fox", false, 55},
	}
	for _, tt := range tests {
		if got := rdbStringLength([]byte(tt.value), tt.isInt); got != tt.want {
			t.Errorf("rdbStringLength(%q) = %d, want %d", tt.value, got, tt.want)
		}
	}
}

// The digests are redis-server 7.0.15's for the same data.
func TestDigestsMatchRedis(t *testing.T) {
	ex := New(store.New(), Config{EnableDebug: true})
	if out, _ := converse(t, ex, "DEBUG DIGEST\r\n"); out != "+"+strings.Repeat("0", 40)+"\r\n" {
		t.Errorf("empty: %q", out)
	}
	out, _ := converse(t, ex, "SET k0 0\r\nDEBUG DIGEST\r\nDEBUG DIGEST-VALUE k0 nosuch\r\nSET a 1\r\nDEBUG DIGEST-VALUE a\r\n")
	want := "+OK\r\n+9960b16917b33b0b3966e6ebc5b15eeed72ae5aa\r\n*2\r\n+403caba7fb4a79868915d512a58297f27db01a40\r\n+" +
		strings.Repeat("0", 40) + "\r\n+OK\r\n*1\r\n+b4fc66738120fba0b5aa500ab5c2bf89cea1c5da\r\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestDebugRunsAloneInsideEXEC: DIGEST runs alone, and so does EXEC; one
// inside the other must neither deadlock nor unlock twice.
func TestDebugRunsAloneInsideEXEC(t *testing.T) {
	ex := New(store.New(), Config{EnableDebug: true})
	done := make(chan string, 1)
	go func() {
		out, _ := converse(t, ex, "MULTI\r\nDEBUG DIGEST\r\nDEBUG RELOAD\r\nEXEC\r\nPING\r\n")
		done <- out
	}()
	select {
	case out := <-done:
		want := "+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n+" + strings.Repeat("0", 40) +
			"\r\n-ERR the append only file is off (turn it on with CONFIG SET appendonly yes)\r\n+PONG\r\n"
		if out != want {
			t.Fatalf("got %q, want %q", out, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("DEBUG DIGEST inside EXEC did not return")
	}
}

func TestDebugStringMatchTestSurvives(t *testing.T) {
	defer func(n int) { stringMatchRounds = n }(stringMatchRounds)
	stringMatchRounds = 10000
	ex := New(store.New(), Config{EnableDebug: true})
	if out, _ := converse(t, ex, "DEBUG STRINGMATCH-TEST\r\n"); out != "+Apparently Redis did not crash: test passed\r\n" {
		t.Fatalf("got %q", out)
	}
}

func TestListpackBytes(t *testing.T) {
	var lp listpack
	for _, e := range []string{"a", "1", "-1", "300", strings.Repeat("s", 64)} {
		lp.append([]byte(e))
	}
	want := []byte{0x55, 0, 0, 0, 5, 0, // 85 bytes, 5 elements
		0x81, 'a', 2, // a 1-byte string
		0x01, 1, // 1 in 7 bits
		0xDF, 0xFF, 2, // -1 in 13 bits
		0xC1, 0x2C, 2, // 300 in 13 bits
		0xE0, 64} // a 64-byte string: a 12-bit length
	want = append(want, strings.Repeat("s", 64)...)
	want = append(want, 66, 0xFF)
	if got := lp.bytes(); !bytes.Equal(got, want) {
		t.Fatalf("got  % x\nwant % x", got, want)
	}
}
