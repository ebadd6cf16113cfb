package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseMemory(t *testing.T) {
	for _, tc := range []struct {
		in       string
		n        int64
		ok, over bool
	}{
		{"0", 0, true, false},
		{"100", 100, true, false},
		{"1b", 1, true, false},
		{"5k", 5000, true, false},
		{"5K", 5000, true, false},
		{"5kb", 5120, true, false},
		{"5KB", 5120, true, false},
		{"100m", 100_000_000, true, false},
		{"100mb", 100 << 20, true, false},
		{"100Mb", 100 << 20, true, false},
		{"1g", 1_000_000_000, true, false},
		{"1gb", 1 << 30, true, false},
		{"mb", 0, true, false}, // as memtoull: no digits is 0
		{"", 0, true, false},
		{"-1", 0, false, false},
		{"+1", 0, false, false},
		{"1.5gb", 0, false, false},
		{"1 mb", 0, false, false},
		{"1tb", 0, false, false},
		{"1\u212ab", 0, false, false}, // the Kelvin sign is no k
		{"9223372036854775807", 1<<63 - 1, true, false},
		{"9223372036854775808", 0, true, true},
		{"9000000000gb", 0, true, true},
	} {
		n, ok, over := ParseMemory(tc.in)
		if n != tc.n || ok != tc.ok || over != tc.over {
			t.Errorf("ParseMemory(%q) = %d, %v, %v; want %d, %v, %v", tc.in, n, ok, over, tc.n, tc.ok, tc.over)
		}
	}
}

func TestFormatMemory(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 1: "1", 1000: "1000", 1024: "1kb", 3 << 20: "3mb", 1 << 30: "1gb", 1<<30 + 1024: "1048577kb"} {
		if got := FormatMemory(n); got != want {
			t.Errorf("FormatMemory(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestSplitArgs(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []string
		bad  bool
	}{
		{"port 6379", []string{"port", "6379"}, false},
		{"  bind\t127.0.0.1  ", []string{"bind", "127.0.0.1"}, false},
		{`requirepass "a b"`, []string{"requirepass", "a b"}, false},
		{`requirepass "a\"b\\c\n\x41"`, []string{"requirepass", "a\"b\\c\nA"}, false},
		{`requirepass 'it\'s'`, []string{"requirepass", "it's"}, false},
		{`save ""`, []string{"save", ""}, false},
		{`x a"b`, nil, true},                       // redis-server: Unbalanced quotes
		{`x a"b c"`, []string{"x", "ab c"}, false}, // a quote mid-word opens a quoted part
		{"x a\x00 b", []string{"x", "a"}, false},   // a NUL ends the line, as a C string
		{`x "ab`, nil, true},
		{`x "a"b`, nil, true},
		{`x 'a'b`, nil, true},
		{"", nil, false},
	} {
		got, err := splitArgs(tc.line)
		if (err != nil) != tc.bad || (!tc.bad && !reflect.DeepEqual(got, tc.want)) {
			t.Errorf("splitArgs(%q) = %q, %v", tc.line, got, err)
		}
	}
}

func TestQuoteRoundTrips(t *testing.T) {
	for _, s := range []string{"", "plain", "a b", `q"uote`, `back\slash`, "nl\n\r\t\a\b", "\x00\x7f\xff"} {
		got, err := splitArgs(quote(s))
		if err != nil || len(got) != 1 || got[0] != s {
			t.Errorf("quote(%q) = %s reads back as %q, %v", s, quote(s), got, err)
		}
	}
}

func TestParseArgs(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		file    bool
		options string
	}{
		{[]string{"--port", "6380"}, false, `port "6380" `},
		{[]string{"--maxmemory", "100mb", "--bind", "::1"}, false, "maxmemory \"100mb\" \nbind \"::1\" "},
		{[]string{"--port"}, false, "port "},
		{[]string{"--port", "--bind", "x"}, false, `port "--bind" "x" `},
		{[]string{"--port=6380"}, false, "port=6380 "},
		{[]string{"--save", "--port", "1"}, false, "save \"\"\nport \"1\" "},
		{[]string{"--save"}, false, `save ""`},
		{[]string{"--port 6380", "--bind", "::1"}, false, "port 6380 \nbind \"::1\" "},
		{[]string{"/etc/redis-lite.conf", "--port", "1"}, true, `port "1" `},
	} {
		a, err := ParseArgs(tc.args)
		if err != nil || (a.File != "") != tc.file || a.Options != tc.options {
			t.Errorf("ParseArgs(%q) = %+v, %v; want options %q", tc.args, a, err, tc.options)
		}
	}
	for _, tc := range []struct {
		arg           string
		help, version bool
	}{{"--help", true, false}, {"-h", true, false}, {"--version", false, true}, {"-v", false, true}} {
		if a, _ := ParseArgs([]string{tc.arg}); a.Help != tc.help || a.Version != tc.version {
			t.Errorf("ParseArgs(%q) = %+v", tc.arg, a)
		}
	}
}

func TestParseValues(t *testing.T) {
	v, err := Parse("# a comment\n\nmaxmemory 100mb\nAPPENDONLY YES\nappendfsync Always\nbind \"::1\"\n" +
		"client-output-buffer-limit \"pubsub 1mb 0 0\"\nclient-output-buffer-limit normal 0 0 0 replica 1gb 2gb 10\nsave \"\"\ntimeout 30")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"maxmemory": "104857600", "appendonly": "yes", "appendfsync": "always", "bind": "::1", "timeout": "30",
		"client-output-buffer-limit": "normal 0 0 0 slave 1073741824 2147483648 10 pubsub 1048576 0 0",
		"port":                       "6379",
	} {
		if v[name] != want {
			t.Errorf("%s = %q, want %q", name, v[name], want)
		}
	}
	if v.Int("maxmemory") != 100<<20 || !v.Bool("appendonly") || v.Seconds("timeout").Seconds() != 30 || v.Limit("pubsub").Hard != 1<<20 {
		t.Errorf("typed getters disagree: %v", v)
	}
}

