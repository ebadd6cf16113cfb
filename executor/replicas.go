package executor

import "sync/atomic"

// min-replicas-to-write and min-replicas-max-lag: a primary told to
// accept writes only while at least that many replicas have acknowledged
// within the lag refuses them otherwise, with -NOREPLICAS. redis-lite has
// no replicas, so with both settings above 0 every write is refused
// (inside MULTI, EXEC then aborts), as Redis refuses them while none of
// its replicas is connected.

// errNoReplicas is Redis's refusal.
const errNoReplicas = "NOREPLICAS Not enough good replicas to write."

// minReplicas is the two settings as they are now.
type minReplicas struct {
	toWrite, maxLag atomic.Int64
}

// SetMinReplicas applies min-replicas-to-write and min-replicas-max-lag.
func (ex *Executor) SetMinReplicas(toWrite, maxLag int64) {
	ex.minReplicas.toWrite.Store(toWrite)
	ex.minReplicas.maxLag.Store(maxLag)
}

// enforced reports whether the settings ask for replicas (both above 0,
// as Redis's checkGoodReplicasStatus reads them).
func (m *minReplicas) enforced() bool { return m.toWrite.Load() > 0 && m.maxLag.Load() > 0 }

// noReplicas is the refusal of a write while replicas are asked for.
func (s *Session) noReplicas(flags cmdFlags) string {
	if flags&flagWrite != 0 && s.ex.minReplicas.enforced() {
		return errNoReplicas
	}
	return ""
}
