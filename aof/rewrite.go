package aof

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"redis-lite/store"
)

// rewriteState is the part of the AOF a rewrite uses. While a rewrite
// runs, every record is also kept in pending, to be appended to the new
// file after the snapshot: so writes made during a rewrite are not lost.
type rewriteState struct {
	running atomic.Bool
	// active is held while a rewrite runs (from the claim of running to
	// its end), so WaitRewrite can wait for it.
	active    sync.Mutex
	capturing bool // guarded by AOF.mu
	pending   []byte
	lastOK    bool
	lastTook  time.Duration
	count     int
}

func (r *rewriteState) capture(rec []byte) {
	if r.capturing {
		r.pending = append(r.pending, rec...)
	}
}

// ErrRewriteRunning is returned when a rewrite is asked for during another.
//
//lint:ignore ST1005 Redis's own wording, which clients and tests compare
var ErrRewriteRunning = errors.New("Background append only file rewriting already in progress")

var errSwapDuringRewrite = errors.New("a SWAPDB ran while the rewrite read the data set; the next rewrite will try again")

// StartRewrite begins a rewrite in the background (BGREWRITEAOF).
func (a *AOF) StartRewrite() error {
	if !a.claimRewrite() {
		return ErrRewriteRunning
	}
	go a.runRewrite(a.dbs)
	return nil
}

// Rewrite replaces the file with a compact one: a SET for each key of each
// database as it is (a SELECT before each database's keys but database
// 0's when it comes first), then the changes made while that was written. Clients go
// on writing meanwhile. The new file is written beside the old, fsynced,
// renamed over it (atomic: a crash leaves one or the other, whole), and the
// directory is fsynced so the rename itself survives a crash.
func (a *AOF) Rewrite(dbs ...*store.Store) error {
	if !a.claimRewrite() {
		return ErrRewriteRunning
	}
	return a.runRewrite(dbs)
}

// claimRewrite marks a rewrite as running, or reports false if one is.
// The claimant runs runRewrite, which releases the claim.
func (a *AOF) claimRewrite() bool {
	if !a.rewrite.running.CompareAndSwap(false, true) {
		return false
	}
	a.rewrite.active.Lock() // unlocked by runRewrite, maybe on another goroutine
	return true
}

// WaitRewrite returns once no rewrite runs: at once if none does.
func (a *AOF) WaitRewrite() {
	a.rewrite.active.Lock()
	//lint:ignore SA2001 taking the lock was the wait: a running rewrite holds it
	a.rewrite.active.Unlock()
}

func (a *AOF) runRewrite(dbs []*store.Store) error {
	defer a.rewrite.active.Unlock()
	defer a.rewrite.running.Store(false)
	start := time.Now()
	err := a.rewriteFile(dbs)
	a.mu.Lock()
	a.rewrite.capturing, a.rewrite.pending = false, nil
	a.rewrite.lastOK, a.rewrite.lastTook = err == nil, time.Since(start)
	a.rewrite.count++
	a.mu.Unlock()
	if err != nil {
		a.cfg.Log.WithError(err).Error("append-only file: rewrite failed; the old file stays in use")
		return err
	}
	a.cfg.Log.Infof("append-only file: rewritten in %v, %d bytes", time.Since(start).Round(time.Millisecond), a.Size())
	return nil
}

