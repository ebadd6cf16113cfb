package executor

import (
	"strings"
	"testing"
	"time"
)

// TestAppendQuoted: arguments are quoted as Redis's sdscatrepr quotes
// them.
func TestAppendQuoted(t *testing.T) {
	cases := map[string]string{
		"":                     `""`,
		"plain text~":          `"plain text~"`,
		"a\"b\\c":              `"a\"b\\c"`,
		"\n\r\t\a\b":           `"\n\r\t\a\b"`,
		"\x00\x1f\x7f\xff\xc3": `"\x00\x1f\x7f\xff\xc3"`,
	}
	for in, want := range cases {
		if got := string(appendQuoted(nil, []byte(in))); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}

// TestMonitorLineRedacts: AUTH and HELLO AUTH secrets are hidden as Redis
// hides them, and the time has six digits of microseconds.
func TestMonitorLineRedacts(t *testing.T) {
	ex := New(nil, Config{})
	s := ex.NewSession(nil)
	at := time.Unix(1700000000, 5000)
	cases := []struct{ args, want string }{
		{"auth pw", `"auth" "(redacted)"`},
		{"AUTH user pw", `"AUTH" "(redacted)" "(redacted)"`},
		{"auth a b c", `"auth" "a" "b" "c"`},
		{"hello 3 auth u p setname x auth v q", `"hello" "3" "auth" "(redacted)" "(redacted)" "setname" "x" "auth" "(redacted)" "(redacted)"`},
		{"hello 5 auth u p", `"hello" "5" "auth" "u" "p"`},
		{"hello 2 foo auth u p", `"hello" "2" "foo" "auth" "u" "p"`},
		{"hello 2 auth u", `"hello" "2" "auth" "u"`},
		{"get auth", `"get" "auth"`},
	}
	for _, c := range cases {
		var args [][]byte
		for _, w := range strings.Fields(c.args) {
			args = append(args, []byte(w))
		}
		cmd := ex.commands[strings.ToLower(c.args[:strings.IndexByte(c.args, ' ')])]
		want := "1700000000.000005 [0 ] " + c.want
		if got := string(s.monitorLine(cmd, args, at)); got != want {
			t.Errorf("%s:\n got %s\nwant %s", c.args, got, want)
		}
	}
}
