package aof

import (
	"strconv"

	"redis-lite/store"
)

// appendRecord appends the RESP command that reproduces change c.
func appendRecord(buf []byte, c store.Change) []byte {
	switch c.Op {
	case store.ChangePut:
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
