package netsrv

import (
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// registry is the set of open client connections by descriptor, so that
// shutdown can wake the workers blocked on them and CLIENT KILL can reach
// one. A descriptor leaves the set before it is closed, under the same lock
// shutdown and kill hold, so neither ever touches a number the kernel has
// already handed to somebody else.
type registry struct {
	mu  sync.Mutex
	fds map[int]*conn
	how int // -1 before shutdown; then the shutdown(2) mode in force (SHUT_RD is 0)
	// open is len(fds), for readers that must not wait for mu.
	open atomic.Int64
}

func newRegistry() *registry { return &registry{fds: make(map[int]*conn), how: -1} }

// add records a new client connection. If shutdown has begun, its fd gets
// the same treatment at once.
func (r *registry) add(c *conn) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fds[c.fd] = c
	r.open.Store(int64(len(r.fds)))
	if r.how >= 0 {
		unix.Shutdown(c.fd, r.how)
	}
}

// whileOpen runs f if c is still open, with c's descriptor guaranteed not
// to be closed (and so not reused) until f returns.
func (r *registry) whileOpen(c *conn, f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fds[c.fd] == c {
		f()
	}
}

// remove forgets fd; the caller closes it afterwards.
func (r *registry) remove(fd int) {
	r.mu.Lock()
	delete(r.fds, fd)
	r.open.Store(int64(len(r.fds)))
	r.mu.Unlock()
}

// count is the number of open client connections.
func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.fds)
}

// shutdownAll applies shutdown(2) to every open client fd and to any added
// later, and returns how many it reached. how is unix.SHUT_RD or
// unix.SHUT_RDWR; both make a blocked recv return 0.
func (r *registry) shutdownAll(how int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.how = how
	for fd := range r.fds {
		unix.Shutdown(fd, how)
	}
	return len(r.fds)
}
