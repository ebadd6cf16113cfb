package store

import "time"

// The store's two clocks: the time that expiry times are compared with
// (Now, stopped at 0 while the append-only file loads), and the coarse
// access clock that slots record for OBJECT IDLETIME (RefreshClock).

// Clock returns the current time in Unix milliseconds.
type Clock func() int64

// SystemClock is the wall clock.
func SystemClock() int64 { return time.Now().UnixMilli() }

// Now is the store's clock: the time, in Unix milliseconds, that keys'
// expiry times are compared with; 0 while loading (SetLoading).
func (s *Store) Now() int64 { return s.now() }

func (s *Store) now() int64 {
	if s.loading.Load() {
		return 0 // before every expiry time: none has passed
	}
	return s.wall()
}

// SetLoading starts or ends the replay of the append-only file. Meanwhile
// no key counts as expired, to a read, to a write or to the sweep, and an
// absolute expiry time already past is kept, not taken as a deletion, as
// Redis's loader does: the file's commands then find every key they
// found when they were written (a RENAME of a key whose time has passed
// since, an RPUSH onto it). Keys whose time is up expire once loading
// ends. The file holds only absolute times, so no command replayed reads
// the clock to compute one.
func (s *Store) SetLoading(on bool) { s.loading.Store(on) }

// RefreshClock moves the access clock to the store's current time. The
// sweeper calls it every tick, as Redis refreshes its LRU clock in its
// cron, so access times have about a tick's precision.
func (s *Store) RefreshClock() { s.clock.Store(uint32(s.wall()/1000) & ClockMask) }

// clockIfNeeded, given to live as the time, defers reading the clock to
// when a key with an expiry time is found. Most keys have none, and on a
// virtual machine a clock read (time.Now, two reads of the vDSO clock) was
// a sixth of a list push's time.
const clockIfNeeded int64 = 0

func expired(e Entry, now int64) bool { return e.ExpireAt != 0 && e.ExpireAt <= now }
