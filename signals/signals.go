// Package signals turns SIGINT and SIGTERM into one shutdown request: the
// networking document's section 10 (docs/networking.md), where "the
// registered sigaction handler flips a global atomic shutdown_flag", and
// section 4, which registers the handler before the accept loop starts.
//
// Go installs the real sigaction handlers itself; signal.Notify asks the
// runtime to deliver the signals on a channel instead of killing the
// process. A goroutine waits on that channel, flips the flag and calls the
// shutdown callback once. A second signal while shutting down calls the
// second callback, which is expected to exit at once: the user pressing
// Ctrl+C twice means "now".
//
// The runtime's handlers use SA_RESTART, so a signal does not interrupt a
// goroutine blocked in accept(2) or recv(2): the callback must wake those
// itself (docs/architecture.md, "Go and raw sockets").
//
// The package imports nothing of this project (docs/architecture.md,
// "The import rule").
package signals

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// Watcher is the registered handler. Requested reports the flag.
type Watcher struct {
	requested atomic.Bool
	ch        chan os.Signal
	done      chan struct{}
}

// Watch registers for SIGINT and SIGTERM. The first calls shutdown; each
// later one calls again. Both run on the watcher's goroutine.
func Watch(shutdown, again func(os.Signal)) *Watcher {
	w := &Watcher{ch: make(chan os.Signal, 2), done: make(chan struct{})}
	signal.Notify(w.ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		for {
			select {
			case sig := <-w.ch:
				if w.requested.CompareAndSwap(false, true) {
					shutdown(sig)
				} else {
					again(sig)
				}
			case <-w.done:
				return
			}
		}
	}()
	return w
}

// Requested reports whether a shutdown signal has arrived.
func (w *Watcher) Requested() bool { return w.requested.Load() }

// Stop unregisters the handler; the signals get their default action again.
func (w *Watcher) Stop() {
	signal.Stop(w.ch)
	close(w.done)
}
