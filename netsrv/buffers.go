package netsrv

import "sync"

// Read buffers. A connection starts with a 16 KiB read buffer (Redis reads
// 16 KiB at a time too), grows it only for a request that does not fit, and
// drops a grown buffer once it is empty so one large request does not pin
// megabytes for the rest of the session.
//
// The 16 KiB buffers outlive their connections: a closed connection's goes
// back to readBuffers and the next connection takes it. Clients that come
// and go are the usual load (the soak reconnects about a hundred times a
// second), and without reuse every connection was 16 KiB of new garbage:
// 60% of what the daemon allocated in a soak, which made the collector's
// heap target, and so the RSS, climb for as long as the churn lasted.
const (
	initialReadBuffer = 16 * 1024
	keepBufferUpTo    = 1024 * 1024
)

// readBuffers holds the 16 KiB read buffers of closed connections. It is a
// sync.Pool, so the buffers nobody took for two collections are freed: an
// idle daemon keeps none of them (besides each event loop's one spare). A
// buffer is stored as a pointer to an array, which fits in an interface
// without an allocation of its own.
type readBuffers struct{ pool sync.Pool }

// get returns an empty buffer of initialReadBuffer bytes' capacity.
func (r *readBuffers) get() []byte {
	if b, ok := r.pool.Get().(*[initialReadBuffer]byte); ok {
		return b[:0]
	}
	return make([]byte, 0, initialReadBuffer)
}

// put keeps b for a later connection. Only buffers of the initial size are
// kept; a grown one is left to the collector. The caller must not use b
// again.
func (r *readBuffers) put(b []byte) {
	if cap(b) == initialReadBuffer {
		r.pool.Put((*[initialReadBuffer]byte)(b[:initialReadBuffer]))
	}
}

// growIn makes room in a full read buffer for a request that did not fit:
// double it (so a large value costs a linear amount of copying), or size it
// exactly when the session knows how long the request is. A client whose
// unparsed input would pass the query buffer limit is cut instead.
func (s *Server) growIn(c *conn) error {
	limit := int(s.queryLimit.Load())
	if limit > 0 && len(c.in) >= limit {
		return errQueryLimit
	}
	size := 2 * cap(c.in)
	if c.sizer != nil {
		if need := c.sizer.NeedBytes(); need > cap(c.in) && need < size {
			size = need
		}
	}
	if limit > 0 {
		size = min(size, limit+1)
	}
	grown := make([]byte, len(c.in), size)
	copy(grown, c.in)
	c.in = grown
	return nil
}

// consume drops the bytes the session used and moves an incomplete request
// to the front of the buffer. An emptied buffer that grew past
// keepBufferUpTo is swapped for a 16 KiB one.
func (s *Server) consume(c *conn, n int) {
	if n == len(c.in) {
		if cap(c.in) > keepBufferUpTo {
			c.in = s.readBufs.get()
		} else {
			c.in = c.in[:0]
		}
		return
	}
	c.in = c.in[:copy(c.in, c.in[n:])]
}

// In an event loop a connection holds a read buffer only while it has
// bytes the session has not used, usually part of a request still coming.
// A client that sends a request and waits for the reply leaves nothing
// behind, so its buffer goes back to the loop after each turn, and the
// next ready connection reads into the same one. A thousand idle clients
// then hold no read buffers at all, where the worker model holds one per
// client (its blocking recv needs it for the whole wait).

// lendReadBuffer gives c a buffer to read into if it has none: the loop's
// spare, or one from the pool.
func (l *eventLoop) lendReadBuffer(c *conn) {
	if c.in != nil {
		return
	}
	if l.spareIn != nil {
		c.in, l.spareIn = l.spareIn, nil
		return
	}
	c.in = l.s.readBufs.get()
}

// takeBackReadBuffer takes c's buffer once it is empty. A buffer that grew
// for a large request stays with its connection, by the rule in consume.
func (l *eventLoop) takeBackReadBuffer(c *conn) {
	if len(c.in) > 0 || cap(c.in) != initialReadBuffer {
		return
	}
	if l.spareIn == nil {
		l.spareIn = c.in
	} else {
		l.s.readBufs.put(c.in)
	}
	c.in = nil
}
