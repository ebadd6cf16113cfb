package aof_test

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"redis-lite/aof"
	"redis-lite/executor"
	"redis-lite/store"
)

// TestLatencyReportsWritesAndAlwaysFsyncs: the latency monitor hears of
// every write to the file, and of every fsync only with appendfsync
// always (Redis's aof-write and aof-fsync-always events).
func TestLatencyReportsWritesAndAlwaysFsyncs(t *testing.T) {
	for _, tt := range []struct {
		policy    aof.Policy
		wantFsync bool
	}{{aof.Always, true}, {aof.No, false}} {
		var mu sync.Mutex
		events := map[string]int{}
		data := store.New()
		ex := executor.New(data, executor.Config{})
		a, err := aof.Open(aof.Config{Path: filepath.Join(t.TempDir(), "appendonly.aof"), Fsync: tt.policy, Log: quietLog(),
			Latency: func(event string, took time.Duration) {
				if took < 0 {
					t.Errorf("%s took %v", event, took)
				}
				mu.Lock()
				events[event]++
				mu.Unlock()
			}})
		if err != nil {
			t.Fatal(err)
		}
		a.Attach(ex.Databases()...)
		ex.UsePersistence(a)
		if _, out, _ := ex.NewSession(nil).Handle([]byte("SET k v\n"), nil); string(out) != "OK\n" {
			t.Fatalf("SET: %q", out)
		}
		if err := a.Close(); err != nil { // writes what is left
			t.Fatal(err)
		}
		mu.Lock()
		if events["aof-write"] == 0 || (events["aof-fsync-always"] > 0) != tt.wantFsync {
			t.Errorf("appendfsync %v: events %v", tt.policy, events)
		}
		mu.Unlock()
	}
}
