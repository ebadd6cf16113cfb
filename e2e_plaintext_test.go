package main

import (
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestE2ESetGetDelNil(t *testing.T) {
	d := startDaemon(t)
	c := d.dial()
	steps := []struct{ req, want string }{
		{"SET user:1 alice", "OK"},
		{"GET user:1", "alice"},
		{"EXISTS user:1 nope", "(integer) 1"},
		{"DEL user:1 nope", "(integer) 1"},
		{"GET user:1", "(nil)"},
		{`SET greeting "hello world"`, "OK"},
		{"get greeting", "hello world"},
		{"PING", "PONG"},
		{"ECHO hi", "hi"},
		{"NOPE x", "(error) ERR unknown command 'NOPE', with args beginning with: 'x' "},
		{"GET", "(error) ERR wrong number of arguments for 'get' command"},
	}
	for _, s := range steps {
		if got := c.do(s.req); got != s.want {
			t.Fatalf("%s: got %q, want %q", s.req, got, s.want)
		}
	}
}

func TestE2EThreeRequestsInOneWrite(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		c := d.dial()
		c.send("SET a 1\nGET a\nDEL a\n")
		for _, want := range []string{"OK", "1", "(integer) 1"} {
			if got := c.line(); got != want {
				t.Fatalf("got %q, want %q", got, want)
			}
		}
	})
}

func TestE2EOneBytePerWrite(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		c := d.dial()
		c.conn.(*net.TCPConn).SetNoDelay(true)
		for _, b := range []byte("SET slow \"v a l\"\nGET slow\n") {
			c.send(string([]byte{b}))
		}
		if got := c.line(); got != "OK" {
			t.Fatalf("got %q, want OK", got)
		}
		if got := c.line(); got != "v a l" {
			t.Fatalf("got %q, want %q", got, "v a l")
		}
	})
}

func TestE2EStoredValueSurvivesBufferReuse(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		c := d.dial()
		c.do("SET keep alice")
		// Later requests overwrite the connection's read buffer where "alice"
		// was received.
		for i := 0; i < 50; i++ {
			c.do(fmt.Sprintf("SET other%d %s", i, strings.Repeat("Z", 5+i)))
		}
		if got := d.dial().do("GET keep"); got != "alice" {
			t.Fatalf("stored value changed to %q", got)
		}
	})
}

func TestE2EHundredClientsThousandOps(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		const clients, ops = 100, 1000
		var wg sync.WaitGroup
		errs := make(chan error, clients)
		for i := 0; i < clients; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				c := d.dial()
				for j := 0; j < ops/2; j++ {
					key, val := fmt.Sprintf("c%d:k%d", i, j%10), fmt.Sprintf("v%d-%d", i, j)
					if got := c.do("SET " + key + " " + val); got != "OK" {
						errs <- fmt.Errorf("client %d SET: %q", i, got)
						return
					}
					if got := c.do("GET " + key); got != val {
						errs <- fmt.Errorf("client %d GET %s: %q, want %q", i, key, got, val)
						return
					}
				}
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	})
}

func TestE2EClientVanishingMidRequestHarmsNoOne(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		other := d.dial()
		other.do("SET k before")
		for i := 0; i < 10; i++ {
			gone := d.dial()
			gone.send("SET k half-a-requ") // no newline, then the client is gone
			if i%2 == 0 {
				gone.conn.(*net.TCPConn).SetLinger(0) // with a reset
			}
			gone.conn.Close()
		}
		if got := other.do("GET k"); got != "before" {
			t.Fatalf("got %q: a half request was executed or the server stopped serving", got)
		}
		if got := d.dial().do("PING"); got != "PONG" {
			t.Fatalf("a new client got %q", got)
		}
	})
}

func TestE2EProtocolErrorsCloseTheConnection(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		tests := []struct{ name, send, want string }{
			{"unbalanced quotes", "SET k \"open\nPING\n", "(error) ERR Protocol error: unbalanced quotes in request\n"},
			{"too big inline request", strings.Repeat("a", 70*1024), "(error) ERR Protocol error: too big inline request\n"},
			{"quit", "QUIT\nPING\n", "OK\n"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := d.dial()
				c.send(tt.send)
				if got := c.expectClosed(); got != tt.want {
					t.Fatalf("got %q then close, want %q", got, tt.want)
				}
			})
		}
		if got := d.dial().do("PING"); got != "PONG" {
			t.Fatalf("after protocol errors a new client got %q", got)
		}
	})
}

func TestE2EFullQueueTurnsClientsAway(t *testing.T) {
	d := startDaemon(t, "--io", "threads", "--workers", "1", "--queue", "1") // the queue is the worker model's
	held := d.dial()
	held.do("PING") // holds the only worker
	queued := d.dial()
	waitUntil(t, "the second client to be queued", func() bool {
		// the third connection is turned away only once the second is queued
		c := d.dial()
		c.conn.SetReadDeadline(time.Now().Add(time.Second))
		buf := make([]byte, 64)
		n, _ := c.conn.Read(buf)
		c.conn.Close()
		return string(buf[:n]) == "-ERR max number of clients reached\r\n"
	})
	held.conn.Close()
	if got := queued.do("PING"); got != "PONG" {
		t.Fatalf("the queued client got %q once a worker was free", got)
	}
}
