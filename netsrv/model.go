package netsrv

import "github.com/sirupsen/logrus"

// ioModel is one way of serving the connections the accept loop hands
// over: the networking document's pool of workers, each blocked in recv(2)
// on one connection (worker.go), or its section 11's event loops, each
// watching many connections with epoll(7) (eventloop.go). The model is
// chosen once, in NewServer; the rest of the package talks to it only
// through these methods, and both models run the same per-connection turn
// (conn.go): take the bytes, run the session, queue the replies, send,
// apply the limits, close.
type ioModel interface {
	// start begins serving (Serve, before the accept loop) and returns
	// what the start-up log line says of the model.
	start() logrus.Fields
	// admit takes an accepted, registered connection. It reports false
	// when the model has no room for it (the worker queue is full); the
	// connection is then the caller's to turn away.
	admit(c *conn) bool
	// finish is section 10's last wait: no connection will come any more;
	// it returns once every connection the model has is closed.
	finish()
	// recvNow and sendNow are the non-blocking recv(2) and send(2) the
	// model's goroutines make (sysio.go says why the two models differ).
	recvNow(r *receiver, fd int, p []byte) (int, error)
	sendNow(fd int, p []byte) (int, error)
	// runsOutOfOrder reports whether two connections' requests may be
	// received in another order than they arrived in: on two workers, or
	// two event loops, at once. Sessions then get the kernel's arrival
	// times (arrival.go). One event loop receives them in the order
	// epoll(7) reports them ready, which is the order they came in, so the
	// time of the receive is enough (conn.go).
	runsOutOfOrder() bool
	// fill adds the model's counters to a Stats.
	fill(st *Stats)
	// busy says, for the shutdown log, what may still be inside a command.
	busy() string
	// closed is the debug line for a connection the model has closed.
	closed() string
	// settingsChanged tells the model a setting it reads (the idle
	// timeout) has changed, so that nothing waits on the old value.
	settingsChanged()
	// release frees what the model holds when it will never start: the
	// server is discarded before Serve.
	release()
}
