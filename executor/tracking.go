package executor

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Client-side caching, after Redis 7.0's CLIENT TRACKING (the commands are
// in cmd_tracking.go). A tracking session is told when a key it may have
// cached changes: in its default mode the table below remembers which
// sessions read which keys, and each write sends an invalidation to them
// and forgets them for that key; in BCAST mode a session hears of every
// change to the keys under its prefixes, and nothing is remembered.
//
// Invalidations go to the session itself as RESP3 pushes, or to the
// session it redirects to: a RESP3 push there too, or, for a RESP2
// connection subscribed to anything, a message on __redis__:invalidate.
// A session's own write invalidates after its reply, as in Redis.
//
// Locking: tracker.mu comes before the hub's lock and a connection's
// outbox lock, and after a store shard's lock (expired keys are reported
// under it); nothing taken under tracker.mu calls into the store.

// invalidateChannel is the channel a RESP2 redirect client hears on.
const invalidateChannel = "__redis__:invalidate"

// defaultTrackingMaxKeys is Redis's tracking-table-max-keys.
const defaultTrackingMaxKeys = 1000000

type tracker struct {
	mu       sync.Mutex
	sessions map[int64]*Session            // every open connection, for REDIRECT
	keys     map[string]map[int64]struct{} // key -> ids that may have cached it
	items    int                           // ids in keys, summed (INFO)
	prefixes map[string]map[*Session]struct{}

	clients atomic.Int64 // sessions with tracking on: 0 keeps every hook idle
	maxKeys atomic.Int64 // tracking-table-max-keys (0: no limit)
}

func newTracker() *tracker {
	t := &tracker{sessions: map[int64]*Session{}, keys: map[string]map[int64]struct{}{},
		prefixes: map[string]map[*Session]struct{}{}}
	t.maxKeys.Store(defaultTrackingMaxKeys)
	return t
}

// trackOptions are CLIENT TRACKING ON's options.
type trackOptions struct {
	bcast, optin, optout, noloop bool
	redirect                     int64
}

// trackState is one session's tracking settings. Only the session changes
// them, under tracker.mu, so another session's goroutine reads them under
// that lock; the atomics are what others may change or read without it.
type trackState struct {
	on, bcast, optin, optout, noloop bool
	caching                          bool  // CLIENT CACHING given for the next command
	redirect                         int64 // 0: none
	prefixes                         []string

	// While the session runs a command (running), invalidations for it
	// wait in pending, to follow the command's reply (hold, release).
	running bool
	pending []byte
	// While another client's command serves the session's blocked
	// command (tracking_blocked.go), invalidations for it wait in served,
	// to follow the reply it is handed.
	serving bool
	served  []byte
	// unsilenced: invalidations written after a reply CLIENT REPLY drops;
	// they are sent all the same, as Redis does (afterReply, silence).
	unsilenced []byte

	brokenRedirect atomic.Bool // the redirect client went away
	resp3          atomic.Bool // the session's protocol, for other goroutines
}

// SetTrackingTableMaxKeys changes tracking-table-max-keys (CONFIG SET): the
// table keeps at most this many keys, forgetting (and invalidating)
// others beyond it; 0 is no limit.
func (ex *Executor) SetTrackingTableMaxKeys(n int64) {
	ex.tracking.maxKeys.Store(n)
	if n > 0 {
		ex.tracking.mu.Lock()
		ex.tracking.trim(nil)
		ex.tracking.mu.Unlock()
	}
}

func (t *tracker) register(s *Session) {
	t.mu.Lock()
	t.sessions[s.id] = s
	t.mu.Unlock()
}

// unregister forgets a closed connection. Its ids stay in the key table
// until those keys change, as in Redis: removing them would mean a walk of
// the whole table.
func (t *tracker) unregister(s *Session) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.sessions, s.id)
	t.disable(s)
}

