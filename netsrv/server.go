package netsrv

import (
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sirupsen/logrus"

	"redis-lite/pool"
)

// Config sizes the server.
type Config struct {
	Workers int // goroutines serving connections, one connection each
	Queue   int // accepted connections that may wait for a worker
	// EventLoops, when above 0, selects section 11's I/O model instead of
	// the worker pool: that many epoll event loops share the connections
	// (eventloop.go). Workers and Queue are then unused.
	EventLoops int
	// BusyPoll is the longest an event loop asks epoll_wait for events
	// without sleeping before it sleeps (busypoll.go); 0 never polls.
	BusyPoll time.Duration
	// ShutdownGrace is how long, after a shutdown request, workers may keep
	// sending replies to requests already received before every connection
	// is cut. 0 means DefaultShutdownGrace.
	ShutdownGrace time.Duration
	// PushLimit is how many pushed bytes (pub/sub messages) may wait unsent
	// for one client before it is disconnected. 0 means DefaultPushLimit.
	// SetLimits changes it and the two below.
	PushLimit int
	// IdleTimeout closes a client that neither sends nor reads for that
	// long; 0 never does (timeout). SetIdleTimeout changes it.
	IdleTimeout time.Duration
	// QueryLimit is the most unparsed input one client may have buffered;
	// 0: no limit (--client-query-buffer-limit).
	QueryLimit int
	// OutputLimit is the most unsent reply bytes one client may have; 0: no
	// limit (--client-output-buffer-limit).
	OutputLimit int
	// MaxClients bounds the connections open at once, queued or served;
	// the one over is sent FullReply and closed. 0: no bound but the
	// queue's. SetMaxClients changes it.
	MaxClients int
	// FullReply is what a connection turned away for want of room (over
	// MaxClients, the worker queue full, no descriptor left) reads before
	// it is closed: the protocol's words, which this package does not know.
	FullReply []byte
	// KeepAlive, when above 0, turns TCP keepalive on for each client with
	// this interval (tcp-keepalive); SetKeepAlive changes it for the
	// clients that connect afterwards.
	KeepAlive time.Duration
	// CheckPeer, if set, sees each new client's address and returns the
	// message to turn it away with, or nil to let it in (protected mode).
	CheckPeer func(peer netip.Addr) []byte
	Log       *logrus.Logger
}

// DefaultPushLimit is Redis's pubsub client-output-buffer-limit, 32 MiB.
const DefaultPushLimit = 32 << 20

// DefaultShutdownGrace bounds a shutdown held up by a client that never
// reads its replies.
const DefaultShutdownGrace = 5 * time.Second

// ShutdownMargin is how long after the grace period Serve still waits for
// the connections it has cut. A cut connection's worker or loop fails its
// next send or recv at once, so only one still inside a command (a long
// KEYS, a DEBUG SLEEP) needs more, and Serve returns without it.
const ShutdownMargin = time.Second

// Server accepts connections on a Listener and serves each with a Session
// in the worker pool.
type Server struct {
	cfg        Config
	ln         *Listener
	newSession func(Client) Session
	model      ioModel // the worker pool or the event loops
	modelErr   error   // why the model could not be made
	live       *registry
	readBufs   readBuffers // closed connections' read buffers, for new ones
	spare      *spareFD    // a descriptor held back for EMFILE
	log        *logrus.Logger
	debug      bool // log every recv and send: checked before formatting

	// The settings CONFIG SET may change while the server runs.
	maxClients  atomic.Int64
	idleTimeout atomic.Int64 // nanoseconds
	keepAlive   atomic.Int64 // nanoseconds
	queryLimit  atomic.Int64
	outputLimit atomic.Int64
	pushLimit   atomic.Int64 // every outbox reads it

	stopping atomic.Bool
	stopped  chan struct{} // closed when shutdown is requested
	done     chan struct{} // closed when Serve has finished
	// lnMu guards ln, which Rebind replaces, and orders shutdown(listen
	// fd) before close(listen fd).
	lnMu     sync.Mutex
	lnClosed bool
	retired  []*Listener // replaced by Rebind, for the accept loop to close
	accepted atomic.Int64
	rejected atomic.Int64
}

