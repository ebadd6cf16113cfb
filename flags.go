package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"redis-lite/aof"
	"redis-lite/netsrv"
	"redis-lite/parser"
)

// config is the daemon's settings, from the command line.
type config struct {
	bind          string
	port          int
	ioModel       string
	eventLoops    int
	busyPoll      time.Duration
	workers       int
	queue         int
	backlog       int
	logLevel      string
	logFormat     string
	maxBulkLen    int64
	pushLimit     int
	maxClients    int
	timeout       time.Duration
	queryLimit    int
	outputLimit   int
	maxMemory     int64
	requirePass   string
	protectedMode bool
	enableDebug   bool
	// persistence
	appendOnly       bool
	appendFilename   string
	dir              string
	appendFsync      string
	aofLoadTruncated bool
	rewritePercent   int
	rewriteMinSize   int64
}

// Defaults that follow Redis where Redis has the same setting.
const (
	defaultMaxClients  = 10000
	defaultQueryLimit  = 1 << 30   // client-query-buffer-limit
	defaultOutputLimit = 256 << 20 // Redis has none for normal clients; a bound is kinder
	// Polling for up to 50 us before sleeping gains 1.1x at 50 clients and
	// 2x with one on this project's VM (netsrv/busypoll.go, BENCHMARKS.md).
	defaultBusyPollMicros = 50
	maxBusyPoll           = 10 * time.Millisecond // past this it is a spinning daemon
)

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	var timeoutSeconds, busyPollMicros int
	var protected, appendOnly, loadTruncated, enableDebug string
	fs := flag.NewFlagSet("redis-lite", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints the error once
	fs.StringVar(&cfg.bind, "bind", "127.0.0.1", "IPv4 or IPv6 address to listen on")
	fs.IntVar(&cfg.port, "port", 6379, "TCP port to listen on; 0 picks a free port (the log says which)")
	fs.StringVar(&cfg.ioModel, "io", "threads", "threads: a worker per connection (the document's design); epoll: event loops (its section 11)")
	fs.IntVar(&cfg.eventLoops, "event-loops", 0, "with --io epoll: how many event loops (0: one per two CPUs)")
	fs.IntVar(&busyPollMicros, "busy-poll", defaultBusyPollMicros, "with --io epoll: microseconds a loop may poll for the next event before it sleeps (0: sleep at once)")
	fs.IntVar(&cfg.workers, "workers", 256, "worker goroutines; each serves one connection at a time")
	fs.IntVar(&cfg.queue, "queue", 1024, "accepted connections that may wait for a free worker")
	fs.IntVar(&cfg.backlog, "backlog", 511, "listen(2) backlog: completed handshakes the kernel queues")
	fs.StringVar(&cfg.logLevel, "log-level", "info", "debug, info, warn or error; debug logs every socket call")
	fs.StringVar(&cfg.logFormat, "log-format", "text", "text or json")
	fs.Int64Var(&cfg.maxBulkLen, "proto-max-bulk-len", parser.DefaultMaxBulkLen, "largest RESP argument in bytes")
	fs.IntVar(&cfg.pushLimit, "pubsub-buffer-limit", netsrv.DefaultPushLimit, "unsent pub/sub bytes a client may have before it is disconnected")
	fs.IntVar(&cfg.maxClients, "maxclients", defaultMaxClients, "connections open at once, queued or served; the next is turned away")
	fs.IntVar(&timeoutSeconds, "timeout", 0, "close a client idle this many seconds (0: never)")
	fs.IntVar(&cfg.queryLimit, "client-query-buffer-limit", defaultQueryLimit, "unparsed bytes one client may have buffered before it is closed")
	fs.IntVar(&cfg.outputLimit, "client-output-buffer-limit", defaultOutputLimit, "unsent reply bytes one client may have before it is closed (0: no limit)")
	fs.Int64Var(&cfg.maxMemory, "maxmemory", 0, "refuse writes with OOM once memory use passes this many bytes (0: no limit)")
	fs.StringVar(&cfg.requirePass, "requirepass", "", "password clients must AUTH with (empty: none)")
	fs.StringVar(&protected, "protected-mode", "yes", "yes: with no password, only loopback clients are let in")
	fs.StringVar(&enableDebug, "enable-debug-command", "no", "yes: clients may run DEBUG (DEBUG SLEEP stalls a connection on purpose)")
	fs.StringVar(&appendOnly, "appendonly", "no", "yes: keep every change in an append-only file, replayed at start")
	fs.StringVar(&cfg.appendFilename, "appendfilename", "appendonly.aof", "the append-only file's name, in --dir")
	fs.StringVar(&cfg.dir, "dir", ".", "directory of the append-only file")
	fs.StringVar(&cfg.appendFsync, "appendfsync", "everysec", "always (reply after fsync), everysec or no")
	fs.StringVar(&loadTruncated, "aof-load-truncated", "yes", "yes: start even if the file's last command was cut short, dropping it")
	fs.IntVar(&cfg.rewritePercent, "auto-aof-rewrite-percentage", 100, "rewrite once the file grew this much over its last rewritten size (0: never)")
	fs.Int64Var(&cfg.rewriteMinSize, "auto-aof-rewrite-min-size", 64<<20, "no automatic rewrite below this many bytes")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "Usage: redis-lite [flags]\n\nA Redis-like key-value daemon on raw POSIX sockets.\n\nFlags:\n")
			fs.SetOutput(stderr)
			fs.PrintDefaults()
			return cfg, err
		}
		return cfg, fmt.Errorf("%w (see --help)", err)
	}
	cfg.timeout = time.Duration(timeoutSeconds) * time.Second
	cfg.busyPoll = time.Duration(busyPollMicros) * time.Microsecond
	cfg.protectedMode = protected == "yes"
	cfg.enableDebug = enableDebug == "yes"
	cfg.appendOnly = appendOnly == "yes"
	cfg.aofLoadTruncated = loadTruncated == "yes"
	return cfg, validate(cfg, fs.Args(), timeoutSeconds, protected, appendOnly, loadTruncated, enableDebug)
}

