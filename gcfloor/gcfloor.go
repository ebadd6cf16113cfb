// Package gcfloor keeps Go's garbage collector from running more often
// than a small key space deserves. It is process tuning, outside the
// networking document: the document's daemon is written in C and frees
// each value when it is overwritten; this one leaves overwritten records
// to the collector (store/arena.go says why).
//
// The collector starts a cycle once the heap has grown by GOGC percent
// (100) over what the last cycle found live, and never below 4 MiB. With
// a few megabytes of keys, a write load then runs it ten or twenty times
// a second: redis-benchmark -t mset -c 50 made 19 cycles a second. Each
// cycle's marking runs on whichever CPU is idle, and on a machine shared
// with the clients an idle CPU is the one a client was about to use; the
// daemon answered 7% fewer MSETs than Redis with the default, and as many
// with the collector off (BENCHMARKS.md).
//
// So the heap may grow to a floor (--gc-floor, 32 MiB by default, at most
// half of maxmemory) before a cycle starts, whatever is live: after each
// cycle the tuner sets GOGC so that the next cycle's goal is the floor, or
// the runtime's own goal once the live heap is past half the floor. A
// large key space is collected exactly as before. The cost is memory: a
// small key space under writes keeps up to the floor in garbage between
// cycles. A GOGC set in the environment is the operator's choice, and the
// tuner then does nothing.
package gcfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// runtimeMinHeap is the smallest heap goal the runtime sets at GOGC=100;
// it scales with GOGC, so a GOGC of p has a minimum goal of p/100 times it.
const runtimeMinHeap = 4 << 20

// defaultPercent is GOGC's default, which the tuner never goes below.
const defaultPercent = 100

// FloorFor is the floor asked for (--gc-floor), or half of maxmemory (0:
// none) when that is less, so that garbage alone cannot take the used
// memory past the limit.
func FloorFor(asked uint64, maxMemory int64) uint64 {
	if maxMemory > 0 && uint64(maxMemory)/2 < asked {
		return uint64(maxMemory) / 2
	}
	return asked
}

// Tuner sets GOGC after every collection.
type Tuner struct {
	mu       sync.Mutex
	floor    uint64
	percent  int // the GOGC the tuner set last
	previous int // the GOGC before the tuner started, set again by Stop
	stopped  bool
}

// Start begins tuning toward floor and returns the tuner, or nil when the
// environment sets GOGC. A nil *Tuner's methods do nothing.
func Start(floor uint64) *Tuner {
	if os.Getenv("GOGC") != "" {
		return nil
	}
	t := &Tuner{floor: floor, percent: defaultPercent}
	t.previous = debug.SetGCPercent(defaultPercent)
	t.tune()
	t.arm()
	return t
}

// SetFloor changes the floor (CONFIG SET maxmemory) and applies it now.
func (t *Tuner) SetFloor(floor uint64) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.floor = floor
	t.mu.Unlock()
	t.tune()
}

// Stop ends the tuning and gives GOGC back the value it had.
func (t *Tuner) Stop() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopped = true
	debug.SetGCPercent(t.previous)
}

// sentinel is an object nothing refers to: the collection that finds it
// unreachable runs its cleanup, which is how the tuner learns that a
// cycle has ended. It holds a pointer so that the allocator gives it an
// object of its own (pointer-free objects under 16 bytes share one).
type sentinel struct{ _ *int }

// arm leaves a sentinel for the next collection to find.
func (t *Tuner) arm() {
	runtime.AddCleanup(new(sentinel), func(t *Tuner) {
		if t.tune() {
			t.arm()
		}
	}, t)
}

// tune sets GOGC for the live heap the last cycle found. It reports false
// once the tuner has stopped.
func (t *Tuner) tune() bool {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	var live uint64
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live = sample[0].Value.Uint64()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return false
	}
	if p := percentFor(live, t.floor); p != t.percent {
		t.percent = p
		debug.SetGCPercent(p)
	}
	return true
}

// percentFor is the GOGC whose next goal is floor for a live heap of
// live bytes, and never less than the default: the runtime's goal is the
// larger of live*(1+p/100) and runtimeMinHeap*p/100, so p is the smaller
// of the two percents that make each of them the floor.
func percentFor(live, floor uint64) int {
	if floor <= runtimeMinHeap {
		return defaultPercent
	}
	p := floor * 100 / runtimeMinHeap
	if live > 0 {
		if live >= floor {
			return defaultPercent
		}
		p = min(p, (floor-live)*100/live)
	}
	return int(max(p, defaultPercent))
}
