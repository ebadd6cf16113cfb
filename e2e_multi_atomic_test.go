package main

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"
)

// TestE2EExecIsAtomic: clients increment two keys together in EXEC while
// others read both with MGET (which by itself reads shard after shard):
// no reader ever sees them differ, and every increment lands. Many
// concurrent EXECs over the same keys also show that nothing deadlocks
// (the test has a deadline; run it with -race).
func TestE2EExecIsAtomic(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		rdb := startDaemon(t, "--io", model).goRedis()
		ctx := context.Background()
		const writers, perWriter = 4, 200
		torn := readWhileWriting(t, 4, 100000, func() (bool, error) {
			vals, err := rdb.MGet(ctx, "a", "b").Result()
			return err == nil && vals[0] != vals[1], err
		}, writers, perWriter, func(int, int) error {
			_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Incr(ctx, "a")
				for j := 0; j < 20; j++ { // widen the window a reader could fall into
					p.Incr(ctx, "c")
				}
				p.Incr(ctx, "b")
				return nil
			})
			return err
		})
		if torn > 0 {
			t.Errorf("%d reads saw a and b differ: another command ran inside an EXEC", torn)
		}
		vals := rdb.MGet(ctx, "a", "b").Val()
		if want := int64(writers * perWriter); vals[0] != vals[1] || vals[0] != itoa(int(want)) {
			t.Errorf("a, b = %v, want %d each", vals, want)
		}
	})
}

// TestE2EWatchOptimisticLocking: clients increment one counter by
// WATCH, GET, then MULTI SET EXEC, retrying when EXEC fails: every
// increment lands exactly once, so no EXEC succeeded over a change it
// should have seen, and the retries end (bounded).
func TestE2EWatchOptimisticLocking(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		rdb := startDaemon(t, "--io", model).goRedis()
		ctx := context.Background()
		const clients, perClient, maxTries = 4, 50, 10000
		var wg sync.WaitGroup
		var retries atomic.Int64
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < perClient; i++ {
					for try := 0; ; try++ {
						if try == maxTries {
							t.Error("an increment never got through")
							return
						}
						err := rdb.Watch(ctx, func(tx *redis.Tx) error {
							n, err := tx.Get(ctx, "counter").Int()
							if err != nil && err != redis.Nil {
								return err
							}
							_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
								p.Set(ctx, "counter", n+1, 0)
								return nil
							})
							return err
						}, "counter")
						if err == nil {
							break
						}
						if err != redis.TxFailedErr {
							t.Error(err)
							return
						}
						retries.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		if got := rdb.Get(ctx, "counter").Val(); got != itoa(clients*perClient) {
			t.Fatalf("counter = %s after %d increments (%d retries)", got, clients*perClient, retries.Load())
		}
	})
}

// readWhileWriting runs writers goroutines that each call write perWriter
// times (with the writer's number and the call's), and meanwhile readers
// goroutines that call read until the writers are done or each has read
// maxReads times. It returns how many reads saw a torn state. An error
// fails the test and stops that goroutine.
func readWhileWriting(t *testing.T, readers, maxReads int, read func() (torn bool, err error),
	writers, perWriter int, write func(w, i int) error) int64 {
	var done atomic.Bool
	var torn atomic.Int64
	var wg, readersWG sync.WaitGroup
	for r := 0; r < readers; r++ {
		readersWG.Add(1)
		go func() {
			defer readersWG.Done()
			for i := 0; i < maxReads && !done.Load(); i++ {
				bad, err := read()
				if err != nil {
					t.Error(err)
					return
				}
				if bad {
					torn.Add(1)
				}
			}
		}()
	}
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWriter; i++ {
				if err := write(w, i); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	done.Store(true)
	readersWG.Wait()
	return torn.Load()
}