func validate(cfg config, rest []string, timeoutSeconds int, yesNo ...string) error {
	for _, v := range yesNo {
		if v != "yes" && v != "no" {
			return fmt.Errorf("%q: --protected-mode, --appendonly, --aof-load-truncated and --enable-debug-command take yes or no", v)
		}
	}
	if _, err := aof.ParsePolicy(cfg.appendFsync); err != nil {
		return fmt.Errorf("--appendfsync %w", err)
	}
	switch {
	case len(rest) > 0:
		return fmt.Errorf("unexpected argument %q (flags start with --)", rest[0])
	case cfg.ioModel != "threads" && cfg.ioModel != "epoll":
		return fmt.Errorf("--io %q: must be threads or epoll", cfg.ioModel)
	case cfg.busyPoll < 0 || cfg.busyPoll > maxBusyPoll:
		return fmt.Errorf("--busy-poll %d: must be 0-%d microseconds", cfg.busyPoll.Microseconds(), maxBusyPoll.Microseconds())
	case cfg.eventLoops < 0 || cfg.eventLoops > 1024:
		return fmt.Errorf("--event-loops %d: must be 0-1024", cfg.eventLoops)
	case cfg.port < 0 || cfg.port > 65535:
		return fmt.Errorf("--port %d: must be 0-65535", cfg.port)
	case cfg.workers < 1 || cfg.workers > 5000:
		// Each worker blocked in recv holds an OS thread; the Go runtime
		// aborts the process past 10,000 threads.
		return fmt.Errorf("--workers %d: must be 1-5000", cfg.workers)
	case cfg.queue < 1:
		return fmt.Errorf("--queue %d: must be at least 1", cfg.queue)
	case cfg.backlog < 1:
		return fmt.Errorf("--backlog %d: must be at least 1", cfg.backlog)
	case cfg.maxBulkLen < 1:
		return fmt.Errorf("--proto-max-bulk-len %d: must be at least 1", cfg.maxBulkLen)
	case cfg.pushLimit < 1:
		return fmt.Errorf("--pubsub-buffer-limit %d: must be at least 1", cfg.pushLimit)
	case cfg.maxClients < 1:
		return fmt.Errorf("--maxclients %d: must be at least 1", cfg.maxClients)
	case timeoutSeconds < 0:
		return fmt.Errorf("--timeout %d: must be 0 or more seconds", timeoutSeconds)
	case cfg.queryLimit < 1024:
		return fmt.Errorf("--client-query-buffer-limit %d: must be at least 1024", cfg.queryLimit)
	case cfg.outputLimit < 0:
		return fmt.Errorf("--client-output-buffer-limit %d: must be 0 or more", cfg.outputLimit)
	case cfg.maxMemory < 0:
		return fmt.Errorf("--maxmemory %d: must be 0 or more", cfg.maxMemory)
	case cfg.rewritePercent < 0:
		return fmt.Errorf("--auto-aof-rewrite-percentage %d: must be 0 or more", cfg.rewritePercent)
	}
	return nil
}
