package daemon

import (
	"errors"
	"fmt"
	"strconv"

	"redis-lite/aof"
	"redis-lite/config"
	"redis-lite/executor"
	"redis-lite/gcfloor"
	"redis-lite/netsrv"
)

// executorSettings are the live settings as the executor's CONFIG
// commands see them.
type executorSettings struct{ live *config.Live }

func (s executorSettings) Params() []executor.Param {
	var out []executor.Param
	for _, p := range s.live.Params() {
		if !p.Hidden {
			out = append(out, executor.Param{Name: p.Name, Value: p.Value})
		}
	}
	return out
}

func (s executorSettings) Lookup(name string) (executor.Param, bool) {
	setting := config.Lookup(name)
	if setting == nil {
		return executor.Param{}, false
	}
	value, _ := s.live.Get(setting.Name)
	return executor.Param{Name: setting.Name, Value: value}, true
}

func (s executorSettings) Set(pairs []string) error { return s.live.Set(pairs) }
func (s executorSettings) Rewrite() error           { return s.live.Rewrite() }

// hookSettings makes each setting CONFIG SET may change take effect at
// once, by telling the part that uses it. A hook that fails leaves its
// part as it was; config.Live then puts the other settings of the same
// CONFIG SET back, running their hooks again with the old values.
func (d *Daemon) hookSettings() {
	d.live.OnSet("maxclients", func(v config.Values) error {
		n := int(v.Int("maxclients"))
		// As Redis: room for the clients under the open-file limit first.
		if fitted, _, ok := netsrv.FitMaxClients(n); !ok {
			//lint:ignore ST1005 Redis's own wording, which clients and tests compare
			return fmt.Errorf("The operating system is not able to handle the specified number of clients, try with %d", fitted)
		}
		d.srv.SetMaxClients(n)
		return nil
	})
	d.live.OnSet("timeout", func(v config.Values) error {
		d.srv.SetIdleTimeout(v.Seconds("timeout"))
		return nil
	})
	d.live.OnSet("tcp-keepalive", func(v config.Values) error {
		d.srv.SetKeepAlive(v.Seconds("tcp-keepalive"))
		return nil
	})
	d.live.OnSet("client-output-buffer-limit", d.setClientLimits)
	d.live.OnSet("client-query-buffer-limit", d.setClientLimits)
	d.live.OnSet("maxmemory", func(v config.Values) error {
		d.ex.SetMaxMemory(v.Int("maxmemory"))
		d.gc.SetFloor(d.gcFloor(v))
		return nil
	})
	d.live.OnSet("min-replicas-to-write", d.setMinReplicas)
	d.live.OnSet("min-replicas-max-lag", d.setMinReplicas)
	d.setMinReplicas(d.settings) // the executor is not told them at start
	d.live.OnSet("tracking-table-max-keys", func(v config.Values) error {
		d.ex.SetTrackingTableMaxKeys(v.Int("tracking-table-max-keys"))
		return nil
	})
	d.live.OnSet("requirepass", func(v config.Values) error {
		d.ex.SetRequirePass(v.String("requirepass"))
		d.updateProtectedMode(v)
		return nil
	})
	d.live.OnSet("protected-mode", func(v config.Values) error {
		d.updateProtectedMode(v)
		return nil
	})
	d.live.OnSet("appendfsync", func(v config.Values) error {
		d.aofMu.Lock()
		defer d.aofMu.Unlock()
		if d.appendOnly != nil { // otherwise it is used when the file is turned on
			d.appendOnly.SetFsync(fsyncPolicy(v))
		}
		return nil
	})
	d.live.OnSet("appendonly", d.switchAppendOnly)
	d.live.OnSet("auto-aof-rewrite-percentage", d.setRewriteThresholds)
	d.live.OnSet("auto-aof-rewrite-min-size", d.setRewriteThresholds)
	d.live.OnSet("port", func(v config.Values) error {
		return d.rebind(v, "Unable to listen on this port. Check server logs.")
	})
	d.live.OnSet("bind", func(v config.Values) error {
		return d.rebind(v, "Failed to bind to specified addresses.")
	})
	d.live.OnSet("maxmemory-clients", d.setMaxMemoryClients)
	d.setMaxMemoryClients(d.settings) // the executor is not told it at start
	d.live.OnSet("proto-max-bulk-len", func(v config.Values) error {
		d.ex.SetMaxBulkLen(v.Int("proto-max-bulk-len"))
		return nil
	})
	d.live.OnSet("latency-tracking", d.setLatencyTracking)
	d.live.OnSet("hll-sparse-max-bytes", d.setHLLSparseMaxBytes)
	d.live.OnSet("zset-max-listpack-entries", d.setZSetLimits)
	d.live.OnSet("zset-max-listpack-value", d.setZSetLimits)
	d.live.OnSet("hash-max-listpack-entries", d.setHashLimits)
	d.live.OnSet("hash-max-listpack-value", d.setHashLimits)
	d.live.OnSet("set-max-intset-entries", d.setSetMaxIntsetEntries)
	d.live.OnSet("list-max-listpack-size", d.setListMaxListpackSize)
	d.live.OnSet("latency-tracking-info-percentiles", d.setLatencyTracking)
	d.live.OnSet("notify-keyspace-events", d.setKeyspaceEvents)
	d.live.OnSet("slowlog-log-slower-than", d.setSlowlog)
	d.live.OnSet("slowlog-max-len", d.setSlowlog)
	d.live.OnSet("latency-monitor-threshold", d.setLatencyMonitor)
}

