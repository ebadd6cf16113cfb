package executor

import (
	"runtime/metrics"
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
	used atomic.Uint64
	over atomic.Bool
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

// WatchMemory starts sampling used memory against --maxmemory; the
// returned function stops it. With no limit it samples nothing.
func (ex *Executor) WatchMemory() (stop func()) {
	if ex.cfg.MaxMemory <= 0 {
		return func() {}
	}
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(memorySampleEvery)
		defer tick.Stop()
		for {
			ex.sampleMemory()
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
	used := usedMemory()
	ex.memory.used.Store(used)
	ex.memory.over.Store(used > uint64(ex.cfg.MaxMemory))
}

// overMaxMemory reports whether writes that grow memory must be refused.
func (ex *Executor) overMaxMemory() bool { return ex.memory.over.Load() }
