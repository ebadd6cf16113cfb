// Package netsrv is the networking layer of the networking document
// (docs/networking.md; "section N" in this package's comments is that
// file's section N): raw POSIX sockets through golang.org/x/sys/unix, with
// no net.Listener.
//
//	listener.go  sections 3 and 4: socket(2), SO_REUSEADDR, bind(2), listen(2)
//	accept.go    section 5: the accept loop, which only accepts and hands over
//	model.go     the one seam between the two I/O models and the rest
//	conn.go      sections 7 and 9: a connection's turn, in either model:
//	             recv(2) -> session -> send(2), its limits, its close
//	worker.go    the document's model: a worker per connection, from a pool
//	eventloop.go section 11's model: epoll(7) event loops (--io epoll) that
//	             each serve many connections
//	loopconn.go  how an event loop serves one ready connection
//	buffers.go   read buffers: their size, growth, and reuse across connections
//	busypoll.go  how a loop waits: polling epoll_wait briefly before sleeping
//	sysio.go     section 8: recv/send with EINTR, EPIPE and ECONNRESET handled
//	shutdown.go  section 10: stopping the accept loop and waking every worker
//	registry.go  the live client fds, so shutdown and CLIENT KILL can reach each one
//	client.go    what a session is given of its connection (Client): facts
//	             for CLIENT LIST, Kill, and holding requests during a pause
//	watchdog.go  section 11's limitation made visible: a full worker pool
//
// The layer moves bytes and nothing else (section 1). It does not know the
// protocol or the data: each connection gets a Session, an interface this
// package defines, which takes the received bytes and hands back the bytes
// to send; the few words it sends itself (a refusal when the server is
// full or a peer is not let in) come from its Config. It imports pool, and
// never parser, executor or store.
//
// At --log-level debug each lifecycle call is logged with its fd, so one
// netcat session can be followed from accept to close.
package netsrv
