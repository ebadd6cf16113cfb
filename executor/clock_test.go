package executor

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestTimeAndLastSave: TIME is the wall clock, seconds and microseconds;
// LASTSAVE is the executor's start, as INFO's rdb_last_save_time.
func TestTimeAndLastSave(t *testing.T) {
	ex := newExecutor()
	before := time.Now()
	out, _ := converse(t, ex, "TIME\n")
	after := time.Now()
	var secs, usecs int64
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("TIME: %q", out)
	}
	secs, err1 := strconv.ParseInt(strings.TrimPrefix(lines[0], "1) "), 10, 64)
	usecs, err2 := strconv.ParseInt(strings.TrimPrefix(lines[1], "2) "), 10, 64)
	if err1 != nil || err2 != nil || usecs < 0 || usecs > 999999 {
		t.Fatalf("TIME: %q", out)
	}
	got := time.Unix(secs, usecs*1000)
	if got.Before(before.Truncate(time.Microsecond)) || got.After(after) {
		t.Fatalf("TIME %v, not between %v and %v", got, before, after)
	}
	out, _ = converse(t, ex, "LASTSAVE\n")
	info, _ := converse(t, ex, "INFO persistence\n")
	want := "(integer) " + strconv.FormatInt(ex.started.Unix(), 10) + "\n"
	if out != want || !strings.Contains(info, "rdb_last_save_time:"+strconv.FormatInt(ex.started.Unix(), 10)) {
		t.Fatalf("LASTSAVE %q, want %q; INFO:\n%s", out, want, info)
	}
}
