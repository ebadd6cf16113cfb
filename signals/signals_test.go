package signals

import (
	"os"
	"syscall"
	"testing"
	"time"
)

func TestFirstSignalRequestsShutdownSecondCallsAgain(t *testing.T) {
	first := make(chan os.Signal, 4)
	again := make(chan os.Signal, 4)
	w := Watch(func(s os.Signal) { first <- s }, func(s os.Signal) { again <- s })
	defer w.Stop()
	if w.Requested() {
		t.Fatal("requested before any signal")
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if got := receive(t, first, "first signal"); got != syscall.SIGTERM {
		t.Fatalf("shutdown got %v, want SIGTERM", got)
	}
	if !w.Requested() {
		t.Fatal("flag not set after the first signal")
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if got := receive(t, again, "second signal"); got != syscall.SIGINT {
		t.Fatalf("again got %v, want SIGINT", got)
	}
	select {
	case s := <-first:
		t.Fatalf("shutdown called twice (second time for %v)", s)
	default:
	}
}

func receive(t *testing.T, ch chan os.Signal, what string) os.Signal {
	t.Helper()
	select {
	case s := <-ch:
		return s
	case <-time.After(5 * time.Second):
		t.Fatalf("timed out waiting for the %s", what)
		return nil
	}
}
