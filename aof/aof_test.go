package aof_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"redis-lite/aof"
	"redis-lite/executor"
	"redis-lite/internal/testclock"
	"redis-lite/internal/testwait"
	"redis-lite/store"
)

func quietLog() *logrus.Logger {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return l
}

// daemon is a store, an executor and an AOF wired as main wires them.
type daemon struct {
	data *store.Store
	ex   *executor.Executor
	aof  *aof.AOF
}

func open(t *testing.T, path string, policy aof.Policy, c *testclock.Clock) *daemon {
	t.Helper()
	data := store.NewWithClock(c.Now)
	ex := executor.New(data, executor.Config{})
	ex.Loading(true)
	_, err := aof.Load(path, true, ex.Replay)
	ex.Loading(false)
	if err != nil {
		t.Fatal(err)
	}
	a, err := aof.Open(aof.Config{Path: path, Fsync: policy, LoadTruncated: true, Log: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	a.Attach(ex.Databases()...)
	ex.UsePersistence(a)
	return &daemon{data: data, ex: ex, aof: a}
}

// run sends plaintext requests through a session and returns the replies.
func (d *daemon) run(reqs ...string) string {
	_, out, _ := d.ex.NewSession(nil).Handle([]byte(strings.Join(reqs, "\n")+"\n"), nil)
	return string(out)
}

// dump is the key space as text: key=value (expiry), sorted. A
// collection is shown by its elements, in order for a list and sorted for
// the others, whose internal order depends on their history.
func dump(data *store.Store) string {
	var lines []string
	data.SnapshotRange(func(k []byte, e store.Entry) {
		value := string(e.Value)
		if e.Obj != nil {
			value = e.Obj.Type().String() + fmt.Sprint(elements(k, e.Obj))
		}
		lines = append(lines, fmt.Sprintf("%s=%s (%d)", k, value, e.ExpireAt))
	}, func() bool { return true })
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// elements lists a collection's elements from the commands that rebuild
// it (RPUSH, SADD, HSET or ZADD key ...): items for a list and a set,
// field=value and member=score pairs for a hash and a sorted set.
func elements(key []byte, obj store.Object) []string {
	var out []string
	obj.Rebuild(key, func(args [][]byte) {
		rest := args[2:]
		switch obj.Type() {
		case store.TypeHash:
			for i := 0; i+1 < len(rest); i += 2 {
				out = append(out, string(rest[i])+"="+string(rest[i+1]))
			}
		case store.TypeZSet:
			for i := 0; i+1 < len(rest); i += 2 {
				out = append(out, string(rest[i+1])+"="+string(rest[i]))
			}
		default:
			for _, a := range rest {
				out = append(out, string(a))
			}
		}
	})
	if obj.Type() != store.TypeList {
		sort.Strings(out)
	}
	return out
}

func TestEveryWriteCommandSurvivesARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	c := testclock.New()
	d := open(t, path, aof.Always, c)
	d.run("SET plain v", "SET ttl v EX 100", "SET keep v PX 5000", "SET keep v2 KEEPTTL",
		"INCR n", "INCRBY n 41", "DECR n", "APPEND s hello", "APPEND s _world",
		"MSET m1 a m2 b", "MSETNX m3 c", "RENAME m1 r1", "SETEX sx 50 v", "PSETEX px 7000 v",
		"SETNX nx v", "EXPIRE plain 300", "PERSIST plain", "PEXPIRE s 9000",
		"GETEX px EX 60", "GETDEL m2", "DEL nx", "SET gone v", "UNLINK gone", "SET big "+strings.Repeat("x", 60000))
	if got := d.run("GET big"); len(got) != 60001 {
		t.Fatal("the setup did not run to its end")
	}
	if err := d.aof.Close(); err != nil {
		t.Fatal(err)
	}
	c.Advance(10 * time.Second) // ten seconds pass while the daemon is down
	before := dump(d.data)
	again := open(t, path, aof.Always, c)
	defer again.aof.Close()
	if after := dump(again.data); after != before {
		t.Fatalf("after the restart:\n%s\nwant:\n%s", after, before)
	}
	// Expiry times are absolute: the TTLs went on running while it was down,
	// and a key whose time ran out meanwhile stays gone.
	if got := again.run("TTL ttl", "EXISTS keep", "TTL s"); got != "(integer) 90\n(integer) 0\n(integer) -2\n" {
		t.Fatalf("TTLs after ten seconds down: %q", got)
	}
}

// A command that deletes a key by giving it a time already past is
// recorded as the DEL it amounts to, as Redis propagates it, so a replay
// (or a replica of the file) never sees a key that was gone. SET with a
// past EXAT keeps its key, dead, in Redis too: it is recorded as the SET.
func TestPastExpiryIsRecordedAsDel(t *testing.T) {
	del := "*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n"
	tests := []struct{ req, record string }{
		{"GETEX k EXAT 1", del},
		{"GETEX k PXAT 1700000000000", del},
		{"EXPIRE k -1", del},
		{"PEXPIRE k 0", del},
		{"EXPIREAT k 1", del},
		{"PEXPIREAT k 1", del},
		{"SET k v EXAT 1", "*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n$4\r\nPXAT\r\n$4\r\n1000\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.req, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "appendonly.aof")
			d := open(t, path, aof.Always, testclock.New())
			d.run("SET k v", tt.req)
			if err := d.aof.Close(); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n" + tt.record
			if string(data) != want {
				t.Fatalf("the file holds %q, want %q", data, want)
			}
		})
	}
}

// writeCommands writes n SET commands to a file and returns its bytes and
// the offset where the last command starts.
func writeCommands(t *testing.T, path string, n int) ([]byte, int) {
	t.Helper()
	d := open(t, path, aof.No, testclock.New())
	for i := 0; i < n; i++ {
		d.run(fmt.Sprintf("SET key%d value%d", i, i))
	}
	d.aof.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	last := bytes.LastIndex(data, []byte("*3\r\n"))
	return data, last
}

func TestTruncatedTailAtEveryOffsetLoadsThePrefix(t *testing.T) {
	dir := t.TempDir()
	full, lastStart := writeCommands(t, filepath.Join(dir, "full.aof"), 5)
	for cut := lastStart + 1; cut < len(full); cut++ {
		path := filepath.Join(dir, "cut.aof")
		os.WriteFile(path, full[:cut], 0o644)
		data := store.New()
		st, err := aof.Load(path, true, executor.New(data, executor.Config{}).Replay)
		if err != nil {
			t.Fatalf("cut at %d: %v", cut, err)
		}
		if st.Commands != 4 || st.Dropped != int64(cut-lastStart) || data.Len() != 4 {
			t.Fatalf("cut at %d: %+v, %d keys; want 4 commands and %d bytes dropped", cut, st, data.Len(), cut-lastStart)
		}
		if info, _ := os.Stat(path); info.Size() != int64(lastStart) {
			t.Fatalf("cut at %d: file is %d bytes, want it cut back to %d", cut, info.Size(), lastStart)
		}
		// Without --aof-load-truncated the start fails and the file stays.
		os.WriteFile(path, full[:cut], 0o644)
		if _, err := aof.Load(path, false, executor.New(store.New(), executor.Config{}).Replay); !errors.Is(err, aof.ErrCorrupt) {
			t.Fatalf("cut at %d without load-truncated: %v", cut, err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, full[:cut]) {
			t.Fatalf("cut at %d: the file was changed although loading failed", cut)
		}
	}
}

func TestCorruptionInTheMiddleRefusesAndKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "appendonly.aof")
	full, _ := writeCommands(t, path, 5)
	second := bytes.Index(full[1:], []byte("*3\r\n")) + 1
	for _, damage := range []struct {
		name string
		edit func([]byte)
	}{
		{"a bulk header", func(b []byte) { b[second+4] = 'X' }},          // "$3" -> "X3"
		{"a record start", func(b []byte) { b[second] = '+' }},           // not a command
		{"a command name", func(b []byte) { copy(b[second+8:], "NOP") }}, // SET -> NOP
	} {
		bad := bytes.Clone(full)
		damage.edit(bad)
		os.WriteFile(path, bad, 0o644)
		_, err := aof.Load(path, true, executor.New(store.New(), executor.Config{}).Replay)
		if !errors.Is(err, aof.ErrCorrupt) || !strings.Contains(err.Error(), fmt.Sprintf("offset %d", second)) {
			t.Fatalf("%s damaged: %v; want a corruption error naming offset %d", damage.name, err, second)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, bad) {
			t.Fatalf("%s damaged: the file was changed", damage.name)
		}
	}
}

