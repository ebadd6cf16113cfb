package executor

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// INFO [section ...]: the server's state as "# Section" headers and
// field:value lines, CRLF-terminated as Redis writes them: verbatim text
// in RESP3, a value in RESP2. Sections are
// chosen as Redis 7.0 chooses them: none named means the default ones;
// "default" adds those, "all" every section, "everything" all and the
// modules' (there are none); any other word is a section's name in any
// case. A name no section has adds nothing.
func cmdInfo(s *Session, args [][]byte) {
	want := map[string]bool{}
	all := false
	for _, a := range args[1:] {
		switch name := strings.ToLower(string(a)); name {
		case "default":
			for _, sec := range infoSections {
				want[sec.name] = want[sec.name] || sec.byDefault
			}
		case "all", "everything":
			all = true
		default:
			want[name] = true
		}
	}
	if len(args) == 1 {
		want = defaultInfoSections
	}
	var b strings.Builder
	for _, sec := range infoSections {
		if !all && !want[sec.name] && !(sec.alias != "" && want[sec.alias]) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString("# " + sec.title + "\r\n")
		sec.write(s.ex, &b)
	}
	s.reply.Verbatim("txt", b.String())
}

// infoSection is one section of INFO: its name as asked for, the
// heading it prints, whether a plain INFO shows it, and its fields.
type infoSection struct {
	name, title string
	alias       string // another name that asks for it
	byDefault   bool
	write       func(ex *Executor, b *strings.Builder)
}

// infoSections are Redis 7.0's sections, in its order.
var infoSections = []infoSection{
	{name: "server", title: "Server", byDefault: true, write: infoServer},
	{name: "clients", title: "Clients", byDefault: true, write: infoClients},
	{name: "memory", title: "Memory", byDefault: true, write: infoMemory},
	{name: "persistence", title: "Persistence", byDefault: true, write: infoPersistence},
	{name: "stats", title: "Stats", byDefault: true, write: infoStats},
	{name: "replication", title: "Replication", byDefault: true, write: infoReplication},
	{name: "cpu", title: "CPU", byDefault: true, write: infoCPU},
	{name: "module_list", alias: "modules", title: "Modules", byDefault: true, write: func(*Executor, *strings.Builder) {}},
	{name: "commandstats", title: "Commandstats", write: infoCommandStats},
	{name: "errorstats", title: "Errorstats", byDefault: true, write: infoErrorStats},
	{name: "latencystats", title: "Latencystats", write: infoLatencyStats},
	{name: "cluster", title: "Cluster", byDefault: true, write: infoCluster},
	{name: "keyspace", title: "Keyspace", byDefault: true, write: infoKeyspace},
}

var defaultInfoSections = func() map[string]bool {
	m := map[string]bool{}
	for _, sec := range infoSections {
		m[sec.name] = sec.byDefault
	}
	return m
}()

