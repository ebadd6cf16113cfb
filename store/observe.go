package store

// Change is one change to the key space, as an observer (the append-only
// file) sees it: the key's new entry, its removal, or the removal of every
// key. INCR, APPEND, SET ... KEEPTTL all appear as the entry that resulted,
// with its absolute expiry time, so replaying a change always gives the
// same state, however often it is replayed.
//
// A collection changed in place is reported as the command that redoes
// the change (ChangeApply, Args): that is not idempotent, so while a
// snapshot runs (BeginSnapshot) the observer asks which changes the
// snapshot misses (SnapshotMisses), and a rewrite keeps exactly those.
//
// A key moved whole (RENAME, MOVE) is reported as the move (ChangeMove),
// which costs the same for a collection of ten million elements as for a
// string; Entry is what moved, for an observer that must write it out.
type Change struct {
	Op    ChangeOp
	Key   []byte
	Entry Entry
	With  *Store   // ChangeSwap: the store this one exchanged contents with; ChangeMove: the one Key went to
	Args  [][]byte // ChangeApply: the command that redoes the change
	To    []byte   // ChangeMove within one store: Key's new name
}

// ChangeOp is what a Change does.
type ChangeOp uint8

const (
	ChangePut    ChangeOp = iota + 1 // Key now holds Entry
	ChangeDelete                     // Key is gone
	ChangeFlush                      // every key is gone
	ChangeSwap                       // the contents were exchanged With another store's
	ChangeApply                      // Key's collection changed as Args says
	ChangeMove                       // Key's entry is now at To (RENAME), or at Key in With (MOVE)
)

// Observe registers fn to hear of every change made from now on (nil: stop
// telling anyone). fn runs under the lock of the keys it concerns, so for
// each key the changes arrive in the order they were made; it must be
// quick and must not call back into the store. Keys that expire are not
// reported: their absolute expiry time is already in the Put that set it.
//
// Observe may be called while the store is in use (CONFIG SET appendonly).
// A change is reported if and only if it is made after Observe returns,
// as seen under its key's lock: so a snapshot begun after Observe sees
// every change that was not reported.
func (s *Store) Observe(fn func(Change)) {
	if fn == nil {
		s.observe.Store(nil)
		return
	}
	s.observe.Store(&fn)
}

func (s *Store) notify(c Change) {
	if fn := s.observe.Load(); fn != nil {
		if c.Op == ChangeFlush && s.snapshotting.Load() {
			s.flushedDuringSnapshot()
		}
		(*fn)(c)
	}
	if c.Op != ChangeFlush && c.Op != ChangeSwap {
		s.touched(c.Key)
	}
	if c.Op == ChangeMove {
		if c.With == nil {
			s.touched(c.To)
		} else {
			c.With.touched(c.Key)
		}
	}
}

// OnExpire registers fn to hear of each key deleted because its time was
// up, whether a read found it dead or the active sweep did (nil: stop).
// Client tracking needs them: a client that cached such a key must drop
// it, while the append-only file does not (Observe). fn runs under the
// key's lock; it must be quick, must not call back into the store, and
// must copy the key to keep it.
func (s *Store) OnExpire(fn func(key []byte)) {
	if fn == nil {
		s.onExpire.Store(nil)
		return
	}
	s.onExpire.Store(&fn)
}

func (s *Store) tellExpired(key []byte) {
	if fn := s.onExpire.Load(); fn != nil {
		(*fn)(key)
	}
}
