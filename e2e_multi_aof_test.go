package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2ETransactionAppendOnlyRoundTrip: a transaction is logged as MULTI
// ... EXEC around its changes (a lone change without them, a read-only one
// not at all, as Redis logs them), and a restart replays it.
func TestE2ETransactionAppendOnlyRoundTrip(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		dir := t.TempDir()
		args := []string{"--appendonly", "yes", "--dir", dir, "--io", model}
		before, file, restarted := logAndStop(t, dir, args, []string{"MULTI", "SET a 1", "INCR a", "SET b x", "EXEC",
			"MULTI", "SET c 1", "EXEC", "MULTI", "GET a", "EXEC"})
		want := aofRecord("MULTI") + aofRecord("SET", "a", "1") + aofRecord("SET", "a", "2") + aofRecord("SET", "b", "x") +
			aofRecord("EXEC") + aofRecord("SET", "c", "1")
		if file != want {
			t.Fatalf("the file holds\n%q\nwant\n%q", file, want)
		}
		if after := restarted(); after != before {
			t.Fatalf("after the restart:\n%s\nbefore:\n%s", after, before)
		}
	})
}

// TestE2EFileCutInsideATransactionLoadsNoneOfIt: with aof-load-truncated
// (the default) the file is cut back to before the MULTI and starts with
// what came before; without it the start fails, as Redis's does.
func TestE2EFileCutInsideATransactionLoadsNoneOfIt(t *testing.T) {
	whole := aofRecord("SET", "x", "1")
	open := aofRecord("MULTI") + aofRecord("SET", "a", "1") + aofRecord("SET", "b", "2")
	for _, tail := range []string{open, open + "*1\r\n$4\r\nEX"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "appendonly.aof")
		os.WriteFile(path, []byte(whole+tail), 0o644)

		refused := runInProcess(t, "--port", "0", "--appendonly", "yes", "--dir", dir, "--aof-load-truncated", "no")
		if status := refused.wait(); status != 1 {
			t.Fatalf("exit status %d without aof-load-truncated, want 1", status)
		}
		if !strings.Contains(refused.log.String(), "has no EXEC") {
			t.Fatalf("the refusal does not name the transaction:\n%s", refused.log)
		}

		d := startDaemon(t, "--appendonly", "yes", "--dir", dir)
		c := d.dial()
		if got := c.do("GET x"); got != "1" {
			t.Fatalf("GET x = %q", got)
		}
		if got := c.do("EXISTS a b"); got != "(integer) 0" {
			t.Fatalf("part of the cut transaction was applied: EXISTS a b = %q", got)
		}
		if got, _ := os.ReadFile(path); string(got) != whole {
			t.Fatalf("the file was left as %q, want %q", got, whole)
		}
	}
}
