package executor

import (
	"math"
	"strconv"
	"strings"

	"redis-lite/parser"
)

// form is the shape replies take: the networking document's human lines,
// or RESP in the version the connection has chosen with HELLO.
type form uint8

const (
	formHuman form = iota
	formRESP2
	formRESP3
)

// Reply appends replies to an output buffer in the form of the request
// being answered:
//
//	reply     plaintext                RESP2                     RESP3
//	status    OK\n                     +OK\r\n                   (same)
//	error     (error) ERR ...\n        -ERR ...\r\n              (same)
//	integer   (integer) 1\n            :1\r\n                    (same)
//	value     alice\n                  $5\r\nalice\r\n           (same)
//	missing   (nil)\n                  $-1\r\n                   _\r\n
//	list      1) a\n2) b\n             *2\r\n$1\r\na\r\n...      (same)
//	map       1) k\n2) v\n             *2\r\n (keys and values)  %1\r\n
//	set       1) a\n                   *1\r\n                    ~1\r\n
//	double    3.14\n                   $4\r\n3.14\r\n            ,3.14\r\n
//	boolean   (integer) 1\n            :1\r\n                    #t\r\n
//	verbatim  text\n                   $4\r\ntext\r\n            =8\r\ntxt:text\r\n
//	push      1) message\n...          *3\r\n...                 >3\r\n...
//
// RESP3's types fall back to the RESP2 replies Redis sends for them, so a
// RESP2 connection sees exactly what it saw before RESP3 existed.
// Plaintext lists are numbered the way redis-cli prints them, nested lists
// indented under their parent's number; maps and sets print as the flat
// lists redis-cli shows for their RESP2 forms.
type Reply struct {
	buf   []byte
	form  form
	lists []listFrame // plaintext only: the lists being written, innermost last
	// errors counts the error replies written, for INFO (errorstats
	// counts them by code in stats; a command whose count grew failed).
	errors int
	stats  *errorStats
	sizing replySizing // the big aggregate being written, if any (reply_sizing.go)
}

func (r *Reply) reset(out []byte, f form) {
	r.buf, r.form, r.lists = out, f, r.lists[:0]
	r.sizing = replySizing{}
}

// RESP3 reports whether replies are written in RESP3, for the few replies
// that exist only there (attributes).
func (r *Reply) RESP3() bool { return r.form == formRESP3 }