// enable turns tracking on for s with the options given (already checked).
// Prefixes add to those s has; the other options replace its own.
func (t *tracker) enable(s *Session, opts trackOptions, prefixes []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := &s.track
	if !st.on {
		t.clients.Add(1)
	}
	st.on, st.bcast, st.optin, st.optout, st.noloop = true, opts.bcast, opts.optin, opts.optout, opts.noloop
	st.redirect = opts.redirect
	st.brokenRedirect.Store(false)
	if !st.bcast {
		return
	}
	if len(prefixes) == 0 {
		prefixes = []string{""}
	}
	for _, p := range prefixes {
		if t.prefixes[p] == nil {
			t.prefixes[p] = map[*Session]struct{}{}
		}
		if _, ok := t.prefixes[p][s]; !ok {
			t.prefixes[p][s] = struct{}{}
			st.prefixes = append(st.prefixes, p)
		}
	}
	sort.Strings(st.prefixes)
}

// disable turns tracking off for s; the caller holds t.mu.
func (t *tracker) disable(s *Session) {
	st := &s.track
	if !st.on {
		return
	}
	for _, p := range st.prefixes {
		delete(t.prefixes[p], s)
		if len(t.prefixes[p]) == 0 {
			delete(t.prefixes, p)
		}
	}
	t.clients.Add(-1)
	st.on, st.bcast, st.optin, st.optout, st.noloop, st.caching = false, false, false, false, false, false
	st.redirect, st.prefixes = 0, nil
	st.brokenRedirect.Store(false)
}

// afterCommand is what tracking does once cmd has run in s (called only
// while some session tracks): remember the keys a read served, and
// invalidate the keys a write changed. mark is where cmd's reply starts.
func (s *Session) afterCommand(cmd *command, args [][]byte, mark int) {
	st := &s.track
	if st.on && cmd.flags&flagReadonly != 0 && !st.bcast && (!st.optin || st.caching) && !(st.optout && st.caching) {
		s.ex.tracking.remember(s, commandKeys(cmd, args))
	}
	if st.caching && !strings.HasPrefix(cmd.name, "client|") && !s.tx.on && !s.tx.running {
		// It holds for one command, CLIENT ones aside, as in Redis; a
		// transaction counts as one command (MULTI ... EXEC).
		s.ex.tracking.mu.Lock()
		st.caching = false
		s.ex.tracking.mu.Unlock()
	}
	if cmd.flags&flagWrite == 0 || s.reply.isErrorSince(mark) || s.blockedOnKeys() {
		return // nothing written; a blocked command's writes are told when served
	}
	if keys := commandKeys(cmd, args); len(keys) > 0 {
		s.ex.tracking.invalidate(s, keys)
	}
}

// commandKeys are the arguments of args that are keys, by cmd's key
// positions.
func commandKeys(cmd *command, args [][]byte) [][]byte {
	if cmd.flags&flagMovableKeys != 0 {
		// Keys counted by an argument (ZUNION, ZMPOP): only the key
		// specs find them, as Redis's getKeysFromCommand does.
		refs, _ := cmd.keyPositions(args)
		keys := make([][]byte, len(refs))
		for i, r := range refs {
			keys[i] = args[r.pos]
		}
		return keys
	}
	if cmd.firstKey <= 0 {
		return nil
	}
	last := cmd.lastKey
	if last < 0 {
		last += len(args)
	}
	var keys [][]byte
	for i := cmd.firstKey; i <= last && i < len(args); i += max(cmd.keyStep, 1) {
		keys = append(keys, args[i])
	}
	return keys
}

// remember notes that s may now cache keys.
func (t *tracker) remember(s *Session, keys [][]byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		ids := t.keys[string(k)]
		if ids == nil {
			ids = map[int64]struct{}{}
			t.keys[string(k)] = ids
		}
		if _, ok := ids[s.id]; !ok {
			ids[s.id] = struct{}{}
			t.items++
		}
	}
	t.trim(s)
}

// trim forgets keys while the table holds more than tracking-table-max-keys,
// telling their sessions as if the keys had changed (Redis picks them at
// random; map order is as good). The caller holds t.mu.
func (t *tracker) trim(actor *Session) {
	limit := t.maxKeys.Load()
	if limit <= 0 {
		return
	}
	for key := range t.keys {
		if int64(len(t.keys)) <= limit {
			return
		}
		t.invalidateKey(actor, key, false) // forgotten, not changed: NOLOOP does not apply
	}
}

