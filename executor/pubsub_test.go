package executor

import (
	"strings"
	"sync"
	"testing"
)

// recorder is a Pusher that keeps what was pushed, standing in for a
// connection's outbox.
type recorder struct {
	mu   sync.Mutex
	data []byte
	full bool // refuse pushes, as a connection cut for its output bound
}

func (r *recorder) Push(p []byte) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.full {
		return false
	}
	r.data = append(r.data, p...)
	return true
}

func (r *recorder) take() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := string(r.data)
	r.data = nil
	return out
}

func resp(args ...string) string {
	var b strings.Builder
	b.WriteString("*" + itoa(int64(len(args))) + "\r\n")
	for _, a := range args {
		b.WriteString("$" + itoa(int64(len(a))) + "\r\n" + a + "\r\n")
	}
	return b.String()
}

func TestSubscribeRepliesArePushedInOrder(t *testing.T) {
	ex := newExecutor()
	rec := &recorder{}
	sub := ex.NewSession(rec)
	_, out, _ := sub.Handle([]byte(resp("PING")+resp("SUBSCRIBE", "a", "b")+resp("PING")), nil)
	pushed := rec.take()
	want := "+PONG\r\n" +
		"*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n" +
		"*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
	if pushed != want {
		t.Fatalf("pushed %q, want the earlier reply and both confirmations %q", pushed, want)
	}
	if string(out) != "*2\r\n$4\r\npong\r\n$0\r\n\r\n" {
		t.Fatalf("PING while subscribed: %q", out)
	}

	pub := ex.NewSession(nil)
	_, out, _ = pub.Handle([]byte(resp("PUBLISH", "a", "hello")+resp("PUBLISH", "nobody", "x")), nil)
	if string(out) != ":1\r\n:0\r\n" {
		t.Fatalf("PUBLISH replies %q", out)
	}
	if got := rec.take(); got != "*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$5\r\nhello\r\n" {
		t.Fatalf("subscriber got %q", got)
	}
}

func TestSubscribedContextAllowsOnlySomeCommands(t *testing.T) {
	ex := newExecutor()
	s := ex.NewSession(&recorder{})
	s.Handle([]byte("SUBSCRIBE ch\n"), nil)
	_, out, _ := s.Handle([]byte("GET k\nPING\nPING hi\n"), nil)
	want := "(error) ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\n" +
		"1) pong\n2) \n1) pong\n2) hi\n"
	if string(out) != want {
		t.Fatalf("got %q, want %q", out, want)
	}
	_, out, _ = s.Handle([]byte("RESET\nGET k\n"), nil)
	if string(out) != "RESET\n(nil)\n" {
		t.Fatalf("after RESET: %q", out)
	}
}

func TestPlaintextSubscriberGetsHumanLines(t *testing.T) {
	ex := newExecutor()
	rec := &recorder{}
	ex.NewSession(rec).Handle([]byte("SUBSCRIBE news\n"), nil)
	if got := rec.take(); got != "1) subscribe\n2) news\n3) (integer) 1\n" {
		t.Fatalf("confirmation %q", got)
	}
	ex.NewSession(nil).Handle([]byte("PUBLISH news \"hi there\"\n"), nil)
	if got := rec.take(); got != "1) message\n2) news\n3) hi there\n" {
		t.Fatalf("message %q", got)
	}
}

func TestPatternSubscriptions(t *testing.T) {
	ex := newExecutor()
	rec := &recorder{}
	s := ex.NewSession(rec)
	s.Handle([]byte(resp("PSUBSCRIBE", "news.*")+resp("SUBSCRIBE", "news.tech")), nil)
	rec.take()
	_, out, _ := ex.NewSession(nil).Handle([]byte(resp("PUBLISH", "news.tech", "m")), nil)
	if string(out) != ":2\r\n" {
		t.Fatalf("PUBLISH to a channel and a matching pattern of one client counted %q, want 2", out)
	}
	got := rec.take()
	if !strings.Contains(got, "*4\r\n$8\r\npmessage\r\n$6\r\nnews.*\r\n$9\r\nnews.tech\r\n$1\r\nm\r\n") ||
		!strings.Contains(got, "*3\r\n$7\r\nmessage\r\n$9\r\nnews.tech\r\n$1\r\nm\r\n") {
		t.Fatalf("subscriber got %q", got)
	}
	_, out, _ = s.Handle([]byte(resp("PUNSUBSCRIBE")+resp("UNSUBSCRIBE")+resp("UNSUBSCRIBE")), nil)
	want := "*3\r\n$12\r\npunsubscribe\r\n$6\r\nnews.*\r\n:1\r\n" +
		"*3\r\n$11\r\nunsubscribe\r\n$9\r\nnews.tech\r\n:0\r\n" +
		"*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n"
	if got := rec.take() + string(out); got != want {
		t.Fatalf("unsubscribe replies %q, want %q", got, want)
	}
}

func TestNoStateLeftWhenSubscribersLeave(t *testing.T) {
	ex := newExecutor()
	var sessions []*Session
	for i := 0; i < 10; i++ {
		s := ex.NewSession(&recorder{})
		s.Handle([]byte("SUBSCRIBE a b\nPSUBSCRIBE p*\n"), nil)
		sessions = append(sessions, s)
	}
	_, out, _ := ex.NewSession(nil).Handle([]byte("PUBSUB NUMSUB a b c\nPUBSUB NUMPAT\nPUBSUB CHANNELS\n"), nil)
	if want := "1) a\n2) (integer) 10\n3) b\n4) (integer) 10\n5) c\n6) (integer) 0\n(integer) 1\n1) a\n2) b\n"; string(out) != want {
		t.Fatalf("PUBSUB: %q, want %q", out, want)
	}
	for i, s := range sessions {
		if i%2 == 0 {
			s.Handle([]byte("UNSUBSCRIBE\nPUNSUBSCRIBE\n"), nil)
		} else {
			s.Closed() // the connection ended
		}
	}
	if len(ex.hub.channels) != 0 || len(ex.hub.patterns) != 0 || ex.hub.clients.Load() != 0 {
		t.Fatalf("left behind: %d channels, %d patterns, %d clients", len(ex.hub.channels), len(ex.hub.patterns), ex.hub.clients.Load())
	}
}

func TestPublishersRaceSubscribers(t *testing.T) {
	ex := newExecutor()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			s := ex.NewSession(&recorder{})
			for i := 0; i < 200; i++ {
				if g%2 == 0 {
					s.Handle([]byte("SUBSCRIBE c\nUNSUBSCRIBE c\n"), nil)
				} else {
					s.Handle([]byte("PUBLISH c m\n"), nil)
				}
			}
			s.Closed()
		}(g)
	}
	wg.Wait()
	if len(ex.hub.channels) != 0 || ex.hub.clients.Load() != 0 {
		t.Fatalf("left behind: %d channels, %d clients", len(ex.hub.channels), ex.hub.clients.Load())
	}
}
