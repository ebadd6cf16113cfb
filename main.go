// Command redis-lite is a Redis-like key-value daemon built on raw POSIX
// sockets, following the networking document in shared/seeds literally.
// This file reads the flags, sets up logging and wires the packages
// together; each package's doc comment says which part of the document it
// implements.
package main

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/sirupsen/logrus"

	"redis-lite/aof"
	"redis-lite/config"
	"redis-lite/executor"
	"redis-lite/netsrv"
	"redis-lite/signals"
	"redis-lite/store"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// The executor's session implements netsrv's optional session methods:
// the read buffer is sized for a large request up front, and a closed
// connection's subscriptions are let go. Checked here, where both packages
// are known, so a renamed method fails the build instead of silently
// turning either off.
var (
	_ netsrv.BufferSizer   = (*executor.Session)(nil)
	_ netsrv.SessionCloser = (*executor.Session)(nil)
)

// run is the daemon's life; it returns the exit status: 0 after a clean
// shutdown or for --help and --version, 1 when it cannot start, as
// redis-server: a bad setting, a config file it cannot read, a port in use.
func run(args []string, stdout, stderr io.Writer) int {
	parsed, err := config.ParseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "redis-lite: %v\n", err)
		return 1
	}
	switch {
	case parsed.Help:
		fmt.Fprint(stdout, config.Usage())
		return 0
	case parsed.Version:
		fmt.Fprintf(stdout, "redis-lite: Redis v=%s compatible, %s %s/%s\n", executor.RedisVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return 0
	}
	settings, err := config.Load(parsed)
	if err != nil {
		var bad *config.LineError
		if errors.As(err, &bad) {
			fmt.Fprint(stderr, bad.Report(executor.RedisVersion))
		} else {
			fmt.Fprintln(stderr, err)
		}
		return 1
	}
	cfg := fromSettings(settings)
	log := newLogger(cfg, stderr)

	ln, err := netsrv.Listen(cfg.bind, cfg.port, cfg.backlog, log)
	if err != nil {
		log.Errorf("cannot start: %v", err)
		return 1
	}
	if fitted, limit, ok := netsrv.FitMaxClients(cfg.maxClients); !ok {
		log.Warnf("--maxclients %d needs %d open files but the limit is %d and cannot be raised: maxclients lowered to %d",
			cfg.maxClients, cfg.maxClients+32, limit, fitted)
		cfg.maxClients = fitted
	}
	data := store.New()
	ex := executor.New(data, executorConfig(cfg, ln.Port()))
	appendOnly, err := openAppendOnly(cfg, data, ex, log)
	if err != nil {
		log.Errorf("cannot start: %v", err)
		return 1
	}
	stopSweeper := data.StartSweeper() // reclaims expired keys nobody reads
	srv := netsrv.NewServer(ln, netsrv.Config{
		Workers: cfg.workers, Queue: cfg.queue, EventLoops: eventLoops(cfg), MaxClients: cfg.maxClients,
		BusyPoll:  cfg.busyPoll,
		PushLimit: cfg.pushLimit, IdleTimeout: cfg.timeout,
		QueryLimit: cfg.queryLimit, OutputLimit: cfg.outputLimit,
		FullReply: []byte("-" + executor.ErrMaxClients + "\r\n"),
		CheckPeer: protectedMode(cfg), Log: log,
	}, func(p netsrv.Pusher) netsrv.Session { return ex.NewSession(p) })
	ex.ReportConnections(func() executor.ConnStats {
		st := srv.Stats()
		return executor.ConnStats{Connected: st.Connected, Accepted: st.Accepted, Rejected: st.Rejected,
			Workers: st.Pool.Workers, Busy: st.Pool.Busy, Queued: st.Pool.Queued, Loops: st.Loops}
	})
	stopMemoryWatch := ex.WatchMemory()

	// Section 4: the signal handler is in place before the accept loop.
	watcher := signals.Watch(
		func(sig os.Signal) {
			log.Infof("received %v: shutting down (send it again to exit at once)", sig)
			srv.Shutdown()
		},
		func(sig os.Signal) {
			log.Warnf("received %v again: exiting now", sig)
			os.Exit(128 + int(sig.(syscall.Signal)))
		})
	defer watcher.Stop()

	if err := srv.Serve(); err != nil {
		log.Errorf("cannot start: %v", err)
		return 1
	}
	stopMemoryWatch()
	stopSweeper()
	if appendOnly != nil {
		if err := appendOnly.Close(); err != nil {
			log.Errorf("shutdown: append-only file: %v", err)
			return 1
		}
		log.Info("shutdown: append-only file written and fsynced")
	}
	log.Info("shutdown: expiry sweeper stopped; shutdown complete; bye")
	return 0
}

