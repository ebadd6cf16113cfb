// Command soak puts a running redis-lite under a long mixed load and then
// checks that nothing was lost and nothing leaked (see scripts/soak.sh):
//
//   - clients (default 1,000) on loopback, half speaking plaintext and half
//     RESP, SET and GET keys of their own, checking every reply, and now
//     and then hang up (cleanly or with a reset) and reconnect;
//   - a few hostile clients send garbage, oversized headers and
//     half-requests, and reconnect;
//   - afterwards every acknowledged SET is read back with its value, the
//     daemon's descriptor count must return to where it started, and its
//     RSS must have stopped growing.
//
// Everything is bounded in time (-duration) and stops by itself.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var (
	addr     = flag.String("addr", "127.0.0.1:6379", "the daemon (loopback only)")
	pid      = flag.Int("pid", 0, "the daemon's process id, for descriptors and RSS")
	clients  = flag.Int("clients", 1000, "concurrent well-behaved clients")
	hostile  = flag.Int("hostile", 5, "concurrent hostile clients")
	duration = flag.Duration("duration", 60*time.Second, "how long the load runs")
	keysEach = flag.Int("keys", 50, "keys per client (the key space stays bounded, so memory should plateau)")
)

// ledger is what one client knows it stored: the last acknowledged value
// of each key, and a write whose acknowledgement was lost (either value
// may then be there).
type ledger struct {
	acked   map[string]string
	pending map[string]string
}

type stats struct {
	ops, writes, reconnects, resets, hostileConns, errors atomic.Int64
}

func main() {
	flag.Parse()
	if host, _, err := net.SplitHostPort(*addr); err != nil || !net.ParseIP(host).IsLoopback() {
		fail("-addr must be a loopback address")
	}
	baselineFDs := countFDs()
	admin, err := dial(false)
	if err != nil {
		fail("connecting for MEMORY PURGE: " + err.Error())
	}
	startRSS := purgedRSS(admin)
	fmt.Printf("soak: %d clients + %d hostile for %v against %s; daemon fds at start %d, RSS %s\n",
		*clients, *hostile, *duration, *addr, baselineFDs, human(startRSS))

	var st stats
	began := time.Now()
	ledgers := make([]*ledger, *clients)
	var wg sync.WaitGroup
	for i := 0; i < *clients; i++ {
		ledgers[i] = &ledger{acked: map[string]string{}, pending: map[string]string{}}
		wg.Add(1)
		go func(i int) { defer wg.Done(); runClient(i, i%2 == 0, ledgers[i], &st) }(i)
	}
	for i := 0; i < *hostile; i++ {
		wg.Add(1)
		go func(i int) { defer wg.Done(); runHostile(i, &st) }(i)
	}
	rssSamples, paused := sampleUnderLoad(admin, &st)
	wg.Wait()
	loadTime := time.Since(began) - paused

	failures := 0
	if n := st.errors.Load(); n > 0 {
		fmt.Printf("FAIL: %d wrong replies or unexpected errors during the load\n", n)
		failures++
	}
	lost, checked := verify(ledgers)
	fmt.Printf("soak: read back %d acknowledged keys: %d lost or wrong\n", checked, lost)
	if lost > 0 || checked == 0 {
		failures++
	}
	admin.c.Close() // it was not open at the baseline
	fds := waitForFDs(baselineFDs)
	fmt.Printf("soak: daemon fds at start %d, after the load %d\n", baselineFDs, fds)
	if fds > baselineFDs {
		failures++
		fmt.Println("FAIL: descriptors leaked")
	}
	if !plateaued(rssSamples) {
		failures++
		fmt.Println("FAIL: RSS was still growing in the second half of the run")
	}
	fmt.Printf("soak: %d operations, %d writes, %d reconnects (%d with a reset), %d hostile connections, %.0f ops/s\n",
		st.ops.Load(), st.writes.Load(), st.reconnects.Load(), st.resets.Load(), st.hostileConns.Load(),
		float64(st.ops.Load())/loadTime.Seconds())
	if failures > 0 {
		fmt.Printf("soak: %d checks failed\n", failures)
		os.Exit(1)
	}
	fmt.Println("soak: every acknowledged write read back, descriptors back to baseline, RSS flat")
}

// conn is a client connection speaking plaintext or RESP.
type conn struct {
	c     net.Conn
	r     *bufio.Reader
	plain bool
}

