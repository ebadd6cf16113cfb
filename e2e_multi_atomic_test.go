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
		const writers, readers, perWriter, maxReads = 4, 4, 200, 100000
		var done atomic.Bool
		var torn atomic.Int64
		var wg, readersWG sync.WaitGroup
		for r := 0; r < readers; r++ {
			readersWG.Add(1)
			go func() {
				defer readersWG.Done()
				for i := 0; i < maxReads && !done.Load(); i++ {
					vals, err := rdb.MGet(ctx, "a", "b").Result()
					if err != nil {
						t.Error(err)
						return
					}
					if vals[0] != vals[1] {
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
					_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
						p.Incr(ctx, "a")
						for j := 0; j < 20; j++ { // widen the window a reader could fall into
							p.Incr(ctx, "c")
						}
						p.Incr(ctx, "b")
						return nil
					})
					if err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		done.Store(true)
		readersWG.Wait()
		if n := torn.Load(); n > 0 {
			t.Errorf("%d reads saw a and b differ: another command ran inside an EXEC", n)
		}
		vals := rdb.MGet(ctx, "a", "b").Val()
		if want := int64(writers * perWriter); vals[0] != vals[1] || vals[0] != itoa(int(want)) {
			t.Errorf("a, b = %v, want %d each", vals, want)
		}
	})
}
