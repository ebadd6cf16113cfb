// Package netsrv is the networking layer of the networking document: raw
// POSIX sockets through golang.org/x/sys/unix, with no net.Listener.
//
//	listener.go  sections 3 and 4: socket(2), SO_REUSEADDR, bind(2), listen(2)
//	accept.go    section 5: the accept loop, which only accepts and enqueues
//	conn.go      sections 7 and 9: a worker's recv(2) -> session -> send(2) loop
//	eventloop.go section 11: the same sessions driven by epoll(7) event loops
//	             (--io epoll) instead of a worker per connection
//	loopconn.go  one connection's turn in an event loop
//	buffers.go   read buffers: their size, growth, and reuse across connections
//	busypoll.go  how a loop waits: polling epoll_wait briefly before sleeping
//	sysio.go     section 8: recv/send with EINTR, EPIPE and ECONNRESET handled
//	shutdown.go  section 10: stopping the accept loop and waking every worker
//	registry.go  the live client fds, so shutdown can reach each one
//	watchdog.go  section 11's limitation made visible: a full worker pool
//
// The layer moves bytes and nothing else (section 1). It does not know the
// protocol or the data: each connection gets a Session, an interface this
// package defines, which takes the received bytes and hands back the bytes
// to send. It imports pool, and never parser, executor or store.
//
// At --log-level debug each lifecycle call is logged with its fd, so one
// netcat session can be followed from accept to close.
package netsrv
