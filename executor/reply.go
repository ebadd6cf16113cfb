package executor

import (
	"strconv"

	"redis-lite/parser"
)

// Reply appends replies to an output buffer in the form of the request
// being answered:
//
//	reply     plaintext                RESP2
//	status    OK\n                     +OK\r\n
//	error     (error) ERR ...\n        -ERR ...\r\n
//	integer   (integer) 1\n            :1\r\n
//	value     alice\n                  $5\r\nalice\r\n
//	missing   (nil)\n                  $-1\r\n
//	list      1) a\n2) b\n             *2\r\n$1\r\na\r\n$1\r\nb\r\n
//
// Plaintext lists are numbered the way redis-cli prints them, nested lists
// indented under their parent's number.
type Reply struct {
	buf   []byte
	proto parser.Proto
	lists []listFrame // plaintext only: the lists being written, innermost last
	// errors counts the error replies written, for INFO (errorstats
	// counts them by code in stats; a command whose count grew failed).
	errors int
	stats  *errorStats
}

// listFrame tracks one plaintext list: how many elements it has, how many
// are written, and where its numbers stand.
type listFrame struct {
	length, written int
	indent, width   int
	firstOnLine     bool // its first element follows the parent's number
}

func (r *Reply) reset(out []byte, proto parser.Proto) {
	r.buf, r.proto, r.lists = out, proto, r.lists[:0]
}

// Status writes a simple status such as OK or PONG.
func (r *Reply) Status(s string) {
	if r.proto == parser.RESP {
		r.buf = append(r.buf, '+')
		r.buf = append(r.buf, s...)
		r.buf = append(r.buf, '\r', '\n')
		return
	}
	r.element()
	r.buf = append(r.buf, s...)
	r.endLine()
}

// Error writes an error; msg starts with its code ("ERR ...", "WRONGTYPE
// ..."). CR and LF in msg would break the framing and become spaces.
func (r *Reply) Error(msg string) {
	r.errors++
	if r.stats != nil {
		r.stats.count(msg)
	}
	if r.proto == parser.RESP {
		r.buf = append(r.buf, '-')
	} else {
		r.element()
		r.buf = append(r.buf, "(error) "...)
	}
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		if c == '\r' || c == '\n' {
			c = ' '
		}
		r.buf = append(r.buf, c)
	}
	r.endLine()
}

// Int writes an integer.
func (r *Reply) Int(n int64) {
	if r.proto == parser.RESP {
		r.buf = append(r.buf, ':')
		r.buf = strconv.AppendInt(r.buf, n, 10)
		r.buf = append(r.buf, '\r', '\n')
		return
	}
	r.element()
	r.buf = append(r.buf, "(integer) "...)
	r.buf = strconv.AppendInt(r.buf, n, 10)
	r.endLine()
}

// Bulk writes a binary-safe value.
func (r *Reply) Bulk(v []byte) {
	if r.proto == parser.RESP {
		r.buf = append(r.buf, '$')
		r.buf = strconv.AppendInt(r.buf, int64(len(v)), 10)
		r.buf = append(r.buf, '\r', '\n')
		r.buf = append(r.buf, v...)
		r.buf = append(r.buf, '\r', '\n')
		return
	}
	r.element()
	r.buf = append(r.buf, v...)
	r.endLine()
}

// BulkString writes a value held as a string.
func (r *Reply) BulkString(s string) {
	if r.proto == parser.RESP {
		r.buf = append(r.buf, '$')
		r.buf = strconv.AppendInt(r.buf, int64(len(s)), 10)
		r.buf = append(r.buf, '\r', '\n')
		r.buf = append(r.buf, s...)
		r.buf = append(r.buf, '\r', '\n')
		return
	}
	r.element()
	r.buf = append(r.buf, s...)
	r.endLine()
}

// Nil writes the missing value.
func (r *Reply) Nil() {
	if r.proto == parser.RESP {
		r.buf = append(r.buf, "$-1\r\n"...)
		return
	}
	r.element()
	r.buf = append(r.buf, "(nil)"...)
	r.endLine()
}

// Array starts a list of n elements; the next n replies written are its
// elements.
func (r *Reply) Array(n int) {
	if r.proto == parser.RESP {
		r.buf = append(r.buf, '*')
		r.buf = strconv.AppendInt(r.buf, int64(n), 10)
		r.buf = append(r.buf, '\r', '\n')
		return
	}
	indent := r.element()
	if n == 0 {
		r.buf = append(r.buf, "(empty array)"...)
		r.endLine()
		return
	}
	r.lists = append(r.lists, listFrame{
		length:      n,
		indent:      indent,
		width:       len(strconv.Itoa(n)),
		firstOnLine: len(r.lists) > 0,
	})
}

// element writes a plaintext list element's number ("1) ", padded to the
// list's widest number) and returns the column after it, where a nested
// list's numbers line up.
func (r *Reply) element() int {
	if len(r.lists) == 0 {
		return 0
	}
	f := &r.lists[len(r.lists)-1]
	f.written++
	if f.written > 1 || !f.firstOnLine {
		for i := 0; i < f.indent; i++ {
			r.buf = append(r.buf, ' ')
		}
	}
	number := strconv.Itoa(f.written)
	for i := len(number); i < f.width; i++ {
		r.buf = append(r.buf, ' ')
	}
	r.buf = append(r.buf, number...)
	r.buf = append(r.buf, ") "...)
	return f.indent + f.width + 2
}

// endLine ends a reply line and closes every list its element completed.
func (r *Reply) endLine() {
	if r.proto == parser.RESP {
		r.buf = append(r.buf, '\r', '\n')
		return
	}
	r.buf = append(r.buf, '\n')
	for len(r.lists) > 0 {
		f := &r.lists[len(r.lists)-1]
		if f.written < f.length {
			return
		}
		r.lists = r.lists[:len(r.lists)-1]
	}
}

// replyForm is the form a request's reply takes (Plain: the human lines,
// or RESP): a RESP request gets RESP; a text line gets what
// --inline-replies says, by default the form of its line ending (a bare \n
// is the networking document's protocol, \r\n Redis's inline protocol).
func (ex *Executor) replyForm(p parser.Proto) parser.Proto {
	switch {
	case p == parser.RESP:
		return parser.RESP
	case ex.cfg.InlineReplies == "human":
		return parser.Plain
	case ex.cfg.InlineReplies == "resp" || p == parser.Inline:
		return parser.RESP
	}
	return parser.Plain
}
