// Package pool is the networking document's thread pool
// (docs/networking.md, sections 5 and 11): a bounded producer-consumer job
// queue and a fixed number of worker goroutines that take jobs from it.
//
// The accept loop is the producer: it submits each accepted connection and
// is at once ready to accept the next, so a slow request never delays an
// accept (no head-of-line blocking). Submit never blocks: when the queue is
// full it says so, and the caller turns the connection away with an error
// instead of leaving it to wait silently.
//
// The queue is a ring buffer behind a mutex, with a condition variable that
// idle workers sleep on, as a C thread pool would build it with
// pthread_mutex and pthread_cond.
//
// The pool imports nothing of this project (docs/architecture.md,
// "The import rule").
package pool
