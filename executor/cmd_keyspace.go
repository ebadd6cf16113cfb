package executor

import (
	"strconv"

	"redis-lite/store"
)

// keyspaceCommands look at or change the key space as a whole.
var keyspaceCommands = []command{
	{name: "type", arity: 2, flags: flagReadonly | flagFast, run: cmdType},
	{name: "rename", arity: 3, flags: flagWrite, run: cmdRename},
	{name: "renamenx", arity: 3, flags: flagWrite | flagFast, run: cmdRename},
	{name: "keys", arity: 2, flags: flagReadonly, run: cmdKeys},
	{name: "scan", arity: -2, flags: flagReadonly, run: cmdScan},
	{name: "randomkey", arity: 1, flags: flagReadonly, run: cmdRandomKey},
	{name: "dbsize", arity: 1, flags: flagReadonly | flagFast, run: cmdDBSize},
}

// TYPE key: the type of the key's value ("string", "list", ...), or
// "none" when absent.
func cmdType(s *Session, args [][]byte) {
	if e, ok := s.db().Peek(args[1]); ok {
		s.reply.Status(e.Type().String())
		return
	}
	s.reply.Status("none")
}

// RENAME src dst: OK. RENAMENX src dst: 1, or 0 when dst exists. Both fail
// with "no such key" when src is absent.
func cmdRename(s *Session, args [][]byte) {
	nx := s.cmd.name == "renamenx"
	srcExists, renamed := s.db().Rename(args[1], args[2], nx)
	if renamed && string(args[1]) != string(args[2]) {
		s.changed(1)
		// Redis adds the key anew under its new name, whatever was there.
		s.notifyCreated(false, args[2])
		s.notify(classGeneric, "rename_from", args[1])
		s.notify(classGeneric, "rename_to", args[2])
		s.keyReady(args[2])
	}
	switch {
	case !srcExists:
		s.reply.Error("ERR no such key")
	case !nx:
		s.reply.Status("OK")
	case renamed && string(args[1]) != string(args[2]):
		s.reply.Int(1)
	default:
		s.reply.Int(0)
	}
}

// KEYS pattern: every key matching the glob pattern.
func cmdKeys(s *Session, args [][]byte) {
	pattern := args[1]
	keys := s.db().Keys(keyMatcher(pattern))
	s.reply.Array(len(keys))
	for _, k := range keys {
		s.reply.Bulk(k)
	}
}

// SCAN cursor [MATCH pattern] [COUNT n] [TYPE type]: the next cursor and a
// batch of keys. Iterating until the cursor is 0 again returns every key
// that existed throughout.
func cmdScan(s *Session, args [][]byte) {
	cursor, ok := parseScanCursor(args[1])
	if !ok {
		s.reply.Error("ERR invalid cursor")
		return
	}
	count, match, typeName := int64(10), []byte(nil), ""
	for i := 2; i < len(args); i += 2 {
		if i+1 >= len(args) {
			s.reply.Error(errSyntax)
			return
		}
		switch optionName(args[i]) { // Redis: strcasecmp, ASCII, up to a NUL
		case "match":
			match = args[i+1]
		case "count":
			n, ok := parseInt(args[i+1])
			if !ok {
				s.reply.Error(errNotInteger)
				return
			}
			if n < 1 {
				s.reply.Error(errSyntax)
				return
			}
			count = n
		case "type":
			typeName = optionName(args[i+1])
		default:
			s.reply.Error(errSyntax)
			return
		}
	}
	var next uint64
	var keys [][]byte
	if store.ValidCursor(cursor) { // another number simply ends the iteration
		var filter func([]byte) bool
		if match != nil {
			filter = keyMatcher(match)
		}
		next, keys = s.db().Scan(cursor, int(min(count, 1<<30)), filter)
	}
	if typeName != "" {
		// As Redis, the type is checked after the batch is gathered: a
		// key of another type still counts towards COUNT's work, and an
		// unknown type name matches nothing.
		kept := keys[:0]
		for _, k := range keys {
			if e, ok := s.db().Peek(k); ok && e.Type().String() == typeName {
				kept = append(kept, k)
			}
		}
		keys = kept
	}
	s.reply.Array(2)
	s.reply.BulkString(strconv.FormatUint(next, 10))
	s.reply.Array(len(keys))
	for _, k := range keys {
		s.reply.Bulk(k)
	}
}

// RANDOMKEY: a random key, or nil when there is none.
func cmdRandomKey(s *Session, _ [][]byte) {
	if k, ok := s.db().RandomKey(); ok {
		s.reply.Bulk(k)
		return
	}
	s.reply.Nil()
}

// DBSIZE: the number of keys.
func cmdDBSize(s *Session, _ [][]byte) { s.reply.Int(int64(s.db().Len())) }
