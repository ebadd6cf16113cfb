package executor

import (
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Conn is what the networking layer tells of a session's connection and
// lets another session do to it (netsrv.Client has these methods). Every
// method may be called from any goroutine.
type Conn interface {
	Pusher
	// FD is the connection's descriptor number.
	FD() int
	// Addrs are the peer's and the local address, "ip:port".
	Addrs() (peer, local string)
	// Buffers are the connection's buffer sizes as of its last turn:
	// unconsumed input, room left for input, unsent replies, the reply
	// buffer's size, and pushed bytes waiting to be sent.
	Buffers() (query, queryFree, unsent, outSize, pushed int)
	// Events is what the connection waits for: "r", "rw".
	Events() string
	// Kill ends the connection soon (CLIENT KILL of another client).
	Kill()
}

// ArrivalOrderer is an optional Conn method (netsrv's workers' connections
// have it): AwaitEarlier returns once no other connection holds a request
// that arrived before the time before (the kernel's stamp, as Arrived
// gives it) and has not run, or after a short bound; at once when spare,
// the pops the data could serve beyond those already waiting, is at least
// the number of other connections. A blocking pop calls it before it
// serves itself, and a push before it serves blocked clients, so that a
// pop that arrived first but has not run yet comes first (blocking.go).
type ArrivalOrderer interface {
	AwaitEarlier(before int64, spare int)
}

// clientList is every connected session, by id: CLIENT LIST shows them
// and CLIENT KILL looks in it. A session joins when it is made and leaves
// when its connection ends or it is killed.
type clientList struct {
	mu   sync.Mutex
	byID map[int64]*Session
}

func (l *clientList) add(s *Session) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byID == nil {
		l.byID = make(map[int64]*Session)
	}
	l.byID[s.id] = s
}

func (l *clientList) remove(s *Session) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.byID, s.id)
}

func (l *clientList) byIDOrNil(id int64) *Session {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byID[id]
}

