package main

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"redis-lite/hll"
)

// hllPair sends each request to redis-lite and to redis-server and fails
// the test when the replies differ in any byte.
type hllPair struct {
	t         *testing.T
	lite, ref *respConn
}

func newHLLPair(t *testing.T, model string) *hllPair {
	t.Helper()
	ref := startRedisServer(t)
	lite := startDaemon(t, "--io", model)
	return &hllPair{t: t, lite: dialRESP(t, lite.addr), ref: dialRESP(t, ref)}
}

func (p *hllPair) same(args ...string) string {
	p.t.Helper()
	got, want := p.lite.call(args...), p.ref.call(args...)
	if got != want {
		p.t.Fatalf("%s: redis-lite answered\n%.300q\nredis-server answered\n%.300q", shortArgs(args), got, want)
	}
	return want
}

// shortArgs prints a request for a failure message, long arguments cut.
func shortArgs(args []string) string {
	var parts []string
	for _, a := range args {
		if len(a) > 40 {
			a = a[:40] + "..." + strconv.Itoa(len(a)) + " bytes"
		}
		parts = append(parts, strconv.Quote(a))
	}
	return strings.Join(parts, " ")
}

// bulkValue is the value of a bulk reply ("$n\r\nvalue\r\n").
func bulkValue(reply string) string {
	_, rest, _ := strings.Cut(reply, "\r\n")
	return strings.TrimSuffix(rest, "\r\n")
}

// randomElement is 0 to 20 random bytes, often printable, sometimes not.
func randomElement(r *rand.Rand) string {
	b := make([]byte, r.IntN(21))
	binary := r.IntN(4) == 0
	for i := range b {
		if binary {
			b[i] = byte(r.Uint32())
		} else {
			b[i] = byte('!' + r.IntN(94))
		}
	}
	return string(b)
}

// TestHyperLogLogMatchesRedis: random PFADD sequences, small and large,
// under several hll-sparse-max-bytes limits (so values cross the sparse
// to dense promotion at different sizes), then PFCOUNT, PFMERGE of mixed
// encodings and PFCOUNT of several keys: every reply, and every value as
// GET returns it, must be redis-server's byte for byte. The same PFADDs
// run through package hll directly must also give redis-server's bytes.
func TestHyperLogLogMatchesRedis(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		p := newHLLPair(t, model)
		for _, req := range [][]string{
			{"PFADD"}, {"PFCOUNT"}, {"PFMERGE"}, {"PFDEBUG", "GETREG"}, {"PFDEBUG", "GETREG", "nokey", "x"},
			{"PFDEBUG", "GETREG", "nokey"}, {"PFDEBUG", "NOSUCH", "nokey"}, {"PFSELFTEST", "x"},
			{"PFCOUNT", "nokey"}, {"PFCOUNT", "nokey", "nokey2"}, {"PFMERGE", "nokey"}, {"GET", "nokey"},
			{"CONFIG", "GET", "hll-sparse-max-bytes"}, {"CONFIG", "SET", "hll-sparse-max-bytes", "1kb"},
			{"CONFIG", "GET", "hll-sparse-max-bytes"}, {"CONFIG", "SET", "hll-sparse-max-bytes", "-1"},
			{"CONFIG", "SET", "hll-sparse-max-bytes", "x"}, {"CONFIG", "GET", "hll-*"},
		} {
			p.same(req...)
		}
		seed := uint64(time.Now().UnixNano())
		t.Logf("seed %d", seed)
		r := rand.New(rand.NewPCG(seed, 15))
		sizes := []int{0, 1, 3, 20, 150, 700, 1500, 2500, 6000}
		for _, limit := range []int64{3000, 0, 150, 12000} {
			p.same("CONFIG", "SET", "hll-sparse-max-bytes", strconv.FormatInt(limit, 10))
			p.same("FLUSHALL")
			var keys []string
			for i := 0; i < 6; i++ {
				key := "h" + strconv.Itoa(i)
				keys = append(keys, key)
				p.addRandom(r, key, sizes[r.IntN(len(sizes))], limit)
			}
			p.same("PFADD", keys[0])
			p.same("PFDEBUG", "TODENSE", keys[1])
			for j := 0; j < 8; j++ {
				dest := "m" + strconv.Itoa(j)
				if r.IntN(2) == 0 {
					dest = keys[r.IntN(len(keys))]
				}
				args := []string{"PFMERGE", dest}
				for k := r.IntN(4); k >= 0; k-- {
					args = append(args, keys[r.IntN(len(keys))])
				}
				args = append(args, "missing")
				p.same(args...)
				p.same("GET", dest)
				p.same("PFDEBUG", "ENCODING", dest)
				p.same("PFCOUNT", dest)
				p.same("GET", dest)
				p.same(append([]string{"PFCOUNT"}, args[1:]...)...)
			}
		}
	})
}

// TestPFSelfTest: PFSELFTEST answers OK, as redis-server does. It adds
// ten million elements, so it runs in one I/O model only.
func TestPFSelfTest(t *testing.T) {
	p := newHLLPair(t, "epoll")
	p.same("PFSELFTEST")
}

