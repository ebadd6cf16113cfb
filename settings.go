package main

import (
	"math"
	"time"

	"redis-lite/config"
)

// daemonConfig is the daemon's settings, read from the settings table's
// values (config.Table).
type daemonConfig struct {
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

func fromSettings(v config.Values) daemonConfig {
	pushLimit := v.Limit("pubsub").Hard
	if pushLimit == 0 {
		pushLimit = math.MaxInt // Redis's 0: no limit
	}
	return daemonConfig{
		bind:             v.String("bind"),
		port:             int(v.Int("port")),
		ioModel:          v.String("io"),
		eventLoops:       int(v.Int("event-loops")),
		busyPoll:         time.Duration(v.Int("busy-poll")) * time.Microsecond,
		workers:          int(v.Int("workers")),
		queue:            int(v.Int("queue")),
		backlog:          int(v.Int("tcp-backlog")),
		logLevel:         v.String("log-level"),
		logFormat:        v.String("log-format"),
		maxBulkLen:       v.Int("proto-max-bulk-len"),
		pushLimit:        int(pushLimit),
		maxClients:       int(v.Int("maxclients")),
		timeout:          v.Seconds("timeout"),
		queryLimit:       int(v.Int("client-query-buffer-limit")),
		outputLimit:      int(v.Limit("normal").Hard),
		maxMemory:        v.Int("maxmemory"),
		requirePass:      v.String("requirepass"),
		protectedMode:    v.Bool("protected-mode"),
		enableDebug:      v.String("enable-debug-command") == "yes",
		appendOnly:       v.Bool("appendonly"),
		appendFilename:   v.String("appendfilename"),
		dir:              v.String("dir"),
		appendFsync:      v.String("appendfsync"),
		aofLoadTruncated: v.Bool("aof-load-truncated"),
		rewritePercent:   int(v.Int("auto-aof-rewrite-percentage")),
		rewriteMinSize:   v.Int("auto-aof-rewrite-min-size"),
	}
}
