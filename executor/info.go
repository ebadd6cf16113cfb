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
// in RESP3, a value in RESP2.
func cmdInfo(s *Session, args [][]byte) {
	want := map[string]bool{}
	for _, a := range args[1:] {
		want[strings.ToLower(string(a))] = true
	}
	all := len(want) == 0 || want["all"] || want["everything"] || want["default"]
	var b strings.Builder
	for _, sec := range infoSections {
		if all || want[strings.ToLower(sec.name)] {
			if b.Len() > 0 {
				b.WriteString("\r\n")
			}
			b.WriteString("# " + sec.name + "\r\n")
			sec.write(s.ex, &b)
		}
	}
	s.reply.Verbatim("txt", b.String())
}

var infoSections = []struct {
	name  string
	write func(ex *Executor, b *strings.Builder)
}{
	{"Server", infoServer},
	{"Clients", infoClients},
	{"Memory", infoMemory},
	{"Persistence", infoPersistence},
	{"Stats", infoStats},
	{"Replication", infoReplication},
	{"Keyspace", infoKeyspace},
}

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
	}
	b.WriteString("\r\n")
}

func infoServer(ex *Executor, b *strings.Builder) {
	up := time.Since(ex.started)
	field(b, "redis_version", RedisVersion)
	field(b, "redis_mode", "standalone")
	field(b, "redis_lite_io_model", ioModelName(ex.cfg.IOModel))
	field(b, "os", runtime.GOOS+" "+runtime.GOARCH)
	field(b, "arch_bits", strconv.Itoa(strconv.IntSize))
	field(b, "go_version", runtime.Version())
	field(b, "process_id", os.Getpid())
	field(b, "tcp_port", ex.cfg.Port)
	field(b, "server_time_usec", time.Now().UnixMicro())
	field(b, "uptime_in_seconds", int64(up/time.Second))
	field(b, "uptime_in_days", int64(up/(24*time.Hour)))
}

// ioModelName is how INFO names the --io model.
func ioModelName(model string) string {
	if model == "epoll" {
		return "epoll-event-loops"
	}
	return "worker-per-connection"
}

func infoClients(ex *Executor, b *strings.Builder) {
	c := ex.connStats()
	field(b, "connected_clients", c.Connected)
	field(b, "blocked_clients", 0)
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

func infoMemory(ex *Executor, b *strings.Builder) {
	used := usedMemory()
	field(b, "used_memory", used)
	field(b, "used_memory_human", humanBytes(used))
	limit := ex.maxMemory.Load()
	field(b, "maxmemory", limit)
	field(b, "maxmemory_human", humanBytes(uint64(max(limit, 0))))
	field(b, "maxmemory_policy", "noeviction")
}

func infoPersistence(ex *Executor, b *strings.Builder) {
	field(b, "loading", 0)
	field(b, "rdb_bgsave_in_progress", 0)
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
	field(b, "total_connections_received", c.Accepted)
	field(b, "total_commands_processed", ex.stats.commands.Load())
	field(b, "rejected_connections", c.Rejected)
	field(b, "expired_keys", ex.store.ExpiredCount())
	field(b, "evicted_keys", 0)
	field(b, "keyspace_hits", ex.stats.hits.Load())
	field(b, "keyspace_misses", ex.stats.misses.Load())
	field(b, "pubsub_channels", len(ex.hub.channelNames(nil)))
	field(b, "pubsub_patterns", ex.hub.numPat())
	keys, items, prefixes := ex.tracking.stats()
	field(b, "tracking_total_keys", keys)
	field(b, "tracking_total_items", items)
	field(b, "tracking_total_prefixes", prefixes)
}

func infoReplication(_ *Executor, b *strings.Builder) {
	field(b, "role", "master")
	field(b, "connected_slaves", 0)
}

// infoKeyspace lists db0 only when it has keys, as Redis does.
func infoKeyspace(ex *Executor, b *strings.Builder) {
	if n := ex.store.Len(); n > 0 {
		field(b, "db0", "keys="+strconv.Itoa(n)+",expires="+strconv.Itoa(ex.store.WithExpiry())+",avg_ttl=0")
	}
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
