package aof

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sirupsen/logrus"

	"redis-lite/store"
)

// Policy is when appended bytes are fsynced (--appendfsync).
type Policy int

const (
	Always Policy = iota
	EverySec
	No
)

// ParsePolicy reads "always", "everysec" or "no".
func ParsePolicy(s string) (Policy, error) {
	switch s {
	case "always":
		return Always, nil
	case "everysec":
		return EverySec, nil
	case "no":
		return No, nil
	}
	return 0, fmt.Errorf("%q: must be always, everysec or no", s)
}

func (p Policy) String() string { return [...]string{"always", "everysec", "no"}[p] }

// Config says where the file is and how it is kept.
type Config struct {
	Path  string
	Fsync Policy
	// LoadTruncated loads a file whose last command was cut short (a crash
	// while appending), dropping the partial command; otherwise start-up
	// fails (--aof-load-truncated, Redis's default yes).
	LoadTruncated bool
	// Automatic rewrite once the file has grown by RewritePercentage over
	// its size after the last rewrite and is at least RewriteMinSize bytes
	// (auto-aof-rewrite-percentage 100, auto-aof-rewrite-min-size 64mb);
	// a percentage of 0 turns it off.
	RewritePercentage int
	RewriteMinSize    int64
	Log               *logrus.Logger
	// Latency, when set, is told how long each write to the file took
	// ("aof-write") and, with appendfsync always, each fsync
	// ("aof-fsync-always"): Redis's latency monitor events.
	Latency func(event string, took time.Duration)
}

// AOF is an open append-only file.
type AOF struct {
	cfg   Config
	fsync atomic.Int32 // the Policy now: SetFsync changes cfg.Fsync's
	// The automatic rewrite's thresholds now: SetRewriteThresholds
	// changes cfg's.
	rewritePercentage atomic.Int64
	rewriteMinSize    atomic.Int64

	mu       sync.Mutex
	durable  sync.Cond // signalled when synced advances or writing fails
	buf      []byte    // records not yet written to the file
	spare    []byte
	recorded uint64      // bytes recorded in all (a sequence number)
	synced   uint64      // bytes recorded that are as durable as the policy makes them
	writeErr error       // the last write or fsync error; writes are refused while set
	failing  atomic.Bool // writeErr != nil, readable without the lock
	closed   bool
	// finished: Close has made its last write and fsync, so no change
	// recorded will become durable any more.
	finished bool

	fileMu   sync.Mutex // held while writing to or replacing the file
	file     *os.File
	gen      int   // bumped when a rewrite replaces the file (under mu and fileMu)
	size     int64 // bytes in the file
	baseSize int64 // size after the last rewrite or load
	lastSync time.Time

	rewrite rewriteState
	tx      transactionState
	dbs     []*store.Store // the databases, for automatic rewrites
	// lastDB is the database the file's last record is in (guarded by
	// mu): a change in another is preceded by SELECT. -1: unknown.
	lastDB int
	swaps  uint64 // SWAPDBs recorded (guarded by mu), which a rewrite must not overlap

	wake chan struct{}
	done chan struct{}
	stats
}

type stats struct {
	fsyncs, writes int64
}

// Open opens (creating if need be) the file at cfg.Path for appending and
// starts the writer. Load it first: Open appends after what is there.
func Open(cfg Config) (*AOF, error) {
	f, err := os.OpenFile(cfg.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open append-only file: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open append-only file: %w", err)
	}
	a := &AOF{cfg: cfg, file: f, size: info.Size(), baseSize: info.Size(), lastSync: time.Now(),
		wake: make(chan struct{}, 1), done: make(chan struct{}), lastDB: -1}
	if info.Size() == 0 {
		a.lastDB = 0 // a replay starts in database 0
	}
	a.durable.L = &a.mu
	a.fsync.Store(int32(cfg.Fsync))
	a.SetRewriteThresholds(cfg.RewritePercentage, cfg.RewriteMinSize)
	go a.writer()
	return a, nil
}

// Start turns the append-only file on while the daemon runs (CONFIG SET
// appendonly yes). A file already at cfg.Path is stale (it was not kept
// while the file was off), so it is replaced, as a rewrite replaces it:
// every change of data is recorded from now on, the current data set is
// written beside it and renamed over it, and Start returns once that is
// durable. On failure the file is cut back to what it was and nothing is
// recorded.
func Start(cfg Config, dbs ...*store.Store) (*AOF, error) {
	a, err := Open(cfg)
	if err != nil {
		return nil, err
	}
	before := a.size
	a.Attach(dbs...)
	if err := a.Rewrite(dbs...); err != nil {
		a.detach()
		a.Close()
		// Changes recorded meanwhile were appended to the stale file.
		os.Truncate(cfg.Path, before)
		return nil, err
	}
	return a, nil
}

// Stop turns the file off while the daemon runs (CONFIG SET appendonly
// no): changes are no longer recorded, and what was recorded is written
// and fsynced before the file is closed.
func (a *AOF) Stop() error {
	a.detach()
	return a.Close()
}

func (a *AOF) detach() {
	for _, db := range a.dbs {
		db.Observe(nil)
	}
}

// SetFsync changes the fsync policy (CONFIG SET appendfsync). It applies
// from the next write: a switch to always makes every later
// acknowledgement wait for its fsync.
func (a *AOF) SetFsync(p Policy) {
	a.fsync.Store(int32(p))
	a.wakeWriter() // so that a switch to always fsyncs what is pending
}

