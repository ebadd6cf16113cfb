// Command redis-lite is a Redis-like key-value daemon built on raw POSIX
// sockets, following the networking document in shared/seeds literally.
// This file reads the flags, sets up logging and wires the packages
// together; each package's doc comment says which part of the document it
// implements.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"

	"github.com/sirupsen/logrus"

	"redis-lite/executor"
	"redis-lite/netsrv"
	"redis-lite/parser"
	"redis-lite/signals"
	"redis-lite/store"
)

type config struct {
	bind       string
	port       int
	workers    int
	queue      int
	backlog    int
	logLevel   string
	logFormat  string
	maxBulkLen int64
	pushLimit  int
}

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

// run is the daemon's life; it returns the exit status: 0 after a clean
// shutdown, 1 when it cannot start, 2 for bad flags.
func run(args []string, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "redis-lite: %v\n", err)
		return 2
	}
	log, err := newLogger(cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "redis-lite: %v\n", err)
		return 2
	}

	ln, err := netsrv.Listen(cfg.bind, cfg.port, cfg.backlog, log)
	if err != nil {
		log.Errorf("cannot start: %v", err)
		return 1
	}
	data := store.New()
	stopSweeper := data.StartSweeper() // reclaims expired keys nobody reads
	var srv *netsrv.Server
	ex := executor.New(data, executor.Config{
		MaxBulkLen: cfg.maxBulkLen,
		Port:       ln.Port(),
		Params: []executor.Param{
			{Name: "bind", Value: cfg.bind},
			{Name: "port", Value: strconv.Itoa(ln.Port())},
			{Name: "tcp-backlog", Value: strconv.Itoa(cfg.backlog)},
			{Name: "timeout", Value: "0"},
		},
		Conns: func() executor.ConnStats {
			st := srv.Stats()
			return executor.ConnStats{Connected: st.Connected, Accepted: st.Accepted, Rejected: st.Rejected,
				Workers: st.Pool.Workers, Busy: st.Pool.Busy, Queued: st.Pool.Queued}
		},
	})
	srv = netsrv.NewServer(ln, netsrv.Config{Workers: cfg.workers, Queue: cfg.queue, PushLimit: cfg.pushLimit, Log: log},
		func(p netsrv.Pusher) netsrv.Session { return ex.NewSession(p) })

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

	srv.Serve()
	stopSweeper()
	log.Info("shutdown: expiry sweeper stopped; shutdown complete; bye")
	return 0
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("redis-lite", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints the error once
	fs.StringVar(&cfg.bind, "bind", "127.0.0.1", "IPv4 or IPv6 address to listen on")
	fs.IntVar(&cfg.port, "port", 6379, "TCP port to listen on; 0 picks a free port (the log says which)")
	fs.IntVar(&cfg.workers, "workers", 256, "worker goroutines; each serves one connection at a time")
	fs.IntVar(&cfg.queue, "queue", 1024, "accepted connections that may wait for a free worker")
	fs.IntVar(&cfg.backlog, "backlog", 511, "listen(2) backlog: completed handshakes the kernel queues")
	fs.StringVar(&cfg.logLevel, "log-level", "info", "debug, info, warn or error; debug logs every socket call")
	fs.StringVar(&cfg.logFormat, "log-format", "text", "text or json")
	fs.Int64Var(&cfg.maxBulkLen, "proto-max-bulk-len", parser.DefaultMaxBulkLen, "largest RESP argument in bytes")
	fs.IntVar(&cfg.pushLimit, "pubsub-buffer-limit", netsrv.DefaultPushLimit, "unsent pub/sub bytes a client may have before it is disconnected")
	fs.Usage = func() {} // errors are printed once by run; the full text is for --help
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "Usage: redis-lite [flags]\n\nA Redis-like key-value daemon on raw POSIX sockets.\n\nFlags:\n")
			fs.SetOutput(stderr)
			fs.PrintDefaults()
			return cfg, err
		}
		return cfg, fmt.Errorf("%w (see --help)", err)
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (flags start with --)", fs.Arg(0))
	}
	switch {
	case cfg.port < 0 || cfg.port > 65535:
		return cfg, fmt.Errorf("--port %d: must be 0-65535", cfg.port)
	case cfg.workers < 1 || cfg.workers > 5000:
		// Each worker blocked in recv holds an OS thread; the Go runtime
		// aborts the process past 10,000 threads.
		return cfg, fmt.Errorf("--workers %d: must be 1-5000", cfg.workers)
	case cfg.queue < 1:
		return cfg, fmt.Errorf("--queue %d: must be at least 1", cfg.queue)
	case cfg.backlog < 1:
		return cfg, fmt.Errorf("--backlog %d: must be at least 1", cfg.backlog)
	case cfg.maxBulkLen < 1:
		return cfg, fmt.Errorf("--proto-max-bulk-len %d: must be at least 1", cfg.maxBulkLen)
	case cfg.pushLimit < 1:
		return cfg, fmt.Errorf("--pubsub-buffer-limit %d: must be at least 1", cfg.pushLimit)
	}
	return cfg, nil
}

func newLogger(cfg config, out io.Writer) (*logrus.Logger, error) {
	log := logrus.New()
	log.SetOutput(out)
	level, err := logrus.ParseLevel(cfg.logLevel)
	if err != nil {
		return nil, fmt.Errorf("--log-level %q: must be debug, info, warn or error", cfg.logLevel)
	}
	log.SetLevel(level)
	switch cfg.logFormat {
	case "text":
		log.SetFormatter(&logrus.TextFormatter{FullTimestamp: true})
	case "json":
		log.SetFormatter(&logrus.JSONFormatter{})
	default:
		return nil, fmt.Errorf("--log-format %q: must be text or json", cfg.logFormat)
	}
	return log, nil
}