// invalidate tells every session concerned that keys changed: actor
// changed them (nil: they expired).
func (t *tracker) invalidate(actor *Session, keys [][]byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		t.invalidateKey(actor, string(k), true)
	}
	if actor != nil && actor.tx.running && len(t.prefixes) > 0 {
		// BCAST: what a transaction changed goes out together after
		// EXEC, one message per prefix, as Redis gathers it.
		for _, k := range keys {
			actor.tx.changed = append(actor.tx.changed, append([]byte(nil), k...))
		}
		return
	}
	t.broadcast(actor, keys)
}

// broadcastTransaction sends the BCAST messages for the keys the
// transaction s ran changed.
func (t *tracker) broadcastTransaction(s *Session) {
	if len(s.tx.changed) == 0 {
		return
	}
	t.mu.Lock()
	t.broadcast(s, s.tx.changed)
	t.mu.Unlock()
	s.tx.changed = nil
}

// expired is the store's report of a key deleted at its expiry time.
func (t *tracker) expired(key []byte) {
	if t.clients.Load() == 0 {
		return
	}
	t.invalidate(nil, [][]byte{key})
}

// invalidateKey sends key's invalidation to the sessions that may have
// cached it and forgets them for it; the caller holds t.mu. A session in
// NOLOOP mode does not hear of its own changes (changed: actor changed
// the key, rather than the table forgetting it).
func (t *tracker) invalidateKey(actor *Session, key string, changed bool) {
	ids, ok := t.keys[key]
	if !ok {
		return
	}
	delete(t.keys, key)
	t.items -= len(ids)
	var payload []byte
	for id := range ids {
		target := t.sessions[id]
		if target == nil || !target.track.on || target.track.bcast || (changed && target.track.noloop && target == actor.self()) {
			continue
		}
		if payload == nil {
			payload = keyList([]string{key})
		}
		t.send(actor, target, payload)
	}
}

// broadcast sends, for each BCAST prefix that keys fall under, one message
// with those keys to the prefix's sessions; the caller holds t.mu.
func (t *tracker) broadcast(actor *Session, keys [][]byte) {
	if len(t.prefixes) == 0 {
		return
	}
	prefixes := make([]string, 0, len(t.prefixes))
	for p := range t.prefixes {
		prefixes = append(prefixes, p)
	}
	sort.Strings(prefixes)
	for _, p := range prefixes {
		var matched []string
		for _, k := range keys {
			if strings.HasPrefix(string(k), p) {
				matched = append(matched, string(k))
			}
		}
		if len(matched) == 0 {
			continue
		}
		sort.Strings(matched)
		payload := keyList(compactSorted(matched))
		for target := range t.prefixes[p] {
			if target.track.noloop && target == actor.self() {
				continue
			}
			t.send(actor, target, payload)
		}
	}
}

// flushed is FLUSHDB or FLUSHALL run by actor: every tracking session is
// told that all keys changed, with a null, and the table is emptied. It
// is emptied even when nobody tracks at the moment, as Redis empties it on
// every flush: a session that read a key, stopped tracking and tracks
// again must not hear of a change to that key after the flush.
func (t *tracker) flushed(actor *Session) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.clients.Load() != 0 { // else nobody is told: no need to visit every connection
		for _, s := range t.sessions {
			if s.track.on {
				null := "$-1\r\n"
				if s.track.resp3.Load() {
					null = "_\r\n"
				}
				t.send(actor, s, []byte(null))
			}
		}
	}
	if t.items > 0 {
		t.keys, t.items = map[string]map[int64]struct{}{}, 0
	}
}

// compactSorted drops repeats from a sorted list: a key written twice by
// one command is invalidated once.
func compactSorted(keys []string) []string {
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			out = append(out, k)
		}
	}
	return out
}

// stats are INFO's tracking_total_keys, tracking_total_items and
// tracking_total_prefixes.
func (t *tracker) stats() (keys, items, prefixes int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.keys), t.items, len(t.prefixes)
}
