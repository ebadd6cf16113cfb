package executor

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSelectKeepsDatabasesApart(t *testing.T) {
	runSteps(t, []step{
		{req: "SET k zero", want: "OK"},
		{req: "SELECT 3", want: "OK"},
		{req: "GET k", want: "(nil)"},
		{req: "SET k three", want: "OK"},
		{req: "DBSIZE", want: "(integer) 1"},
		{req: "SELECT 0", want: "OK"},
		{req: "GET k", want: "zero"},
		{req: "SELECT 16", want: "(error) ERR DB index is out of range"},
		{req: "SELECT -1", want: "(error) ERR DB index is out of range"},
		{req: "SELECT x", want: "(error) ERR value is not an integer or out of range"},
		{req: "SELECT 4294967296", want: "(error) ERR value is out of range, value must between -2147483648 and 2147483647"},
		{req: "GET k", want: "zero"}, // a refused SELECT leaves the database as it was
	})
}

func TestMoveCopySwap(t *testing.T) {
	runSteps(t, []step{
		{req: "SET k v EX 100", want: "OK"},
		{req: "MOVE k 0", want: "(error) ERR source and destination objects are the same"},
		{req: "MOVE k 99", want: "(error) ERR DB index is out of range"},
		{req: "MOVE k x", want: "(error) ERR value is not an integer or out of range"},
		{req: "MOVE nope 1", want: "(integer) 0"},
		{req: "MOVE k 1", want: "(integer) 1"},
		{req: "EXISTS k", want: "(integer) 0"},
		{req: "SELECT 1", want: "OK"},
		{req: "TTL k", want: "(integer) 100"}, // the expiry went along
		{req: "SET back x", want: "OK"},
		{req: "SELECT 0", want: "OK"},
		{req: "SET back y", want: "OK"},
		{req: "SELECT 1", want: "OK"},
		{req: "MOVE back 0", want: "(integer) 0"}, // present there: nothing moves
		{req: "COPY k k", want: "(error) ERR source and destination objects are the same"},
		{req: "COPY k k2", want: "(integer) 1"},
		{req: "COPY k k2", want: "(integer) 0"},
		{req: "COPY k k2 REPLACE", want: "(integer) 1"},
		{req: "COPY k k DB 2", want: "(integer) 1"},
		{req: "COPY k k DB 2 BOGUS", want: "(error) ERR syntax error"},
		{req: "COPY k k DB", want: "(error) ERR syntax error"},
		{req: "COPY k k DB 77", want: "(error) ERR DB index is out of range"},
		{req: "COPY nope k3", want: "(integer) 0"},
		{req: "SWAPDB 1 2", want: "OK"},
		{req: "DBSIZE", want: "(integer) 1"}, // database 1 now holds what 2 held
		{req: "TTL k", want: "(integer) 100"},
		{req: "SWAPDB x 1", want: "(error) ERR invalid first DB index"},
		{req: "SWAPDB 1 x", want: "(error) ERR invalid second DB index"},
		{req: "SWAPDB 1 16", want: "(error) ERR DB index is out of range"},
		{req: "SWAPDB 4294967296 1", want: "(error) ERR invalid first DB index"},
	})
}

func TestFlushDBAndFlushAll(t *testing.T) {
	runSteps(t, []step{
		{req: "SET a 1", want: "OK"},
		{req: "SELECT 5", want: "OK"},
		{req: "SET b 1", want: "OK"},
		{req: "FLUSHDB SYNC", want: "OK"},
		{req: "DBSIZE", want: "(integer) 0"},
		{req: "SELECT 0", want: "OK"},
		{req: "DBSIZE", want: "(integer) 1"},
		{req: "SELECT 5", want: "OK"},
		{req: "SET b 1", want: "OK"},
		{req: "FLUSHALL ASYNC", want: "OK"},
		{req: "DBSIZE", want: "(integer) 0"},
		{req: "SELECT 0", want: "OK"},
		{req: "DBSIZE", want: "(integer) 0"},
		{req: "FLUSHALL NOW", want: "(error) ERR syntax error"},
		{req: "FLUSHDB SYNC ASYNC", want: "(error) ERR syntax error"},
	})
}

