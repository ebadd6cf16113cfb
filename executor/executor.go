package executor

import (
	"crypto/sha256"
	"redis-lite/zsets"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"redis-lite/hashes"
	"redis-lite/lists"
	"redis-lite/parser"
	"redis-lite/store"
)

// RedisVersion is the Redis release whose behaviour this daemon follows;
// clients read it from HELLO and INFO to decide which commands to use.
const RedisVersion = "7.0.15"

// Config is what the executor needs to know of the daemon.
type Config struct {
	// MaxBulkLen is proto-max-bulk-len: the largest RESP argument accepted.
	MaxBulkLen int64
	// Port is the TCP port the daemon listens on, for INFO.
	Port int
	// Settings are the daemon's settings for CONFIG GET, SET and REWRITE.
	// Without them, CONFIG GET shows Params and a few defaults ("save",
	// "appendonly", ...), and CONFIG SET knows no setting.
	Settings Settings
	Params   []Param
	// EnableDebug lets clients run DEBUG (--enable-debug-command yes).
	EnableDebug bool
	// InlineReplies is the form of replies to text lines: "auto" (the
	// default) answers a bare \n line, the networking document's
	// protocol, in the human form and a \r\n line, Redis's inline
	// protocol, in RESP; "human" and "resp" force one form for both.
	InlineReplies string
	// IOModel names the networking layer's I/O model for INFO: "threads"
	// (a worker per connection) or "epoll" (event loops).
	IOModel string
	// RequirePass, if set, is the password every client must AUTH with.
	// INFO never shows it (CONFIG GET does, from Settings, as Redis
	// does). SetRequirePass changes it.
	RequirePass string
	// MaxMemory, if positive, refuses writes that grow memory once the
	// daemon uses more than this many bytes (noeviction). SetMaxMemory
	// changes it.
	MaxMemory int64
	// Shutdown, if set, starts the daemon's shutdown (SHUTDOWN), or
	// refuses it with an error it has logged. Without it SHUTDOWN is
	// refused.
	Shutdown func(ShutdownRequest) error
	// TrackingMaxKeys is tracking-table-max-keys: the most keys the
	// client-side caching table remembers (0: no limit).
	// SetTrackingTableMaxKeys changes it.
	TrackingMaxKeys int64
	// Databases is how many numbered databases there are (databases;
	// 0: Redis's 16). The store New is given is database 0.
	Databases int
	// Connections, if set, reports the networking layer's counters for
	// INFO; without it INFO shows zeros.
	Connections func() ConnStats
}

// Param is one CONFIG GET parameter.
type Param struct{ Name, Value string }

// Settings are the daemon's settings as CONFIG sees them. The daemon
// implements them with package config, which the executor does not import.
type Settings interface {
	// Params are the settings CONFIG GET's patterns match, sorted by
	// name.
	Params() []Param
	// Lookup finds a setting by its exact name in any ASCII case: one of
	// Params, or a hidden one, which only a request by name shows. The
	// Param has the setting's own (lowercase) name.
	Lookup(name string) (Param, bool)
	// Set is CONFIG SET's name, value pairs (an even number), applied all
	// or nothing; an error's text is the reply after "ERR ".
	Set(pairs []string) error
	// Rewrite writes the settings to the config file the daemon was
	// started with (CONFIG REWRITE); an error's text is the reply after
	// "ERR ".
	Rewrite() error
}

// ConnStats are the networking layer's counters, as INFO shows them.
type ConnStats struct {
	Connected int   // connected_clients
	Accepted  int64 // total_connections_received
	Rejected  int64 // rejected_connections
	Workers   int   // workers in the pool
	Busy      int   // workers serving a connection
	Queued    int   // connections waiting for a worker
	Loops     int   // event loops (--io epoll); 0 in the worker model
}