// Status writes a simple status such as OK or PONG.
func (r *Reply) Status(s string) {
	r.value()
	if r.form != formHuman {
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
	r.value()
	r.errors++
	if r.stats != nil {
		r.stats.count(msg)
	}
	if r.form != formHuman {
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
	r.value()
	if r.form != formHuman {
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
	r.value()
	if r.form != formHuman {
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
	r.value()
	if r.form != formHuman {
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

// Nil writes a missing value: RESP2's null bulk string, RESP3's null.
func (r *Reply) Nil() {
	r.value()
	switch r.form {
	case formRESP3:
		r.buf = append(r.buf, "_\r\n"...)
	case formRESP2:
		r.buf = append(r.buf, "$-1\r\n"...)
	default:
		r.human("(nil)")
	}
}

// NullArray writes a missing list where Redis sends RESP2's null array
// (*-1); RESP3 has only the one null.
func (r *Reply) NullArray() {
	r.value()
	switch r.form {
	case formRESP3:
		r.buf = append(r.buf, "_\r\n"...)
	case formRESP2:
		r.buf = append(r.buf, "*-1\r\n"...)
	default:
		r.human("(nil)")
	}
}

// Array starts a list of n elements; the next n replies written are its
// elements.
func (r *Reply) Array(n int) {
	if r.form != formHuman {
		r.header('*', n)
		return
	}
	r.humanList(n)
}

// Map starts a map of n key-value pairs; the next 2n replies written are
// its keys and values, alternately. RESP2 sends it as a list of 2n.
func (r *Reply) Map(n int) {
	switch r.form {
	case formRESP3:
		r.header('%', n)
	case formRESP2:
		r.header('*', 2*n)
	default:
		r.humanList(2 * n)
	}
}

// Set starts an unordered collection of n distinct elements (a list in
// RESP2).
func (r *Reply) Set(n int) {
	if r.form == formRESP3 {
		r.header('~', n)
		return
	}
	r.Array(n)
}

// Push starts an out-of-band message of n elements, such as a published
// message: RESP3 marks it so that a client can tell it from a reply; RESP2
// sends it as a list, as Redis does to its subscribers.
func (r *Reply) Push(n int) {
	if r.form == formRESP3 {
		r.header('>', n)
		return
	}
	r.Array(n)
}

// Attribute starts RESP3's attribute map of n pairs, extra information
// ahead of the reply it describes. It writes nothing in other forms, so a
// caller writes its pairs only when RESP3 reports true.
func (r *Reply) Attribute(n int) {
	if r.form == formRESP3 {
		r.header('|', n)
	}
}

// Double writes a floating-point number (a value holding its text in
// RESP2), formatted as Redis 7.0 formats it: 17 significant digits.
func (r *Reply) Double(f float64) {
	if r.form != formRESP3 {
		r.BulkString(formatDouble(f))
		return
	}
	r.value()
	r.buf = append(r.buf, ',')
	r.buf = append(r.buf, formatDouble(f)...)
	r.buf = append(r.buf, '\r', '\n')
}

// HumanDouble writes a float as Redis's human-friendly form: fixed point
// with 17 decimals, trailing zeros cut (GEOPOS's coordinates); a value
// holding the text in RESP2, a double in RESP3.
func (r *Reply) HumanDouble(f float64) {
	text := humanFixed(strconv.FormatFloat(f, 'f', 17, 64))
	if r.form != formRESP3 {
		r.Bulk(text)
		return
	}
	r.value()
	r.buf = append(r.buf, ',')
	r.buf = append(r.buf, text...)
	r.buf = append(r.buf, '\r', '\n')
}

// formatDouble is C's %.17g (which strconv's 'g' matches digit for digit),
// with infinities and NaN spelled as C spells them.
func formatDouble(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	return strconv.FormatFloat(f, 'g', 17, 64)
}

// Bool writes true or false: RESP3's boolean, the integer 1 or 0 otherwise.
func (r *Reply) Bool(b bool) {
	if r.form == formRESP3 {
		r.value()
		if b {
			r.buf = append(r.buf, "#t\r\n"...)
		} else {
			r.buf = append(r.buf, "#f\r\n"...)
		}
		return
	}
	if b {
		r.Int(1)
	} else {
		r.Int(0)
	}
}

// Verbatim writes text meant to be shown as it is (INFO, CLIENT INFO);
// kind is its three-letter format, "txt" or "mkd". RESP2 sends the text
// as a value.
func (r *Reply) Verbatim(kind, text string) {
	if r.form != formRESP3 {
		r.BulkString(text)
		return
	}
	r.value()
	r.buf = append(r.buf, '=')
	r.buf = strconv.AppendInt(r.buf, int64(len(text)+4), 10)
	r.buf = append(r.buf, '\r', '\n')
	for i := 0; i < 3; i++ {
		c := byte(' ') // Redis pads a shorter kind with spaces
		if i < len(kind) {
			c = kind[i]
		}
		r.buf = append(r.buf, c)
	}
	r.buf = append(r.buf, ':')
	r.buf = append(r.buf, text...)
	r.buf = append(r.buf, '\r', '\n')
}

// BigNum writes an integer too large for 64 bits, given as its decimal
// digits (a value in RESP2).
func (r *Reply) BigNum(digits string) {
	if r.form != formRESP3 {
		r.BulkString(digits)
		return
	}
	r.value()
	r.buf = append(r.buf, '(')
	r.buf = append(r.buf, digits...)
	r.buf = append(r.buf, '\r', '\n')
}

// isErrorSince reports whether the reply written from mark on is an error.
func (r *Reply) isErrorSince(mark int) bool {
	if mark >= len(r.buf) {
		return false
	}
	if r.form == formHuman {
		return strings.HasPrefix(string(r.buf[mark:min(len(r.buf), mark+8)]), "(error) ")
	}
	return r.buf[mark] == '-'
}

// header writes an aggregate's type byte and length.
func (r *Reply) header(kind byte, n int) {
	if kind == '%' || kind == '|' {
		r.aggregate(2 * n) // a map's keys and values
	} else {
		r.aggregate(n)
	}
	r.buf = append(r.buf, kind)
	r.buf = strconv.AppendInt(r.buf, int64(n), 10)
	r.buf = append(r.buf, '\r', '\n')
}

// replyForm is the form a request's reply takes: a RESP request gets
// RESP, in the version the session chose with HELLO; a text line gets what
// --inline-replies says, by default the form of its line ending (a bare \n
// is the networking document's protocol and gets the human lines, \r\n is
// Redis's inline protocol and gets RESP).
func (s *Session) replyForm(p parser.Proto) form {
	switch {
	case p == parser.RESP:
		return s.respForm()
	case s.ex.cfg.InlineReplies == "human":
		return formHuman
	case s.ex.cfg.InlineReplies == "resp" || p == parser.Inline:
		return s.respForm()
	}
	return formHuman
}

// respForm is the RESP version the session speaks.
func (s *Session) respForm() form {
	if s.resp3 {
		return formRESP3
	}
	return formRESP2
}
