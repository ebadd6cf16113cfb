package executor

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"redis-lite/store"
)

// TestListChangesReplay: what each list command tells the append-only
// file. A new list is Put whole, an in-place change is one command that
// redoes it, a list left empty is deleted, and a command that changes
// nothing says nothing. A blocked client served by a push pops through
// the same path.
func TestListChangesReplay(t *testing.T) {
	do, changes := setSession(t)
	checkChanges(t, do, changes, []changeCase{
		{"RPUSH l a b c", ":3\r\n", []string{"put l"}},
		{"LPUSH l z", ":4\r\n", []string{"LPUSH l z"}},
		{"LPUSHX none x", ":0\r\n", nil},
		{"LPOP l", "$1\r\nz\r\n", []string{"LPOP l 1"}},
		{"RPOP l 0", "*0\r\n", nil},
		{"LSET l 0 A", "+OK\r\n", []string{"LSET l 0 A"}},
		{"LINSERT l AFTER A x", ":4\r\n", []string{"LINSERT l AFTER A x"}},
		{"LINSERT l AFTER nope x", ":-1\r\n", nil},
		{"LREM l 0 nope", ":0\r\n", nil},
		{"LREM l 0 x", ":1\r\n", []string{"LREM l 0 x"}},
		{"LMOVE l m RIGHT LEFT", "$1\r\nc\r\n", []string{"RPOP l", "put m"}},
		{"LMOVE l m LEFT RIGHT", "$1\r\nA\r\n", []string{"LPOP l", "RPUSH m A"}},
		{"RPOPLPUSH m m", "$1\r\nA\r\n", []string{"LMOVE m m RIGHT LEFT"}},
		{"LTRIM l 0 -1", "+OK\r\n", []string{"LTRIM l 0 -1"}},
		{"LMPOP 2 none l LEFT COUNT 5", "*2\r\n$1\r\nl\r\n*1\r\n$1\r\nb\r\n", []string{"del l"}},
		{"LTRIM m 5 1", "+OK\r\n", []string{"del m"}},
	})
}

// TestListReplayRebuildsTheSame runs random list commands on one
// executor and replays what its store reported (a Put as DEL plus the
// object's Rebuild commands, as the append-only file writes it) on a
// second: both must end with the same lists.
func TestListReplayRebuildsTheSame(t *testing.T) {
	ex := newExecutor()
	ex.SetListMaxListpackSize(3) // small nodes: every command crosses them
	var log [][]string
	ex.dbs[0].Observe(func(c store.Change) {
		switch c.Op {
		case store.ChangePut:
			log = append(log, []string{"DEL", string(c.Key)})
			c.Entry.Obj.Rebuild(c.Key, func(args [][]byte) { log = append(log, strs(args)) })
		case store.ChangeDelete:
			log = append(log, []string{"DEL", string(c.Key)})
		case store.ChangeApply:
			log = append(log, strs(c.Args))
		}
	})
	s := ex.NewSession(nil)
	run := func(s *Session, args ...string) string {
		_, out, _ := s.Handle([]byte(respRequestOf(args)), nil)
		return string(out)
	}
	rng := rand.New(rand.NewSource(1))
	keys := []string{"a", "b", "c"}
	elem := func() string { return fmt.Sprint(rng.Intn(6)) }
	key := func() string { return keys[rng.Intn(len(keys))] }
	end := func() string { return []string{"LEFT", "RIGHT"}[rng.Intn(2)] }
	for i := 0; i < 2000; i++ {
		var req []string
		switch rng.Intn(11) {
		case 0:
			req = []string{"RPUSH", key(), elem(), elem()}
		case 1:
			req = []string{"LPUSH", key(), elem()}
		case 2:
			req = []string{"LPOP", key(), fmt.Sprint(rng.Intn(3))}
		case 3:
			req = []string{"RPOP", key()}
		case 4:
			req = []string{"LSET", key(), fmt.Sprint(rng.Intn(5) - 2), elem()}
		case 5:
			req = []string{"LINSERT", key(), []string{"BEFORE", "AFTER"}[rng.Intn(2)], elem(), elem()}
		case 6:
			req = []string{"LREM", key(), fmt.Sprint(rng.Intn(5) - 2), elem()}
		case 7:
			req = []string{"LTRIM", key(), fmt.Sprint(rng.Intn(4) - 1), fmt.Sprint(rng.Intn(8) - 3)}
		case 8:
			req = []string{"LMOVE", key(), key(), end(), end()}
		case 9:
			req = []string{"LMPOP", "2", key(), key(), end(), "COUNT", "2"}
		case 10:
			req = []string{"RPOPLPUSH", key(), key()}
		}
		run(s, req...)
	}
	replayed := newExecutor()
	r := replayed.NewSession(nil)
	for _, args := range log {
		run(r, args...)
	}
	for _, k := range keys {
		if got, want := run(r, "LRANGE", k, "0", "-1"), run(s, "LRANGE", k, "0", "-1"); got != want {
			t.Fatalf("%s after replay: %q, want %q", k, got, want)
		}
	}
}

