package executor

import (
	"strings"
	"testing"
)

// SCAN's cursor follows strtoul, as Redis reads it, with Redis's extra
// refusals (a leading blank, trailing bytes, overflow).
func TestParseScanCursor(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"0", 0, true},
		{"17", 17, true},
		{"007", 7, true},
		{"+0", 0, true},
		{"-0", 0, true},
		{"+5", 5, true},
		{"", 0, true},
		{"-1", 1<<64 - 1, true},
		{"-18446744073709551615", 1, true},
		{"18446744073709551615", 1<<64 - 1, true},
		{"1\x00junk", 1, true},
		{"\x00", 0, true},
		{"18446744073709551616", 0, false},
		{"-18446744073709551616", 0, false},
		{"99999999999999999999999", 0, false},
		{"abc", 0, false},
		{"1x", 0, false},
		{"0x1", 0, false},
		{" 1", 0, false},
		{"\t1", 0, false},
		{"\v1", 0, false},
		{"1 ", 0, false},
		{"+", 0, false},
		{"-", 0, false},
		{"--1", 0, false},
		{"+-1", 0, false},
		{"- 1", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseScanCursor([]byte(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseScanCursor(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestScanAcceptsWhatRedisAccepts(t *testing.T) {
	tests := []struct{ req, want string }{
		{"SCAN +0", "1) 0\n2) 1) k\n"},
		{"SCAN -0", "1) 0\n2) 1) k\n"},
		{`SCAN ""`, "1) 0\n2) 1) k\n"},
		{"SCAN -1", "1) 0\n2) (empty array)\n"},
		{"SCAN 18446744073709551615", "1) 0\n2) (empty array)\n"},
		{"SCAN 18446744073709551616", "(error) ERR invalid cursor\n"},
		{"SCAN 1x", "(error) ERR invalid cursor\n"},
		{`SCAN " 0"`, "(error) ERR invalid cursor\n"},
	}
	for _, tt := range tests {
		t.Run(tt.req, func(t *testing.T) {
			s := newExecutor().NewSession(nil)
			s.Handle([]byte("SET k v\n"), nil)
			_, out, _ := s.Handle([]byte(tt.req+"\n"), nil)
			if got := string(out); got != tt.want {
				t.Fatalf("got %q, want %q", strings.TrimSpace(got), tt.want)
			}
		})
	}
}
