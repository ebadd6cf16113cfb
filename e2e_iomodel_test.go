package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestE2EIOModelsThreadsPerConnection shows the difference section 11 is
// about, from outside the process: with 200 clients served, the worker
// model has a thread blocked in recv for each, the event-loop model a
// handful in all. INFO says which model runs.
func TestE2EIOModelsThreadsPerConnection(t *testing.T) {
	for _, tt := range []struct {
		model      string
		info       string
		minThreads int
		maxThreads int
	}{
		{model: "threads", info: "worker_threads:300", minThreads: 200, maxThreads: 1000},
		{model: "epoll", info: "event_loops:2", minThreads: 1, maxThreads: 40},
	} {
		t.Run(tt.model, func(t *testing.T) {
			d := startProcess(t, "--io", tt.model, "--event-loops", "2", "--workers", "300")
			for i := 0; i < 200; i++ {
				if got := d.dial().do("PING"); got != "PONG" {
					t.Fatalf("client %d: PING got %q", i, got)
				}
			}
			threads := processThreads(t, d.cmd.Process.Pid)
			t.Logf("--io %s: %d threads for 200 clients", tt.model, threads)
			if threads < tt.minThreads || threads > tt.maxThreads {
				t.Fatalf("%d threads serving 200 clients with --io %s; want %d-%d", threads, tt.model, tt.minThreads, tt.maxThreads)
			}
			if info := infoSection(t, d, "clients"); !strings.Contains(info, tt.info+"\r\n") || !strings.Contains(info, "connected_clients:201\r\n") {
				t.Fatalf("INFO clients with --io %s:\n%s", tt.model, info)
			}
		})
	}
}

// processThreads reads the thread count of a process from /proc.
func processThreads(t *testing.T, pid int) int {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "Threads:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(rest))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no Threads line in /proc/PID/status")
	return 0
}

// infoSection asks for one INFO section over RESP and returns its text.
func infoSection(t *testing.T, d *daemon, section string) string {
	t.Helper()
	c := d.dial()
	c.send(fmt.Sprintf("*2\r\n$4\r\nINFO\r\n$%d\r\n%s\r\n", len(section), section))
	header := strings.TrimSuffix(c.line(), "\r")
	size, err := strconv.Atoi(strings.TrimPrefix(header, "$"))
	if err != nil || !strings.HasPrefix(header, "$") {
		t.Fatalf("INFO reply header %q", header)
	}
	body := make([]byte, size+2)
	if _, err := io.ReadFull(c.r, body); err != nil {
		t.Fatal(err)
	}
	return string(body[:size])
}

// TestE2EEventLoopWithAndWithoutBusyPolling: a loop that sleeps at once
// (--busy-poll 0) and one that polls first serve the same pipelined
// requests from interleaved clients, in order.
func TestE2EEventLoopWithAndWithoutBusyPolling(t *testing.T) {
	for _, micros := range []string{"0", "200"} {
		t.Run("busy-poll "+micros, func(t *testing.T) {
			d := startDaemon(t, "--io", "epoll", "--busy-poll", micros)
			clients := []*client{d.dial(), d.dial(), d.dial()}
			for round := 0; round < 50; round++ {
				for i, c := range clients {
					key := fmt.Sprintf("k%d", i)
					c.send(fmt.Sprintf("SET %s %d\nGET %s\n", key, round, key))
				}
				for i, c := range clients {
					if got, want := c.line()+"|"+c.line(), fmt.Sprintf("OK|%d", round); got != want {
						t.Fatalf("client %d, round %d: got %q, want %q", i, round, got, want)
					}
				}
			}
		})
	}
}
