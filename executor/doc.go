// Package executor runs commands: the "Executor Module" of the networking
// document's command flow (section 7), which routes ["SET", "user:1",
// "alice"] to the store and formats "OK\n".
//
// A Session is one connection's side of the conversation. It is a pure
// bytes-in, bytes-out state machine: it takes the bytes a connection
// received, parses every complete request in them (pipelining), runs each
// against the store and appends each reply to an output buffer, in the form
// the request came in (plaintext or RESP2, DESIGN section 3). It never
// touches a socket, so any I/O model can drive it: a worker goroutine
// blocked in recv today, an epoll loop tomorrow (section 11).
//
// The command table maps a lowercased name to an arity and a handler;
// errors use Redis 7's texts (DESIGN section 6).
//
// The executor imports parser and store, and nothing else of this project.
package executor
