// Package testclock is a clock tests move by hand, so expiry is tested
// without sleeping (mini-redis pauses Tokio's time for the same reason).
// Its Now fits store.Clock.
package testclock

import (
	"sync/atomic"
	"time"
)

// Start is where a new clock stands: 2023-11-14 22:13:20 UTC, in Unix ms.
const Start = 1_700_000_000_000

// Clock holds a time in Unix milliseconds.
type Clock struct{ ms atomic.Int64 }

// New returns a clock standing at Start.
func New() *Clock {
	c := &Clock{}
	c.ms.Store(Start)
	return c
}

// Now is the clock's time in Unix milliseconds.
func (c *Clock) Now() int64 { return c.ms.Load() }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.ms.Add(d.Milliseconds()) }