// The reasons are Redis 7.0.15's (config.c), byte for byte.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		text   string
		line   int
		reason string
	}{
		{"port abc", 1, "argument couldn't be parsed into an integer"},
		{"port 70000", 1, "argument must be between 0 and 65535 inclusive"},
		{"port 007", 1, "argument couldn't be parsed into an integer"},
		{"port -0", 1, "argument couldn't be parsed into an integer"},
		{"# c\nport 1\nfoo bar", 3, "Bad directive or wrong number of arguments"},
		{"port", 1, "wrong number of arguments"},
		{"port 1 2", 1, "wrong number of arguments"},
		{"maxmemory 1x", 1, "argument must be a memory value"},
		{"maxmemory -1", 1, "argument must be a memory value"},
		{"proto-max-bulk-len 1000", 1, "argument must be between 1048576 and 9223372036854775807 inclusive"},
		{"appendonly maybe", 1, "argument must be 'yes' or 'no'"},
		{"appendfsync sometimes", 1, "argument(s) must be one of the following: everysec, always, no"},
		{"maxclients 0", 1, "argument must be between 1 and 4294967295 inclusive"},
		{`requirepass "open`, 1, "Unbalanced quotes in configuration line"},
		{"client-output-buffer-limit normal 1 2", 1, "Wrong number of arguments in buffer limit configuration."},
		{"client-output-buffer-limit master 1 2 3", 1, "Invalid client class specified in buffer limit configuration."},
		{"client-output-buffer-limit normal 1x 2 3", 1, "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
		{"client-output-buffer-limit normal 1 2 -3", 1, "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
		{"save 900 1", 1, `snapshots (RDB) are not supported: only save "" is accepted`},
		{"save 900", 1, "Invalid save parameters"},
		{"save 0 1", 1, "Invalid save parameters"},
		{"save 900 -1", 1, "Invalid save parameters"},
		{"save 900 x", 1, "Invalid save parameters"},
		{`save "900 1 60"`, 1, "Invalid save parameters"},
		{"bind \"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\"", 1, "Too many bind addresses specified."},
		{"include /etc/other.conf", 1, "include is not supported: put every setting in one file"},
		{"appendfilename a/b", 1, "appendfilename can't be a path, just a filename"},
		{"daemonize no\ndaemonize yes", 2, "daemonize yes is not supported: redis-lite runs in the foreground; start it in the background with a supervisor (systemd, a container, nohup)"},
		{"daemonize maybe", 1, "argument must be 'yes' or 'no'"},
	} {
		_, err := Parse(tc.text)
		var le *LineError
		if !errors.As(err, &le) || le.Line != tc.line || le.Reason != tc.reason {
			t.Errorf("Parse(%q) = %v; want line %d: %s", tc.text, err, tc.line, tc.reason)
		}
	}
}

func TestEveryDefaultParses(t *testing.T) {
	for _, s := range Table {
		words := []string{s.Default}
		if s.multiWord() {
			words, _ = splitArgs(s.Default)
		}
		got, reason := s.parse(words, s.Default)
		if reason != "" || got != s.Default {
			t.Errorf("%s: default %q parses as %q (%s)", s.Name, s.Default, got, reason)
		}
		if s.Name != lowerASCII(s.Name) || s.Doc == "" {
			t.Errorf("%s: names are lowercase and every setting has a doc", s.Name)
		}
	}
}

func TestUsageListsEverySetting(t *testing.T) {
	usage := Usage()
	for _, s := range Table {
		if !strings.Contains(usage, "  --"+s.Name+" ") || !strings.Contains(usage, s.Doc) {
			t.Errorf("--help lacks %s", s.Name)
		}
	}
}

// maxmemory-clients takes bytes or a percentage of maxmemory, with
// Redis's texts for each refusal; CONFIG GET shows a percentage as given
// (0% as 0), CONFIG REWRITE writes it back the same way.
func TestMemoryPercent(t *testing.T) {
	for _, tc := range []struct{ in, value, reason string }{
		{"0", "0", ""},
		{"1mb", "1048576", ""},
		{"10%", "10%", ""},
		{"100%", "100%", ""},
		{"0%", "0", ""},
		{"200%", "", "percentage argument must be less or equal to 100"},
		{"-5%", "", "argument must be a memory or percent value"},
		{"%", "", "argument must be a memory or percent value"},
		{"5.5%", "", "argument must be a memory or percent value"},
		{"lots", "", "argument must be a memory or percent value"},
	} {
		value, reason := Lookup("maxmemory-clients").parse([]string{tc.in}, "0")
		if value != tc.value || reason != tc.reason {
			t.Errorf("maxmemory-clients %q: %q, %q; want %q, %q", tc.in, value, reason, tc.value, tc.reason)
		}
	}
	v := Defaults()
	v["maxmemory-clients"] = "10%"
	if n, percent := v.MemoryPercent("maxmemory-clients"); n != 10 || !percent {
		t.Fatalf("MemoryPercent(10%%) = %d, %v", n, percent)
	}
	if got := Lookup("maxmemory-clients").formatForFile("10%"); got != "10%" {
		t.Fatalf("rewritten as %q", got)
	}
	if got := Lookup("maxmemory-clients").formatForFile("2097152"); got != "2mb" {
		t.Fatalf("rewritten as %q", got)
	}
}
