package netsrv

import (
	"golang.org/x/sys/unix"
)

// reservedFDs are kept free beyond the client limit for the listening
// socket, logs and the runtime, as Redis reserves 32 (CONFIG_MIN_RESERVED_FDS).
const reservedFDs = 32

// FitMaxClients makes room for maxclients connections under the process's
// open-file limit, as Redis does at start-up: it raises the soft
// RLIMIT_NOFILE to maxclients+32 if the hard limit allows, and otherwise
// returns a lower client limit that fits (at least 1), with ok false so the
// caller can say so.
func FitMaxClients(maxclients int) (fitted int, limit uint64, ok bool) {
	var rl unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &rl); err != nil {
		return maxclients, 0, true
	}
	want := uint64(maxclients + reservedFDs)
	if rl.Cur >= want {
		return maxclients, rl.Cur, true
	}
	// setrlimit(2): the soft limit may rise up to the hard one unaided.
	raised := rl
	raised.Cur = min(want, rl.Max)
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &raised); err == nil {
		rl = raised
	}
	if rl.Cur >= want {
		return maxclients, rl.Cur, true
	}
	return max(int(rl.Cur)-reservedFDs, 1), rl.Cur, false
}

// spareFD is one descriptor held in reserve. When accept fails with EMFILE
// the kernel still holds the connection in the backlog, and a server that
// only retries leaves that client hanging; closing the spare frees a slot
// to accept the connection, tell it the server is full and close it, and
// the spare is taken again. (libuv's trick.)
type spareFD struct{ fd int }

func openSpare() *spareFD {
	// /dev/null, opened close-on-exec, is the cheapest descriptor to hold.
	fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return &spareFD{fd: -1}
	}
	return &spareFD{fd: fd}
}

// release frees the spare; it reports whether there was one.
func (sp *spareFD) release() bool {
	if sp.fd < 0 {
		return false
	}
	unix.Close(sp.fd)
	sp.fd = -1
	return true
}

// held reports whether the spare is open.
func (sp *spareFD) held() bool { return sp.fd >= 0 }

// retake opens the spare again if a descriptor is free.
func (sp *spareFD) retake() {
	if sp.fd < 0 {
		*sp = *openSpare()
	}
}