func strs(args [][]byte) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = string(a)
	}
	return out
}

func respRequestOf(args []string) string {
	out := fmt.Sprintf("*%d\r\n", len(args))
	for _, a := range args {
		out += fmt.Sprintf("$%d\r\n%s\r\n", len(a), a)
	}
	return out
}

// TestBlockedSessionServedByPush: a session blocked in BLMOVE is served
// by another session's push, before that push's reply is out; the move
// is logged as the pop and push it made.
func TestBlockedSessionServedByPush(t *testing.T) {
	ex := newExecutor()
	var log []store.Change
	ex.dbs[0].Observe(func(c store.Change) {
		c.Key, c.Args = slices.Clone(c.Key), slices.Clone(c.Args)
		for i := range c.Args {
			c.Args[i] = slices.Clone(c.Args[i])
		}
		log = append(log, c)
	})
	waiter, pusher := ex.NewSession(nil), ex.NewSession(nil)
	consumed, out, _ := waiter.Handle([]byte("BLMOVE src dst LEFT RIGHT 0\r\nPING\r\n"), nil)
	if len(out) != 0 || consumed != len("BLMOVE src dst LEFT RIGHT 0\r\n") {
		t.Fatalf("the blocked session answered %q and consumed %d", out, consumed)
	}
	if n := ex.blockedClients(); n != 1 {
		t.Fatalf("blocked clients: %d", n)
	}
	if _, out, _ = pusher.Handle([]byte("RPUSH src a b\r\nLRANGE src 0 -1\r\n"), nil); string(out) != ":2\r\n*1\r\n$1\r\nb\r\n" {
		t.Fatalf("the pusher got %q", out)
	}
	select {
	case <-waiter.Held():
	default:
		t.Fatal("the waiter is still held after the push")
	}
	if _, out, _ = waiter.Handle(nil, nil); string(out) != "$1\r\na\r\n" {
		t.Fatalf("the waiter got %q", out)
	}
	if got, want := changeWords(log), []string{"put src", "LPOP src", "put dst"}; !slices.Equal(got, want) {
		t.Fatalf("changes %q, want %q", got, want)
	}
	if n := ex.blockedClients(); n != 0 {
		t.Fatalf("blocked clients after the push: %d", n)
	}
}

