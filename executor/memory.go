package executor

import (
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// errOOM is Redis's refusal of a write over --maxmemory (noeviction).
const errOOM = "OOM command not allowed when used memory > 'maxmemory'."

// heapMetric is the memory Go has handed out to live and not yet swept
// objects: what the daemon uses, as Redis's used_memory is what its
// allocator handed out. Reading it does not stop the world.
const heapMetric = "/memory/classes/heap/objects:bytes"

// memoryWatch keeps the daemon's used memory current for the per-command
// check, sampled in the background: reading it for every write would cost
// more than the write.
type memoryWatch struct {
	// sampling is held while a sample is taken, so that a sample against
	// the old limit cannot land after one against a new limit.
	sampling sync.Mutex
	used     atomic.Uint64
	over     atomic.Bool
	peak     atomic.Uint64 // the most used memory seen, for INFO
}

// notePeak records used as the peak if it is the most seen, and returns
// the peak.
func (w *memoryWatch) notePeak(used uint64) uint64 {
	for {
		peak := w.peak.Load()
		if used <= peak {
			return peak
		}
		if w.peak.CompareAndSwap(peak, used) {
			return used
		}
	}
}

const memorySampleEvery = 100 * time.Millisecond

func usedMemory() uint64 {
	sample := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}

// WatchMemory starts sampling used memory against maxmemory, and the
// clients' memory against maxmemory-clients (client_eviction.go); the
// returned function stops it. While there is no limit it reads nothing.
func (ex *Executor) WatchMemory() (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(memorySampleEvery)
		defer tick.Stop()
		for {
			if !ex.cronPaused.Load() { // DEBUG PAUSE-CRON
				ex.sampleMemory()
				ex.evictClients()
			}
			select {
			case <-quit:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(quit); <-done }
}

func (ex *Executor) sampleMemory() {
	ex.memory.sampling.Lock()
	defer ex.memory.sampling.Unlock()
	limit := ex.maxMemory.Load()
	if limit <= 0 {
		ex.memory.over.Store(false)
		return
	}
	used := usedMemory()
	ex.memory.used.Store(used)
	ex.memory.notePeak(used)
	ex.memory.over.Store(used > uint64(limit))
}

// SetMaxMemory changes the limit (CONFIG SET maxmemory; 0: none). Memory
// is sampled against it at once, so the very next write sees it.
func (ex *Executor) SetMaxMemory(limit int64) {
	ex.maxMemory.Store(limit)
	ex.sampleMemory()
}

// overMaxMemory reports whether writes that grow memory must be refused.
func (ex *Executor) overMaxMemory() bool { return ex.memory.over.Load() }
