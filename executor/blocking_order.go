package executor

import (
	"slices"
	"time"

	"redis-lite/store"
)

// The order in which blocking commands are served: by when their requests
// arrived, which is Redis's order, where one thread runs them one by one.
//
//   - A key's waiters are queued by the kernel's arrival stamp of their
//     request (Arrived), so two pops that ran at once on two workers or
//     loops still queue in the order they were sent.
//   - A blocking pop does not serve itself from a key on which a client
//     that came first waits for the same type: data there has just come,
//     from a push that has yet to serve its waiters, and is theirs first.
//   - In the worker model, a request may have arrived and yet not have
//     run when a later push or pop runs on another worker, because its
//     thread was woken late; both wait for it first (awaitEarlier), unless
//     the data suffices for every connection.

// waitsBefore reports whether a client whose request arrived before the
// time before waits on k for data of type want. Called with bs.mu held.
func (bs *blockingState) waitsBefore(k blockKey, want store.Type, before int64) bool {
	for _, w := range bs.queues[k] { // in arrival order
		if w.arrived >= before {
			return false
		}
		if w.want == want {
			return true
		}
	}
	return false
}

// holdsOther reports whether key holds a value of another type than want
// (which a blocking command answers with WRONGTYPE at once).
func (s *Session) holdsOther(key []byte, want store.Type) bool {
	e, ok := s.data.Peek(key)
	return ok && e.Type() != want
}

// elementsOf counts the elements of the values of type want at keys.
func (s *Session) elementsOf(keys [][]byte, want store.Type) int {
	n := 0
	for _, key := range keys {
		if count, t := elementsAt(s.data, key); t == want {
			n += count
		}
	}
	return n
}

// elementsAt is the element count and type of the collection at key (0
// for a string or no key), read under the key's lock, as a collection
// may only be read (store.View).
func elementsAt(db *store.Store, key []byte) (n int, t store.Type) {
	db.PeekView(key, func(e store.Entry, ok bool) {
		if ok && e.Obj != nil {
			n, t = e.Obj.Len(), e.Type()
		}
	})
	return n, t
}

// inArrivalOrder adds w to a key's queue behind every waiter whose request
// arrived no later than its own. It is nearly always the last.
func inArrivalOrder(q []*waiter, w *waiter) []*waiter {
	i := len(q)
	for i > 0 && q[i-1].arrived > w.arrived {
		i--
	}
	return slices.Insert(q, i, w)
}

// Arrived is the netsrv.ArrivalNoter method: the kernel's time of arrival
// of the bytes about to be handled.
func (s *Session) Arrived(unixNano int64) { s.arrived = unixNano }

// arrivedOrNow is when the request being run arrived, or now for one
// that came with no time (a session with no connection).
func (s *Session) arrivedOrNow() int64 {
	if s.arrived != 0 {
		return s.arrived
	}
	return time.Now().UnixNano()
}

// waitersOn counts the clients waiting on keys (one waiting on two of
// them counts twice).
func (bs *blockingState) waitersOn(keys []blockKey) int {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	n := 0
	for _, k := range keys {
		n += len(bs.queues[k])
	}
	return n
}

// awaitEarlier waits, if the connection can (ArrivalOrderer), until every
// request that arrived before this one has run. spare is how many pops
// more than those already waiting the data could serve: when every other
// connection could have one and still be served, who runs first does not
// matter, and the connection need not wait.
//
// The batch's read lock on running alone (multi.go) is let go meanwhile:
// the earlier request may be an EXEC, which needs the write lock.
func (s *Session) awaitEarlier(spare int) {
	if s.arrivalOrder == nil || s.arrived == 0 || s.exclusiveHeld {
		return
	}
	if s.readLocked {
		s.ex.exclusive.RUnlock()
		defer s.ex.exclusive.RLock()
	}
	s.arrivalOrder.AwaitEarlier(s.arrived, spare)
}

// elementsIn counts the elements of the collections at keys.
func (s *Session) elementsIn(keys []blockKey) int {
	n := 0
	for _, k := range keys {
		count, _ := elementsAt(s.ex.dbs[k.db], []byte(k.key))
		n += count
	}
	return n
}
