package config

import (
	"math"
	"strings"
)

// Table is every setting of the daemon, in the order --help and the README
// list them. Redis's own settings come first, with Redis's names, defaults
// and bounds where this daemon does the same thing; this daemon's own
// follow (Ours).
var Table = []Setting{
	// Networking.
	{Name: "bind", Kind: String, Default: "127.0.0.1", Change: Runtime, Check: checkBindCount,
		Doc: "IPv4 or IPv6 address to listen on (one address); a change moves the listening socket, clients already connected stay"},
	{Name: "port", Kind: Int, Default: "6379", Min: 0, Max: 65535, Change: Runtime,
		Doc: "TCP port to listen on; 0 picks a free one (CONFIG GET port and the log say which); a change moves the listening socket, clients already connected stay"},
	{Name: "tcp-backlog", Kind: Int, Default: "511", Min: 0, Max: math.MaxInt32,
		Doc: "listen(2) backlog: completed handshakes the kernel queues (capped by net.core.somaxconn)"},
	{Name: "tcp-keepalive", Kind: Int, Default: "300", Min: 0, Max: math.MaxInt32, Unit: "seconds", Change: Runtime,
		Doc: "TCP keepalive on each new client: first probe after this long idle, a client that misses three is dropped (0: off)"},
	{Name: "protected-mode", Kind: Bool, Default: "yes", Change: Runtime,
		Doc: "with no password, only clients on the loopback interface are let in"},
	{Name: "maxclients", Kind: Int, Default: "10000", Min: 1, Max: math.MaxUint32, Change: Runtime,
		Doc: "connections open at once, queued or served; the next is turned away"},
	{Name: "timeout", Kind: Int, Default: "0", Min: 0, Max: math.MaxInt32, Unit: "seconds", Change: Runtime,
		Doc: "close a client that neither sends nor reads for this long (0: never)"},
	{Name: "requirepass", Kind: String, Default: "", Change: Runtime,
		Doc: "password clients must AUTH with (empty: none)"},
	// Process.
	{Name: "daemonize", Kind: Bool, Default: "no", Check: checkForeground,
		Doc: "no: the daemon runs in the foreground, as a supervisor (systemd, a container) expects; yes is refused"},
	// Limits.
	{Name: "maxmemory", Kind: Memory, Default: "0", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "refuse writes with OOM once memory use passes this (0: no limit)"},
	{Name: "maxmemory-clients", Kind: MemoryPercent, Default: "0", Max: math.MaxInt64, Change: Runtime,
		Doc: "once the clients' buffers together pass this (bytes, or a percentage of maxmemory; at least 128kb), the clients using the most are closed until they are under it (0: never); CLIENT NO-EVICT on exempts one; checked ten times a second"},
	{Name: "maxmemory-policy", Kind: Enum, Default: "noeviction", Values: []string{"noeviction"}, Change: Runtime,
		Doc: "what happens at maxmemory: only noeviction (writes get OOM), nothing is evicted"},
	{Name: "min-replicas-to-write", Alias: "min-slaves-to-write", Kind: Int, Default: "0", Min: 0, Max: math.MaxInt32, Change: Runtime,
		Doc: "refuse writes with NOREPLICAS unless this many replicas are connected and current (0: off); redis-lite has no replicas, so any number above 0 refuses every write while min-replicas-max-lag is above 0 too (alias min-slaves-to-write)"},
	{Name: "min-replicas-max-lag", Alias: "min-slaves-max-lag", Kind: Int, Default: "10", Min: 0, Max: math.MaxInt32, Unit: "seconds", Change: Runtime,
		Doc: "how recently a replica must have acknowledged to count for min-replicas-to-write (0: the check is off) (alias min-slaves-max-lag)"},
	{Name: "tracking-table-max-keys", Kind: Int, Default: "1000000", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "keys the client-side caching table remembers; past it, keys are forgotten and their clients told to drop them (0: no limit)"},
	{Name: "proto-max-bulk-len", Kind: Memory, Default: "536870912", Min: 1 << 20, Max: math.MaxInt64, Change: Runtime,
		Doc: "largest RESP argument, and largest string a command may make"},
	{Name: "client-query-buffer-limit", Kind: Memory, Default: "1073741824", Min: 1 << 20, Max: math.MaxInt64, Change: Runtime,
		Doc: "unparsed bytes one client may have buffered before it is closed"},
	{Name: "client-output-buffer-limit", Kind: Limits, Default: "normal 268435456 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", Change: Runtime,
		Doc: "class hard soft seconds: a normal client is closed past its hard limit of unsent replies, a subscriber or monitor past pubsub's (0: no limit); soft limits are not enforced"},
	{Name: "databases", Kind: Int, Default: "16", Min: 1, Max: math.MaxInt32,
		Doc: "numbered databases, SELECT 0 to databases-1 (each costs about 46 KiB when empty)"},
	{Name: "enable-debug-command", Kind: Enum, Default: "no", Values: []string{"no", "yes"},
		Doc: "yes: clients may run DEBUG (DEBUG SLEEP holds a connection on purpose)"},
	// Data types.
	{Name: "hll-sparse-max-bytes", Kind: Memory, Default: "3000", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "a HyperLogLog stays in the compact sparse encoding until it would pass this many bytes (header included), then turns dense (12 KB)"},
	{Name: "hash-max-listpack-entries", Alias: "hash-max-ziplist-entries", Kind: Int, Default: "512", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "a hash stays in the compact listpack encoding up to this many fields, then turns into a hash table for good (alias hash-max-ziplist-entries)"},
	{Name: "hash-max-listpack-value", Alias: "hash-max-ziplist-value", Kind: Memory, Default: "64", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "a hash stays in the listpack encoding while every field and value is at most this many bytes (alias hash-max-ziplist-value)"},
	{Name: "zset-max-listpack-entries", Alias: "zset-max-ziplist-entries", Kind: Int, Default: "128", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "a sorted set stays in the compact listpack encoding up to this many members (alias zset-max-ziplist-entries)"},
	{Name: "zset-max-listpack-value", Alias: "zset-max-ziplist-value", Kind: Memory, Default: "64", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "a sorted set stays in the compact listpack encoding while every member is at most this many bytes (alias zset-max-ziplist-value)"},
	{Name: "set-max-intset-entries", Kind: Int, Default: "512", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "a set of integers only stays a compact sorted array (intset) up to this many members, then turns into a hash table for good"},
	{Name: "list-max-listpack-size", Alias: "list-max-ziplist-size", Kind: Int, Default: "-2", Min: math.MinInt32, Max: math.MaxInt32, Change: Runtime,
		Doc: "how much one node of a list holds: -1 to -5 limit it to 4, 8, 16, 32 or 64 KB, a positive number to that many elements; lists made before a change keep their nodes"},
	{Name: "list-compress-depth", Kind: Int, Default: "0", Min: 0, Max: math.MaxInt32, Change: Runtime,
		Doc: "accepted and shown for Redis's tools; list nodes are never compressed"},
	// Notifications.
	{Name: "notify-keyspace-events", Kind: Events, Default: "", Change: Runtime,
		Doc: "publish keyspace events: K (__keyspace@0__:key) and/or E (__keyevent@0__:event), with the classes g $ l s h z x n (A: all but n; e t d m are accepted, with no events)"},
	// Statistics.
	{Name: "latency-tracking", Kind: Bool, Default: "yes", Change: Runtime,
		Doc: "keep each command's run times, for INFO latencystats"},
	{Name: "slowlog-log-slower-than", Kind: Int, Default: "10000", Min: -1, Max: math.MaxInt64, Unit: "microseconds", Change: Runtime,
		Doc: "SLOWLOG keeps the commands that ran at least this long (0: every command; -1: none)"},
	{Name: "slowlog-max-len", Kind: Int, Default: "128", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "entries SLOWLOG keeps; the oldest go first"},
	{Name: "latency-monitor-threshold", Kind: Int, Default: "0", Min: 0, Max: math.MaxInt64, Unit: "milliseconds", Change: Runtime,
		Doc: "LATENCY records commands and append-only file writes that take at least this long (0: off)"},
	{Name: "latency-tracking-info-percentiles", Kind: Percentiles, Default: "50 99 99.9", Change: Runtime,
		Doc: "the percentiles INFO latencystats shows"},
	// Persistence.
	{Name: "save", Kind: Save, Default: "", Change: Runtime,
		Doc: `no snapshots are kept: only save "" is accepted`},
	{Name: "appendonly", Kind: Bool, Default: "no", Change: Runtime,
		Doc: "keep every change in an append-only file, replayed at start; yes at run time writes the data set to a new file"},
	{Name: "appendfilename", Kind: String, Default: "appendonly.aof", Check: checkFileName,
		Doc: "the append-only file's name, in dir"},
	{Name: "dir", Kind: String, Default: ".", Change: Protected, Check: checkNotEmpty,
		Doc: "directory of the append-only file"},
	{Name: "appendfsync", Kind: Enum, Default: "everysec", Values: []string{"everysec", "always", "no"}, Change: Runtime,
		Doc: "always (reply after fsync), everysec or no (the kernel decides)"},
	{Name: "aof-load-truncated", Kind: Bool, Default: "yes", Change: Runtime,
		Doc: "start even if the file's last command was cut short, dropping it"},
	{Name: "aof-use-rdb-preamble", Kind: Enum, Default: "no", Values: []string{"no"}, Change: Runtime,
		Doc: "the append-only file holds commands only, never an RDB snapshot first: only no is accepted"},
	{Name: "auto-aof-rewrite-percentage", Kind: Int, Default: "100", Min: 0, Max: math.MaxInt32, Change: Runtime,
		Doc: "rewrite once the file grew this much over its last rewritten size (0: never)"},
	{Name: "auto-aof-rewrite-min-size", Kind: Memory, Default: "67108864", Min: 0, Max: math.MaxInt64, Change: Runtime,
		Doc: "no automatic rewrite below this size"},
	// This daemon's own. They are Hidden: CONFIG GET answers each by its
	// name but no pattern matches them, so a Redis tool that copies
	// CONFIG GET * back with CONFIG SET meets only Redis's settings, and
	// none of these, which are read once at start.
	{Name: "inline-replies", Kind: Enum, Default: "auto", Values: []string{"auto", "human", "resp"}, Ours: true, Hidden: true,
		Doc: "the form of replies to text lines: auto (a bare \\n line, as nc sends, gets the document's human replies; a \\r\\n line, as telnet sends, Redis's RESP), or human or resp for every line"},
	{Name: "io", Kind: Enum, Default: "threads", Values: []string{"threads", "epoll"}, Ours: true, Hidden: true,
		Doc: "threads: a worker per connection (the document's design); epoll: event loops (its section 11)"},
	{Name: "event-loops", Kind: Int, Default: "1", Min: 0, Max: 1024, Ours: true, Hidden: true,
		Doc: "with io epoll: how many event loops (1, like Redis's one command thread, runs every client's requests in arrival order; more spread the clients over CPUs, and two clients' requests on two loops may run in either order; 0: one per two CPUs)"},
	{Name: "busy-poll", Kind: Int, Default: "50", Min: 0, Max: 10000, Ours: true, Hidden: true, Unit: "microseconds",
		Doc: "with io epoll: how long a loop may poll for the next event before it sleeps (0: sleep at once)"},
	{Name: "gc-floor", Kind: Memory, Default: "33554432", Min: 0, Max: math.MaxInt64, Ours: true, Hidden: true,
		Doc: "the heap Go's garbage collector lets grow before it runs, however little is live (at most half of maxmemory; 0: the runtime's 4 MiB): fewer collections under writes to a small key space, for up to this much garbage; a GOGC environment variable turns it off"},
	// Each worker blocked in recv holds an OS thread, and the Go runtime
	// aborts the process past 10,000 threads.
	{Name: "workers", Kind: Int, Default: "256", Min: 1, Max: 5000, Ours: true, Hidden: true,
		Doc: "with io threads: worker goroutines, each serving one connection at a time"},
	{Name: "queue", Kind: Int, Default: "1024", Min: 1, Max: math.MaxInt32, Ours: true, Hidden: true,
		Doc: "with io threads: accepted connections that may wait for a free worker"},
	{Name: "socket-recv-buffer", Kind: Memory, Default: "0", Min: 0, Max: math.MaxInt32, Ours: true, Hidden: true,
		Doc: "SO_RCVBUF of every connection (0: the kernel's default, autotuned); a fixed size turns autotuning off"},
	{Name: "socket-send-buffer", Kind: Memory, Default: "0", Min: 0, Max: math.MaxInt32, Ours: true, Hidden: true,
		Doc: "SO_SNDBUF of every connection (0: the kernel's default, autotuned); a fixed size turns autotuning off"},
	{Name: "log-level", Kind: Enum, Default: "info", Values: []string{"debug", "info", "warn", "error"}, Ours: true, Hidden: true,
		Doc: "debug logs every socket call with its fd"},
	{Name: "log-format", Kind: Enum, Default: "text", Values: []string{"text", "json"}, Ours: true, Hidden: true,
		Doc: "text or json"},
}