// Changes to collections are logged as commands that are not idempotent
// (RPUSH, LPOP, HINCRBY, SPOP's SREM, ZINCRBY's ZADD): a rewrite that runs
// while they are made must keep each exactly once, neither lost nor
// applied twice. The reloaded key space is compared with the live one,
// element by element.
func TestRewriteRacingCollectionWritesKeepsEachChangeOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	d := open(t, path, aof.EverySec, testclock.New())
	stop := make(chan struct{})
	var wg, writing sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		writing.Add(1)
		go func(w int) {
			defer wg.Done()
			s := d.ex.NewSession(nil)
			for i := 0; i < 20000; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if i == 100 { // every type written: the rewrites may start
					writing.Done()
				}
				n := i % 50
				req := fmt.Sprintf("RPUSH list:%d %d\nHINCRBY hash:%d f%d 1\nSADD set:%d m%d\nZINCRBY zset:%d 1.5 m%d\n",
					w, i, w, n, w, n, w, n)
				if i%3 == 0 {
					req += fmt.Sprintf("LPOP list:%d\nSPOP set:%d\nSELECT 3\nRPUSH other:%d x%d\nSELECT 0\n", w, w, w, i)
				}
				if i%4 == 1 { // moves, recorded as moves, whichever ends the snapshot has read
					req += fmt.Sprintf("RENAME list:%d tmp:%d:%d\nRPUSH tmp:%d:%d r%d\nRENAME tmp:%d:%d list:%d\n", w, w, i%13, w, i%13, i, w, i%13, w)
					req += fmt.Sprintf("MOVE hash:%d 3\nSELECT 3\nHINCRBY hash:%d moved 1\nMOVE hash:%d 0\nSELECT 0\n", w, w, w)
				}
				s.Handle([]byte(req), nil)
			}
		}(w)
	}
	writing.Wait()
	for r := 0; r < 5; r++ {
		if err := d.aof.Rewrite(d.ex.Databases()...); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	live := dumpAll(d.ex)
	if err := d.aof.Close(); err != nil {
		t.Fatal(err)
	}
	again := open(t, path, aof.No, testclock.New())
	defer again.aof.Close()
	if replayed := dumpAll(again.ex); replayed != live {
		t.Fatalf("the rewritten file replays to another key space:\n%s", firstDifference(replayed, live))
	}
	for _, want := range []string{"list:0=list[", "hash:0=hash[", "set:0=set[", "zset:0=zset[", "other:0=list["} {
		if !strings.Contains(live, want) {
			t.Fatalf("no %q in the live key space: the writers wrote nothing, the test proves nothing", want)
		}
	}
}

func TestRewriteUnderConcurrentWritesLosesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	d := open(t, path, aof.EverySec, testclock.New())
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s := d.ex.NewSession(nil)
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				k := fmt.Sprintf("w%d:%d", w, i%300)
				req := fmt.Sprintf("SET %s v%d\nINCR counter:%d\nAPPEND log:%d x\n", k, i, w, w)
				if i%7 == 0 {
					req += "DEL " + k + "\n"
				}
				s.Handle([]byte(req), nil)
			}
		}(w)
	}
	for r := 0; r < 5; r++ {
		if err := d.aof.Rewrite(d.data); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	live := dump(d.data)
	if err := d.aof.Close(); err != nil {
		t.Fatal(err)
	}
	again := open(t, path, aof.No, testclock.New())
	defer again.aof.Close()
	if replayed := dump(again.data); replayed != live {
		t.Fatalf("the rewritten file replays to %d bytes of key space, the live one was %d\n%s", len(replayed), len(live), firstDifference(replayed, live))
	}
	if !strings.Contains(live, "counter:0=") {
		t.Fatal("the writers wrote nothing; the test proves nothing")
	}
}

func TestAlwaysSharesFsyncsAcrossClients(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	d := open(t, path, aof.Always, testclock.New())
	defer d.aof.Close()
	const clients, writes = 50, 40
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			s := d.ex.NewSession(nil)
			for i := 0; i < writes; i++ {
				if _, out, _ := s.Handle([]byte(fmt.Sprintf("SET c%d:%d v\n", c, i)), nil); string(out) != "OK\n" {
					t.Errorf("SET: %q", out)
					return
				}
			}
		}(c)
	}
	wg.Wait()
	var fsyncs int
	for _, f := range d.aof.InfoFields() {
		if f[0] == "aof_fsyncs" {
			fmt.Sscan(f[1], &fsyncs)
		}
	}
	if fsyncs == 0 || fsyncs >= clients*writes/2 {
		t.Fatalf("%d fsyncs for %d acknowledged writes: want them shared (group commit)", fsyncs, clients*writes)
	}
	t.Logf("%d writes acknowledged after %d fsyncs", clients*writes, fsyncs)
}