func field(b *strings.Builder, name string, value any) {
	b.WriteString(name)
	b.WriteByte(':')
	switch v := value.(type) {
	case string:
		b.WriteString(v)
	case int:
		b.WriteString(strconv.Itoa(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case uint64:
		b.WriteString(strconv.FormatUint(v, 10))
	case bool:
		b.WriteString(boolDigit(v))
	}
	b.WriteString("\r\n")
}

func boolDigit(v bool) string {
	if v {
		return "1"
	}
	return "0"
}

func infoServer(ex *Executor, b *strings.Builder) {
	up := time.Since(ex.started)
	field(b, "redis_version", RedisVersion)
	field(b, "redis_git_sha1", "00000000")
	field(b, "redis_git_dirty", 0)
	field(b, "redis_mode", "standalone")
	field(b, "redis_lite_io_model", ioModelName(ex.cfg.IOModel))
	field(b, "os", osName())
	field(b, "arch_bits", strconv.Itoa(strconv.IntSize))
	field(b, "monotonic_clock", "POSIX clock_gettime")
	field(b, "multiplexing_api", multiplexingAPI(ex.cfg.IOModel))
	field(b, "go_version", runtime.Version())
	field(b, "process_id", os.Getpid())
	field(b, "process_supervised", "no")
	field(b, "run_id", ex.runID)
	field(b, "tcp_port", ex.port.Load())
	field(b, "server_time_usec", time.Now().UnixMicro())
	field(b, "uptime_in_seconds", int64(up/time.Second))
	field(b, "uptime_in_days", int64(up/(24*time.Hour)))
	if path, err := os.Executable(); err == nil {
		field(b, "executable", path)
	}
	field(b, "io_threads_active", 0)
}

// ioModelName is how INFO names the --io model.
func ioModelName(model string) string {
	if model == "epoll" {
		return "epoll-event-loops"
	}
	return "worker-per-connection"
}

// multiplexingAPI is Redis's name for how connections are watched: epoll
// in the event loops; none in the worker model, where each connection has
// a worker blocked in recv(2).
func multiplexingAPI(model string) string {
	if model == "epoll" {
		return "epoll"
	}
	return "none"
}

func infoClients(ex *Executor, b *strings.Builder) {
	c := ex.connStats()
	field(b, "connected_clients", c.Connected)
	field(b, "cluster_connections", 0)
	if max := ex.param("maxclients"); max != "" {
		field(b, "maxclients", max)
	}
	field(b, "blocked_clients", ex.blockedClients())
	field(b, "pubsub_clients", ex.hub.clients.Load())
	field(b, "tracking_clients", ex.tracking.clients.Load())
	if c.Loops > 0 {
		field(b, "event_loops", c.Loops)
		return
	}
	field(b, "worker_threads", c.Workers)
	field(b, "busy_workers", c.Busy)
	field(b, "queued_clients", c.Queued)
}

// param is a setting's value as CONFIG GET shows it, or "".
func (ex *Executor) param(name string) string {
	for _, p := range ex.settings.Params() {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

func infoMemory(ex *Executor, b *strings.Builder) {
	used := usedMemory()
	peak := ex.memory.notePeak(used)
	rss := residentMemory()
	field(b, "used_memory", used)
	field(b, "used_memory_human", humanBytes(used))
	field(b, "used_memory_rss", rss)
	field(b, "used_memory_rss_human", humanBytes(rss))
	field(b, "used_memory_peak", peak)
	field(b, "used_memory_peak_human", humanBytes(peak))
	field(b, "used_memory_peak_perc", percent(used, peak))
	if total := systemMemory(); total > 0 {
		field(b, "total_system_memory", total)
		field(b, "total_system_memory_human", humanBytes(total))
	}
	limit := ex.maxMemory.Load()
	field(b, "maxmemory", limit)
	field(b, "maxmemory_human", humanBytes(uint64(max(limit, 0))))
	field(b, "maxmemory_policy", "noeviction")
	if used > 0 {
		field(b, "mem_fragmentation_ratio", strconv.FormatFloat(float64(rss)/float64(used), 'f', 2, 64))
	}
	field(b, "mem_allocator", "go-"+runtime.Version())
	field(b, "lazyfree_pending_objects", 0)
}

// percent is Redis's "%.2f%%" of part over whole.
func percent(part, whole uint64) string {
	if whole == 0 {
		return "0.00%"
	}
	return strconv.FormatFloat(100*float64(part)/float64(whole), 'f', 2, 64) + "%"
}

func infoPersistence(ex *Executor, b *strings.Builder) {
	field(b, "loading", 0)
	field(b, "async_loading", 0)
	// No snapshots are kept: none is in progress or has been made, and,
	// as in Redis, the last save time is the start.
	field(b, "rdb_changes_since_last_save", ex.stats.changes.Load())
	field(b, "rdb_bgsave_in_progress", 0)
	field(b, "rdb_last_save_time", ex.started.Unix())
	field(b, "rdb_last_bgsave_status", "ok")
	field(b, "rdb_saves", 0)
	p := ex.persistence()
	if p == nil {
		field(b, "aof_enabled", 0)
		field(b, "aof_rewrite_in_progress", 0)
		field(b, "aof_last_write_status", "ok")
		return
	}
	for _, f := range p.InfoFields() {
		field(b, f[0], f[1])
	}
}

func infoStats(ex *Executor, b *strings.Builder) {
	c := ex.connStats()
	st := &ex.stats
	field(b, "total_connections_received", c.Accepted)
	field(b, "total_commands_processed", ex.commandsProcessed())
	field(b, "total_net_input_bytes", st.netIn.Load())
	field(b, "total_net_output_bytes", st.netOut.Load())
	field(b, "rejected_connections", c.Rejected)
	field(b, "sync_full", 0)
	field(b, "sync_partial_ok", 0)
	field(b, "sync_partial_err", 0)
	field(b, "expired_keys", ex.expiredKeys())
	field(b, "evicted_keys", 0)
	field(b, "evicted_clients", st.evictedClients.Load())
	field(b, "keyspace_hits", st.hits.Load())
	field(b, "keyspace_misses", st.misses.Load())
	field(b, "pubsub_channels", len(ex.hub.channelNames(nil)))
	field(b, "pubsub_patterns", ex.hub.numPat())
	field(b, "pubsubshard_channels", 0)
	field(b, "total_forks", 0)
	field(b, "total_error_replies", ex.errors.total.Load())
	keys, items, prefixes := ex.tracking.stats()
	field(b, "tracking_total_keys", keys)
	field(b, "tracking_total_items", items)
	field(b, "tracking_total_prefixes", prefixes)
}

func infoReplication(ex *Executor, b *strings.Builder) {
	// A master without replicas: no backlog, offset 0.
	field(b, "role", "master")
	field(b, "connected_slaves", 0)
	if ex.minReplicas.enforced() {
		field(b, "min_slaves_good_slaves", 0)
	}
	field(b, "master_failover_state", "no-failover")
	field(b, "master_replid", *ex.replID.Load())
	field(b, "master_replid2", strings.Repeat("0", 40))
	field(b, "master_repl_offset", 0)
	field(b, "second_repl_offset", -1)
	field(b, "repl_backlog_active", 0)
	field(b, "repl_backlog_size", 1<<20)
	field(b, "repl_backlog_first_byte_offset", 0)
	field(b, "repl_backlog_histlen", 0)
}

func infoCPU(_ *Executor, b *strings.Builder) {
	self, children := cpuUsage()
	field(b, "used_cpu_sys", self.sys)
	field(b, "used_cpu_user", self.user)
	field(b, "used_cpu_sys_children", children.sys)
	field(b, "used_cpu_user_children", children.user)
}

// infoCommandStats has a line for each command or subcommand that has been
// called or refused since start or CONFIG RESETSTAT, by name.
func infoCommandStats(ex *Executor, b *strings.Builder) {
	for _, c := range ex.commandsByName() {
		st := ex.statsOf(c)
		calls, rejected, failed := st.calls.Load(), st.rejected.Load(), st.failed.Load()
		if calls == 0 && rejected == 0 && failed == 0 {
			continue
		}
		usec := st.nanos.Load() / 1000
		perCall := 0.0
		if calls > 0 {
			perCall = float64(usec) / float64(calls)
		}
		field(b, "cmdstat_"+c.name, "calls="+itoa(calls)+",usec="+itoa(usec)+
			",usec_per_call="+strconv.FormatFloat(perCall, 'f', 2, 64)+
			",rejected_calls="+itoa(rejected)+",failed_calls="+itoa(failed))
	}
}

func infoErrorStats(ex *Executor, b *strings.Builder) {
	codes, counts := ex.errors.sorted()
	for i, code := range codes {
		field(b, "errorstat_"+infoSafe(code), "count="+itoa(counts[i]))
	}
}

// infoLatencyStats has each command's run-time percentiles, for commands
// run while latency-tracking was on.
func infoLatencyStats(ex *Executor, b *strings.Builder) {
	if !ex.latencyTracking.Load() {
		return
	}
	ps := *ex.percentiles.Load()
	for _, c := range ex.commandsByName() {
		if h := ex.statsOf(c).latency.Load(); h != nil {
			field(b, "latency_percentiles_usec_"+c.name, latencyLine(h, ps))
		}
	}
}

func infoCluster(_ *Executor, b *strings.Builder) { field(b, "cluster_enabled", 0) }

// commandsByName lists every command, each followed by its subcommands,
// by name.
func (ex *Executor) commandsByName() []*command {
	var out []*command
	for _, name := range ex.commandNames {
		c := ex.commands[name]
		out = append(out, c)
		for i := range c.subs {
			out = append(out, &c.subs[i])
		}
	}
	return out
}

// infoSafe replaces what would break INFO's lines ('#', ':', CR and LF,
// as Redis does) in a name taken from a client.
func infoSafe(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '#' || r == ':' || r == '\r' || r == '\n' {
			return '_'
		}
		return r
	}, name)
}

func humanBytes(n uint64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatUint(n, 10) + "B"
	}
	value, suffix := float64(n), "B"
	for _, s := range []string{"K", "M", "G", "T"} {
		if value < unit {
			break
		}
		value, suffix = value/unit, s
	}
	return strconv.FormatFloat(value, 'f', 2, 64) + suffix
}
