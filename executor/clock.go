package executor

import (
	"sync"
	"sync/atomic"
	"time"
)

// clockTick is how often the coarse clock moves on.
const clockTick = 100 * time.Millisecond

// coarseClock is the time in unix seconds, moved on every clockTick by one
// goroutine for the whole process (started by the first executor). What
// only needs seconds (a client's idle time, in CLIENT LIST) reads it
// instead of the system clock, so recording it costs a request batch no
// clock read, and a store only when the second changes, as Redis keeps
// its own cached server.unixtime.
var coarseClock struct {
	start sync.Once
	now   atomic.Int64
}

func startCoarseClock() {
	coarseClock.start.Do(func() {
		coarseClock.now.Store(time.Now().Unix())
		go func() {
			for t := range time.Tick(clockTick) {
				coarseClock.now.Store(t.Unix())
			}
		}()
	})
}

// coarseUnix is the coarse clock's time, in unix seconds.
func coarseUnix() int64 { return coarseClock.now.Load() }
