package netsrv

import (
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Busy polling (--busy-poll): how an event loop waits for its next event.
//
// A loop that has drained its ready list would normally sleep in
// epoll_wait(2) at once. On a virtual machine that sleep is costly: an idle
// vCPU halts, and the client's next request must wake it through the
// hypervisor (an inter-processor interrupt, a VM exit on the sending side,
// a vCPU scheduled back in on the other). Measured on this project's
// 2-vCPU KVM machine with redis-benchmark on one CPU and the daemon on the
// other: the loop went to sleep once per 5 requests at 50 clients, and one
// client's round trip was mostly that wake-up. Asking epoll_wait for ready
// descriptors without sleeping, for a few tens of microseconds, catches the
// next request while the CPU is still running: 50 clients gained about a
// tenth, one client more than doubled (BENCHMARKS.md).
//
// Polling spends CPU that sleeping would not, so it adapts, as Linux's
// guest halt-polling does: the window doubles (up to --busy-poll) while
// the sleeps after it turn out short, and halves away once they are long.
// An idle daemon, or one whose requests arrive far apart, does not poll at
// all; only a loop whose next event keeps coming within the window does.

// firstPollWindow is where a window that had shrunk to nothing starts
// growing again.
const firstPollWindow = 5 * time.Microsecond

// busyPoller is one loop's state: how long its next wait polls.
type busyPoller struct {
	limit  time.Duration // --busy-poll; 0 never polls
	window time.Duration // how long the next wait polls before it sleeps
}

// wait returns the ready events as epoll_wait(epfd, events, timeout) would,
// polling for up to the window before it sleeps.
func (p *busyPoller) wait(epfd int, events []unix.EpollEvent, timeout int) (int, error) {
	if p.window > 0 {
		start := time.Now()
		for {
			n, err := pollNow(epfd, events)
			if n != 0 || (err != nil && err != unix.EINTR) {
				return n, err
			}
			if time.Since(start) >= p.window {
				break
			}
		}
	}
	if p.limit == 0 {
		return unix.EpollWait(epfd, events, timeout)
	}
	asleep := time.Now()
	n, err := unix.EpollWait(epfd, events, timeout)
	p.adapt(time.Since(asleep))
	return n, err
}

// adapt sizes the next window from how long the loop just slept: an event
// that came within the limit would have been caught by a longer poll; a
// longer sleep means polling would have been spent for nothing.
func (p *busyPoller) adapt(slept time.Duration) {
	if slept <= p.limit {
		p.window = min(p.limit, max(2*p.window, firstPollWindow))
		return
	}
	p.window /= 2
	if p.window < firstPollWindow {
		p.window = 0
	}
}

// pollNow is epoll_wait(2) with a timeout of 0: it copies out whatever is
// ready and returns at once, never sleeping. That makes it safe as a raw
// system call, which the Go scheduler is not told of (sysio.go says why the
// loop wants that): under redis-benchmark -t mset -c 50 the runtime's
// bookkeeping around each poll took 3% of the daemon's CPU. epoll_pwait
// with no signal mask is epoll_wait, and exists on every architecture.
func pollNow(epfd int, events []unix.EpollEvent) (int, error) {
	n, _, errno := unix.RawSyscall6(unix.SYS_EPOLL_PWAIT, uintptr(epfd),
		uintptr(unsafe.Pointer(&events[0])), uintptr(len(events)), 0, 0, 0)
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
