package executor

import (
	"strconv"
)

// Keyspace notifications, after Redis 7.0's notify-keyspace-events: a
// command that changes a key announces it on the pub/sub hub, as
// "__keyspace@<db>__:<key>" with the event's name as the message, and as
// "__keyevent@<db>__:<event>" with the key as the message, each when the
// setting asks for it. Events come in classes (one letter each of the
// setting); a class that is off costs its caller one atomic load.

// eventClass is a set of notify-keyspace-events' letters as bits.
type eventClass uint32

const (
	eventKeyspace eventClass = 1 << iota // K: publish on __keyspace@<db>__:<key>
	eventKeyevent                        // E: publish on __keyevent@<db>__:<event>
	classGeneric                         // g: del, expire, rename_from, ...
	classString                          // $: set, incrby, append, ...
	classList                            // l
	classSet                             // s
	classHash                            // h
	classZSet                            // z
	classExpired                         // x: a key's time was up
	classEvicted                         // e
	classStream                          // t
	classKeyMiss                         // m: a read found no key (not part of A)
	classModule                          // d
	classNew                             // n: a key was created (not part of A)
)

// eventLetters maps each letter to its bits. A is every class but m and n,
// as in Redis.
var eventLetters = map[byte]eventClass{
	'K': eventKeyspace, 'E': eventKeyevent, 'g': classGeneric, '$': classString, 'l': classList,
	's': classSet, 'h': classHash, 'z': classZSet, 'x': classExpired, 'e': classEvicted,
	't': classStream, 'm': classKeyMiss, 'd': classModule, 'n': classNew,
	'A': classGeneric | classString | classList | classSet | classHash | classZSet | classExpired |
		classEvicted | classStream | classModule,
}

// SetKeyspaceEvents changes notify-keyspace-events (CONFIG SET); the value
// has been checked by the settings table, so an unknown letter is ignored.
func (ex *Executor) SetKeyspaceEvents(letters string) {
	var on eventClass
	for i := 0; i < len(letters); i++ {
		on |= eventLetters[letters[i]]
	}
	ex.keyspaceEvents.Store(uint32(on))
}

// notify announces event on key, of class, in the session's database.
// Small enough to inline: with the class off it is one atomic load.
func (s *Session) notify(class eventClass, event string, key []byte) {
	s.notifyIn(s.dbIndex(), class, event, key)
}

// notifyIn is notify for an event in database db, which need not be the
// session's (MOVE and COPY write to another).
func (s *Session) notifyIn(db int, class eventClass, event string, key []byte) {
	if s.notifying(class) {
		s.publishEvent(class, event, key, db)
	}
}

// notifying reports whether events of class are published, for a
// handler that has a cheaper way to work when they are not.
func (s *Session) notifying(class eventClass) bool {
	return eventClass(s.ex.keyspaceEvents.Load())&class != 0
}

// changed adds n changes to the data to Redis's dirty counter (INFO's
// rdb_changes_since_last_save), counted in the batch and shared once.
func (s *Session) changed(n int) { s.counts.changes += int64(n) }

// notifyCreated announces a key that did not exist before (class n), ahead
// of the event of the command that made it, in Redis's order.
func (s *Session) notifyCreated(existed bool, key []byte) {
	if !existed {
		s.notify(classNew, "new", key)
	}
}

func (s *Session) publishEvent(class eventClass, event string, key []byte, db int) {
	if s.sub.count() > 0 {
		// A RESP3 client hearing of its own write: the messages follow
		// the replies that came before, as they would in Redis.
		s.pushReplies()
	}
	s.ex.publishEvent(class, event, key, db)
}

// publishEvent publishes one event on the channels the setting asks for.
// It may run under a store shard's lock (an expired key): the hub's lock
// and the connections' outbox locks come after it.
func (ex *Executor) publishEvent(class eventClass, event string, key []byte, db int) {
	on := eventClass(ex.keyspaceEvents.Load())
	if on&class == 0 || on&(eventKeyspace|eventKeyevent) == 0 || ex.hub.clients.Load() == 0 {
		return
	}
	dbText := strconv.Itoa(db)
	if on&eventKeyspace != 0 {
		channel := make([]byte, 0, len("__keyspace@__:")+len(dbText)+len(key))
		channel = append(append(append(append(channel, "__keyspace@"...), dbText...), "__:"...), key...)
		ex.hub.publish(channel, []byte(event))
	}
	if on&eventKeyevent != 0 {
		channel := "__keyevent@" + dbText + "__:" + event
		ex.hub.publish([]byte(channel), key)
	}
}

// keyExpired is the store telling of a key deleted because its time was
// up, by a read or by the active sweep (store.OnExpire): client tracking
// invalidates it, its watchers' EXEC will fail, and the expired event
// (class x) is published.
func (ex *Executor) keyExpired(db int) func(key []byte) {
	return func(key []byte) {
		ex.tracking.expired(key)
		ex.watches.expired(db, key)
		if eventClass(ex.keyspaceEvents.Load())&classExpired != 0 {
			ex.publishEvent(classExpired, "expired", key, db)
		}
	}
}

// existingKeys notes which keys of MSET's key, value pairs exist, so
// that it can tell which ones it creates (class n). The store sets the
// pairs in one step of its own: a key another client creates in between
// counts as existing.
func (s *Session) existingKeys(pairs [][]byte) map[string]bool {
	existing := make(map[string]bool, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		if s.db().Exists(pairs[i]) == 1 {
			existing[string(pairs[i])] = true
		}
	}
	return existing
}
