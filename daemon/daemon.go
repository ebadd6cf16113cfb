// Package daemon owns the daemon's life: it builds the parts in start
// order (listen, the server's bookkeeping, the key space and the executor,
// the append-only file loaded into them, the expiry sweeper, the memory
// watch, the signal handler), serves until a shutdown request, and stops
// them in reverse. Each part is given only what already exists, so no
// closure points at something built later. It is the one package that
// knows every other; main only reads the settings and sets up logging.
package daemon

import (
	"context"
	"errors"
	"net/netip"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/sirupsen/logrus"

	"redis-lite/aof"
	"redis-lite/config"
	"redis-lite/executor"
	"redis-lite/gcfloor"
	"redis-lite/netsrv"
	"redis-lite/signals"
	"redis-lite/store"
)

// The executor's session implements netsrv's optional session methods:
// the read buffer is sized for a large request up front, and a closed
// connection's subscriptions are let go. Checked here, where both packages
// are known, so a renamed method fails the build instead of silently
// turning either off.
var (
	_ netsrv.BufferSizer   = (*executor.Session)(nil)
	_ netsrv.SessionCloser = (*executor.Session)(nil)
	_ netsrv.Holder        = (*executor.Session)(nil)
	_ netsrv.HoldNotifier  = (*executor.Session)(nil)
	// netsrv's connections are executor.Conns: CLIENT LIST and KILL
	// need them to be.
	_ executor.Conn = netsrv.Client(nil)
)

// Daemon is the running daemon's parts, in the order they are built.
type Daemon struct {
	settings config.Values // as started; live has them as they are now
	live     *config.Live
	log      *logrus.Logger
	// protected is protected mode as it is now: on, and no password set.
	protected atomic.Bool

	ln   *netsrv.Listener
	srv  *netsrv.Server
	data *store.Store
	ex   *executor.Executor
	// aofMu guards appendOnly, which CONFIG SET appendonly replaces while
	// the daemon serves, and stopped, set once shutdown has closed it.
	aofMu           sync.Mutex
	appendOnly      *aof.AOF // nil while appendonly is no
	stopped         bool
	stopSweeper     func()
	stopMemoryWatch func()
	gc              *gcfloor.Tuner // nil when GOGC is set
}

// Run starts the daemon with these settings, serves until SIGINT or
// SIGTERM and stops it. It returns the exit status: 0 after a clean
// shutdown, 1 when it cannot start (the port is taken, the append-only
// file is damaged) or the append-only file could not be written at the
// end.
//
// ctx ending is a shutdown request too, taking the same path as the first
// signal: a program that runs the daemon inside itself (the end-to-end
// tests do) stops it so. main passes a context that never ends.
//
// configFile is the config file's absolute path, or "" when the daemon was
// started without one (CONFIG REWRITE then refuses).
func Run(ctx context.Context, settings config.Values, configFile string, log *logrus.Logger) int {
	d, err := start(settings, configFile, log)
	if err != nil {
		log.Errorf("cannot start: %v", err)
		return 1
	}
	return d.serve(ctx)
}

