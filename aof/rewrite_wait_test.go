package aof_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"redis-lite/aof"
	"redis-lite/internal/testclock"
)

// TestWaitRewriteWaitsForTheBackgroundRewrite: after WaitRewrite no
// rewrite runs, and the one that ran is complete (the file was replaced).
func TestWaitRewriteWaitsForTheBackgroundRewrite(t *testing.T) {
	d := open(t, filepath.Join(t.TempDir(), "appendonly.aof"), aof.EverySec, testclock.New())
	defer d.aof.Close()
	d.aof.WaitRewrite() // none runs: returns at once
	for i := range 2000 {
		d.run(fmt.Sprintf("SET key%d value%d", i, i))
	}
	if err := d.aof.StartRewrite(); err != nil {
		t.Fatal(err)
	}
	d.aof.WaitRewrite()
	fields := map[string]string{}
	for _, f := range d.aof.InfoFields() {
		fields[f[0]] = f[1]
	}
	if fields["aof_rewrite_in_progress"] != "0" || fields["aof_rewrites"] != "1" {
		t.Fatalf("after WaitRewrite: %v", fields)
	}
	if err := d.aof.StartRewrite(); err != nil {
		t.Fatalf("a second rewrite after the first ended: %v", err)
	}
	d.aof.WaitRewrite()
}
