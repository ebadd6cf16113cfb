package executor

import (
	"sort"
)

// Client eviction, as Redis 7 does it (maxmemory-clients): when the
// buffers of every client together reach the limit, the clients using
// the most are closed, largest first, until the rest are under it. A
// client that asked for CLIENT NO-EVICT on is never closed for it. The
// limit is bytes, or a percentage of maxmemory (none while maxmemory is
// 0), and never under 128 KiB, so that a few ordinary clients are not
// closed for a small setting. It is checked with the memory sample, ten
// times a second, not on every request: adding up every client's buffers
// costs a lock per client.

// minClientsLimit is the smallest limit Redis enforces.
const minClientsLimit = 128 << 10

// clientsLimit is maxmemory-clients: n bytes, or n percent of maxmemory.
type clientsLimit struct {
	n       int64
	percent bool
}

// SetMaxMemoryClients changes maxmemory-clients (CONFIG SET): n bytes, or
// n percent of maxmemory when percent is true; 0 evicts no client.
func (ex *Executor) SetMaxMemoryClients(n int64, percent bool) {
	ex.clientsLimit.Store(&clientsLimit{n: n, percent: percent})
}

// clientsEvictionLimit is the limit in bytes now, or 0 for none.
func (ex *Executor) clientsEvictionLimit() int64 {
	l := ex.clientsLimit.Load()
	if l == nil || l.n == 0 {
		return 0
	}
	limit := l.n
	if l.percent {
		maxMemory := ex.maxMemory.Load()
		if maxMemory == 0 {
			return 0
		}
		limit = int64(float64(maxMemory) * float64(l.n) / 100)
	}
	return max(limit, minClientsLimit)
}

// evictClients closes the clients using the most memory while all of them
// together use more than the limit.
func (ex *Executor) evictClients() {
	limit := ex.clientsEvictionLimit()
	if limit == 0 {
		return
	}
	type usage struct {
		s   *Session
		mem int64
	}
	var total int64
	var evictable []usage
	for _, s := range ex.clients.all() {
		mem := s.bufferMemory()
		total += mem
		if s.conn != nil && !s.client.noEvict.Load() {
			evictable = append(evictable, usage{s, mem})
		}
	}
	if total < limit {
		return
	}
	sort.Slice(evictable, func(i, j int) bool { return evictable[i].mem > evictable[j].mem })
	for _, c := range evictable {
		if total < limit {
			break
		}
		// Counted before the close, so that whoever sees the client
		// gone and then reads INFO finds it counted.
		ex.stats.evictedClients.Add(1)
		ex.kill(c.s)
		total -= c.mem
	}
}

// bufferMemory is what the session's connection holds in buffers: input
// received and room for more, the reply buffer, pushed messages unsent.
func (s *Session) bufferMemory() int64 {
	if s.conn == nil {
		return 0
	}
	query, queryFree, _, outSize, pushed := s.conn.Buffers()
	return int64(query + queryFree + outSize + pushed)
}
