package executor

import (
	"strings"

	"redis-lite/store"
)

// expireCommands set, read and remove time to live.
var expireCommands = []command{
	{name: "expire", arity: -3, flags: flagWrite | flagFast, run: cmdExpire},
	{name: "pexpire", arity: -3, flags: flagWrite | flagFast, run: cmdExpire},
	{name: "expireat", arity: -3, flags: flagWrite | flagFast, run: cmdExpire},
	{name: "pexpireat", arity: -3, flags: flagWrite | flagFast, run: cmdExpire},
	{name: "ttl", arity: 2, flags: flagReadonly | flagFast, run: cmdTTL},
	{name: "pttl", arity: 2, flags: flagReadonly | flagFast, run: cmdTTL},
	{name: "expiretime", arity: 2, flags: flagReadonly | flagFast, run: cmdTTL},
	{name: "pexpiretime", arity: 2, flags: flagReadonly | flagFast, run: cmdTTL},
	{name: "persist", arity: 2, flags: flagWrite | flagFast, run: cmdPersist},
}

// EXPIRE key seconds [NX|XX|GT|LT] (and PEXPIRE, EXPIREAT, PEXPIREAT): 1 if
// the expiry was set, 0 if the key is absent or the condition failed. A
// time already past deletes the key.
func cmdExpire(s *Session, args [][]byte) {
	name := s.cmd.name
	var nx, xx, gt, lt bool
	for _, a := range args[3:] {
		switch optionName(a) {
		case "nx":
			nx = true
		case "xx":
			xx = true
		case "gt":
			gt = true
		case "lt":
			lt = true
		default:
			// Redis formats the option whole (no cap) as a C string, and
			// trims CR and LF off the end of the message.
			s.reply.Error(strings.TrimRight("ERR Unsupported option "+string(cString(a)), "\r\n"))
			return
		}
	}
	if nx && (xx || gt || lt) {
		s.reply.Error("ERR NX and XX, GT or LT options at the same time are not compatible")
		return
	}
	if gt && lt {
		s.reply.Error("ERR GT and LT options at the same time are not compatible")
		return
	}
	spec := expireSpec{raw: args[2], seconds: name == "expire" || name == "expireat", absolute: strings.HasSuffix(name, "at")}
	now := s.db().Now()
	at, errText := spec.at(now, false, name)
	if errText != "" {
		s.reply.Error(errText)
		return
	}
	changed, event := int64(0), "expire"
	s.db().Update(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		if !exists {
			return cur, store.Keep
		}
		// No expiry counts as an infinite one for GT and LT.
		hasTTL := cur.ExpireAt != 0
		if (nx && hasTTL) || (xx && !hasTTL) || (gt && (!hasTTL || at <= cur.ExpireAt)) || (lt && hasTTL && at >= cur.ExpireAt) {
			return cur, store.Keep
		}
		changed = 1
		if at <= now {
			event = "del" // a time already past deletes the key
			return cur, store.Remove
		}
		cur.ExpireAt = at
		return cur, store.Restamp
	})
	if changed == 1 {
		s.changed(1)
		s.notify(classGeneric, event, args[1])
	}
	s.reply.Int(changed)
}

// TTL key / PTTL key: time left in seconds (rounded) or milliseconds.
// EXPIRETIME key / PEXPIRETIME key: the expiry as a Unix time in seconds
// (rounded, as Redis rounds it) or milliseconds. All answer -2 when the key
// is absent, -1 when it has no expiry.
func cmdTTL(s *Session, args [][]byte) {
	e, ok := s.db().Peek(args[1]) // no access, as in Redis
	s.countRead(ok)
	switch {
	case !ok:
		s.reply.Int(-2)
	case e.ExpireAt == 0:
		s.reply.Int(-1)
	default:
		name := s.cmd.name
		t := e.ExpireAt
		if !strings.HasSuffix(name, "expiretime") {
			t = max(t-s.db().Now(), 0)
		}
		if name == "ttl" || name == "expiretime" {
			t = (t + 500) / 1000
		}
		s.reply.Int(t)
	}
}

// PERSIST key: 1 if an expiry was removed.
func cmdPersist(s *Session, args [][]byte) {
	removed := int64(0)
	s.db().Update(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		if !exists || cur.ExpireAt == 0 {
			return cur, store.Keep
		}
		removed = 1
		cur.ExpireAt = 0
		return cur, store.Restamp
	})
	if removed == 1 {
		s.changed(1)
		s.notify(classGeneric, "persist", args[1])
	}
	s.reply.Int(removed)
}
