// Package executor runs commands: the "Executor Module" of the networking
// document's command flow (docs/networking.md, section 7), which routes
// ["SET", "user:1", "alice"] to the store and formats "OK\n".
//
// A Session is one connection's side of the conversation. It is a pure
// bytes-in, bytes-out state machine: it takes the bytes a connection
// received, parses every complete request in them (pipelining), runs each
// against the store and appends each reply to an output buffer, in the form
// the request came in (plaintext or RESP2; docs/architecture.md, "Protocol
// detection"). It never touches a socket, so either I/O model drives it: a
// worker goroutine blocked in recv, or an epoll event loop (section 11).
//
// The command table maps a lowercased name to an arity, flags and a
// handler; commandDocs (command_docs.go) documents each entry for COMMAND
// INFO and COMMAND DOCS, keyed by the same name. Errors use Redis 7's
// texts, checked against redis-server (e2e_replies_test.go,
// scripts/compat.sh).
//
// The executor imports parser and store, and nothing else of this project.
package executor
