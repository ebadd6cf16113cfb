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

// The process has one GOGC, so it has one tuner, shared by every daemon
// that starts it (one in production; several in the end-to-end tests,
// which run daemons side by side): the last floor asked for applies, and
// GOGC gets its old value back once the last of them stops.
var shared struct {
	mu       sync.Mutex
	users    int    // Start calls not yet stopped
	floor    uint64 // the floor the last Start or SetFloor asked for
	percent  int    // the GOGC the tuner set last
	previous int    // the GOGC before the first Start
	armed    bool   // a sentinel waits for the next collection
}

// Tuner is one user's hold on the shared tuner.
type Tuner struct{ stopped bool }

// Start begins tuning toward floor and returns a hold on the tuner, or
// nil when the environment sets GOGC. A nil *Tuner's methods do nothing.
func Start(floor uint64) *Tuner {
	if os.Getenv("GOGC") != "" {
		return nil
	}
	shared.mu.Lock()
	if shared.users == 0 {
		shared.previous = debug.SetGCPercent(defaultPercent)
		shared.percent = defaultPercent
	}
	shared.users++
	shared.floor = floor
	arm := !shared.armed
	shared.armed = true
	shared.mu.Unlock()
	tune()
	if arm {
		armSentinel()
	}
	return &Tuner{}
}

// SetFloor changes the floor (CONFIG SET maxmemory) and applies it now.
func (t *Tuner) SetFloor(floor uint64) {
	if t == nil {
		return
	}
	shared.mu.Lock()
	shared.floor = floor
	shared.mu.Unlock()
	tune()
}

// Stop lets go of the tuner; the last to stop gives GOGC back the value
// it had before the first Start.
func (t *Tuner) Stop() {
	if t == nil {
		return
	}
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if t.stopped {
		return
	}
	t.stopped = true
	shared.users--
	if shared.users == 0 {
		debug.SetGCPercent(shared.previous)
		shared.percent = shared.previous
	}
}

// sentinel is an object nothing refers to: the collection that finds it
// unreachable runs its cleanup, which is how the tuner learns that a
// cycle has ended. It holds a pointer so that the allocator gives it an
// object of its own (pointer-free objects under 16 bytes share one).
type sentinel struct{ _ *int }

// armSentinel leaves a sentinel for the next collection to find; its
// cleanup tunes and leaves the next one, for as long as the tuner is used.
func armSentinel() {
	runtime.AddCleanup(new(sentinel), func(struct{}) {
		if tune() {
			armSentinel()
		}
	}, struct{}{})
}

// tune sets GOGC for the live heap the last cycle found. It reports false,
// and leaves no sentinel armed, once nobody uses the tuner. The live heap
// is read under the lock, so a SetFloor and a collection's cleanup apply
// their readings in order.
func tune() bool {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.users == 0 {
		shared.armed = false
		return false
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	var live uint64
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live = sample[0].Value.Uint64()
	}
	if p := percentFor(live, shared.floor); p != shared.percent {
		shared.percent = p
		debug.SetGCPercent(p)
	}
	return true
}

// maxPercent bounds the GOGC the tuner sets, whatever floor is asked for:
// SetGCPercent takes an int32, and a larger value would wrap around to a
// negative one, which turns collection off.
const maxPercent = 1 << 20

// percentFor is the GOGC whose next goal is floor for a live heap of
// live bytes, between the default and maxPercent: the runtime's goal is
// the larger of live*(1+p/100) and runtimeMinHeap*p/100, so p is the
// smaller of the two percents that make each of them the floor. In
// floating point, so that no floor overflows.
func percentFor(live, floor uint64) int {
	if floor <= runtimeMinHeap || live >= floor {
		return defaultPercent
	}
	p := float64(floor) * 100 / runtimeMinHeap
	if live > 0 {
		p = min(p, (float64(floor)-float64(live))*100/float64(live))
	}
	return int(min(max(p, defaultPercent), maxPercent))
}
