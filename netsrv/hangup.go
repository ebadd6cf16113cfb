package netsrv

import (
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Hang-ups of held clients, in the worker model.
//
// A worker whose session holds a request (a client blocked in BLPOP, or
// held by CLIENT PAUSE) reads nothing, so it would not see its client
// close the connection; yet a client that is gone must stop waiting at
// once, as in Redis: until then INFO still counts it as blocked, and a
// push could hand it an element nobody reads. An event loop hears of a
// hang-up from epoll at once. For the workers, one goroutine does the
// same for every held connection: an epoll instance watches them for
// EPOLLRDHUP (the peer's FIN; a reset comes as EPOLLHUP or EPOLLERR) and
// not for input, which a held connection leaves in the kernel's queue.
type hangupWatcher struct {
	epfd int
	mu   sync.Mutex
	told map[int]chan struct{} // by descriptor: sent to on a hang-up
	// closed: epfd is closed (run has ended, or never ran); after it no
	// call may use the number, which the kernel may have given out again.
	closed  bool
	running bool // run has started, and closes epfd when it ends
}

// newHangupWatcher makes the epoll instance; nil if the kernel refuses,
// and then a held worker looks for a hang-up every idleRecheck instead.
func newHangupWatcher() *hangupWatcher {
	// epoll_create1(2): the watcher's own interest list, separate from
	// any event loop's; CLOEXEC as for every descriptor of the daemon.
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil
	}
	return &hangupWatcher{epfd: epfd, told: make(map[int]chan struct{})}
}

// start runs the watcher until stopped is closed.
func (h *hangupWatcher) start(stopped <-chan struct{}) {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.running = true
	h.mu.Unlock()
	go h.run(stopped)
}

// run reports hang-ups until stopped is closed, then closes epfd itself:
// so no epoll_wait ever runs on a number closed and given out again. It
// waits a second at a time, to see stopped without anyone waking it.
func (h *hangupWatcher) run(stopped <-chan struct{}) {
	defer h.shut()
	events := make([]unix.EpollEvent, 16)
	for {
		select {
		case <-stopped:
			return
		default:
		}
		n, err := unix.EpollWait(h.epfd, events, int(time.Second/time.Millisecond))
		if err != nil && err != unix.EINTR {
			return
		}
		h.mu.Lock()
		for _, ev := range events[:max(n, 0)] {
			if ch, ok := h.told[int(ev.Fd)]; ok {
				select {
				case ch <- struct{}{}:
				default:
				}
			}
		}
		h.mu.Unlock()
	}
}

// watch starts watching fd while its worker is held and returns the
// channel a hang-up is reported on (nil, which never reports, without a
// watcher).
func (h *hangupWatcher) watch(fd int) <-chan struct{} {
	if h == nil {
		return nil
	}
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	// epoll_ctl(2) ADD: only EPOLLRDHUP (EPOLLHUP and EPOLLERR come
	// anyway); EPOLLONESHOT, since one report is all the worker needs.
	ev := unix.EpollEvent{Events: unix.EPOLLRDHUP | unix.EPOLLONESHOT, Fd: int32(fd)}
	if err := unix.EpollCtl(h.epfd, unix.EPOLL_CTL_ADD, fd, &ev); err != nil {
		return nil
	}
	h.told[fd] = ch
	return ch
}

// unwatch stops watching fd; its worker calls it when the hold ends,
// before the descriptor can be closed (and its number reused).
func (h *hangupWatcher) unwatch(fd int) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.told[fd]; ok && !h.closed {
		unix.EpollCtl(h.epfd, unix.EPOLL_CTL_DEL, fd, nil)
		delete(h.told, fd)
	}
}

// close lets the epoll instance go, once no worker is left to watch: at
// once if run never started, else when run ends (within a second of
// stopped).
func (h *hangupWatcher) close() {
	if h == nil {
		return
	}
	h.mu.Lock()
	running := h.running
	h.mu.Unlock()
	if !running {
		h.shut()
	}
}

// shut closes epfd, once.
func (h *hangupWatcher) shut() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		unix.Close(h.epfd)
	}
	clear(h.told)
}