func (a *AOF) rewriteFile(dbs []*store.Store) error {
	tmpPath := filepath.Join(filepath.Dir(a.cfg.Path), fmt.Sprintf("temp-rewriteaof-%d.aof", os.Getpid()))
	tmp, err := os.OpenFile(tmpPath, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	defer os.Remove(tmpPath) // gone after the rename; cleans up a failure

	// From here on every record is also kept for the new file. Which
	// database the snapshot ends in is not known yet, so the first record
	// kept names its own.
	// The snapshot begins before the keeping: a change made in between
	// is in the snapshot and not kept (store's snapshot.go).
	for _, data := range dbs {
		data.BeginSnapshot()
		defer data.EndSnapshot()
	}
	a.mu.Lock()
	a.rewrite.capturing, a.rewrite.pending = true, nil
	a.lastDB = -1
	swaps := a.swaps
	a.mu.Unlock()

	werr := writeSnapshot(tmp, dbs)
	if werr == nil {
		werr = tmp.Sync()
	}
	if werr != nil {
		tmp.Close()
		return werr
	}

	// The switch: writers wait for these few steps. What was recorded
	// during the snapshot and is not in it goes after it.
	a.fileMu.Lock()
	defer a.fileMu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	// Records still buffered were captured too, so the new file will hold
	// them: they are not to be written to the old one.
	if a.swaps != swaps {
		// The snapshot reads one shard at a time, so it may show some
		// keys from before the exchange and some from after, which
		// replaying the SWAPDB that follows would scramble. The old file
		// is right; it stays.
		tmp.Close()
		return errSwapDuringRewrite
	}
	tail := a.rewrite.pending
	if _, err := tmp.Write(tail); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	// rename(2) replaces the old file in one step; fsync of the directory
	// makes the new name durable.
	if err := os.Rename(tmpPath, a.cfg.Path); err != nil {
		tmp.Close()
		return err
	}
	if dir, err := os.Open(filepath.Dir(a.cfg.Path)); err == nil {
		dir.Sync()
		dir.Close()
	}
	info, err := tmp.Stat()
	if err != nil {
		return err
	}
	a.file.Close()
	a.file = tmp // opened for writing; appends continue at its end
	if _, err := tmp.Seek(0, 2); err != nil {
		return err
	}
	a.size, a.baseSize = info.Size(), info.Size()
	a.gen++
	a.buf = a.buf[:0]
	a.synced = a.recorded
	a.durable.Broadcast()
	return nil
}

// maybeRewrite starts a rewrite when the file has grown enough.
func (a *AOF) maybeRewrite() {
	percentage := a.rewritePercentage.Load()
	if percentage <= 0 || a.dbs == nil || a.rewrite.running.Load() {
		return
	}
	a.fileMu.Lock()
	size, base := a.size, a.baseSize
	a.fileMu.Unlock()
	if size < a.rewriteMinSize.Load() || size < base+base*percentage/100 {
		return
	}
	if a.StartRewrite() == nil {
		a.cfg.Log.Infof("append-only file: %d bytes, grown %d%% since its last rewrite: rewriting", size, (size-base)*100/max(base, 1))
	}
}

// Size is the file's current size in bytes.
func (a *AOF) Size() int64 {
	a.fileMu.Lock()
	defer a.fileMu.Unlock()
	return a.size
}

// InfoFields are the persistence fields of INFO, with Redis's names.
func (a *AOF) InfoFields() [][2]string {
	a.mu.Lock()
	status, lastOK, took, count := "ok", a.rewrite.lastOK, a.rewrite.lastTook, a.rewrite.count
	if a.writeErr != nil {
		status = "err"
	}
	a.mu.Unlock()
	rewriteStatus := "ok"
	if count > 0 && !lastOK {
		rewriteStatus = "err"
	}
	lastTime := int64(-1)
	if count > 0 {
		lastTime = int64(took.Seconds())
	}
	a.fileMu.Lock()
	size, base := a.size, a.baseSize
	a.fileMu.Unlock()
	return [][2]string{
		{"aof_enabled", "1"},
		{"aof_rewrite_in_progress", boolDigit(a.rewrite.running.Load())},
		{"aof_rewrite_scheduled", "0"},
		{"aof_last_rewrite_time_sec", fmt.Sprint(lastTime)},
		{"aof_last_bgrewrite_status", rewriteStatus},
		{"aof_rewrites", fmt.Sprint(count)},
		{"aof_last_write_status", status},
		{"aof_current_size", fmt.Sprint(size)},
		{"aof_base_size", fmt.Sprint(base)},
		{"aof_fsync_policy", a.policy().String()},
		{"aof_fsyncs", fmt.Sprint(a.fsyncCount())},
	}
}

func (a *AOF) fsyncCount() int64 {
	a.fileMu.Lock()
	defer a.fileMu.Unlock()
	return a.fsyncs
}

func boolDigit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// writeSnapshot writes the commands that make dbs' data sets again, each
// database's after a SELECT (but database 0's when it comes first: a
// replay starts there), a shard at a time (store's snapshot.go).
func writeSnapshot(w io.Writer, dbs []*store.Store) error {
	var buf []byte
	var werr error
	selected := 0
	for i, data := range dbs {
		data.SnapshotRange(func(key []byte, e store.Entry) {
			if i != selected {
				buf = appendSelect(buf, i)
				selected = i
			}
			if e.Obj != nil {
				buf = appendObject(buf, key, e)
			} else {
				buf = appendRecord(buf, store.Change{Op: store.ChangePut, Key: key, Entry: e})
			}
		}, func() bool {
			if len(buf) >= 1<<20 {
				_, werr = w.Write(buf)
				buf = buf[:0]
			}
			return werr == nil
		})
		if werr != nil {
			return werr
		}
	}
	_, werr = w.Write(buf)
	return werr
}

// SaveSnapshot writes dbs' data sets to a new file at path, as a rewrite
// writes them, and fsyncs it: a file that Load reads back into the same
// data sets. DEBUG RELOAD uses it when there is no append-only file. The
// caller makes sure nothing writes meanwhile.
func SaveSnapshot(path string, dbs ...*store.Store) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	err = writeSnapshot(f, dbs)
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}
