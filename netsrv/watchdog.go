package netsrv

import "time"

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
	s := w.s
	tick := time.NewTicker(watchEvery)
	defer tick.Stop()
	var lastWarn time.Time
	lastRejected := s.rejected.Load()
	for {
		select {
		case <-s.stopped:
			return
		case <-tick.C:
		}
		if time.Since(lastWarn) < warnEvery {
			continue
		}
		st := w.pool.Stats()
		rejected := s.rejected.Load()
		switch {
		case st.OldestWait > longQueueWait:
			s.log.Warnf("%d connections are waiting for a worker, the oldest for %v: all %d workers are busy "+
				"(each open connection holds one, idle or not); raise --workers", st.Queued, st.OldestWait.Round(time.Millisecond), st.Workers)
		case rejected > lastRejected:
			s.log.Warnf("%d connections were turned away with 'max number of clients reached': "+
				"the queue of %d is full and all %d workers are busy; raise --workers or --queue", rejected-lastRejected, st.Capacity, st.Workers)
		default:
			continue
		}
		lastWarn, lastRejected = time.Now(), rejected
	}
}