// all returns the sessions in id order (Redis lists clients oldest first).
func (l *clientList) all() []*Session {
	l.mu.Lock()
	out := make([]*Session, 0, len(l.byID))
	for _, s := range l.byID {
		out = append(out, s)
	}
	l.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// clientState is the part of a session other connections read (CLIENT
// LIST, KILL): set by the session's own goroutine, read by any, so each
// field is atomic. The last command and the time are recorded once per
// batch of requests, not per request.
type clientState struct {
	created  time.Time // immutable after init
	name     atomic.Pointer[string]
	lastCmd  atomic.Pointer[command]
	lastSeen atomic.Int64 // unix seconds of the last batch, by the coarse clock (clock.go)
	noEvict  atomic.Bool
	db       atomic.Int32 // the selected database's number
	blocked  atomic.Bool  // a request is held by a pause (flag b, as Redis shows a postponed client)
}

func (c *clientState) init() {
	startCoarseClock()
	c.created = time.Now()
	c.lastSeen.Store(coarseUnix())
}

// seen records that a batch ran, ending with cmd (nil: none ran yet). It
// runs once per batch, so it only reads unless something changed.
func (c *clientState) seen(cmd *command) {
	if now := coarseUnix(); c.lastSeen.Load() != now {
		c.lastSeen.Store(now)
	}
	if cmd != nil && c.lastCmd.Load() != cmd {
		c.lastCmd.Store(cmd)
	}
}

// clientName is the name CLIENT SETNAME gave, or "".
func (s *Session) clientName() string {
	if p := s.client.name.Load(); p != nil {
		return *p
	}
	return ""
}

// resetClientState is RESET's part of the client: no name and replies
// on, as a fresh connection. NO-EVICT stays, as in Redis 7.0.
func (s *Session) resetClientState() {
	s.client.name.Store(nil)
	s.replies = repliesOn
}

// Client types, as CLIENT LIST TYPE and CLIENT KILL TYPE name them. This
// daemon has no replicas or masters; a client is pubsub while subscribed.
const (
	clientNormal = "normal"
	clientPubSub = "pubsub"
)

// clientTypeByName reads a type argument; ok is false for a name Redis
// does not know. master and replica (or slave) are valid but match nobody.
func clientTypeByName(name []byte) (string, bool) {
	switch t := optionName(name); t {
	case "normal", "pubsub", "master":
		return t, true
	case "replica", "slave":
		return "replica", true
	}
	return "", false
}

// clientType is the session's type now.
func (s *Session) clientType() string {
	ch, pat := s.ex.hub.counts(s)
	if ch+pat > 0 {
		return clientPubSub
	}
	return clientNormal
}

// infoLine appends the session's CLIENT LIST line (without the newline)
// with Redis 7.0's fields, in its order. self says the line is the calling
// session's own: then the request being run is what the buffers hold and
// the command in progress is the last command, as Redis reports them.
// argvMem is the size of the calling request's arguments.
func (s *Session) infoLine(b []byte, self *Session, argvMem int, now time.Time) []byte {
	peer, local, fd := "", "", -1
	var query, queryFree, unsent, outSize, pushed int
	events := ""
	if s.conn != nil {
		peer, local = s.conn.Addrs()
		fd = s.conn.FD()
		query, queryFree, unsent, outSize, pushed = s.conn.Buffers()
		events = s.conn.Events()
	}
	cmd := s.client.lastCmd.Load()
	if s == self {
		query, queryFree = s.inLen, s.inCap-s.inLen
		cmd = s.cmd
	} else {
		argvMem = 0
	}
	channels, patterns := s.ex.hub.counts(s)
	field := func(name, value string) {
		if len(b) > 0 && b[len(b)-1] != '\n' {
			b = append(b, ' ')
		}
		b = append(b, name...)
		b = append(b, '=')
		b = append(b, value...)
	}
	num := func(name string, n int64) { field(name, strconv.FormatInt(n, 10)) }
	num("id", s.id)
	field("addr", peer)
	field("laddr", local)
	num("fd", int64(fd))
	field("name", s.clientName())
	num("age", int64(now.Sub(s.client.created)/time.Second))
	num("idle", max(coarseUnix()-s.client.lastSeen.Load(), 0))
	field("flags", s.clientFlags(channels+patterns))
	num("db", int64(s.client.db.Load()))
	num("sub", int64(channels))
	num("psub", int64(patterns))
	num("ssub", 0)
	num("multi", s.tx.shown.Load()-1)
	num("qbuf", int64(query))
	num("qbuf-free", int64(queryFree))
	num("argv-mem", int64(argvMem))
	num("multi-mem", s.tx.mem.Load())
	num("rbs", int64(outSize))
	num("rbp", int64(outSize))
	num("obl", int64(unsent))
	oll := 0
	if pushed > 0 {
		oll = 1
	}
	num("oll", int64(oll))
	num("omem", int64(pushed))
	num("tot-mem", int64(query+queryFree+outSize+pushed+argvMem))
	field("events", events)
	name := "NULL"
	if cmd != nil {
		name = cmd.name
	}
	field("cmd", name)
	field("user", "default")
	num("redir", -1)
	resp := int64(2)
	if s.track.resp3.Load() { // the copy other sessions may read
		resp = 3
	}
	num("resp", resp)
	return b
}

// clientFlags are CLIENT LIST's flags letters, in Redis's order: O
// monitoring, P subscribed, x in MULTI, b held by a pause, d a watched key
// changed, e no-evict, N for none.
func (s *Session) clientFlags(subscriptions int) string {
	flags := ""
	if s.monitoring.Load() {
		flags += "O"
	}
	if subscriptions > 0 {
		flags += "P"
	}
	if s.tx.shown.Load() > 0 {
		flags += "x"
	}
	if s.client.blocked.Load() {
		flags += "b"
	}
	if s.watch.dirty.Load() {
		flags += "d"
	}
	if s.client.noEvict.Load() {
		flags += "e"
	}
	if flags == "" {
		flags = "N"
	}
	return flags
}

// detach takes a killed session out of the channels' and patterns'
// subscriber sets at once, so that no message is counted for it, as
// Redis frees a killed client at once; its own record of what it listened
// to is its goroutine's, and is cleared when its connection closes
// (dropAll), which also counts it out of the subscribed clients.
func (h *hub) detach(s *Session) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for name := range s.sub.channels {
		h.removeSubscriber(h.channels, name, s)
	}
	for name := range s.sub.patterns {
		h.removeSubscriber(h.patterns, name, s)
	}
}

// removeSubscriber deletes s from all[name]; the caller holds h.mu.
func (h *hub) removeSubscriber(all map[string]map[*Session]struct{}, name string, s *Session) {
	if subs := all[name]; subs != nil {
		delete(subs, s)
		if len(subs) == 0 {
			delete(all, name)
		}
	}
}

// counts are how many channels and patterns s listens to.
func (h *hub) counts(s *Session) (channels, patterns int) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(s.sub.channels), len(s.sub.patterns)
}