// start builds every part, in order, up to serving. On failure it undoes
// what it had built.
func start(settings config.Values, configFile string, log *logrus.Logger) (*Daemon, error) {
	d := &Daemon{settings: settings, live: config.NewLive(settings, configFile), log: log}
	d.updateProtectedMode(settings)
	v := settings
	ln, err := netsrv.ListenWith(v.String("bind"), int(v.Int("port")), netsrv.ListenOptions{
		Backlog:    int(v.Int("tcp-backlog")),
		RecvBuffer: int(v.Int("socket-recv-buffer")),
		SendBuffer: int(v.Int("socket-send-buffer")),
	}, log)
	if err != nil {
		return nil, err
	}
	d.ln = ln
	d.live.Override("port", strconv.Itoa(ln.Port())) // the kernel's choice for port 0
	maxClients := int(v.Int("maxclients"))
	if fitted, limit, ok := netsrv.FitMaxClients(maxClients); !ok {
		log.Warnf("maxclients %d needs %d open files but the limit is %d and cannot be raised: maxclients lowered to %d",
			maxClients, maxClients+32, limit, fitted)
		maxClients = fitted
		d.live.Override("maxclients", strconv.Itoa(fitted)) // CONFIG GET shows it, as Redis's does
	}
	d.srv = netsrv.NewServer(ln, d.serverConfig(maxClients))
	d.data = store.New()
	d.ex = executor.New(d.data, d.executorConfig(ln.Port()))
	d.setLatencyTracking(v)
	d.setHLLSparseMaxBytes(v)
	d.setZSetLimits(v)
	d.setHashLimits(v)
	d.setSetMaxIntsetEntries(v)
	d.setListMaxListpackSize(v)
	d.setKeyspaceEvents(v)
	d.setSlowlog(v)
	d.setLatencyMonitor(v)
	d.ex.SetReloader(d.reloadAppendOnly)
	if v.Bool("appendonly") {
		if d.appendOnly, err = d.loadAppendOnly(); err != nil {
			d.srv.Discard()
			return nil, err
		}
	}
	d.stopSweeper = store.StartSweeper(d.ex.Databases()...) // reclaims expired keys nobody reads
	d.stopMemoryWatch = d.ex.WatchMemory()
	d.gc = gcfloor.Start(d.gcFloor(v)) // fewer collections for a small key space
	d.hookSettings()
	return d, nil
}

// serve runs the accept loop until a shutdown request (a signal, or ctx
// ending), then stops the parts in reverse order.
func (d *Daemon) serve(ctx context.Context) int {
	// Section 4: the signal handler is in place before the accept loop.
	watcher := signals.Watch(
		func(sig os.Signal) {
			d.log.Infof("received %v: shutting down (send it again to exit at once)", sig)
			d.srv.Shutdown()
		},
		func(sig os.Signal) {
			d.log.Warnf("received %v again: exiting now", sig)
			os.Exit(128 + int(sig.(syscall.Signal)))
		})
	defer watcher.Stop()
	stopAfter := context.AfterFunc(ctx, func() {
		d.log.Info("asked to stop: shutting down")
		d.srv.Shutdown()
	})
	defer stopAfter()

	err := d.srv.Serve(func(c netsrv.Client) netsrv.Session { return d.ex.NewSession(c) })
	status := 0
	if err != nil {
		d.log.Errorf("cannot start: %v", err)
		status = 1
	}
	d.stopMemoryWatch()
	d.stopSweeper()
	d.gc.Stop()
	d.aofMu.Lock()
	defer d.aofMu.Unlock()
	d.stopped = true
	if d.appendOnly != nil {
		if err := d.appendOnly.Close(); err != nil {
			d.log.Errorf("shutdown: append-only file: %v", err)
			return 1
		}
		d.log.Info("shutdown: append-only file written and fsynced")
	}
	if status == 0 {
		d.log.Info("shutdown: expiry sweeper stopped; shutdown complete; bye")
	}
	return status
}

// serverConfig is what the networking layer is told of the settings.
func (d *Daemon) serverConfig(maxClients int) netsrv.Config {
	v := d.settings
	return netsrv.Config{
		Workers: int(v.Int("workers")), Queue: int(v.Int("queue")), EventLoops: d.eventLoops(),
		BusyPoll:    time.Duration(v.Int("busy-poll")) * time.Microsecond,
		MaxClients:  maxClients,
		PushLimit:   limitOrNone(v.Limit("pubsub").Hard),
		IdleTimeout: v.Seconds("timeout"),
		KeepAlive:   v.Seconds("tcp-keepalive"),
		QueryLimit:  int(v.Int("client-query-buffer-limit")),
		OutputLimit: int(v.Limit("normal").Hard),
		FullReply:   []byte("-" + executor.ErrMaxClients + "\r\n"),
		CheckPeer:   d.protectedMode(),
		Log:         d.log,
	}
}

// limitOrNone is a byte limit where Redis's 0 means none.
func limitOrNone(n int64) int {
	if n == 0 {
		return int(^uint(0) >> 1)
	}
	return int(n)
}

