package executor

import (
	"strings"
	"testing"
	"time"

	"redis-lite/internal/testclock"
	"redis-lite/store"
)

// handleTracked runs RESP requests on s and returns its replies and what was
// pushed to it meanwhile, pushed first.
func handleTracked(s *Session, rec *recorder, reqs ...[]string) string {
	var in strings.Builder
	for _, r := range reqs {
		in.WriteString(resp(r...))
	}
	_, out, _ := s.Handle([]byte(in.String()), nil)
	return rec.take() + string(out)
}

const invalidate = ">2\r\n$10\r\ninvalidate\r\n"

// TestTrackingInvalidatesAfterTheReply: a RESP3 tracking session hears of
// its own writes after their replies, of others' writes as pushes, and
// only for keys it read since the last invalidation.
func TestTrackingInvalidatesAfterTheReply(t *testing.T) {
	ex := newExecutor()
	rec, other := &recorder{}, &recorder{}
	s, w := ex.NewSession(rec), ex.NewSession(other)
	handleTracked(s, rec, []string{"HELLO", "3"}, []string{"CLIENT", "TRACKING", "on"})
	if got, want := handleTracked(s, rec, []string{"GET", "a"}, []string{"SET", "a", "1"}, []string{"SET", "a", "2"}),
		"_\r\n+OK\r\n"+invalidate+"*1\r\n$1\r\na\r\n+OK\r\n"; got != want {
		t.Fatalf("own writes: got %q, want %q", got, want)
	}
	handleTracked(s, rec, []string{"MGET", "a", "b"})
	handleTracked(w, other, []string{"MSET", "b", "1", "c", "1"})
	if got, want := rec.take(), invalidate+"*1\r\n$1\r\nb\r\n"; got != want {
		t.Fatalf("another session's write: got %q, want %q", got, want)
	}
	handleTracked(w, other, []string{"FLUSHALL"})
	if got, want := rec.take(), invalidate+"_\r\n"; got != want {
		t.Fatalf("FLUSHALL: got %q, want %q", got, want)
	}
	handleTracked(w, other, []string{"DEL", "nosuch"}, []string{"RENAME", "nosuch", "a"})
	if got := rec.take(); got != "" {
		t.Fatalf("untracked keys and a failed write told the tracker %q", got)
	}
}

// TestTrackingRedirectAndBroadcast: invalidations for a RESP2 tracker go
// to its redirect client as __redis__:invalidate messages; BCAST sends
// one message per prefix and command; NOLOOP leaves out the tracker's own
// writes.
func TestTrackingRedirectAndBroadcast(t *testing.T) {
	ex := newExecutor()
	subRec, rec, wRec := &recorder{}, &recorder{}, &recorder{}
	sub, s, w := ex.NewSession(subRec), ex.NewSession(rec), ex.NewSession(wRec)
	handleTracked(sub, subRec, []string{"SUBSCRIBE", invalidateChannel})
	handleTracked(s, rec, []string{"CLIENT", "TRACKING", "on", "BCAST", "NOLOOP", "REDIRECT", itoa(sub.id), "PREFIX", "b:", "PREFIX", "a:"})
	handleTracked(w, wRec, []string{"MSET", "a:2", "1", "b:1", "1", "a:1", "1", "c", "1"})
	handleTracked(s, rec, []string{"SET", "a:3", "1"})
	message := "*3\r\n$7\r\nmessage\r\n$20\r\n" + invalidateChannel + "\r\n"
	want := message + "*2\r\n$3\r\na:1\r\n$3\r\na:2\r\n" + message + "*1\r\n$3\r\nb:1\r\n"
	if got := subRec.take(); got != want {
		t.Fatalf("redirect client got %q, want %q", got, want)
	}
	if got, want := handleTracked(s, rec, []string{"CLIENT", "TRACKINGINFO"}),
		"*6\r\n$5\r\nflags\r\n*3\r\n$2\r\non\r\n$5\r\nbcast\r\n$6\r\nnoloop\r\n$8\r\nredirect\r\n:"+itoa(sub.id)+
			"\r\n$8\r\nprefixes\r\n*2\r\n$2\r\na:\r\n$2\r\nb:\r\n"; got != want {
		t.Fatalf("TRACKINGINFO: got %q, want %q", got, want)
	}

	// The redirect client goes away: a RESP2 tracker cannot be told, but
	// its flags say so.
	sub.Closed()
	handleTracked(w, wRec, []string{"SET", "a:9", "1"})
	if got := handleTracked(s, rec, []string{"CLIENT", "TRACKINGINFO"}); !strings.Contains(got, "broken_redirect") {
		t.Fatalf("TRACKINGINFO after the redirect client left: %q", got)
	}
}

