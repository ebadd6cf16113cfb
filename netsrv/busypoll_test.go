package netsrv

import (
	"testing"
	"time"
)

// The window grows while sleeps stay short and falls back to nothing once
// they are long: a loop under steady load polls, an idle one does not.
func TestBusyPollerAdaptsToTheGapsBetweenEvents(t *testing.T) {
	p := busyPoller{limit: 50 * time.Microsecond}
	var grown []time.Duration
	for range 6 {
		p.adapt(10 * time.Microsecond) // the next event came soon after the poll gave up
		grown = append(grown, p.window)
	}
	want := []time.Duration{5, 10, 20, 40, 50, 50}
	for i := range want {
		if grown[i] != want[i]*time.Microsecond {
			t.Fatalf("windows after short sleeps: %v, want %v us", grown, want)
		}
	}
	for range 4 {
		p.adapt(time.Second) // idle: the poll would have been wasted
	}
	if p.window != 0 {
		t.Fatalf("after long sleeps the window is %v, want 0 (no polling)", p.window)
	}
	p.adapt(p.limit) // a sleep exactly as long as the limit still counts as short
	if p.window != firstPollWindow {
		t.Fatalf("window %v after a short sleep from nothing, want %v", p.window, firstPollWindow)
	}
}

func TestBusyPollerOffNeverPolls(t *testing.T) {
	p := busyPoller{}
	p.adapt(time.Nanosecond)
	if p.window != 0 {
		t.Fatalf("with no limit the window became %v", p.window)
	}
}
