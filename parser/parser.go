package parser

// Proto is the form a request arrived in; its reply goes back in the same
// form.
type Proto uint8

const (
	// Plain is a line of text ending in a bare \n: the networking
	// document's protocol, as netcat sends it.
	Plain Proto = iota
	// RESP is a RESP2 multibulk request, as sent by redis-cli and client
	// libraries.
	RESP
	// Inline is a line of text ending in \r\n: Redis's inline protocol, as
	// telnet, redis-benchmark's PING_INLINE, health checks and Redis's own
	// test suite send it. Its reply is Redis's, in RESP.
	Inline
)

func (p Proto) String() string {
	switch p {
	case RESP:
		return "resp"
	case Inline:
		return "inline"
	}
	return "plain"
}

// Limits for a client that has not authenticated (Redis's).
const (
	UnauthMaxArgs    = 10
	UnauthMaxBulkLen = 16384
)

// MaxInlineSize is the longest plaintext line, and the longest RESP header
// line, accepted: Redis's PROTO_INLINE_MAX_SIZE (64 KiB).
const MaxInlineSize = 64 * 1024

// DefaultMaxBulkLen is Redis's proto-max-bulk-len default, 512 MiB.
const DefaultMaxBulkLen = 512 * 1024 * 1024

// Command is one parsed request. Args[0] is the command name as sent. The
// slices alias the buffer given to Next and are valid only until that buffer
// is reused.
type Command struct {
	Args  [][]byte
	Proto Proto
}

// Parser splits a byte stream into commands. A Parser belongs to one
// connection; it keeps the progress of a partially received RESP request
// between calls. The zero value is ready to use with Redis's default limits.
type Parser struct {
	// MaxBulkLen is the largest RESP bulk argument accepted; 0 means
	// DefaultMaxBulkLen.
	MaxBulkLen int64
	// Unauthenticated applies Redis's tighter limits to a client that has
	// not yet passed AUTH: at most 10 arguments of at most 16 KiB, so a
	// stranger cannot make the server buffer much.
	Unauthenticated bool

	args [][]byte
	resp respProgress
}

// Next parses the first request in buf, which must start at a request
// boundary: the bytes left unconsumed by the previous call, with any newly
// received bytes appended.
//
//   - n > 0 and len(cmd.Args) > 0: a command, which used buf[:n].
//   - n > 0 and no Args: bytes that carry no command (an empty line, "*0");
//     they get no reply.
//   - n == 0 and err == nil: the request is incomplete; call again with
//     more bytes.
//   - err != nil: a *ProtocolError; the caller replies with it in form
//     proto and closes the connection.
//
// An inline request may be rewritten in place while it is unescaped.
func (p *Parser) Next(buf []byte) (cmd Command, n int, err error) {
	if len(buf) == 0 {
		return Command{}, 0, nil
	}
	if buf[0] == '*' {
		n, err = p.nextRESP(buf)
		return Command{Args: p.args, Proto: RESP}, n, err
	}
	n, crlf, err := p.nextInline(buf)
	if crlf {
		return Command{Args: p.args, Proto: Inline}, n, err
	}
	return Command{Args: p.args, Proto: Plain}, n, err
}

func (p *Parser) maxBulkLen() int64 {
	if p.MaxBulkLen > 0 {
		return p.MaxBulkLen
	}
	return DefaultMaxBulkLen
}
