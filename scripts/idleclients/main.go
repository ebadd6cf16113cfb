// Command idleclients opens many connections to a loopback redis-lite and
// then leaves them idle, for the lessons about holding connections
// (scripts/c10k.sh, scripts/lesson-backlog.sh; the networking document's
// section 11).
//
// Each connection sends one PING and waits a short while (-reply-wait) for
// the answer, which sorts it into one of:
//
//	served   answered PONG: a worker or an event loop is looking after it
//	waiting  no answer in time: accepted, but nobody reads it (in the worker
//	         model it sits in the queue behind busy workers)
//	refused  told "-ERR max number of clients reached", or closed, by the
//	         daemon
//	failed   connect(2) did not complete within -dial-timeout, or anything
//	         else went wrong
//
// It prints one line of key=value counts for scripts to parse, then holds
// every served and waiting connection open, doing nothing, until its
// standard input reaches end of file or -hold passes, and closes them.
//
// Go's net package multiplexes every socket on one epoll instance, so
// holding ten thousand connections here costs a few kilobytes each and no
// thread per connection: the client side of the experiment is itself an
// event loop.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"
)

var (
	addr        = flag.String("addr", "127.0.0.1:6379", "the daemon (loopback only)")
	count       = flag.Int("n", 1000, "connections to open")
	dialers     = flag.Int("dialers", 200, "connect(2) calls in flight at once")
	dialTimeout = flag.Duration("dial-timeout", 5*time.Second, "how long one connect may take before it counts as failed")
	replyWait   = flag.Duration("reply-wait", 2*time.Second, "how long a PING's answer may take before the client counts as waiting")
	hold        = flag.Duration("hold", 10*time.Minute, "the longest the connections are held; end of stdin releases them sooner")
	slowConnect = flag.Duration("slow-connect", 500*time.Millisecond, "a connect slower than this is counted as slow (the first SYN retransmission comes after 1 s)")
)

// outcome is what became of one connection.
type outcome int

const (
	served outcome = iota
	waiting
	refused
	failed
)

// result is one connection's outcome, how long its connect took, and
// what it read if it was turned away.
type result struct {
	what    outcome
	conn    net.Conn // kept open when served or waiting
	connect time.Duration
	said    string
}

func main() {
	flag.Parse()
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		fmt.Fprintln(os.Stderr, "idleclients: -addr must be a loopback address")
		os.Exit(2)
	}
	start := time.Now()
	results := openAll(*count)
	report(results, time.Since(start))
	held := 0
	for _, r := range results {
		if r.conn != nil {
			held++
		}
	}
	waitForRelease(*hold)
	for _, r := range results {
		if r.conn != nil {
			r.conn.Close()
		}
	}
	fmt.Printf("idleclients: released %d connections\n", held)
}

// openAll opens n connections, at most -dialers connecting at a time, and
// returns once every one has been sorted.
func openAll(n int) []result {
	results := make([]result, n)
	slots := make(chan struct{}, max(*dialers, 1))
	var wg sync.WaitGroup
	for i := range results {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = openOne(func() { <-slots })
		}()
	}
	wg.Wait()
	return results
}

// openOne connects, calls connected (which frees the dialing slot, so the
// wait for the reply does not hold up the next connect), sends PING and
// sorts the connection by the answer.
func openOne(connected func()) result {
	began := time.Now()
	c, err := net.DialTimeout("tcp", *addr, *dialTimeout)
	took := time.Since(began)
	connected()
	if err != nil {
		return result{what: failed, connect: took, said: err.Error()}
	}
	r := result{connect: took}
	if _, err := c.Write([]byte("*1\r\n$4\r\nPING\r\n")); err != nil {
		c.Close()
		r.what, r.said = refused, err.Error()
		return r
	}
	c.SetReadDeadline(time.Now().Add(*replyWait))
	line, err := bufio.NewReader(c).ReadString('\n')
	c.SetReadDeadline(time.Time{})
	var timeout net.Error
	switch {
	case err == nil && line == "+PONG\r\n":
		r.what, r.conn = served, c
	case errors.As(err, &timeout) && timeout.Timeout() && line == "":
		r.what, r.conn = waiting, c
	case strings.HasPrefix(line, "-"), err == io.EOF, err != nil && isReset(err):
		// The daemon answered with an error and closed, or closed (or
		// reset) without a word: either way it turned us away.
		c.Close()
		r.what, r.said = refused, strings.TrimSpace(line)
		if r.said == "" {
			r.said = fmt.Sprint(err)
		}
	default:
		c.Close()
		r.what, r.said = failed, fmt.Sprintf("%q %v", line, err)
	}
	return r
}

func isReset(err error) bool {
	return strings.Contains(err.Error(), "connection reset by peer")
}

// report prints the counts as one key=value line, then one example of each
// way a client was turned away or failed.
func report(results []result, elapsed time.Duration) {
	var n [4]int
	var slow int
	var slowest time.Duration
	said := map[outcome]string{}
	for _, r := range results {
		n[r.what]++
		if r.connect > *slowConnect {
			slow++
		}
		slowest = max(slowest, r.connect)
		if r.said != "" && said[r.what] == "" {
			said[r.what] = r.said
		}
	}
	fmt.Printf("idleclients: asked=%d served=%d waiting=%d refused=%d failed=%d slow_connects=%d slowest_connect=%.2fs elapsed=%.2fs\n",
		len(results), n[served], n[waiting], n[refused], n[failed], slow, slowest.Seconds(), elapsed.Seconds())
	if s := said[refused]; s != "" {
		fmt.Printf("idleclients: a refused client got: %s\n", s)
	}
	if s := said[failed]; s != "" {
		fmt.Printf("idleclients: a failed client got: %s\n", s)
	}
}

// waitForRelease returns when standard input reaches end of file (the
// script closed its end) or after limit, whichever is first.
func waitForRelease(limit time.Duration) {
	eof := make(chan struct{})
	go func() {
		io.Copy(io.Discard, os.Stdin)
		close(eof)
	}()
	select {
	case <-eof:
	case <-time.After(limit):
	}
}