// Executor holds the command table and the state every session shares.
// It is safe for concurrent use by many sessions.
type Executor struct {
	dbs          []*store.Store // the numbered databases (databases.go)
	cfg          Config
	commands     map[string]*command
	commandNames []string // sorted, for COMMAND and COMMAND LIST
	settings     Settings
	started      time.Time
	runID        string                 // INFO run_id: tells this run from the next
	replID       atomic.Pointer[string] // INFO master_replid; DEBUG CHANGE-REPL-ID draws another
	clientID     atomic.Int64
	stats        stats
	commandStats []commandStats // by command.statsIndex
	errors       errorStats
	// latencyTracking (latency-tracking) keeps each command's run times;
	// percentiles (latency-tracking-info-percentiles) are those INFO shows.
	latencyTracking atomic.Bool
	percentiles     atomic.Pointer[[]float64]
	slowlog         slowLog // SLOWLOG (slowlog.go)
	// cronPaused (DEBUG PAUSE-CRON 1) holds the periodic work.
	cronPaused       atomic.Bool
	latencyEvents    latencyEvents // LATENCY's events (latency_monitor.go)
	latencyThreshold atomic.Int64  // latency-monitor-threshold, in milliseconds
	hub              *hub
	tracking         *tracker
	password         atomic.Pointer[password]     // requirepass, as it is now
	maxMemory        atomic.Int64                 // maxmemory, as it is now
	minReplicas      minReplicas                  // min-replicas-to-write, min-replicas-max-lag (replicas.go)
	hllSparseMax     atomic.Int64                 // hll-sparse-max-bytes, as it is now
	zsetLimits       atomic.Pointer[zsets.Limits] // zset-max-listpack-entries and -value, as they are now
	hashMaxEntries   atomic.Int64                 // hash-max-listpack-entries, as it is now
	hashMaxValue     atomic.Int64                 // hash-max-listpack-value, as it is now
	setMaxIntset     atomic.Int64                 // set-max-intset-entries, as it is now
	listFill         atomic.Int64                 // list-max-listpack-size, as it is now
	blocking         blockingState                // clients blocked on keys (blocking.go)
	maxBulkLen       atomic.Int64                 // proto-max-bulk-len, as it is now
	port             atomic.Int64                 // the port listened on now (INFO tcp_port)
	clientsLimit     atomic.Pointer[clientsLimit] // maxmemory-clients, as it is now
	keyspaceEvents   atomic.Uint32                // notify-keyspace-events' classes (eventClass, notify.go)
	monitors         monitorList                  // sessions in MONITOR mode (monitor.go)
	memory           memoryWatch
	persist          atomic.Pointer[persistence] // nil while appendonly is no
	replayer         *Session                    // runs the append-only file at start
	reloader         Reloader                    // DEBUG LOADAOF and RELOAD (debug_reload.go); set before serving
	clients          clientList                  // every connected session (CLIENT LIST, KILL)
	pause            atomic.Pointer[pauseState]  // CLIENT PAUSE in force; nil when none
	pauseMu          sync.Mutex                  // serialises pausing and unpausing
	releasedUnrun    atomic.Int64                // requests a pause held that have not run yet (pause.go)
	exclusive        sync.RWMutex                // EXEC and WATCH run alone (multi.go)
	watches          watchTable                  // WATCHed keys (watch.go)
}

// password is requirepass: whether one is set, and its sha256.
type password struct {
	set  bool
	hash [32]byte
}

// persistence holds the append-only file, so it can be swapped atomically.
type persistence struct{ Persistence }

// stats are the counters INFO's stats section shows. Sessions count
// locally and add their counts here once per batch of requests, so the hot
// path touches no shared cache line.
type stats struct {
	hits, misses   atomic.Int64
	netIn, netOut  atomic.Int64 // request and reply bytes
	evictedClients atomic.Int64 // closed by maxmemory-clients
	// changes is Redis's "dirty" counter, INFO's
	// rdb_changes_since_last_save: how many changes the commands made to
	// the data, each counted as Redis counts it. No snapshot is ever
	// saved, so nothing resets it (CONFIG RESETSTAT does not either).
	changes atomic.Int64
}

func (st *stats) reset() {
	st.hits.Store(0)
	st.misses.Store(0)
	st.netIn.Store(0)
	st.netOut.Store(0)
	st.evictedClients.Store(0)
}

