package aof

import (
	"errors"
	"time"
)

// The writing side of the file: the writer goroutine that moves recorded
// changes from memory to the file and fsyncs them as the policy says,
// and the wait of a client whose write must be durable before its reply.

// WaitDurable returns once every change recorded so far is as durable as
// the policy promises: for always, fsynced; otherwise at once. It fails if
// the file could not be written: the changes must then not be acknowledged.
func (a *AOF) WaitDurable() error {
	if a.policy() != Always {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	target := a.recorded
	// Closing is no reason to stop waiting: Close's last flush may still
	// make these changes durable (CONFIG SET appendonly no, DEBUG
	// LOADAOF, while a client waits for its fsync).
	for a.synced < target && a.writeErr == nil && !a.finished {
		select {
		case a.wake <- struct{}{}:
		default:
		}
		a.durable.Wait()
	}
	if a.synced >= target {
		return nil
	}
	if a.writeErr != nil {
		return a.writeErr
	}
	return errors.New("append-only file closed")
}

// WriteError is the error that stops writes (MISCONF), or nil. Every
// write command asks, so the usual answer costs one atomic load.
func (a *AOF) WriteError() error {
	if !a.failing.Load() {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.writeErr
}

// writer moves recorded bytes to the file: at once when woken, and fsyncs
// as the policy says. While one fsync runs, new records gather, and the
// next round writes and fsyncs them all together (group commit).
func (a *AOF) writer() {
	defer close(a.done)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-a.wake:
		case <-tick.C:
		}
		if a.flush(false) {
			return
		}
		a.maybeRewrite()
	}
}

// flush writes what is buffered and fsyncs when the policy says so (or at
// the end). It reports whether the AOF is closed, so the writer can stop.
func (a *AOF) flush(final bool) bool {
	a.mu.Lock()
	batch, upTo, closed, gen := a.buf, a.recorded, a.closed, a.gen
	a.buf, a.spare = a.spare[:0], nil
	a.mu.Unlock()

	a.fileMu.Lock()
	if a.gen != gen {
		// A rewrite replaced the file after this batch was taken: the new
		// file already holds these changes, and appending them after newer
		// ones would bring old values back on replay.
		a.fileMu.Unlock()
		return closed
	}
	var err error
	if len(batch) > 0 {
		began := time.Now()
		_, err = a.file.Write(batch)
		a.noteLatency("aof-write", began)
		if err == nil {
			a.size += int64(len(batch))
			a.writes++
		} else {
			// A short write (disk full) leaves part of a record behind:
			// cut the file back to its last whole record, as Redis does,
			// so the retry appends cleanly.
			a.file.Truncate(a.size)
		}
	}
	policy := a.policy()
	needSync := final || policy == Always || (policy == EverySec && time.Since(a.lastSync) >= time.Second)
	if err == nil && needSync {
		// fsync(2): until it returns, the bytes may still be only in the
		// page cache, and a power cut or kernel crash would lose them.
		began := time.Now()
		err = a.file.Sync()
		a.lastSync = time.Now()
		a.fsyncs++
		if policy == Always {
			a.noteLatency("aof-fsync-always", began)
		}
	}
	a.fileMu.Unlock()

	a.mu.Lock()
	defer a.mu.Unlock()
	a.spare = batch[:0]
	if err != nil {
		if a.writeErr == nil {
			a.cfg.Log.WithError(err).Error("append-only file: write failed; writes are refused until it works again")
		}
		a.writeErr = err
		a.failing.Store(true)
		a.buf = append(batch, a.buf...) // written again on the next round
		a.spare = nil
		a.durable.Broadcast()
		return closed
	}
	if a.writeErr != nil {
		a.cfg.Log.Info("append-only file: writing works again")
		a.writeErr = nil
		a.failing.Store(false)
	}
	a.synced = upTo
	a.durable.Broadcast()
	return closed && len(a.buf) == 0
}

// noteLatency tells Config.Latency how long event took since began.
func (a *AOF) noteLatency(event string, began time.Time) {
	if a.cfg.Latency != nil {
		a.cfg.Latency(event, time.Since(began))
	}
}