// setSlowlog tells the executor which commands the slow log keeps and
// how many.
func (d *Daemon) setSlowlog(v config.Values) error {
	d.ex.SetSlowlog(v.Int("slowlog-log-slower-than"), v.Int("slowlog-max-len"))
	return nil
}

// setLatencyMonitor tells the executor from how many milliseconds on the
// latency monitor records an event.
func (d *Daemon) setLatencyMonitor(v config.Values) error {
	d.ex.SetLatencyMonitorThreshold(v.Int("latency-monitor-threshold"))
	return nil
}

// setKeyspaceEvents tells the executor which keyspace events to publish.
func (d *Daemon) setKeyspaceEvents(v config.Values) error {
	d.ex.SetKeyspaceEvents(v.String("notify-keyspace-events"))
	return nil
}

// rebind moves the listening socket to bind and port (CONFIG SET port or
// bind). When the new address cannot be had, the server stays where it
// was, the log says why and the reply is Redis's refusal. Port 0 asks the
// kernel for a free port, as at start, and CONFIG GET port then shows it.
func (d *Daemon) rebind(v config.Values, refusal string) error {
	port, err := d.srv.Rebind(v.String("bind"), int(v.Int("port")))
	if err != nil {
		d.log.WithError(err).Warn("CONFIG SET: cannot listen at the new address; still listening at the old one")
		return errors.New(refusal)
	}
	v["port"] = strconv.Itoa(port)
	d.ex.SetPort(port)
	return nil
}

// setMinReplicas tells the executor how many replicas writes need.
func (d *Daemon) setMinReplicas(v config.Values) error {
	d.ex.SetMinReplicas(v.Int("min-replicas-to-write"), v.Int("min-replicas-max-lag"))
	return nil
}

// setMaxMemoryClients tells the executor when to close the clients
// using the most memory.
func (d *Daemon) setMaxMemoryClients(v config.Values) error {
	d.ex.SetMaxMemoryClients(v.MemoryPercent("maxmemory-clients"))
	return nil
}

// setRewriteThresholds tells the append-only file, when it is on, when to
// rewrite itself; when it is off they are used once it is turned on.
func (d *Daemon) setRewriteThresholds(v config.Values) error {
	d.aofMu.Lock()
	defer d.aofMu.Unlock()
	if d.appendOnly != nil {
		d.appendOnly.SetRewriteThresholds(int(v.Int("auto-aof-rewrite-percentage")), v.Int("auto-aof-rewrite-min-size"))
	}
	return nil
}

