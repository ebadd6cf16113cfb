package executor

import (
	"sync"
	"sync/atomic"
)

// WATCH: EXEC fails (a null array) when a key the session watches changed
// after WATCH, by any session (itself included), by deletion, expiry or a
// flush; reading it does not count. The store reports every change to a
// key once a key has been watched (store.Watcher), and every expiry
// (OnExpire); with nobody watching, a change costs one atomic load.
//
// Locking: watchTable.mu is taken under a store shard's lock (the store
// reports changes under it), so nothing under watchTable.mu calls into
// the store.

// watchTable is which sessions watch which keys.
type watchTable struct {
	keys  atomic.Int64 // keys with a watcher; 0 lets every change skip the table
	once  sync.Once    // the stores are told to report changes at the first WATCH
	mu    sync.Mutex
	byKey map[watchedKey]map[*Session]struct{}
}

// watchedKey is a key in a database: WATCH watches a key of the database
// selected when it ran.
type watchedKey struct {
	db  int
	key string
}

// watchState is one session's watched keys.
type watchState struct {
	keys []watchedKey // changed only by the session, under watchTable.mu
	// stale are watched keys that were absent when watched and that
	// SWAPDB has since replaced with a key already past its expiry time
	// (Redis's watchedKey.expired): logically still absent, so that
	// key's deletion is no change. Under watchTable.mu.
	stale map[watchedKey]bool
	// dirty: a watched key changed (Redis's CLIENT_DIRTY_CAS); set by
	// whichever session changed it.
	dirty atomic.Bool
}

// dbWatcher is the table as one database's store reports to it
// (store.Watcher).
type dbWatcher struct {
	table *watchTable
	db    int
}

// Touched is the store's report of a changed key.
func (d dbWatcher) Touched(key []byte) { d.table.touched(d.db, key) }

// Flushing is the store's report that every key is about to go: the
// watchers of the keys that exist are told, as in Redis; watching a key
// that does not exist is not disturbed by a flush.
func (d dbWatcher) Flushing(present func(key []byte) bool) {
	d.table.goneAll(func(k watchedKey) bool { return k.db == d.db && present([]byte(k.key)) })
}

// touched marks the watchers of key in database db.
func (w *watchTable) touched(db int, key []byte) {
	if w.keys.Load() == 0 {
		return
	}
	w.mu.Lock()
	for s := range w.byKey[watchedKey{db, string(key)}] {
		s.watch.dirty.Store(true)
	}
	w.mu.Unlock()
}

// goneAll is gone for every watched key for which deleted says so (a
// flush).
func (w *watchTable) goneAll(deleted func(watchedKey) bool) {
	if w.keys.Load() == 0 {
		return
	}
	w.mu.Lock()
	for key := range w.byKey {
		if deleted(key) {
			w.gone(key)
		}
	}
	w.mu.Unlock()
}

// gone marks the watchers of a deleted key, except those for which it
// was already logically absent (watchState.stale), whose mark it clears.
// Called with w.mu held.
func (w *watchTable) gone(k watchedKey) {
	for s := range w.byKey[k] {
		if s.watch.stale[k] {
			delete(s.watch.stale, k)
			continue
		}
		s.watch.dirty.Store(true)
	}
}

// swappedKey is a watched key as SWAPDB finds it: whether the watched
// database holds it (was), and whether the other one does, past its
// expiry time or not (now, nowExpired). Those are what the watched
// database holds after the swap.
type swappedKey struct {
	key                  watchedKey
	was, now, nowExpired bool
}

// beforeSwap looks up, before SWAPDB a b swaps them (the session runs
// alone), the watched keys of either database that either holds. Nothing
// is deleted, so nothing is reported as changed. The keys are gathered
// first and looked up after: nothing under the table's lock calls into
// the store.
func (ex *Executor) beforeSwap(a, b int) []swappedKey {
	w := &ex.watches
	if w.keys.Load() == 0 {
		return nil
	}
	var keys []watchedKey
	w.mu.Lock()
	for k := range w.byKey {
		if k.db == a || k.db == b {
			keys = append(keys, k)
		}
	}
	w.mu.Unlock()
	var found []swappedKey
	for _, k := range keys {
		watched, other := ex.dbs[a], ex.dbs[b]
		if k.db == b {
			watched, other = other, watched
		}
		was, _ := watched.Holds([]byte(k.key))
		now, live := other.Holds([]byte(k.key))
		if was || now {
			found = append(found, swappedKey{k, was, now, now && !live})
		}
	}
	return found
}

