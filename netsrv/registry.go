package netsrv

import (
	"sync"

	"golang.org/x/sys/unix"
)

// registry is the set of open client descriptors, so that shutdown can wake
// the workers blocked on them. A descriptor leaves the set before it is
// closed, under the same lock shutdown holds, so shutdown never touches a
// number the kernel has already handed to somebody else.
type registry struct {
	mu  sync.Mutex
	fds map[int]struct{}
	how int // -1 before shutdown; then the shutdown(2) mode in force (SHUT_RD is 0)
}

func newRegistry() *registry { return &registry{fds: make(map[int]struct{}), how: -1} }

// add records a new client fd. If shutdown has begun, the fd gets the same
// treatment at once.
func (r *registry) add(fd int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fds[fd] = struct{}{}
	if r.how >= 0 {
		unix.Shutdown(fd, r.how)
	}
}

// remove forgets fd; the caller closes it afterwards.
func (r *registry) remove(fd int) {
	r.mu.Lock()
	delete(r.fds, fd)
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