// addRandom PFADDs n random elements (some repeated) to key in batches,
// with a PFCOUNT now and then, comparing each reply and the value.
func (p *hllPair) addRandom(r *rand.Rand, key string, n int, limit int64) {
	p.t.Helper()
	local := hll.New()
	var seen []string
	for added := 0; added < n; {
		args := []string{"PFADD", key}
		for k := 1 + r.IntN(64); k > 0 && added < n; k-- {
			e := randomElement(r)
			if len(seen) > 0 && r.IntN(10) == 0 {
				e = seen[r.IntN(len(seen))]
			}
			seen = append(seen, e)
			args = append(args, e)
			added++
		}
		p.same(args...)
		changed := added == len(args)-2 // the first PFADD creates the key
		for _, e := range args[2:] {
			c, _ := local.Add([]byte(e), limit)
			changed = changed || c
		}
		if changed {
			local.InvalidateCache() // as PFADD does; otherwise the cached estimate stays
		}
		want := bulkValue(p.same("GET", key))
		if string(local.Bytes()) != want {
			p.t.Fatalf("package hll after %d elements (limit %d): %d bytes %.80q..., redis-server %d bytes %.80q...",
				added, limit, len(local.Bytes()), local.Bytes(), len(want), want)
		}
		if r.IntN(8) == 0 {
			count := p.same("PFCOUNT", key)
			n, _ := strconv.ParseUint(strings.TrimSpace(count[1:]), 10, 64)
			local.SetCachedCount(n)
		}
	}
	if n == 0 {
		p.same("PFADD", key)
	}
	p.same("GET", key)
	p.same("PFDEBUG", "ENCODING", key)
	p.same("PFDEBUG", "DECODE", key)
	p.same("PFCOUNT", key)
	p.same("GET", key)
	p.same("PFDEBUG", "GETREG", key)
}

// denseValue is a dense HLL whose every register holds v, with a stale
// cached estimate.
func denseValue(v uint8) string {
	regs := make([]byte, hll.DenseSize-hll.HeaderSize+1)
	for i := 0; i < hll.NumRegisters; i++ {
		bit := i * 6
		w := uint(regs[bit/8]) | uint(regs[bit/8+1])<<8 | uint(v)<<(bit%8)
		regs[bit/8], regs[bit/8+1] = byte(w), byte(w>>8)
	}
	return "HYLL\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80" + string(regs[:len(regs)-1])
}

// TestHyperLogLogCorruptValuesMatchRedis: values that are not HLLs, or
// are HLLs with broken or odd opcodes (set with SET, as Redis's own
// tests do, and random byte changes to real HLLs, as its fuzzing test
// does), get redis-server's replies from every command, and the values
// the writing commands leave are redis-server's.
func TestHyperLogLogCorruptValuesMatchRedis(t *testing.T) {
	const sparseHeader = "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80"
	fixed := map[string]string{
		"not an HLL":           "bar",
		"empty":                "",
		"magic only":           "HYLL",
		"header, no opcodes":   sparseHeader,
		"broken magic":         "HYLX" + sparseHeader[4:] + "\x7f\xff",
		"encoding 2":           "HYLL\x02" + sparseHeader[5:] + "\x7f\xff",
		"sparse marked dense":  "HYLL\x00" + sparseHeader[5:] + "\x7f\xff",
		"additional at tail":   sparseHeader + "\x7f\xff" + "hello",
		"runs too short":       sparseHeader + "\x7f\xfe",
		"VAL past the end":     sparseHeader + "\x7f\xff\xff",
		"ZERO past the end":    sparseHeader + "\x7f\xc0\x3f\x3f",
		"fresh cache, corrupt": "HYLL\x01\x00\x00\x00\x07\x00\x00\x00\x00\x00\x00\x00" + "\x7f\xfe",
		"XZERO cut short":      sparseHeader + "\x3f\x3f\x3f\x3e\x7f",
		"joinable VALs":        sparseHeader + "\x80\x80\x80\x80\x80\x80\x7f\xf9",
		"dense, all 1":         denseValue(1),
		"dense, all 33":        denseValue(33),
		"dense, all 50":        denseValue(50),
		"dense, all 63":        denseValue(63),
		"dense, one short":     denseValue(2)[:hll.DenseSize-1],
	}
	eachModel(t, func(t *testing.T, model string) {
		p := newHLLPair(t, model)
		for name, value := range fixed {
			t.Run(name, func(t *testing.T) {
				p.t = t
				p.tryEveryCommand(value)
			})
		}
		seed := uint64(time.Now().UnixNano())
		t.Logf("seed %d", seed)
		r := rand.New(rand.NewPCG(seed, 15))
		p.t = t
		for i := 0; i < 60; i++ {
			// A real HLL, sparse or dense, with one to five bytes changed.
			args := []string{"PFADD", "base"}
			for n := r.IntN(3000); n > 0; n-- {
				args = append(args, strconv.Itoa(r.IntN(1e9)))
			}
			p.ref.call("DEL", "base")
			p.ref.call(args...)
			value := []byte(bulkValue(p.ref.call("GET", "base")))
			for k := 0; k < 5; k++ {
				value[r.IntN(len(value))] = byte(r.Uint32())
				if r.IntN(2) == 0 {
					break
				}
			}
			p.tryEveryCommand(string(value))
		}
	})
}