// executorConfig is what the executor is told of the settings.
func (d *Daemon) executorConfig(port int) executor.Config {
	v := d.settings
	return executor.Config{
		MaxBulkLen:      v.Int("proto-max-bulk-len"),
		Port:            port,
		IOModel:         v.String("io"),
		Settings:        executorSettings{d.live},
		RequirePass:     v.String("requirepass"),
		MaxMemory:       v.Int("maxmemory"),
		TrackingMaxKeys: v.Int("tracking-table-max-keys"),
		Databases:       int(v.Int("databases")),
		EnableDebug:     v.String("enable-debug-command") == "yes",
		InlineReplies:   v.String("inline-replies"),
		Connections:     d.connStats,
		Shutdown:        d.shutdownRequested,
	}
}

// shutdownRequested is SHUTDOWN: the same graceful path as SIGTERM, unless
// what must come first cannot be done. No snapshots are kept, so SAVE
// cannot be honoured: refused, as Redis refuses when its save fails,
// unless FORCE. Likewise when the append-only file cannot be written:
// what it holds would not be what was acknowledged.
func (d *Daemon) shutdownRequested(req executor.ShutdownRequest) error {
	d.log.Info("user requested shutdown (SHUTDOWN)")
	if req.Save {
		if !req.Force {
			d.log.Error("shutdown refused: SAVE asks for a snapshot and snapshots (RDB) are not supported; SHUTDOWN NOSAVE or FORCE goes on")
			return errShutdownRefused
		}
		d.log.Warn("SHUTDOWN SAVE FORCE: no snapshot made (snapshots are not supported); shutting down")
	}
	d.aofMu.Lock()
	writeErr := error(nil)
	if d.appendOnly != nil {
		writeErr = d.appendOnly.WriteError()
	}
	d.aofMu.Unlock()
	if writeErr != nil && !req.Force {
		d.log.Errorf("shutdown refused: the append-only file cannot be written (%v); SHUTDOWN FORCE goes on", writeErr)
		return errShutdownRefused
	}
	d.srv.Shutdown()
	return nil
}

var errShutdownRefused = errors.New("shutdown refused")

// connStats is the server's counters, as INFO shows them.
func (d *Daemon) connStats() executor.ConnStats {
	st := d.srv.Stats()
	return executor.ConnStats{Connected: st.Connected, Accepted: st.Accepted, Rejected: st.Rejected,
		Workers: st.Pool.Workers, Busy: st.Pool.Busy, Queued: st.Pool.Queued, Loops: st.Loops}
}

// protectedMode is Redis's protected mode: while it is on and no password
// is set, only clients on the loopback interface are let in. Both settings
// may change at run time, so the check reads them as they are now.
func (d *Daemon) protectedMode() func(netip.Addr) []byte {
	refusal := []byte("-" + executor.ErrProtectedMode + "\r\n")
	return func(peer netip.Addr) []byte {
		if !d.protected.Load() || peer.IsLoopback() {
			return nil
		}
		return refusal
	}
}

func (d *Daemon) updateProtectedMode(v config.Values) {
	d.protected.Store(v.Bool("protected-mode") && v.String("requirepass") == "")
}

// eventLoops is the netsrv.Config.EventLoops for the chosen I/O model: 0
// for the worker pool, else the loops asked for (by default one), or with
// 0 one per two CPUs. One loop is the default because it is Redis's
// order: every client's requests run in the order they arrived, which
// blocked clients, CLIENT PAUSE and WATCH rely on, where loops side by
// side do not look into each other's connections. On 2 vCPUs with
// redis-benchmark alongside, one loop also served 5-15% more requests than
// two, at less CPU per request. The rest of the CPUs are left to the
// runtime (collector, timers) and to clients on the same machine.
func (d *Daemon) eventLoops() int {
	switch {
	case d.settings.String("io") != "epoll":
		return 0
	case d.settings.Int("event-loops") > 0:
		return int(d.settings.Int("event-loops"))
	}
	return max(1, runtime.GOMAXPROCS(0)/2)
}
