package executor

import (
	"strings"
	"testing"
)

// sizedConn is a connection whose buffers hold mem bytes.
type sizedConn struct {
	fakeConn
	mem int
}

func (c *sizedConn) Buffers() (int, int, int, int, int) { return 0, c.mem, 0, 0, 0 }

// Over maxmemory-clients the largest clients are closed first, until the
// rest are under the limit; a NO-EVICT client is spared even when it is
// the largest; INFO counts the evictions.
func TestEvictClientsLargestFirst(t *testing.T) {
	ex := newExecutor()
	conns := map[string]*sizedConn{}
	sessions := map[string]*Session{}
	for name, mem := range map[string]int{"huge": 900 << 10, "big": 400 << 10, "mid": 300 << 10, "small": 100 << 10} {
		conns[name] = &sizedConn{mem: mem}
		sessions[name] = ex.NewSession(conns[name])
	}
	handle(t, sessions["huge"], "CLIENT NO-EVICT on\r\n")

	ex.evictClients() // no limit yet
	ex.SetMaxMemoryClients(1<<20, false)
	ex.evictClients() // 1.7 MiB in all: big goes, then mid (1 MiB is not under the limit)
	for name, want := range map[string]int32{"huge": 0, "big": 1, "mid": 1, "small": 0} {
		if got := conns[name].kills.Load(); got != want {
			t.Errorf("%s killed %d times, want %d", name, got, want)
		}
	}
	if info := handle(t, sessions["small"], "INFO stats\r\n"); !strings.Contains(info, "evicted_clients:2\r\n") {
		t.Fatalf("INFO stats:\n%s", info)
	}
	ex.evictClients() // the two left: 1000 KiB, under the limit
	if conns["small"].kills.Load() != 0 {
		t.Fatal("a client under the limit was evicted")
	}
}

// A percentage is of maxmemory (none while maxmemory is 0), and no limit
// is under 128 KiB.
func TestClientsEvictionLimit(t *testing.T) {
	ex := newExecutor()
	for _, tc := range []struct {
		n         int64
		percent   bool
		maxMemory int64
		want      int64
	}{
		{0, false, 0, 0},
		{1 << 20, false, 0, 1 << 20},
		{1000, false, 0, 128 << 10},
		{10, true, 0, 0},
		{10, true, 100 << 20, 10 << 20},
		{1, true, 1 << 20, 128 << 10},
	} {
		ex.SetMaxMemoryClients(tc.n, tc.percent)
		ex.maxMemory.Store(tc.maxMemory)
		if got := ex.clientsEvictionLimit(); got != tc.want {
			t.Errorf("maxmemory-clients %d (percent %v), maxmemory %d: limit %d, want %d", tc.n, tc.percent, tc.maxMemory, got, tc.want)
		}
	}
}