// tryEveryCommand sets key c to value on both servers and compares what
// each HLL command answers and leaves. Commands that may edit a value run
// on a fresh copy each and are followed by GET only: Redis's in-place
// sparse edit can leave a byte past the value's end that it reads back
// later, which no copy of the value carries (see package hll).
func (p *hllPair) tryEveryCommand(value string) {
	p.t.Helper()
	p.same("FLUSHALL")
	p.same("SET", "c", value)
	p.same("SET", "ok", bulkValue(p.ref.call("GET", "c"))) // a copy to read after others' edits
	p.same("PFADD", "other", "x", "y")
	for _, req := range [][]string{
		{"PFDEBUG", "ENCODING", "c"}, {"PFDEBUG", "DECODE", "c"}, {"PFCOUNT", "c", "other"},
		{"PFCOUNT", "other", "c"}, {"PFCOUNT", "c"}, {"GET", "c"}, {"PFDEBUG", "NOSUCH", "c"},
	} {
		p.same(req...)
	}
	for _, edit := range [][]string{
		{"PFADD", "c", "a", "b", "c", "abcdefgh", "abcd", "hello world, 17b!"},
		{"PFADD", "c"},
		{"PFMERGE", "c", "other"},
		{"PFMERGE", "c"},
		{"PFMERGE", "dest", "c", "other"},
		{"PFMERGE", "other", "c"},
		{"PFDEBUG", "TODENSE", "c"},
		{"PFDEBUG", "GETREG", "c"},
	} {
		p.same("SET", "c", value)
		p.same("DEL", "dest")
		p.same("PFADD", "other", "x", "y")
		p.same(edit...)
		p.same("GET", edit[1])
		p.same("GET", "dest")
	}
}

// TestHyperLogLogConcurrentAddsLoseNothing: clients adding to one key at
// once, while another counts it (each count may write the cached
// estimate back), lose no element: the registers end as one client
// adding everything would leave them.
func TestHyperLogLogConcurrentAddsLoseNothing(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		const clients, adds = 6, 200
		want := hll.New()
		conns := make([]*respConn, clients)
		for i := range conns {
			conns[i] = dialRESP(t, d.addr)
			for j := 0; j < adds; j++ {
				want.Add([]byte(strconv.Itoa(i*adds+j)), 3000)
			}
		}
		counter := dialRESP(t, d.addr)
		done := make(chan string, clients)
		for i, c := range conns {
			go func() {
				for j := 0; j < adds; j++ {
					if reply := c.roundTrip(respRequest("PFADD", "k", strconv.Itoa(i*adds+j))); reply != ":1\r\n" && reply != ":0\r\n" {
						done <- reply
						return
					}
				}
				done <- ""
			}()
		}
		for finished := 0; finished < clients; {
			select {
			case failure := <-done:
				if failure != "" {
					t.Fatalf("PFADD answered %q", failure)
				}
				finished++
			default:
				if reply := counter.call("PFCOUNT", "k"); reply[0] != ':' {
					t.Fatalf("PFCOUNT answered %q", reply)
				}
			}
		}
		var regs strings.Builder
		for _, v := range want.Registers() {
			regs.WriteString(":" + strconv.Itoa(int(v)) + "\r\n")
		}
		if got := counter.call("PFDEBUG", "GETREG", "k"); got != "*16384\r\n"+regs.String() {
			t.Fatal("the registers are not those of every element added")
		}
		estimate, _ := want.Estimate()
		if got := counter.call("PFCOUNT", "k"); got != ":"+strconv.FormatUint(estimate, 10)+"\r\n" {
			t.Fatalf("PFCOUNT = %q, want %d", got, estimate)
		}
	})
}

// TestHyperLogLogSurvivesRestart: with the append-only file, HLL values
// come back byte for byte after a restart, the cached estimate a PFCOUNT
// wrote included.
func TestHyperLogLogSurvivesRestart(t *testing.T) {
	args := []string{"--appendonly", "yes", "--dir", t.TempDir()}
	d := startDaemon(t, args...)
	c := dialRESP(t, d.addr)
	c.call("PFADD", "small", "a", "b", "c")
	for i := 0; i < 3000; i++ {
		c.call("PFADD", "big", strconv.Itoa(i))
	}
	c.call("PFCOUNT", "small")
	c.call("PFMERGE", "both", "small", "big")
	c.call("PFADD", "stale", "x")
	var before []string
	for _, k := range []string{"small", "big", "both", "stale"} {
		before = append(before, c.call("GET", k))
	}
	if status, _ := d.stop(); status != 0 {
		t.Fatalf("exit status %d", status)
	}
	again := dialRESP(t, startDaemon(t, args...).addr)
	for i, k := range []string{"small", "big", "both", "stale"} {
		if got := again.call("GET", k); got != before[i] {
			t.Fatalf("%s after the restart: %.80q, before: %.80q", k, got, before[i])
		}
	}
}