// NewServer prepares a server on ln: its counters exist from here on (INFO
// may read them while the append-only file is loaded), but no connection
// is accepted until Serve.
func NewServer(ln *Listener, cfg Config) *Server {
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = DefaultShutdownGrace
	}
	s := &Server{
		cfg:     cfg,
		ln:      ln,
		live:    newRegistry(),
		spare:   openSpare(),
		log:     cfg.Log,
		debug:   cfg.Log.IsLevelEnabled(logrus.DebugLevel),
		stopped: make(chan struct{}),
		done:    make(chan struct{}),
	}
	s.maxClients.Store(int64(cfg.MaxClients))
	s.idleTimeout.Store(int64(cfg.IdleTimeout))
	s.keepAlive.Store(int64(cfg.KeepAlive))
	s.SetLimits(cfg.QueryLimit, cfg.OutputLimit, cfg.PushLimit)
	if cfg.EventLoops > 0 {
		s.model, s.modelErr = newEventLoops(s)
	} else {
		s.model = newWorkerPool(s)
	}
	if s.modelErr == nil && s.model.runsOutOfOrder() {
		ln.stampArrivals()
	}
	return s
}

// Serve runs the accept loop on the calling goroutine (the document's main
// thread) until Shutdown, then stops as Shutdown describes and returns.
// newSession makes the session of each connection, given the connection
// (the way to push to it, its facts, a way to kill it). It fails only if
// the I/O model could not be set up (the event loops' epoll instances).
func (s *Server) Serve(newSession func(Client) Session) error {
	s.newSession = newSession
	if s.modelErr != nil {
		s.ln.close()
		close(s.done)
		return s.modelErr
	}
	fields := s.model.start()
	fields["addr"] = s.Addr()
	s.log.WithFields(fields).Info("accepting connections")
	s.acceptLoop()

	// Section 10, steps 3 to 5 (see Shutdown).
	s.lnMu.Lock()
	s.ln.close()
	s.closeRetired()
	s.lnClosed = true
	s.lnMu.Unlock()
	s.log.Info("shutdown: listening socket closed; no new connections")
	s.wakeClients()
	finished := make(chan struct{})
	go func() {
		s.model.finish()
		close(finished)
	}()
	select {
	case <-finished:
		s.log.Info("shutdown: every connection has finished; every client socket is closed")
	case <-time.After(s.cfg.ShutdownGrace + ShutdownMargin):
		s.abandonStuck()
	}
	s.spare.release()
	close(s.done)
	return nil
}

// SetMaxClients changes the client limit (CONFIG SET maxclients). It
// applies to the next connection accepted; connections already open stay,
// as in Redis, even if there are more of them than the new limit.
func (s *Server) SetMaxClients(n int) { s.maxClients.Store(int64(n)) }

// SetIdleTimeout changes how long a client may be idle (CONFIG SET
// timeout; 0: forever). It applies to every connection at once, those
// already open included: idle time is counted from the client's last
// activity, not from the change.
func (s *Server) SetIdleTimeout(d time.Duration) {
	s.idleTimeout.Store(int64(d))
	if s.model != nil {
		s.model.settingsChanged()
	}
}

// SetLimits changes the per-client limits (CONFIG SET
// client-output-buffer-limit) for every connection at once: unparsed
// input, unsent replies (0: no limit for either) and unsent pushed bytes
// (0: DefaultPushLimit). A client already over a new limit is cut when it
// next grows its buffer, as in Redis.
func (s *Server) SetLimits(query, output, push int) {
	if push <= 0 {
		push = DefaultPushLimit
	}
	s.queryLimit.Store(int64(query))
	s.outputLimit.Store(int64(output))
	s.pushLimit.Store(int64(push))
}

// SetKeepAlive changes the TCP keepalive interval (CONFIG SET
// tcp-keepalive; 0: off) for the clients that connect from now on, as in
// Redis; connected clients keep theirs.
func (s *Server) SetKeepAlive(d time.Duration) { s.keepAlive.Store(int64(d)) }

func (s *Server) currentIdleTimeout() time.Duration { return time.Duration(s.idleTimeout.Load()) }

// Discard frees a server that will not be served, because a later
// start-up step failed: its listening socket, its spare descriptor and its
// I/O model's workers or epoll instances.
func (s *Server) Discard() {
	s.ln.close()
	s.spare.release()
	if s.model != nil {
		s.model.release()
	}
}

// Stats is a snapshot for INFO and the logs.
type Stats struct {
	Connected int   // client connections open now (queued or served)
	Accepted  int64 // connections accepted since start
	Rejected  int64 // connections turned away because the queue was full
	Pool      pool.Stats
	Loops     int // event loops; 0 in the worker model
}

// Stats returns the server's counters now.
func (s *Server) Stats() Stats {
	st := Stats{
		Connected: s.live.count(),
		Accepted:  s.accepted.Load(),
		Rejected:  s.rejected.Load(),
	}
	if s.model != nil {
		s.model.fill(&st)
	}
	return st
}
