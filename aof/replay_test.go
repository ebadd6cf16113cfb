package aof_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"redis-lite/aof"
	"redis-lite/internal/testclock"
)

// TestMovesAreRecordedAsMoves: RENAME and MOVE of a big collection add a
// few bytes to the file, as in Redis, rather than the whole collection
// again, and the file still replays to the same key space.
func TestMovesAreRecordedAsMoves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	c := testclock.New()
	d := open(t, path, aof.Always, c)
	// Five SADDs of 1,000: an inline request is at most 64 KiB.
	for n := 0; n < 5; n++ {
		var members strings.Builder
		for i := 0; i < 1000; i++ {
			members.WriteString(" member-number-" + strconv.Itoa(n*1000+i))
		}
		if out := d.run("SADD big" + members.String()); out != "(integer) 1000\n" {
			t.Fatalf("SADD: %q", out)
		}
	}
	if out := d.run("HSET h f v", "EXPIRE h 1000", "SET s v"); out != "(integer) 1\n(integer) 1\nOK\n" {
		t.Fatalf("setting up: %q", out)
	}
	before := fileSize(t, path)
	if out := d.run("RENAME big big2", "RENAME h h2", "RENAME s s2", "MOVE big2 4", "SELECT 4", "RENAME big2 big3"); out != "OK\nOK\nOK\n(integer) 1\nOK\nOK\n" {
		t.Fatalf("replies: %q", out)
	}
	if grew := fileSize(t, path) - before; grew > 300 {
		t.Fatalf("four renames and a move grew the file by %d bytes: something was written whole", grew)
	}
	want := dumpAll(d.ex)
	if !strings.Contains(want, "db4:\nbig3=set[") {
		t.Fatalf("the big set is not where the moves put it:\n%s", want)
	}
	d.aof.Close()
	again := open(t, path, aof.Always, c)
	defer again.aof.Close()
	if got := dumpAll(again.ex); got != want {
		t.Fatalf("after a restart:\n%s", firstDifference(got, want))
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestReplayAfterTheExpiryTimes: keys whose expiry passed between their
// writes and the replay. The loader expires nothing until it is done, as
// Redis's does, so each command finds what it found when it ran: the
// file loads (a RENAME of such a key once stopped it with "no such key"),
// and the keys are gone, as they would be had the server stayed up (an
// RPUSH onto such a list once made a new list of its element alone).
func TestReplayAfterTheExpiryTimes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appendonly.aof")
	c := testclock.New()
	d := open(t, path, aof.Always, c)
	if out := d.run("SET k v PX 200", "RPUSH l a b", "PEXPIRE l 200", "RENAME k k2", "RENAME l l2", "SET other x",
		"RPUSH l3 a b", "PEXPIRE l3 200", "RPUSH l3 c", "SET s 1 PX 200", "APPEND s 2"); out != "OK\n(integer) 2\n(integer) 1\nOK\nOK\nOK\n(integer) 2\n(integer) 1\n(integer) 3\nOK\n(integer) 2\n" {
		t.Fatalf("replies: %q", out)
	}
	d.aof.Close()
	c.Advance(time.Second)
	again := open(t, path, aof.Always, c)
	defer again.aof.Close()
	if got := dumpAll(again.ex); got != "db0:\nother=x (0)\n" {
		t.Fatalf("after the expiry and a restart:\n%s", got)
	}
}
