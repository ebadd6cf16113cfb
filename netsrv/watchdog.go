package netsrv

import (
	"fmt"
	"time"
)

// How often the queue is checked, how long a wait is worth a warning, and
// how often the warning may repeat.
const (
	watchEvery    = time.Second
	longQueueWait = time.Second
	warnEvery     = 10 * time.Second
)

// watchQueue makes section 11's limitation visible. In the worker-per-
// session model an idle client holds a worker; with every worker held, new
// connections wait in the queue with no service at all. When one has waited
// over a second, or connections were turned away, the log says so and names
// the flag to raise.
func (w *workerPool) watchQueue() {
	tick := time.NewTicker(watchEvery)
	defer tick.Stop()
	var lastWarn time.Time
	seen := w.queueFull.Load()
	for {
		select {
		case <-w.s.stopped:
			return
		case <-tick.C:
		}
		if time.Since(lastWarn) < warnEvery {
			continue
		}
		var warning string
		if warning, seen = w.queueWarning(seen); warning != "" {
			w.s.log.Warn(warning)
			lastWarn = time.Now()
		}
	}
}

// queueWarning is the warning due now, if any, given how many connections
// the full queue had turned away at the last warning; it returns the count
// to pass next time. Connections turned away over maxclients or for want
// of descriptors are not the queue's doing and are not counted.
func (w *workerPool) queueWarning(seen int64) (string, int64) {
	st := w.pool.Stats()
	turnedAway := w.queueFull.Load()
	switch {
	case st.OldestWait > longQueueWait:
		return fmt.Sprintf("%d connections are waiting for a worker, the oldest for %v: all %d workers are busy "+
			"(each open connection holds one, idle or not); raise --workers", st.Queued, st.OldestWait.Round(time.Millisecond), st.Workers), turnedAway
	case turnedAway > seen:
		return fmt.Sprintf("%d connections were turned away with 'max number of clients reached': "+
			"the queue of %d is full and all %d workers are busy; raise --workers or --queue", turnedAway-seen, st.Capacity, st.Workers), turnedAway
	}
	return "", seen
}
