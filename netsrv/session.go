package netsrv

// Session is the data layer's side of one connection: bytes in, bytes out.
// It is called by one goroutine at a time.
type Session interface {
	// Handle is given every received byte not yet consumed, in order, and
	// appends what is to be sent to out. It returns how many leading bytes
	// of in it used; the rest is presented again at the start of in on the
	// next call, with newly received bytes appended. It may stop before
	// the last complete request (to bound one batch of replies); a call
	// that consumed something is followed by another before the next recv.
	// closeAfter asks for the connection to be closed once reply is sent.
	Handle(in, out []byte) (consumed int, reply []byte, closeAfter bool)
}

// BufferSizer is an optional Session method: how many bytes of the request
// in progress must be buffered before it can complete, or 0 when unknown.
// With it a 16 MiB value grows the read buffer once, not step by step.
type BufferSizer interface {
	NeedBytes() int
}

// SessionCloser is an optional Session method, called once when the
// connection has ended, so the session can let go of what it holds
// (subscriptions).
type SessionCloser interface {
	Closed()
}

// ArrivalNoter is an optional Session method: before Handle is given newly
// received bytes, it is told when the kernel received them (nanoseconds of
// the real-time clock; arrival.go). Sessions that wait in line for
// something, such as clients blocked on one key, can then be served in the
// order their requests arrived, whichever goroutine ran them first.
type ArrivalNoter interface {
	Arrived(unixNano int64)
}
