package aof

import (
	"strconv"

	"redis-lite/store"
)

// appendRecord appends the RESP command that reproduces change c.
func appendRecord(buf []byte, c store.Change) []byte {
	switch c.Op {
	case store.ChangePut:
		if c.Entry.Obj != nil {
			// Replaced whole: whatever the key held goes first, so the
			// record means the same however often it is replayed.
			buf = appendArgs(buf, [][]byte{[]byte("DEL"), c.Key})
			return appendObject(buf, c.Key, c.Entry)
		}
		if c.Entry.ExpireAt != 0 {
			buf = append(buf, "*5\r\n$3\r\nSET\r\n"...)
		} else {
			buf = append(buf, "*3\r\n$3\r\nSET\r\n"...)
		}
		buf = appendBulk(buf, c.Key)
		buf = appendBulk(buf, c.Entry.Value)
		if c.Entry.ExpireAt != 0 {
			buf = append(buf, "$4\r\nPXAT\r\n"...)
			buf = appendBulk(buf, strconv.AppendInt(nil, c.Entry.ExpireAt, 10))
		}
	case store.ChangeDelete:
		buf = append(buf, "*2\r\n$3\r\nDEL\r\n"...)
		buf = appendBulk(buf, c.Key)
	case store.ChangeFlush:
		buf = append(buf, "*1\r\n$7\r\nFLUSHDB\r\n"...)
	case store.ChangeApply:
		buf = appendArgs(buf, c.Args)
	case store.ChangeMove: // within one database; MOVE is the AOF's (appendChange)
		buf = appendArgs(buf, [][]byte{[]byte("RENAME"), c.Key, c.To})
	}
	return buf
}

// appendObject appends the commands that make the collection e holds at
// key from nothing, and its expiry. The caller holds the key's lock.
func appendObject(buf, key []byte, e store.Entry) []byte {
	e.Obj.Rebuild(key, func(args [][]byte) { buf = appendArgs(buf, args) })
	if e.ExpireAt != 0 {
		buf = appendArgs(buf, [][]byte{[]byte("PEXPIREAT"), key, strconv.AppendInt(nil, e.ExpireAt, 10)})
	}
	return buf
}

// appendArgs appends a RESP command of these arguments.
func appendArgs(buf []byte, args [][]byte) []byte {
	buf = append(buf, '*')
	buf = strconv.AppendInt(buf, int64(len(args)), 10)
	buf = append(buf, '\r', '\n')
	for _, a := range args {
		buf = appendBulk(buf, a)
	}
	return buf
}

// appendCommand appends a RESP command of these words.
func appendCommand(buf []byte, words ...string) []byte {
	buf = append(buf, '*')
	buf = strconv.AppendInt(buf, int64(len(words)), 10)
	buf = append(buf, '\r', '\n')
	for _, w := range words {
		buf = appendBulk(buf, []byte(w))
	}
	return buf
}

// appendSelect appends SELECT db.
func appendSelect(buf []byte, db int) []byte {
	return appendCommand(buf, "SELECT", strconv.Itoa(db))
}

func appendBulk(buf, b []byte) []byte {
	buf = append(buf, '$')
	buf = strconv.AppendInt(buf, int64(len(b)), 10)
	buf = append(buf, '\r', '\n')
	buf = append(buf, b...)
	return append(buf, '\r', '\n')
}