// setLatencyTracking tells the executor whether to keep run times and
// which percentiles INFO shows.
func (d *Daemon) setLatencyTracking(v config.Values) error {
	d.ex.SetLatencyTracking(v.Bool("latency-tracking"), v.Percentiles("latency-tracking-info-percentiles"))
	return nil
}

// setHLLSparseMaxBytes tells the executor when a sparse HyperLogLog turns
// dense.
func (d *Daemon) setHLLSparseMaxBytes(v config.Values) error {
	d.ex.SetHLLSparseMaxBytes(v.Int("hll-sparse-max-bytes"))
	return nil
}

// setZSetLimits tells the executor how large a sorted set may grow in
// the listpack encoding.
func (d *Daemon) setZSetLimits(v config.Values) error {
	d.ex.SetZSetLimits(v.Int("zset-max-listpack-entries"), v.Int("zset-max-listpack-value"))
	return nil
}

// setHashLimits tells the executor when a hash leaves the listpack
// encoding.
func (d *Daemon) setHashLimits(v config.Values) error {
	d.ex.SetHashLimits(v.Int("hash-max-listpack-entries"), v.Int("hash-max-listpack-value"))
	return nil
}

// setSetMaxIntsetEntries tells the executor when a set of integers turns
// into a hash table.
func (d *Daemon) setSetMaxIntsetEntries(v config.Values) error {
	d.ex.SetSetMaxIntsetEntries(v.Int("set-max-intset-entries"))
	return nil
}

// setListMaxListpackSize tells the executor how full a list node may
// grow.
func (d *Daemon) setListMaxListpackSize(v config.Values) error {
	d.ex.SetListMaxListpackSize(v.Int("list-max-listpack-size"))
	return nil
}

// switchAppendOnly turns the append-only file on or off while the daemon
// serves (CONFIG SET appendonly). On: the current data set is written to
// a new file, as a rewrite does, and every change from then on is
// appended; unlike Redis, which rewrites in the background, the reply
// waits until the file is complete. Off: changes are no longer recorded,
// and the file is flushed, fsynced and closed.
func (d *Daemon) switchAppendOnly(v config.Values) error {
	d.aofMu.Lock()
	defer d.aofMu.Unlock()
	on := v.Bool("appendonly")
	switch {
	case d.stopped:
		return errors.New("the daemon is shutting down")
	case on && d.appendOnly == nil:
		a, err := aof.Start(d.aofConfig(v), d.ex.Databases()...)
		if err != nil {
			d.log.WithError(err).Errorf("append-only file: cannot turn it on at %s", aofPath(v))
			//lint:ignore ST1005 Redis's own wording, which clients and tests compare
			return errors.New("Unable to turn on AOF. Check server logs.")
		}
		d.appendOnly = a
		d.ex.UsePersistence(a)
		d.log.Infof("append-only file: turned on at %s, %d bytes written", aofPath(v), a.Size())
	case !on && d.appendOnly != nil:
		d.ex.UsePersistence(nil)
		err := d.appendOnly.Stop()
		d.appendOnly = nil
		if err != nil {
			d.log.WithError(err).Error("append-only file: turned off, but its last writes failed")
		} else {
			d.log.Info("append-only file: turned off; written, fsynced and closed")
		}
	}
	return nil
}

// setClientLimits applies client-query-buffer-limit and the hard limits of
// client-output-buffer-limit's normal and pubsub classes to every
// connection.
func (d *Daemon) setClientLimits(v config.Values) error {
	d.srv.SetLimits(int(v.Int("client-query-buffer-limit")), int(v.Limit("normal").Hard), limitOrNone(v.Limit("pubsub").Hard))
	return nil
}

// gcFloor is the heap the collector may reach before it runs (gcfloor).
func (d *Daemon) gcFloor(v config.Values) uint64 {
	return gcfloor.FloorFor(uint64(v.Int("gc-floor")), v.Int("maxmemory"))
}