func dial(plain bool) (*conn, error) {
	c, err := net.DialTimeout("tcp", *addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	return &conn{c: c, r: bufio.NewReader(c), plain: plain}, nil
}

// do sends one command and returns its reply as text: a status, value or
// error line, "(nil)" for a missing value.
func (c *conn) do(args ...string) (string, error) {
	c.c.SetDeadline(time.Now().Add(30 * time.Second))
	var req strings.Builder
	if c.plain {
		req.WriteString(strings.Join(args, " ") + "\n")
	} else {
		fmt.Fprintf(&req, "*%d\r\n", len(args))
		for _, a := range args {
			fmt.Fprintf(&req, "$%d\r\n%s\r\n", len(a), a)
		}
	}
	if _, err := c.c.Write([]byte(req.String())); err != nil {
		return "", err
	}
	line, err := c.r.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if c.plain {
		return line, nil
	}
	switch {
	case line == "$-1":
		return "(nil)", nil
	case strings.HasPrefix(line, "$"):
		body, err := c.r.ReadString('\n')
		return strings.TrimRight(body, "\r\n"), err
	case strings.HasPrefix(line, "+"), strings.HasPrefix(line, "-"):
		return line[1:], nil
	}
	return line, nil
}

// runClient runs one well-behaved client until the load stops.
func runClient(id int, plain bool, l *ledger, st *stats) {
	rng := rand.New(rand.NewPCG(uint64(id), 7))
	var c *conn
	for n := 0; ; n++ {
		gate.RLock()
		if stopped.Load() {
			gate.RUnlock()
			break
		}
		var ok bool
		c, ok = clientStep(id, n, plain, c, l, st, rng)
		gate.RUnlock()
		if !ok {
			return
		}
	}
	if c != nil {
		c.c.Close()
	}
}

// clientStep is one operation of a client, connecting first if it has
// no connection: a SET (one in three) or a GET of one of its keys, and
// now and then a hang-up. It returns the connection to go on with, and
// false if the client cannot go on.
func clientStep(id, n int, plain bool, c *conn, l *ledger, st *stats, rng *rand.Rand) (*conn, bool) {
	if c == nil {
		var err error
		if c, err = dial(plain); err != nil {
			st.errors.Add(1)
			fmt.Printf("client %d: dial: %v\n", id, err)
			return nil, false
		}
	}
	key := fmt.Sprintf("soak:%d:%d", id, rng.IntN(*keysEach))
	if rng.IntN(3) == 0 {
		value := fmt.Sprintf("v%d-%d", id, n)
		l.pending[key] = value
		reply, err := c.do("SET", key, value)
		if err != nil {
			return hangUp(c, st, rng), true
		}
		if reply != "OK" {
			st.errors.Add(1)
			fmt.Printf("client %d: SET %s: %q\n", id, key, reply)
			return hangUp(c, st, rng), true
		}
		l.acked[key] = value // acknowledged: it must be there at the end
		delete(l.pending, key)
		st.writes.Add(1)
	} else {
		reply, err := c.do("GET", key)
		if err != nil {
			return hangUp(c, st, rng), true
		}
		if !l.possible(key, reply) {
			st.errors.Add(1)
			fmt.Printf("client %d: GET %s = %q, acknowledged %q\n", id, key, reply, l.acked[key])
		}
	}
	st.ops.Add(1)
	if rng.IntN(500) == 0 {
		return hangUp(c, st, rng), true
	}
	return c, true
}

// possible reports whether reply can be the value at key: the last
// acknowledged value, a write whose acknowledgement was lost, or nothing if
// nothing was acknowledged.
func (l *ledger) possible(key, reply string) bool {
	acked, ok := l.acked[key]
	if p, isPending := l.pending[key]; isPending && reply == p {
		return true
	}
	if !ok {
		return reply == "(nil)"
	}
	return reply == acked
}

// hangUp closes a connection, half the time with a reset, and counts it.
func hangUp(c *conn, st *stats, rng *rand.Rand) *conn {
	if rng.IntN(2) == 0 {
		c.c.(*net.TCPConn).SetLinger(0)
		st.resets.Add(1)
	}
	c.c.Close()
	st.reconnects.Add(1)
	return nil
}

var garbage = []string{
	"*abc\r\n", "*1\r\n:1\r\n", "*1\r\n$-7\r\n", "SET k \"unbalanced\n", "*" + strings.Repeat("9", 70000),
	"*2\r\n$3\r\nGET\r\n$536870912\r\nnever sent", "\x00\x01\x02\xff\xfe", strings.Repeat(" ", 80000) + "\n",
	"*3\r\n$3\r\nSET\r\n$1\r\nk", "GET\n", "NOSUCHCOMMAND x y\n",
}

// runHostile runs one hostile client until the load stops: connect, send
// one piece of garbage, then reset or wait (at most 2 s) for the daemon's
// answer, and again.
func runHostile(id int, st *stats) {
	rng := rand.New(rand.NewPCG(uint64(id), 99))
	for {
		gate.RLock()
		if stopped.Load() {
			gate.RUnlock()
			return
		}
		if c, err := net.DialTimeout("tcp", *addr, 10*time.Second); err == nil {
			st.hostileConns.Add(1)
			c.SetDeadline(time.Now().Add(2 * time.Second))
			c.Write([]byte(garbage[rng.IntN(len(garbage))]))
			if rng.IntN(2) == 0 {
				c.(*net.TCPConn).SetLinger(0)
			} else {
				c.Read(make([]byte, 512))
			}
			c.Close()
		}
		gate.RUnlock()
	}
}

// verify reads back every key of every ledger on a fresh connection.
func verify(ledgers []*ledger) (lost, checked int) {
	c, err := dial(false)
	if err != nil {
		fail("verify: " + err.Error())
	}
	defer c.c.Close()
	for _, l := range ledgers {
		for key := range l.acked {
			reply, err := c.do("GET", key)
			if err != nil {
				fail("verify: " + err.Error())
			}
			checked++
			if !l.possible(key, reply) {
				lost++
				fmt.Printf("LOST %s: %q, acknowledged %q\n", key, reply, l.acked[key])
			}
		}
	}
	return lost, checked
}

// waitForFDs waits (at most 20 s) for the daemon's descriptors to return to
// baseline, and returns the count it saw last.
func waitForFDs(baseline int) int {
	end := time.Now().Add(20 * time.Second)
	for {
		n := countFDs()
		if n <= baseline || time.Now().After(end) {
			return n
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func countFDs() int {
	ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", *pid))
	if err != nil {
		fail("counting the daemon's descriptors: " + err.Error())
	}
	return len(ents)
}

func human(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func fail(msg string) {
	fmt.Println("soak: FAIL:", msg)
	os.Exit(1)
}