// TestDiskFullRefusesWrites points the file at /dev/full, where every write
// fails with ENOSPC: writes are refused with Redis's MISCONF error and
// nothing is acknowledged; reads go on.
func TestDiskFullRefusesWrites(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	d := open(t, path, aof.Always, testclock.New()) // loads the empty file
	d.aof.Close()
	os.Remove(path)
	if err := os.Symlink("/dev/full", path); err != nil {
		t.Fatal(err)
	}
	a, err := aof.Open(aof.Config{Path: path, Fsync: aof.Always, Log: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	d.data = store.New()
	d.ex = executor.New(d.data, executor.Config{})
	a.Attach(d.data)
	d.ex.UsePersistence(a)
	d.aof = a
	s := d.ex.NewSession(nil)
	_, out, closing := s.Handle([]byte("SET k v\n"), nil)
	if string(out) != "" || !closing {
		t.Fatalf("a write that could not be made durable was answered %q (closing %v)", out, closing)
	}
	_, out, _ = d.ex.NewSession(nil).Handle([]byte("SET k2 v\nGET k\n"), nil)
	if want := "(error) MISCONF Errors writing to the AOF file: No space left on device\nv\n"; string(out) != want {
		t.Fatalf("got %q, want %q", out, want)
	}
	if err := d.aof.Close(); err == nil {
		t.Fatal("Close reported no error with the disk full")
	}
}

func TestLoadWaitsForNothingWhenTheFileIsMissing(t *testing.T) {
	st, err := aof.Load(filepath.Join(t.TempDir(), "none.aof"), true, func([][]byte) error { return errors.New("called") })
	if err != nil || st.Commands != 0 {
		t.Fatalf("missing file: %+v, %v", st, err)
	}
}

func TestAutomaticRewriteWhenTheFileDoubles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	data := store.New()
	ex := executor.New(data, executor.Config{})
	a, err := aof.Open(aof.Config{Path: path, Fsync: aof.No, RewritePercentage: 100, RewriteMinSize: 4096, Log: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	a.Attach(data)
	ex.UsePersistence(a)
	s := ex.NewSession(nil)
	field := func(name string) string {
		for _, f := range a.InfoFields() {
			if f[0] == name {
				return f[1]
			}
		}
		return ""
	}
	// INCRs of one key: the file grows, the key space does not. Stop as
	// soon as a rewrite is under way.
	deadline := time.Now().Add(10 * time.Second)
	for field("aof_rewrite_in_progress") == "0" && field("aof_rewrites") == "0" {
		if time.Now().After(deadline) {
			t.Fatalf("no automatic rewrite; file %d bytes", a.Size())
		}
		s.Handle([]byte("INCR counter\n"), nil)
	}
	for field("aof_rewrites") == "0" {
		if time.Now().After(deadline) {
			t.Fatal("the rewrite did not finish")
		}
		time.Sleep(time.Millisecond) // polling for the background rewrite
	}
	_, want, _ := s.Handle([]byte("GET counter\n"), nil)
	a.Close()
	if info, _ := os.Stat(path); info.Size() > 1024 {
		t.Fatalf("the rewritten file is %d bytes; one key needs a few dozen", info.Size())
	}
	again := open(t, path, aof.No, testclock.New())
	defer again.aof.Close()
	if got := again.run("GET counter"); got != string(want) {
		t.Fatalf("the rewritten file replays counter = %q, want %q", got, want)
	}
}

// dumpAll is every database's key space as text, each non-empty one under
// its number.
func dumpAll(ex *executor.Executor) string {
	var b strings.Builder
	for i, db := range ex.Databases() {
		if d := dump(db); d != "" {
			fmt.Fprintf(&b, "db%d:\n%s\n", i, d)
		}
	}
	return b.String()
}

// TestDatabasesSurviveARestartAndARewrite: changes in several databases,
// one session's and another's interleaved, come back each in its own
// database, from the appended file and from a rewritten one.
func TestDatabasesSurviveARestartAndARewrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	c := testclock.New()
	d := open(t, path, aof.Always, c)
	one, two := d.ex.NewSession(nil), d.ex.NewSession(nil)
	for _, step := range []struct {
		s   *executor.Session
		req string
	}{
		{one, "SET zero 0"}, {one, "SELECT 3"}, {two, "SELECT 5"},
		{one, "SET three 3 EX 100"}, {two, "SET five 5"}, {one, "SET again 3"},
		{two, "SET five2 5"}, {one, "MOVE again 5"}, {two, "COPY five copied DB 7"},
		{one, "SELECT 8"}, {one, "SET gone x"}, {one, "FLUSHDB"},
		{one, "SET eight 8"}, {two, "SWAPDB 8 9"}, {one, "SELECT 10"}, {one, "SET ten 10"},
		{two, "FLUSHDB"}, {two, "SET five3 5"},
	} {
		if _, out, _ := step.s.Handle([]byte(step.req+"\n"), nil); strings.HasPrefix(string(out), "(error)") {
			t.Fatalf("%s: %s", step.req, out)
		}
	}
	want := dumpAll(d.ex)
	if !strings.Contains(want, "db9:\neight=8") || !strings.Contains(want, "db7:\ncopied=5") {
		t.Fatalf("the data set is not what the steps make:\n%s", want)
	}
	d.aof.Close()
	again := open(t, path, aof.Always, c)
	if got := dumpAll(again.ex); got != want {
		t.Fatalf("after a restart:\n%s\nwant:\n%s", got, want)
	}
	if err := again.aof.Rewrite(again.ex.Databases()...); err != nil {
		t.Fatal(err)
	}
	// A change after the rewrite lands in its database too.
	again.run("SELECT 2", "SET late 2")
	again.aof.Close()
	third := open(t, path, aof.Always, c)
	defer third.aof.Close()
	if got, want := dumpAll(third.ex), strings.Replace(want, "db3:", "db2:\nlate=2 (0)\ndb3:", 1); got != want {
		t.Fatalf("after a rewrite and a restart:\n%s\nwant:\n%s", got, want)
	}
}

// SetRewriteThresholds applies at once: with the automatic rewrite off
// the file grows past every threshold untouched; turned on, the next
// writes start a rewrite.
func TestRewriteThresholdsChangeLive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	data := store.New()
	ex := executor.New(data, executor.Config{})
	a, err := aof.Open(aof.Config{Path: path, Fsync: aof.No, RewritePercentage: 0, RewriteMinSize: 4096, Log: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.Attach(data)
	ex.UsePersistence(a)
	s := ex.NewSession(nil)
	rewrites := func() string {
		for _, f := range a.InfoFields() {
			if f[0] == "aof_rewrites" || f[0] == "aof_rewrite_in_progress" {
				if f[1] != "0" {
					return f[0]
				}
			}
		}
		return ""
	}
	for a.Size() < 64*1024 {
		s.Handle([]byte("INCR counter\n"), nil)
	}
	if r := rewrites(); r != "" {
		t.Fatalf("a rewrite (%s) with auto-aof-rewrite-percentage 0", r)
	}
	a.SetRewriteThresholds(100, 1024*1024)
	for i := 0; i < 100; i++ {
		s.Handle([]byte("INCR counter\n"), nil)
	}
	if r := rewrites(); r != "" {
		t.Fatalf("a rewrite (%s) below auto-aof-rewrite-min-size", r)
	}
	a.SetRewriteThresholds(100, 4096)
	deadline := time.Now().Add(10 * time.Second)
	for rewrites() == "" {
		if time.Now().After(deadline) {
			t.Fatalf("no rewrite after the thresholds were lowered; file %d bytes", a.Size())
		}
		s.Handle([]byte("INCR counter\n"), nil)
	}
	testwait.Until(t, 10*time.Second, "the rewrite to finish", func() bool {
		for _, f := range a.InfoFields() {
			if f[0] == "aof_rewrites" {
				return f[1] != "0"
			}
		}
		return false
	})
}

// firstDifference shows the first line where two dumps differ.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: %q vs %q", i, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines vs %d", len(la), len(lb))
}
