package netsrv

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestHangupWatcherReports: a watched connection's hang-up is reported on
// its channel, input before it is not, and an unwatched one is forgotten.
func TestHangupWatcherReports(t *testing.T) {
	h := newHangupWatcher()
	if h == nil {
		t.Fatal("epoll_create1 failed")
	}
	stopped := make(chan struct{})
	h.start(stopped)
	t.Cleanup(func() {
		close(stopped)
		h.close()
		waitFor(t, "the watcher to close its epoll instance", func() bool {
			h.mu.Lock()
			defer h.mu.Unlock()
			return h.closed
		})
	})

	ln := quietListen(t, ListenOptions{Backlog: 8})
	client, accepted := tcpPair(t, ln)
	hungUp := h.watch(accepted)
	if hungUp == nil {
		t.Fatal("watch failed")
	}
	// Input is left in the queue and reported to nobody: the held
	// worker reads it once the hold is over.
	if _, err := unix.Write(client, []byte("PING\r\n")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the input to arrive", func() bool { _, queued, _ := new(receiver).oldestPending(accepted); return queued })
	select {
	case <-hungUp:
		t.Fatal("input was reported as a hang-up")
	default:
	}
	unix.Close(client)
	select {
	case <-hungUp:
	case <-time.After(5 * time.Second):
		t.Fatal("no report of the hang-up within 5 s")
	}
	if !peerHungUp(accepted) {
		t.Fatal("reported, but poll sees no hang-up")
	}
	h.unwatch(accepted)
	if len(h.told) != 0 {
		t.Fatalf("unwatch left %d entries", len(h.told))
	}
}
