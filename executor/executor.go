package executor

import (
	"sync/atomic"
	"time"

	"redis-lite/parser"
	"redis-lite/store"
)

// Config is what the executor needs to know of the daemon's settings.
type Config struct {
	// MaxBulkLen is proto-max-bulk-len: the largest RESP argument accepted.
	MaxBulkLen int64
}

// Executor holds the command table and the state every session shares.
// It is safe for concurrent use by many sessions.
type Executor struct {
	store    *store.Store
	cfg      Config
	commands map[string]*command
	started  time.Time
	clientID atomic.Int64
}

// New returns an executor serving st.
func New(st *store.Store, cfg Config) *Executor {
	if cfg.MaxBulkLen <= 0 {
		cfg.MaxBulkLen = parser.DefaultMaxBulkLen
	}
	ex := &Executor{store: st, cfg: cfg, started: time.Now()}
	ex.commands = commandTable()
	return ex
}

// NewSession returns the state of one new connection.
func (ex *Executor) NewSession() *Session {
	s := &Session{ex: ex, id: ex.clientID.Add(1)}
	s.parser.MaxBulkLen = ex.cfg.MaxBulkLen
	return s
}