// executorConfig is what the executor is told of the daemon's settings.
func executorConfig(cfg daemonConfig, port int) executor.Config {
	return executor.Config{
		MaxBulkLen: cfg.maxBulkLen,
		Port:       port,
		IOModel:    cfg.ioModel,
		Params: []executor.Param{
			{Name: "bind", Value: cfg.bind},
			{Name: "port", Value: strconv.Itoa(port)},
			{Name: "tcp-backlog", Value: strconv.Itoa(cfg.backlog)},
			{Name: "timeout", Value: strconv.Itoa(int(cfg.timeout.Seconds()))},
			{Name: "maxclients", Value: strconv.Itoa(cfg.maxClients)},
			{Name: "client-query-buffer-limit", Value: strconv.Itoa(cfg.queryLimit)},
			{Name: "protected-mode", Value: yesNo(cfg.protectedMode)},
			{Name: "appendonly", Value: yesNo(cfg.appendOnly)},
			{Name: "appendfilename", Value: cfg.appendFilename},
			{Name: "appendfsync", Value: cfg.appendFsync},
			{Name: "dir", Value: cfg.dir},
			{Name: "enable-debug-command", Value: yesNo(cfg.enableDebug)},
		},
		RequirePass: cfg.requirePass,
		MaxMemory:   cfg.maxMemory,
		EnableDebug: cfg.enableDebug,
	}
}

// newLogger sets logrus up as log-level and log-format say (both checked
// by the settings table).
func newLogger(cfg daemonConfig, out io.Writer) *logrus.Logger {
	log := logrus.New()
	log.SetOutput(out)
	level, _ := logrus.ParseLevel(cfg.logLevel)
	log.SetLevel(level)
	if cfg.logFormat == "json" {
		log.SetFormatter(&logrus.JSONFormatter{})
	} else {
		log.SetFormatter(&logrus.TextFormatter{FullTimestamp: true})
	}
	return log
}

// openAppendOnly loads the append-only file into data, before any client
// is served, and opens it to record every change from then on. It returns
// nil without --appendonly yes.
func openAppendOnly(cfg daemonConfig, data *store.Store, ex *executor.Executor, log *logrus.Logger) (*aof.AOF, error) {
	if !cfg.appendOnly {
		return nil, nil
	}
	policy, _ := aof.ParsePolicy(cfg.appendFsync) // validated with the flags
	path := filepath.Join(cfg.dir, cfg.appendFilename)
	start := time.Now()
	st, err := aof.Load(path, cfg.aofLoadTruncated, ex.Replay)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (the file is left as it is)", path, err)
	}
	if st.Dropped > 0 {
		log.Warnf("append-only file: the last command was cut short (a crash while appending?): dropped its %d bytes", st.Dropped)
	}
	log.Infof("append-only file: loaded %d commands (%d bytes) from %s in %v", st.Commands, st.Bytes, path, time.Since(start).Round(time.Millisecond))
	a, err := aof.Open(aof.Config{Path: path, Fsync: policy, LoadTruncated: cfg.aofLoadTruncated,
		RewritePercentage: cfg.rewritePercent, RewriteMinSize: cfg.rewriteMinSize, Log: log})
	if err != nil {
		return nil, err
	}
	a.Attach(data)
	ex.UsePersistence(a)
	return a, nil
}

// protectedMode is Redis's protected mode: with no password set, only
// clients on the loopback interface are let in. It returns nil (no check)
// when a password is set or --protected-mode is no.
func protectedMode(cfg daemonConfig) func(netip.Addr) []byte {
	if !cfg.protectedMode || cfg.requirePass != "" {
		return nil
	}
	return func(peer netip.Addr) []byte {
		if peer.IsLoopback() {
			return nil
		}
		return []byte("-" + executor.ErrProtectedMode + "\r\n")
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// eventLoops is the netsrv.Config.EventLoops for the chosen I/O model: 0
// for the worker pool, else the loops asked for, or by default one per two
// CPUs. The rest is left to the runtime (collector, timers) and to clients
// on the same machine: on 2 vCPUs with redis-benchmark alongside, one loop
// served 5-15% more requests than two, at less CPU per request.
func eventLoops(cfg daemonConfig) int {
	switch {
	case cfg.ioModel != "epoll":
		return 0
	case cfg.eventLoops > 0:
		return cfg.eventLoops
	}
	return max(1, runtime.GOMAXPROCS(0)/2)
}
