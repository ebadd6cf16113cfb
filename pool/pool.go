package pool

import (
	"sync"
	"time"
)

// Pool runs handle on each submitted job in one of a fixed number of
// workers.
type Pool[T any] struct {
	handle func(T)
	size   int // number of workers

	mu      sync.Mutex
	ready   sync.Cond // signalled when a job is queued or the pool closes
	queue   []queued[T]
	head    int // index of the oldest queued job
	count   int // jobs queued
	busy    int // workers running a job
	closed  bool
	workers sync.WaitGroup
}

type queued[T any] struct {
	job      T
	enqueued time.Time
}

// New starts workers goroutines serving a queue of capacity jobs.
func New[T any](workers, capacity int, handle func(T)) *Pool[T] {
	if workers < 1 || capacity < 1 {
		panic("pool: workers and capacity must be at least 1")
	}
	p := &Pool[T]{handle: handle, size: workers, queue: make([]queued[T], capacity)}
	p.ready.L = &p.mu
	p.workers.Add(workers)
	for i := 0; i < workers; i++ {
		go p.work()
	}
	return p
}

// Submit queues job for a worker. It returns false without blocking when the
// queue is full or the pool is closed; the job is then the caller's to
// dispose of.
func (p *Pool[T]) Submit(job T) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || p.count == len(p.queue) {
		return false
	}
	p.queue[(p.head+p.count)%len(p.queue)] = queued[T]{job, time.Now()}
	p.count++
	p.ready.Signal()
	return true
}

// work is one worker: take the oldest job, run it, repeat; return once the
// pool is closed and the queue is empty.
func (p *Pool[T]) work() {
	defer p.workers.Done()
	p.mu.Lock()
	for {
		for p.count == 0 && !p.closed {
			p.ready.Wait()
		}
		if p.count == 0 { // closed and drained
			p.mu.Unlock()
			return
		}
		item := p.queue[p.head]
		p.queue[p.head] = queued[T]{} // drop the reference for the collector
		p.head = (p.head + 1) % len(p.queue)
		p.count--
		p.busy++
		p.mu.Unlock()

		p.handle(item.job)

		p.mu.Lock()
		p.busy--
	}
}

// Close stops the pool taking jobs. Jobs already queued are still run.
func (p *Pool[T]) Close() {
	p.mu.Lock()
	p.closed = true
	p.ready.Broadcast()
	p.mu.Unlock()
}

// Wait blocks until every worker has returned, which happens after Close
// once the queue is drained and every running job has finished.
func (p *Pool[T]) Wait() { p.workers.Wait() }

// Stats is a snapshot of the pool's load.
type Stats struct {
	Queued, Busy, Workers, Capacity int
	OldestWait                      time.Duration // how long the oldest queued job has waited
}

// Stats returns the pool's load now.
func (p *Pool[T]) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := Stats{Queued: p.count, Busy: p.busy, Workers: p.size, Capacity: len(p.queue)}
	if p.count > 0 {
		st.OldestWait = time.Since(p.queue[p.head].enqueued)
	}
	return st
}
