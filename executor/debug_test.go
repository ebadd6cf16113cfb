package executor

import (
	"testing"
	"time"

	"redis-lite/store"
)

// The texts are redis-server 7.0.15's, with enable-debug-command no and yes.
func TestDebugCommand(t *testing.T) {
	off := newExecutor()
	if got, _ := converse(t, off, "*3\r\n$5\r\nDEBUG\r\n$5\r\nSLEEP\r\n$1\r\n0\r\n"); got != "-"+errDebugDisabled+"\r\n" {
		t.Errorf("DEBUG while disabled: %q", got)
	}
	on := New(store.New(), Config{EnableDebug: true})
	tests := []struct{ in, want string }{
		{"*3\r\n$5\r\nDEBUG\r\n$5\r\nsleep\r\n$1\r\n0\r\n", "+OK\r\n"},
		{"*3\r\n$5\r\nDEBUG\r\n$5\r\nSLEEP\r\n$3\r\nabc\r\n", "+OK\r\n"},
		{"*2\r\n$5\r\nDEBUG\r\n$5\r\nSLEEP\r\n", "-ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.\r\n"},
		{"*3\r\n$5\r\nDEBUG\r\n$17\r\nSET-ACTIVE-EXPIRE\r\n$1\r\n0\r\n", "+OK\r\n"},
		{"*2\r\n$5\r\nDEBUG\r\n$17\r\nset-active-expire\r\n", "-ERR unknown subcommand or wrong number of arguments for 'set-active-expire'. Try DEBUG HELP.\r\n"},
		{"*3\r\n$5\r\nDEBUG\r\n$10\r\nPAUSE-CRON\r\n$1\r\n1\r\n", "+OK\r\n"},
		{"*3\r\n$5\r\nDEBUG\r\n$10\r\npause-cron\r\n$1\r\n0\r\n", "+OK\r\n"},
		{"*2\r\n$5\r\nDEBUG\r\n$10\r\npause-cron\r\n", "-ERR unknown subcommand or wrong number of arguments for 'pause-cron'. Try DEBUG HELP.\r\n"},
		{"*2\r\n$5\r\nDEBUG\r\n$3\r\nfoo\r\n", "-ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.\r\n"},
		{"*1\r\n$5\r\nDEBUG\r\n", "-ERR wrong number of arguments for 'debug' command\r\n"},
	}
	for _, tt := range tests {
		if got, _ := converse(t, on, tt.in); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSleepDurationReadsLikeAtof(t *testing.T) {
	tests := []struct {
		arg  string
		want time.Duration
	}{
		{"0", 0}, {"abc", 0}, {"-1", 0}, {"nan", 0}, {"", 0},
		{"0.25", 250 * time.Millisecond}, {"2", 2 * time.Second}, {" 1.5x", 1500 * time.Millisecond}, {"1e-3", time.Millisecond},
	}
	for _, tt := range tests {
		if got := sleepDuration([]byte(tt.arg)); got != tt.want {
			t.Errorf("sleepDuration(%q) = %v, want %v", tt.arg, got, tt.want)
		}
	}
}