// TestBlockedSessionTimesOut: a timeout ends the wait with a null array,
// and a session that closes while blocked leaves no waiter behind.
func TestBlockedSessionTimesOut(t *testing.T) {
	ex := newExecutor()
	s := ex.NewSession(nil)
	s.Handle([]byte("BLPOP q 0.01\r\n"), nil)
	select {
	case <-s.Held():
	case <-time.After(10 * time.Second):
		t.Fatal("the timeout never ended the wait")
	}
	if _, out, _ := s.Handle(nil, nil); string(out) != "*-1\r\n" {
		t.Fatalf("after the timeout: %q", out)
	}
	gone := ex.NewSession(nil)
	gone.Handle([]byte("BRPOP q 0\r\n"), nil)
	gone.Closed()
	if n := ex.blockedClients(); n != 0 {
		t.Fatalf("blocked clients after Closed: %d", n)
	}
	if _, out, _ := s.Handle([]byte("RPUSH q x\r\n"), nil); string(out) != ":1\r\n" {
		t.Fatalf("push after the closed waiter: %q", out)
	}
}

// TestTimeoutArgument: Redis's reading of a blocking timeout.
func TestTimeoutArgument(t *testing.T) {
	for _, c := range []struct {
		arg  string
		want time.Duration
		err  string
	}{
		{"0", 0, ""},
		{"1.5", 1500 * time.Millisecond, ""},
		{"0.0001", time.Millisecond, ""}, // rounded up
		{"-0.0001", 0, ""},               // rounds up to 0: no timeout
		{"0x10", 16 * time.Second, ""},
		{"-1", 0, "-ERR timeout is negative\r\n"},
		{"1e16", 0, "-ERR timeout is negative\r\n"}, // past an int64 of ms
		{"inf", 0, "-ERR timeout is negative\r\n"},
		{"abc", 0, "-ERR timeout is not a float or out of range\r\n"},
		{" 1", 0, "-ERR timeout is not a float or out of range\r\n"},
	} {
		s := newExecutor().NewSession(nil)
		s.reply.reset(nil, formRESP2)
		got, ok := s.parseTimeout([]byte(c.arg))
		if string(s.reply.buf) != c.err || ok != (c.err == "") || got != c.want {
			t.Errorf("%q: %v %v %q, want %v %q", c.arg, got, ok, s.reply.buf, c.want, c.err)
		}
	}
}

// TestDebugPackedThreshold: DEBUG QUICKLIST-PACKED-THRESHOLD takes Redis's
// memory units and refuses what Redis refuses.
func TestDebugPackedThreshold(t *testing.T) {
	s := New(store.New(), Config{EnableDebug: true}).NewSession(nil)
	for req, want := range map[string]string{
		"DEBUG quicklist-packed-threshold 1b":  "+OK\r\n",
		"DEBUG QUICKLIST-PACKED-THRESHOLD 0":   "+OK\r\n",
		"DEBUG quicklist-packed-threshold 1mb": "+OK\r\n",
		"DEBUG quicklist-packed-threshold 4gb": "-ERR argument must be a memory value bigger than 1 and smaller than 4gb\r\n",
		"DEBUG quicklist-packed-threshold x":   "-ERR argument must be a memory value bigger than 1 and smaller than 4gb\r\n",
	} {
		if _, out, _ := s.Handle([]byte(req+"\r\n"), nil); string(out) != want {
			t.Errorf("%s: %q, want %q", req, out, want)
		}
	}
}

const pushPop = "*3\r\n$5\r\nLPUSH\r\n$1\r\nl\r\n$3\r\nxxx\r\n*2\r\n$4\r\nRPOP\r\n$1\r\nl\r\n"

func BenchmarkSessionPushPop(b *testing.B) {
	benchHash(b, "*3\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$1\r\nx\r\n", pushPop)
}

// TestListHotPathAllocatesNothing: a push and a pop build their log
// entries in the session's reusable buffers (replay.go).
func TestListHotPathAllocatesNothing(t *testing.T) {
	s := newExecutor().NewSession(nil)
	s.Handle([]byte("*3\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$1\r\nx\r\n"), nil)
	in, out := []byte(pushPop), make([]byte, 0, 256)
	if n := testing.AllocsPerRun(1000, func() { _, out, _ = s.Handle(in, out[:0]) }); n != 0 {
		t.Errorf("LPUSH and RPOP: %v allocations per pair", n)
	}
}