// New returns an executor serving st.
func New(st *store.Store, cfg Config) *Executor {
	if cfg.MaxBulkLen <= 0 {
		cfg.MaxBulkLen = parser.DefaultMaxBulkLen
	}
	ex := &Executor{dbs: newDatabases(st, cfg.Databases), cfg: cfg, started: time.Now(), commands: commandTable(), hub: newHub(),
		tracking: newTracker(), commandStats: make([]commandStats, len(everyCommand)), runID: randomID()}
	ex.changeReplID()
	ex.latencyTracking.Store(true)
	ex.SetSlowlog(defaultSlowlogThreshold, defaultSlowlogMaxLen)
	ex.percentiles.Store(&defaultPercentiles)
	ex.tracking.maxKeys.Store(cfg.TrackingMaxKeys)
	for i, db := range ex.dbs {
		db.OnExpire(ex.keyExpired(i))
	}
	for name := range ex.commands {
		ex.commandNames = append(ex.commandNames, name)
	}
	sort.Strings(ex.commandNames)
	ex.SetRequirePass(cfg.RequirePass)
	ex.maxMemory.Store(cfg.MaxMemory)
	ex.hllSparseMax.Store(defaultHLLSparseMaxBytes)
	ex.SetZSetLimits(int64(defaultZSetLimits.Entries), int64(defaultZSetLimits.Value))
	ex.SetHashLimits(hashes.DefaultLimits.MaxPackedEntries, hashes.DefaultLimits.MaxPackedValue) // until the daemon says
	ex.setMaxIntset.Store(defaultSetMaxIntsetEntries)
	ex.listFill.Store(int64(lists.DefaultFill))
	ex.maxBulkLen.Store(cfg.MaxBulkLen)
	ex.port.Store(int64(cfg.Port))
	ex.settings = cfg.Settings
	if ex.settings == nil {
		params := withDefaults(cfg.Params, []Param{
			{"maxmemory", itoa(cfg.MaxMemory)},
			{"maxmemory-policy", "noeviction"},
			{"save", ""}, // no snapshots
			{"appendonly", "no"},
			{"databases", itoa(int64(len(ex.dbs)))},
			{"proto-max-bulk-len", itoa(cfg.MaxBulkLen)},
		})
		sort.Slice(params, func(i, j int) bool { return params[i].Name < params[j].Name })
		ex.settings = fixedSettings(params)
	}
	return ex
}

// SetRequirePass changes the password (CONFIG SET requirepass): new
// connections must AUTH with it, and so must connections that have not
// authenticated yet; those that have stay in, as in Redis. An empty
// password lets every connection in.
func (ex *Executor) SetRequirePass(pw string) {
	ex.password.Store(&password{set: pw != "", hash: sha256.Sum256([]byte(pw))})
}

func (ex *Executor) passwordRequired() bool { return ex.password.Load().set }

// connStats is the networking layer's counters now, or zeros when the
// executor was not given them.
func (ex *Executor) connStats() ConnStats {
	if ex.cfg.Connections != nil {
		return ex.cfg.Connections()
	}
	return ConnStats{}
}

// NewSession returns the state of one new connection; pusher is how
// published messages reach it (nil: the connection cannot subscribe).
// When pusher is also a Conn (netsrv's connections are), CLIENT LIST shows
// its facts and CLIENT KILL can end it.
func (ex *Executor) NewSession(pusher Pusher) *Session {
	s := &Session{ex: ex, id: ex.clientID.Add(1), pusher: pusher, authed: !ex.passwordRequired(), data: ex.dbs[0]}
	s.reply.stats = &ex.errors
	s.conn, _ = pusher.(Conn)
	s.arrivalOrder, _ = pusher.(ArrivalOrderer)
	s.parser.MaxBulkLen = ex.maxBulkLen.Load()
	s.parser.Unauthenticated = !s.authed
	s.client.init()
	ex.clients.add(s)
	ex.tracking.register(s)
	return s
}

// withDefaults is the daemon's parameters plus each default it does not
// set itself, each name once.
func withDefaults(params, defaults []Param) []Param {
	out := append([]Param(nil), params...)
	for _, d := range defaults {
		if !slices.ContainsFunc(params, func(p Param) bool { return p.Name == d.Name }) {
			out = append(out, d)
		}
	}
	return out
}

// parseInt reads an integer argument with the protocol's strict rules.
func parseInt(b []byte) (int64, bool) { return parser.ParseInt(b) }