// SetRewriteThresholds changes when the file is rewritten on its own
// (CONFIG SET auto-aof-rewrite-percentage, auto-aof-rewrite-min-size): the
// next write checks the new values.
func (a *AOF) SetRewriteThresholds(percentage int, minSize int64) {
	a.rewritePercentage.Store(int64(percentage))
	a.rewriteMinSize.Store(minSize)
}

func (a *AOF) policy() Policy { return Policy(a.fsync.Load()) }

func (a *AOF) wakeWriter() {
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

// Attach starts recording every change of the databases, dbs[n] being
// database n (load the file into them first), and lets automatic
// rewrites read them.
func (a *AOF) Attach(dbs ...*store.Store) {
	a.dbs = dbs
	for i, db := range dbs {
		db.Observe(func(c store.Change) { a.record(i, db, c) })
	}
}

// record appends change c of database db (data), after a SELECT when
// the last record was in another. It is called by the store under the
// key's lock, so it only copies bytes into memory; the writer goroutine
// does the I/O.
func (a *AOF) record(db int, data *store.Store, c store.Change) {
	a.mu.Lock()
	if a.tx.open { // EndTransaction records it
		before := len(a.tx.held)
		var selected int
		a.tx.held, selected = a.appendChange(a.tx.held, db, c)
		if a.rewrite.capturing {
			a.tx.kept = append(a.tx.kept, a.kept(a.tx.held[before:], selected-before, db, data, c)...)
		}
		a.tx.changes++
		a.mu.Unlock()
		return
	}
	before := len(a.buf)
	var selected int
	a.buf, selected = a.appendChange(a.buf, db, c)
	a.recorded += uint64(len(a.buf) - before)
	if a.rewrite.capturing {
		a.rewrite.capture(a.kept(a.buf[before:], selected-before, db, data, c))
	}
	a.mu.Unlock()
	a.wakeWriter()
}

// kept is what a running rewrite keeps of rec, the record of change c in
// database db (data), whose first selectLen bytes are its SELECT: all of
// it when the rewrite's snapshot missed the change (store's snapshot.go),
// otherwise only the SELECT, so that no change is applied twice and the
// kept records' SELECTs stay right. It is asked now, under mu and the
// key's lock: whether the snapshot misses c depends on where it is at
// this moment.
//
// A move (RENAME, MOVE) has two ends, and the snapshot may have read
// either, both or neither. With both read, the move itself is kept; with
// only the old place read, the snapshot will find the key at its new one,
// so only its removal from the old is kept; with only the new place read,
// the entry is kept whole, there (the one case that costs a collection's
// size, and only while a rewrite runs).
func (a *AOF) kept(rec []byte, selectLen int, db int, data *store.Store, c store.Change) []byte {
	if c.Op != store.ChangeMove {
		if data.SnapshotMisses(c) {
			return rec
		}
		return rec[:selectLen]
	}
	from, to := data.MoveMisses(c)
	switch {
	case from && to:
		return rec
	case from:
		return appendArgs(slices.Clone(rec[:selectLen]), [][]byte{[]byte("DEL"), c.Key})
	case !to:
		return rec[:selectLen]
	}
	out := slices.Clone(rec[:selectLen])
	if c.With == nil {
		return appendRecord(out, store.Change{Op: store.ChangePut, Key: c.To, Entry: c.Entry})
	}
	out = appendSelect(out, a.indexOf(c.With))
	out = appendRecord(out, store.Change{Op: store.ChangePut, Key: c.Key, Entry: c.Entry})
	return appendSelect(out, db)
}

// appendChange appends the record of c, a change in database db, to b:
// SWAPDB as itself, any other change after a SELECT when the file's last
// record is in another database. selected is where the SELECT ends. The caller holds mu, and b's records go
// to the file next (a transaction's are held, but nothing else is recorded
// until they are written).
func (a *AOF) appendChange(b []byte, db int, c store.Change) (out []byte, selected int) {
	if c.Op == store.ChangeSwap {
		// SWAPDB is replayed as such; it needs no SELECT.
		a.swaps++
		return appendCommand(b, "SWAPDB", strconv.Itoa(db), strconv.Itoa(a.indexOf(c.With))), len(b)
	}
	if db != a.lastDB {
		b = appendSelect(b, db)
		a.lastDB = db
	}
	if c.Op == store.ChangeMove && c.With != nil {
		return appendCommand(b, "MOVE", string(c.Key), strconv.Itoa(a.indexOf(c.With))), len(b)
	}
	return appendRecord(b, c), len(b)
}

// appendLocked records bytes that are already RESP, of which a running
// rewrite keeps kept; the caller holds mu.
func (a *AOF) appendLocked(rec, kept []byte) {
	a.buf = append(a.buf, rec...)
	a.recorded += uint64(len(rec))
	a.rewrite.capture(kept)
}

// indexOf is the number of database st.
func (a *AOF) indexOf(st *store.Store) int {
	for i, db := range a.dbs {
		if db == st {
			return i
		}
	}
	return -1
}

// Close writes and fsyncs everything recorded, stops the writer and closes
// the file: the last step of a graceful shutdown.
func (a *AOF) Close() error {
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	select {
	case a.wake <- struct{}{}:
	default:
	}
	<-a.done
	a.flush(true)
	a.mu.Lock()
	a.finished = true
	a.durable.Broadcast()
	a.mu.Unlock()
	a.fileMu.Lock()
	defer a.fileMu.Unlock()
	err := a.file.Close()
	if werr := a.WriteError(); werr != nil {
		return werr
	}
	return err
}
