package parser

import (
	"bytes"
	"math"
)

// respProgress remembers how far a partially received multibulk request has
// been parsed, so that a request arriving over many reads (a 16 MiB value,
// or 100,000 arguments) is scanned once in total rather than once per read.
// Offsets are relative to the start of the request, which stays at the start
// of the buffer the caller presents until the request is consumed.
type respProgress struct {
	active  bool
	pos     int    // offset of the next unparsed byte
	missing int64  // arguments still to parse
	bulkLen int64  // length of the bulk whose header was parsed; -1: none
	spans   []span // parsed arguments
}

type span struct{ start, end int }

// nextRESP parses one RESP2 multibulk request, "*<n>\r\n" followed by n
// "$<len>\r\n<bytes>\r\n", with Redis 7's limits and errors.
func (p *Parser) nextRESP(buf []byte) (int, error) {
	st := &p.resp
	p.args = p.args[:0]
	if !st.active {
		count, headerEnd, err := readHeaderLine(buf, 1, ErrTooBigMultibulk)
		if err != nil || headerEnd == 0 {
			return 0, err
		}
		ll, ok := parseInt(count)
		if !ok || ll > math.MaxInt32 {
			return 0, ErrInvalidMultibulk
		}
		if ll > UnauthMaxArgs && p.Unauthenticated {
			return 0, ErrUnauthMultibulk
		}
		if ll <= 0 {
			// "*0", "*-1" (and any negative count): Redis consumes them and
			// sends nothing back.
			return headerEnd, nil
		}
		*st = respProgress{active: true, pos: headerEnd, missing: ll, bulkLen: -1, spans: st.spans[:0]}
	}
	for st.missing > 0 {
		if st.bulkLen < 0 {
			rest := buf[st.pos:]
			if len(rest) == 0 {
				return 0, nil
			}
			if rest[0] != '$' {
				// Redis checks the '$' only once the header line is
				// complete; until then it waits.
				if headerCR(rest) < 0 && len(rest) <= MaxInlineSize {
					return 0, nil
				}
				p.reset()
				return 0, errExpectedDollar(rest[0])
			}
			length, headerEnd, err := readHeaderLine(rest, 1, ErrTooBigBulkCount)
			if err != nil {
				p.reset()
				return 0, err
			}
			if headerEnd == 0 {
				return 0, nil
			}
			ll, ok := parseInt(length)
			if !ok || ll < 0 || ll > p.maxBulkLen() {
				p.reset()
				return 0, ErrInvalidBulkLength
			}
			if ll > UnauthMaxBulkLen && p.Unauthenticated {
				p.reset()
				return 0, ErrUnauthBulk
			}
			st.pos += headerEnd
			st.bulkLen = ll
		}
		// The bulk and its trailing CRLF must be in the buffer. Like Redis,
		// the two bytes after the data are skipped without being checked.
		if int64(len(buf)-st.pos) < st.bulkLen+2 {
			return 0, nil
		}
		end := st.pos + int(st.bulkLen)
		st.spans = append(st.spans, span{st.pos, end})
		st.pos = end + 2
		st.bulkLen = -1
		st.missing--
	}
	for _, s := range st.spans {
		p.args = append(p.args, buf[s.start:s.end:s.end])
	}
	n := st.pos
	p.reset()
	return n, nil
}

// NeedBytes returns how many bytes, counted from the start of the request in
// progress, must be buffered before the parser can make progress, or 0 if it
// cannot tell. A reader can size its buffer once for a large bulk instead of
// growing it step by step.
func (p *Parser) NeedBytes() int {
	st := &p.resp
	if !st.active || st.bulkLen < 0 {
		return 0
	}
	return st.pos + int(st.bulkLen) + 2
}

func (p *Parser) reset() {
	p.resp = respProgress{spans: p.resp.spans[:0]}
}

// readHeaderLine finds the CR LF that ends a header line ("*3", "$5") and
// returns the digits between skip and the CR, and the offset just past the
// LF. headerEnd is 0 when the line is not complete yet; a line longer than
// MaxInlineSize without CR is the error tooBig.
func readHeaderLine(buf []byte, skip int, tooBig error) (digits []byte, headerEnd int, err error) {
	cr := headerCR(buf)
	if cr < 0 {
		if len(buf) > MaxInlineSize {
			return nil, 0, tooBig
		}
		return nil, 0, nil
	}
	if cr+1 >= len(buf) {
		return nil, 0, nil // the LF has not arrived yet
	}
	return buf[skip:cr], cr + 2, nil
}

// shortHeader is how many bytes headerCR scans one by one before it
// searches: "$" and a length of up to 16 digits fit.
const shortHeader = 18

// headerCR finds the CR that ends a header line, as Redis's strchr does: a
// NUL byte ends the search (C strings end there), so a header with a NUL
// before its CR is not complete yet, and waits like one. Only the header
// line is searched for the NUL, never the rest of the buffer: a large
// buffer of pipelined requests must cost no more per request than a small.
func headerCR(buf []byte) int {
	// Header lines are a few bytes ("*2", "$16"): a plain loop over the
	// first ones ends sooner than two vector searches would start.
	for i, c := range buf[:min(len(buf), shortHeader)] {
		switch c {
		case '\r':
			return i
		case 0:
			return -1
		}
	}
	cr := bytes.IndexByte(buf, '\r')
	end := cr
	if cr < 0 {
		end = min(len(buf), MaxInlineSize+1)
	}
	if bytes.IndexByte(buf[:end], 0) >= 0 {
		return -1
	}
	return cr
}
