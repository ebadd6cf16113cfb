package pool

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"redis-lite/internal/testwait"
)

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	testwait.Until(t, 5*time.Second, what, cond)
}

func TestEveryJobRunsOnce(t *testing.T) {
	var ran [1000]atomic.Int32
	p := New(4, 16, func(i int) { ran[i].Add(1) })
	for i := range ran {
		for !p.Submit(i) { // the queue is small: retry until a worker frees a slot
			waitFor(t, "a free queue slot", func() bool { return p.Stats().Queued < 16 })
		}
	}
	p.Close()
	p.Wait()
	for i := range ran {
		if n := ran[i].Load(); n != 1 {
			t.Fatalf("job %d ran %d times", i, n)
		}
	}
}

func TestFullQueueRejectsWithoutBlocking(t *testing.T) {
	release := make(chan struct{})
	var started atomic.Int32
	p := New(2, 3, func(int) { started.Add(1); <-release })
	p.Submit(0)
	p.Submit(1)
	waitFor(t, "both workers busy", func() bool { return started.Load() == 2 })
	for i := 0; i < 3; i++ {
		if !p.Submit(10 + i) {
			t.Fatalf("job %d rejected with room in the queue", i)
		}
	}
	if p.Submit(99) {
		t.Fatal("a job was accepted with every worker busy and the queue full")
	}
	st := p.Stats()
	if st.Queued != 3 || st.Busy != 2 || st.Workers != 2 || st.Capacity != 3 {
		t.Fatalf("stats = %+v", st)
	}
	waitFor(t, "the oldest job to age", func() bool { return p.Stats().OldestWait > 0 })
	close(release)
	p.Close()
	p.Wait()
	if n := started.Load(); n != 5 {
		t.Fatalf("%d jobs ran, want 5: queued jobs must drain on Close", n)
	}
}

func TestCloseWaitsForRunningJobs(t *testing.T) {
	release := make(chan struct{})
	var finished atomic.Bool
	p := New(1, 1, func(int) { <-release; finished.Store(true) })
	p.Submit(1)
	waitFor(t, "the job to start", func() bool { return p.Stats().Busy == 1 })
	p.Close()
	if p.Submit(2) {
		t.Fatal("a closed pool accepted a job")
	}
	done := make(chan struct{})
	go func() { p.Wait(); close(done) }()
	select {
	case <-done:
		t.Fatal("Wait returned while a job was still running")
	default:
	}
	close(release)
	<-done
	if !finished.Load() {
		t.Fatal("Wait returned before the running job finished")
	}
}

func TestConcurrentSubmitters(t *testing.T) {
	var total atomic.Int64
	p := New(8, 64, func(n int) { total.Add(int64(n)) })
	var wg sync.WaitGroup
	var accepted atomic.Int64
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				if p.Submit(1) {
					accepted.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	p.Close()
	p.Wait()
	if total.Load() != accepted.Load() {
		t.Fatalf("%d jobs accepted but %d ran", accepted.Load(), total.Load())
	}
}