// touchSwapped marks, once SWAPDB is done, the watchers of the keys
// beforeSwap found: what a watched key names may now be another value.
// Expiry is looked at as Redis 7.0 does, so that a key past its expiry
// time that nobody has read yet (so still stored) counts as absent:
//
//   - a watched absent key replaced with such a key is no change, and its
//     later deletion is none either (watchState.stale);
//   - for a key already so marked, a replacement with another stale key,
//     or with nothing, is no change;
//   - anything else stored on either side is.
func (ex *Executor) touchSwapped(found []swappedKey) {
	w := &ex.watches
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, f := range found {
		for s := range w.byKey[f.key] {
			switch {
			case s.watch.stale[f.key]:
				if !f.now {
					delete(s.watch.stale, f.key)
					continue
				}
				if f.nowExpired {
					continue
				}
			case !f.was && f.nowExpired:
				if s.watch.stale == nil {
					s.watch.stale = map[watchedKey]bool{}
				}
				s.watch.stale[f.key] = true
				continue
			}
			s.watch.dirty.Store(true)
		}
	}
}

// expired is gone for a key deleted at its expiry time.
func (w *watchTable) expired(db int, key []byte) {
	if w.keys.Load() == 0 {
		return
	}
	w.mu.Lock()
	w.gone(watchedKey{db, string(key)})
	w.mu.Unlock()
}

// WATCH key [key ...]: EXEC will fail if any of them changes from now on.
// It runs alone (exclusive), so no change falls between looking at a key
// and starting to watch it.
func cmdWatch(s *Session, args [][]byte) {
	if s.tx.on {
		s.reply.Error("ERR WATCH inside MULTI is not allowed")
		return
	}
	if s.watch.dirty.Load() { // EXEC fails already: no need to watch more
		s.reply.Status("OK")
		return
	}
	s.exclusive(func() {
		w := &s.ex.watches
		w.once.Do(func() {
			for i, db := range s.ex.dbs {
				db.SetWatcher(dbWatcher{w, i})
			}
		})
		for _, key := range args[1:] {
			// A key already past its expiry time is deleted now, so that
			// its deletion does not count as a change: Redis treats a key
			// that was stale when watched the same way.
			s.db().Peek(key)
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.byKey == nil {
			w.byKey = map[watchedKey]map[*Session]struct{}{}
		}
		for _, arg := range args[1:] {
			key := watchedKey{s.dbIndex(), string(arg)}
			sessions := w.byKey[key]
			if _, ok := sessions[s]; ok {
				continue
			}
			if sessions == nil {
				sessions = map[*Session]struct{}{}
				w.byKey[key] = sessions
				w.keys.Add(1)
			}
			sessions[s] = struct{}{}
			s.watch.keys = append(s.watch.keys, key)
		}
	})
	s.reply.Status("OK")
}

// UNWATCH: forget every watched key.
func cmdUnwatch(s *Session, _ [][]byte) {
	s.unwatchAll()
	s.reply.Status("OK")
}

// unwatchAll stops watching every key and clears the dirty mark.
func (s *Session) unwatchAll() {
	if len(s.watch.keys) > 0 {
		w := &s.ex.watches
		w.mu.Lock()
		for _, key := range s.watch.keys {
			sessions := w.byKey[key]
			delete(sessions, s)
			if len(sessions) == 0 {
				delete(w.byKey, key)
				w.keys.Add(-1)
			}
		}
		clear(s.watch.stale)
		w.mu.Unlock()
		clear(s.watch.keys)
		s.watch.keys = s.watch.keys[:0]
	}
	s.watch.dirty.Store(false)
}

// watchedKeyChanged reports whether EXEC must fail for WATCH; the caller
// runs alone. A watched key that has expired since counts as changed:
// reading it deletes it, which the store reports.
func (s *Session) watchedKeyChanged() bool {
	for _, k := range s.watch.keys {
		if s.watch.dirty.Load() {
			break
		}
		s.ex.dbs[k.db].Peek([]byte(k.key))
	}
	return s.watch.dirty.Load()
}