// index maps each lowercase name, and each alias, to its entry.
var index = func() map[string]*Setting {
	m := make(map[string]*Setting, len(Table))
	for i := range Table {
		m[Table[i].Name] = &Table[i]
		if Table[i].Alias != "" {
			m[Table[i].Alias] = &Table[i]
		}
	}
	return m
}()

// Lookup finds a setting by name (or alias) in any ASCII case, or returns
// nil.
func Lookup(name string) *Setting { return index[lowerASCII(name)] }

// checkBindCount refuses more addresses than Redis takes (16); any other
// list but one address fails when it is bound.
func checkBindCount(v string) string {
	if len(strings.Fields(v)) > 16 {
		return "Too many bind addresses specified."
	}
	return ""
}

// checkForeground refuses daemonize yes: the daemon does not fork itself
// into the background.
func checkForeground(v string) string {
	if v == "yes" {
		return "daemonize yes is not supported: redis-lite runs in the foreground; start it in the background with a supervisor (systemd, a container, nohup)"
	}
	return ""
}

func checkFileName(v string) string {
	if v == "" || strings.ContainsRune(v, '/') {
		return "appendfilename can't be a path, just a filename"
	}
	return ""
}

func checkNotEmpty(v string) string {
	if v == "" {
		return "dir can't be empty"
	}
	return ""
}