func TestInfoKeyspaceListsEachDatabase(t *testing.T) {
	ex, _ := newClockedExecutor()
	s := ex.NewSession(nil)
	for _, req := range []string{"SET a 1", "SELECT 3", "SET b 1 EX 10", "SET c 1", "SELECT 0", "INFO keyspace"} {
		_, out, _ := s.Handle([]byte(req+"\r\n"), nil)
		if req == "INFO keyspace" {
			want := "# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\ndb3:keys=2,expires=1,avg_ttl=0\r\n"
			if !strings.Contains(string(out), want) {
				t.Fatalf("INFO keyspace = %q, want it to hold %q", out, want)
			}
		}
	}
}

// TestRESETAndClientListFollowTheDatabase: CLIENT LIST shows db=, and
// RESET goes back to database 0, as Redis's does.
func TestRESETAndClientListFollowTheDatabase(t *testing.T) {
	ex, _ := newClockedExecutor()
	s := ex.NewSession(nil)
	s.Handle([]byte("SELECT 7\r\n"), nil)
	_, out, _ := s.Handle([]byte("CLIENT INFO\r\n"), nil)
	if !strings.Contains(string(out), " db=7 ") {
		t.Fatalf("CLIENT INFO after SELECT 7 = %q, want db=7", out)
	}
	s.Handle([]byte("RESET\r\n"), nil)
	if s.dbIndex() != 0 || s.db() != ex.dbs[0] {
		t.Fatalf("after RESET the database is %d, want 0", s.dbIndex())
	}
	_, out, _ = s.Handle([]byte("CLIENT INFO\r\n"), nil)
	if !strings.Contains(string(out), " db=0 ") {
		t.Fatalf("CLIENT INFO after RESET = %q, want db=0", out)
	}
}

// TestExpiryCoversEveryDatabase: a key that expires in another database
// than 0 is reclaimed by a read there, and counted in expired_keys.
func TestExpiryCoversEveryDatabase(t *testing.T) {
	runSteps(t, []step{
		{req: "SELECT 9", want: "OK"},
		{req: "SET k v PX 100", want: "OK"},
		{req: "GET k", want: "(nil)", advance: time.Second},
		{req: "DBSIZE", want: "(integer) 0"},
	})
	ex, clock := newClockedExecutor()
	s := ex.NewSession(nil)
	s.Handle([]byte("SELECT 9\nSET k v PX 100\n"), nil)
	clock.Advance(time.Second)
	s.Handle([]byte("GET k\n"), nil)
	if n := ex.expiredKeys(); n != 1 {
		t.Fatalf("expired keys = %d, want 1", n)
	}
}

func TestDatabasesSetting(t *testing.T) {
	ex := New(nil, Config{Databases: 2})
	s := ex.NewSession(nil)
	if _, out, _ := s.Handle([]byte("SELECT 2\n"), nil); string(out) != "(error) ERR DB index is out of range\n" {
		t.Fatalf("SELECT 2 of 2 databases = %q", out)
	}
	if len(New(nil, Config{}).dbs) != 16 {
		t.Fatal("the default is not Redis's 16 databases")
	}
}

// TestSwapDBUnderConcurrentWrites: writers in two databases and a client
// swapping them lose no key, and the two databases end up holding every
// key written between them.
func TestSwapDBUnderConcurrentWrites(t *testing.T) {
	ex := New(nil, Config{})
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := ex.NewSession(nil)
			s.Handle([]byte("SELECT "+strconv.Itoa(w+1)+"\r\n"), nil)
			for i := range 500 {
				s.Handle([]byte("SET w"+strconv.Itoa(w)+":"+strconv.Itoa(i)+" v\r\n"), nil)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := ex.NewSession(nil)
		for range 200 {
			s.Handle([]byte("SWAPDB 1 2\r\nMOVE nothing 3\r\n"), nil)
		}
	}()
	wg.Wait()
	if n := ex.dbs[1].Len() + ex.dbs[2].Len(); n != 1000 {
		t.Fatalf("databases 1 and 2 hold %d keys, want 1000", n)
	}
}