// TestTrackingExpiryAndTableLimit: a key deleted at its expiry, and keys
// forgotten to keep the table within tracking-table-max-keys, are
// invalidated; INFO counts the table.
func TestTrackingExpiryAndTableLimit(t *testing.T) {
	clock := testclock.New()
	ex := New(store.NewWithClock(clock.Now), Config{TrackingMaxKeys: 2})
	rec := &recorder{}
	s := ex.NewSession(rec)
	handleTracked(s, rec, []string{"HELLO", "3"}, []string{"SET", "e", "v", "PX", "100"}, []string{"CLIENT", "TRACKING", "on"}, []string{"GET", "e"})
	clock.Advance(200 * time.Millisecond)
	ex.dbs[0].SweepOnce(time.Second)
	if got, want := rec.take(), invalidate+"*1\r\n$1\r\ne\r\n"; got != want {
		t.Fatalf("expired key: got %q, want %q", got, want)
	}

	got := handleTracked(s, rec, []string{"MGET", "a", "b", "c"})
	if n := strings.Count(got, invalidate); n != 1 {
		t.Fatalf("three keys read with room for two: want one forgotten and invalidated, got %q", got)
	}
	info := handleTracked(s, rec, []string{"INFO"})
	for _, want := range []string{"tracking_clients:1\r\n", "tracking_total_keys:2\r\n", "tracking_total_items:2\r\n", "tracking_total_prefixes:0\r\n"} {
		if !strings.Contains(info, want) {
			t.Fatalf("INFO lacks %q", want)
		}
	}
	ex.SetTrackingTableMaxKeys(1)
	if got := rec.take(); strings.Count(got, invalidate) != 1 {
		t.Fatalf("a lower limit must forget one key more: %q", got)
	}
	handleTracked(s, rec, []string{"RESET"})
	if n := ex.tracking.clients.Load(); n != 0 {
		t.Fatalf("RESET left %d tracking clients", n)
	}
}

// TestTrackingLazyExpiryFollowsTheReply: a tracked key that a read finds
// expired is invalidated after that read's reply, as in Redis.
func TestTrackingLazyExpiryFollowsTheReply(t *testing.T) {
	clock := testclock.New()
	ex := New(store.NewWithClock(clock.Now), Config{})
	rec := &recorder{}
	s := ex.NewSession(rec)
	handleTracked(s, rec, []string{"HELLO", "3"}, []string{"CLIENT", "TRACKING", "on"},
		[]string{"SET", "x", "1"}, []string{"SET", "y", "2", "PX", "100"}, []string{"GET", "y"})
	clock.Advance(200 * time.Millisecond)
	if got, want := handleTracked(s, rec, []string{"MGET", "x", "y"}), "*2\r\n$1\r\n1\r\n_\r\n"+invalidate+"*1\r\n$1\r\ny\r\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestTrackingRedirectGoneAtQuit: the redirect client is gone for tracking
// as soon as it has answered QUIT, before its connection closes.
func TestTrackingRedirectGoneAtQuit(t *testing.T) {
	ex := newExecutor()
	redirRec, rec, wRec := &recorder{}, &recorder{}, &recorder{}
	redir, s, w := ex.NewSession(redirRec), ex.NewSession(rec), ex.NewSession(wRec)
	handleTracked(s, rec, []string{"HELLO", "3"}, []string{"CLIENT", "TRACKING", "on", "REDIRECT", itoa(redir.id)}, []string{"GET", "k"})
	handleTracked(redir, redirRec, []string{"QUIT"})
	handleTracked(w, wRec, []string{"SET", "k", "1"})
	if got, want := rec.take(), ">2\r\n$21\r\ntracking-redir-broken\r\n:"+itoa(redir.id)+"\r\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestTrackingExpiryInAnotherDatabase: a tracked key that expires in a
// database other than 0 is invalidated too: every database reports its
// expirations to the tracking table.
func TestTrackingExpiryInAnotherDatabase(t *testing.T) {
	clock := testclock.New()
	ex := New(store.NewWithClock(clock.Now), Config{})
	rec := &recorder{}
	s := ex.NewSession(rec)
	handleTracked(s, rec, []string{"HELLO", "3"}, []string{"SELECT", "4"}, []string{"SET", "e", "v", "PX", "100"},
		[]string{"CLIENT", "TRACKING", "on"}, []string{"GET", "e"})
	clock.Advance(200 * time.Millisecond)
	ex.dbs[4].SweepOnce(time.Second)
	if got, want := rec.take(), invalidate+"*1\r\n$1\r\ne\r\n"; got != want {
		t.Fatalf("expired key in db 4: got %q, want %q", got, want)
	}
}
