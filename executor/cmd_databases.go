package executor

import "redis-lite/store"

// databaseCommands choose, exchange and empty the numbered databases, and
// carry keys from one to another.
var databaseCommands = []command{
	{name: "select", arity: 2, flags: flagLoading | flagStale | flagFast, run: cmdSelect},
	{name: "swapdb", arity: 3, flags: flagWrite | flagFast, run: cmdSwapDB},
	{name: "move", arity: 3, flags: flagWrite | flagFast, run: cmdMove},
	{name: "copy", arity: -3, flags: flagWrite | flagDenyOOM, run: cmdCopy},
	{name: "flushdb", arity: -1, flags: flagWrite, run: cmdFlushDB},
	{name: "flushall", arity: -1, flags: flagWrite, run: cmdFlushAll},
}

// SELECT index: the connection's commands work on that database from now
// on. Redis reads the index as a C int: a number outside 32 bits gets its
// own error before the range of databases is looked at.
func cmdSelect(s *Session, args [][]byte) {
	if i, ok := s.dbArg(args[1], ""); ok {
		s.selectDB(i)
		s.reply.Status("OK")
	}
}

// SWAPDB index1 index2: the two databases exchange their keys, at once
// for every client; a client that selected one sees the other's keys.
func cmdSwapDB(s *Session, args [][]byte) {
	a, ok := s.dbArg(args[1], "ERR invalid first DB index")
	if !ok {
		return
	}
	b, ok := s.dbArg(args[2], "ERR invalid second DB index")
	if !ok {
		return
	}
	s.changed(1)
	s.reply.Status("OK")
	if a == b {
		return // nothing moves, and no watcher is told: as in Redis
	}
	// Alone, so that no command (a read that deletes an expired key)
	// falls between looking at the watched keys and the swap.
	s.exclusive(func() {
		watched := s.ex.beforeSwap(a, b)
		store.Swap(s.ex.dbs[a], s.ex.dbs[b])
		s.ex.touchSwapped(watched)
	})
	s.databaseReady(a) // clients blocked in either may now have data
	s.databaseReady(b)
}

// MOVE key db: 1 when the key went to the other database, expiry
// included; 0 when it is absent here or already present there.
func cmdMove(s *Session, args [][]byte) {
	to, ok := s.dbArg(args[2], "")
	if !ok {
		return
	}
	if to == s.dbIndex() {
		s.reply.Error(errSameObject)
		return
	}
	_, moved := store.Transfer(s.db(), args[1], s.ex.dbs[to], args[1], false, true)
	if moved {
		s.changed(1)
		// Redis's events: the key is new there, gone from here.
		s.notifyIn(to, classNew, "new", args[1])
		s.notify(classGeneric, "move_from", args[1])
		s.notifyIn(to, classGeneric, "move_to", args[1])
		s.keyReadyIn(to, args[1])
	}
	s.reply.Int(oneIf(moved))
}

// COPY source destination [DB destination-db] [REPLACE]: 1 when source's
// value, expiry included, was copied to destination (in this database or
// the one named); 0 when source is absent or destination exists and
// REPLACE was not given.
func cmdCopy(s *Session, args [][]byte) {
	to, replace := s.dbIndex(), false
	for i := 3; i < len(args); i++ {
		switch name := optionName(args[i]); {
		case name == "replace":
			replace = true
		case name == "db" && i+1 < len(args):
			n, ok := s.dbArg(args[i+1], "")
			if !ok {
				return
			}
			to = n
			i++
		default:
			s.reply.Error(errSyntax)
			return
		}
	}
	if to == s.dbIndex() && string(args[1]) == string(args[2]) {
		s.reply.Error(errSameObject)
		return
	}
	_, copied := store.Transfer(s.db(), args[1], s.ex.dbs[to], args[2], replace, false)
	if copied {
		s.changed(1)
		// As in Redis, a replaced destination is new too.
		s.notifyIn(to, classNew, "new", args[2])
		s.notifyIn(to, classGeneric, "copy_to", args[2])
		s.keyReadyIn(to, args[2])
	}
	s.reply.Int(oneIf(copied))
}

// FLUSHDB [ASYNC|SYNC]: every key of the selected database is removed.
// Client tracking forgets every key, of every database, as in Redis.
func cmdFlushDB(s *Session, args [][]byte) {
	if flushModeOK(s, args) {
		s.changed(s.db().Flush())
		s.reply.Status("OK")
		s.ex.tracking.flushed(s)
	}
}

// FLUSHALL [ASYNC|SYNC]: every key of every database is removed. Each
// database is emptied in one step; another client may write to a
// database already emptied before the last one is.
func cmdFlushAll(s *Session, args [][]byte) {
	if flushModeOK(s, args) {
		for _, db := range s.ex.dbs {
			s.changed(db.Flush())
		}
		s.reply.Status("OK")
		s.ex.tracking.flushed(s)
	}
}

// flushModeOK checks the optional ASYNC or SYNC of FLUSHDB and FLUSHALL;
// both free the memory before the reply here. It answers a syntax error
// and reports false for anything else.
func flushModeOK(s *Session, args [][]byte) bool {
	if len(args) > 2 || (len(args) == 2 && optionName(args[1]) != "async" && optionName(args[1]) != "sync") {
		s.reply.Error(errSyntax)
		return false
	}
	return true
}

// oneIf is Redis's integer reply for a yes or no: 1 or 0.
func oneIf(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
