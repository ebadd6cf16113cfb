package daemon

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"redis-lite/aof"
	"redis-lite/config"
	"redis-lite/executor"
	"redis-lite/store"
)

// The daemon and its append-only file: loading it before any client is
// served, its settings, the latency it reports, and DEBUG LOADAOF and
// RELOAD, which empty the data set and load it back.

// loadAppendOnly loads the append-only file into the key space, before
// any client is served, and opens it to record every change from then on.
func (d *Daemon) loadAppendOnly() (*aof.AOF, error) {
	v := d.settings
	path := aofPath(v)
	start := time.Now()
	st, err := d.replayFile(path, v.Bool("aof-load-truncated"), d.ex.Replay)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (the file is left as it is)", path, err)
	}
	if st.Dropped > 0 {
		d.log.Warnf("append-only file: the last command was cut short (a crash while appending?): dropped its %d bytes", st.Dropped)
	}
	d.log.Infof("append-only file: loaded %d commands (%d bytes) from %s in %v", st.Commands, st.Bytes, path, time.Since(start).Round(time.Millisecond))
	a, err := aof.Open(d.aofConfig(v))
	if err != nil {
		return nil, err
	}
	a.Attach(d.ex.Databases()...)
	d.ex.UsePersistence(a)
	return a, nil
}

// reloadAppendOnly is DEBUG LOADAOF's and DEBUG RELOAD's work (the
// executor's Reloader; no command runs meanwhile): optionally rewrite the
// file from the data set, then close it (written and fsynced), empty
// every database without recording that, replay the file into them, and
// open it again to record from there on. If the replay fails the data
// loaded so far stays, and the file is reopened all the same, untouched.
func (d *Daemon) reloadAppendOnly(rewriteFirst bool, replay func(args [][]byte) error) error {
	v := d.live.Values()
	d.aofMu.Lock()
	defer d.aofMu.Unlock()
	a := d.appendOnly
	dbs := d.ex.Databases()
	if d.stopped || (a == nil && !rewriteFirst) {
		return executor.ErrAppendOnlyOff
	}
	if a == nil {
		return d.reloadThroughSnapshot(v, dbs, replay)
	}
	a.WaitRewrite() // a BGREWRITEAOF in progress: let it finish first
	if rewriteFirst {
		if err := a.Rewrite(dbs...); err != nil {
			return fmt.Errorf("rewriting the append only file: %w", err)
		}
	}
	d.ex.UsePersistence(nil)
	d.appendOnly = nil
	if err := a.Stop(); err != nil {
		d.log.WithError(err).Error("append-only file: the last writes before DEBUG LOADAOF failed")
	}
	// An automatic rewrite may have begun just before the file closed:
	// the file to load is the one it leaves (with no command running,
	// either file holds the same data set).
	a.WaitRewrite()
	for _, db := range dbs {
		db.Flush()
	}
	path := aofPath(v)
	st, loadErr := d.replayFile(path, v.Bool("aof-load-truncated"), replay)
	reopened, err := aof.Open(d.aofConfig(v))
	if err != nil {
		d.log.WithError(err).Errorf("append-only file: cannot reopen %s after DEBUG LOADAOF; it is off now", path)
		return errors.Join(loadErr, err)
	}
	reopened.Attach(dbs...)
	d.appendOnly = reopened
	d.ex.UsePersistence(reopened)
	if loadErr != nil {
		return loadErr
	}
	d.log.Warnf("append-only file: data set reloaded by DEBUG (%d commands, %d bytes)", st.Commands, st.Bytes)
	return nil
}

// reloadThroughSnapshot is DEBUG RELOAD with the append-only file off:
// the data set is written to a file of its own in dir, in the rewrite's
// format, emptied, and loaded back from that file, which then goes. So
// the round trip through the disk that Redis makes with an RDB file is
// made here too, whether or not the append-only file is on.
func (d *Daemon) reloadThroughSnapshot(v config.Values, dbs []*store.Store, replay func(args [][]byte) error) error {
	path := filepath.Join(v.String("dir"), fmt.Sprintf("temp-reload-%d.aof", os.Getpid()))
	defer os.Remove(path)
	if err := aof.SaveSnapshot(path, dbs...); err != nil {
		return fmt.Errorf("saving the data set for the reload: %w", err)
	}
	for _, db := range dbs {
		db.Flush()
	}
	st, err := d.replayFile(path, false, replay)
	if err != nil {
		return fmt.Errorf("loading the data set back: %w", err)
	}
	d.log.Warnf("data set reloaded by DEBUG RELOAD (%d commands, %d bytes)", st.Commands, st.Bytes)
	return nil
}

// replayFile loads a file of commands into the data set through replay,
// with the databases told it is loading: no key expires meanwhile.
func (d *Daemon) replayFile(path string, loadTruncated bool, replay func(args [][]byte) error) (aof.LoadStats, error) {
	d.ex.Loading(true)
	defer d.ex.Loading(false)
	return aof.Load(path, loadTruncated, replay)
}

// aofPath is where the append-only file is: appendfilename in dir.
func aofPath(v config.Values) string {
	return filepath.Join(v.String("dir"), v.String("appendfilename"))
}

func (d *Daemon) aofConfig(v config.Values) aof.Config {
	return aof.Config{Path: aofPath(v), Fsync: fsyncPolicy(v), LoadTruncated: v.Bool("aof-load-truncated"),
		RewritePercentage: int(v.Int("auto-aof-rewrite-percentage")), RewriteMinSize: v.Int("auto-aof-rewrite-min-size"), Log: d.log,
		Latency: d.aofLatency}
}

// aofLatency hands the append-only file's slow writes and fsyncs to the
// latency monitor (LATENCY LATEST).
func (d *Daemon) aofLatency(event string, took time.Duration) {
	d.ex.RecordLatency(event, took.Milliseconds(), time.Now().Unix())
}

// fsyncPolicy is appendfsync's policy (one of the table's words).
func fsyncPolicy(v config.Values) aof.Policy {
	policy, _ := aof.ParsePolicy(v.String("appendfsync"))
	return policy
}
