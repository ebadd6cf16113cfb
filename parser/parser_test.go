package parser

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// parseAll feeds buf to a fresh parser and returns every command and the
// first error, the way a session does with one read's worth of bytes.
func parseAll(t *testing.T, buf []byte) (cmds [][]string, protos []Proto, consumed int, err error) {
	t.Helper()
	var p Parser
	for consumed < len(buf) {
		cmd, n, err := p.Next(buf[consumed:])
		if err != nil {
			return cmds, protos, consumed, err
		}
		if n == 0 {
			break
		}
		consumed += n
		if len(cmd.Args) == 0 {
			continue
		}
		var strs []string
		for _, a := range cmd.Args {
			strs = append(strs, string(a))
		}
		cmds = append(cmds, strs)
		protos = append(protos, cmd.Proto)
	}
	return cmds, protos, consumed, nil
}

func TestInline(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want [][]string
		err  error
	}{
		{"simple LF", "SET user:1 alice\n", [][]string{{"SET", "user:1", "alice"}}, nil},
		{"CRLF drops the CR", "GET k\r\n", [][]string{{"GET", "k"}}, nil},
		{"tabs and runs of spaces", "  SET\t k   v \t\n", [][]string{{"SET", "k", "v"}}, nil},
		{"empty line gives nothing", "\n\r\n", nil, nil},
		{"only spaces gives nothing", "   \t \n", nil, nil},
		{"pipelined lines", "PING\nPING\r\nECHO hi\n", [][]string{{"PING"}, {"PING"}, {"ECHO", "hi"}}, nil},
		{"double quotes keep spaces", `SET k "hello world"` + "\n", [][]string{{"SET", "k", "hello world"}}, nil},
		{"double-quote escapes", `SET k "a\nb\r\t\b\a\\\"z"` + "\n", [][]string{{"SET", "k", "a\nb\r\t\b\a\\\"z"}}, nil},
		{"hex escapes", `SET k "\x41\x62\x00\xff"` + "\n", [][]string{{"SET", "k", "Ab\x00\xff"}}, nil},
		{"bad hex stays literal", `SET k "\xZZ"` + "\n", [][]string{{"SET", "k", "xZZ"}}, nil},
		{"unknown escape is the byte", `SET k "\q"` + "\n", [][]string{{"SET", "k", "q"}}, nil},
		{"single quotes are literal", `SET k 'a\nb "c"'` + "\n", [][]string{{"SET", "k", `a\nb "c"`}}, nil},
		{"single-quote escape", `SET k 'it\'s'` + "\n", [][]string{{"SET", "k", "it's"}}, nil},
		{"empty quoted argument", `SET k ""` + "\n", [][]string{{"SET", "k", ""}}, nil},
		{"quote inside a word opens quoting", `SET k a"b c"` + "\n", [][]string{{"SET", "k", "ab c"}}, nil},
		{"unclosed double quote", `SET k "abc` + "\n", nil, ErrUnbalancedQuotes},
		{"unclosed single quote", `SET k 'abc` + "\n", nil, ErrUnbalancedQuotes},
		{"closing quote followed by a letter", `SET k "a"b` + "\n", nil, ErrUnbalancedQuotes},
		{"escaped closing quote leaves it open", `SET k "abc\"` + "\n", nil, ErrUnbalancedQuotes},
		// \v and \f: blank between words and after a closing quote, but
		// inside an unquoted word they are part of it (sdssplitargs).
		{"\\v inside a word is part of it", "ECHO a\vb\n", [][]string{{"ECHO", "a\vb"}}, nil},
		{"\\f inside a word is part of it", "ECHO a\fb\n", [][]string{{"ECHO", "a\fb"}}, nil},
		{"\\v after the name is part of it", "ECHO\va\n", [][]string{{"ECHO\va"}}, nil},
		{"\\v and \\f before a word are skipped", "\v\fPING \v\fx\n", [][]string{{"PING", "x"}}, nil},
		{"\\v after a closing quote separates", "ECHO \"a\"\vb 'c'\fd\n", [][]string{{"ECHO", "a", "b", "c", "d"}}, nil},
		{"\\v ends a line's last quoted word", "ECHO \"a\"\v\n", [][]string{{"ECHO", "a"}}, nil},
		{"CR inside a line separates", "ECHO a\rb\r\n", [][]string{{"ECHO", "a", "b"}}, nil},
		{"binary bytes pass through", "SET k \x00\xff\x01\n", [][]string{{"SET", "k", "\x00\xff\x01"}}, nil},
		{"incomplete line waits", "SET k v", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _, err := parseAll(t, []byte(tt.in))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestInlineTooBig(t *testing.T) {
	var p Parser
	line := bytes.Repeat([]byte("a"), MaxInlineSize)
	if _, n, err := p.Next(line); n != 0 || err != nil {
		t.Fatalf("64 KiB without newline: n=%d err=%v, want to wait for more", n, err)
	}
	line = append(line, 'a')
	if _, _, err := p.Next(line); !errors.Is(err, ErrTooBigInline) {
		t.Fatalf("64 KiB + 1 without newline: err=%v, want %v", err, ErrTooBigInline)
	}
	line = append(line, '\n')
	if _, _, err := p.Next(line); !errors.Is(err, ErrTooBigInline) {
		t.Fatalf("a complete line over 64 KiB: err=%v, want %v", err, ErrTooBigInline)
	}
}

func TestRESP(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want [][]string
		err  string // the reply text, "" for none
	}{
		{"set", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nalice\r\n", [][]string{{"SET", "k", "alice"}}, ""},
		{"binary bulk with CRLF and NUL", "*2\r\n$4\r\nECHO\r\n$6\r\na\r\n\x00\r\n\r\n", [][]string{{"ECHO", "a\r\n\x00\r\n"}}, ""},
		{"empty bulk", "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", [][]string{{"ECHO", ""}}, ""},
		{"star zero gives nothing", "*0\r\n*1\r\n$4\r\nPING\r\n", [][]string{{"PING"}}, ""},
		{"star minus one gives nothing", "*-1\r\n", nil, ""},
		{"negative count gives nothing", "*-5\r\n", nil, ""},
		{"mixed with inline", "PING\r\n*1\r\n$4\r\nPING\r\nPING\n", [][]string{{"PING"}, {"PING"}, {"PING"}}, ""},
		{"letters in count", "*abc\r\n", nil, "Protocol error: invalid multibulk length"},
		{"empty count", "*\r\n", nil, "Protocol error: invalid multibulk length"},
		{"plus sign", "*+1\r\n", nil, "Protocol error: invalid multibulk length"},
		{"leading zero", "*01\r\n", nil, "Protocol error: invalid multibulk length"},
		{"count above INT_MAX", "*2147483648\r\n", nil, "Protocol error: invalid multibulk length"},
		{"integer element", "*1\r\n:1\r\n", nil, "Protocol error: expected '$', got ':'"},
		{"inline element", "*1\r\nPING\r\n", nil, "Protocol error: expected '$', got 'P'"},
		{"negative bulk", "*1\r\n$-1\r\n", nil, "Protocol error: invalid bulk length"},
		{"bulk letters", "*1\r\n$x\r\n", nil, "Protocol error: invalid bulk length"},
		{"bulk above the limit", "*1\r\n$536870913\r\n", nil, "Protocol error: invalid bulk length"},
		{"announced but not sent waits", "*1\r\n$536870912\r\nabc", nil, ""},
		{"trailing bytes after a bulk are skipped as Redis does", "*1\r\n$4\r\nPINGxx", [][]string{{"PING"}}, ""},
		{"NUL before the CR of a header waits, as Redis's strchr", "*1\r\n\x00\r\n", nil, ""},
		{"NUL in a count waits too", "*1\x00\r\n", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _, err := parseAll(t, []byte(tt.in))
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.err {
				t.Fatalf("err = %q, want %q", gotErr, tt.err)
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRESPHeaderTooLong(t *testing.T) {
	var p Parser
	long := append([]byte("*"), bytes.Repeat([]byte("1"), MaxInlineSize+1)...)
	if _, _, err := p.Next(long); !errors.Is(err, ErrTooBigMultibulk) {
		t.Fatalf("err = %v, want %v", err, ErrTooBigMultibulk)
	}
	p = Parser{}
	long = append([]byte("*1\r\n$"), bytes.Repeat([]byte("1"), MaxInlineSize+1)...)
	if _, _, err := p.Next(long); !errors.Is(err, ErrTooBigBulkCount) {
		t.Fatalf("err = %v, want %v", err, ErrTooBigBulkCount)
	}
}

func TestMaxBulkLenIsConfigurable(t *testing.T) {
	p := Parser{MaxBulkLen: 4}
	if _, _, err := p.Next([]byte("*1\r\n$5\r\nhello\r\n")); !errors.Is(err, ErrInvalidBulkLength) {
		t.Fatalf("err = %v, want %v", err, ErrInvalidBulkLength)
	}
}

// TestSplitAtEveryByte feeds a stream of both protocols to one parser split
// at every possible position, presenting unconsumed bytes again as a
// session does, and expects exactly the commands of the unsplit stream.
func TestSplitAtEveryByte(t *testing.T) {
	stream := "SET k \"v\\x41 1\"\r\n" +
		"*3\r\n$3\r\nSET\r\n$4\r\nb\r\nk\r\n$5\r\nal\x00ce\r\n" +
		"\n*0\r\nGET 'x y'\n" +
		"*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"
	want, _, _, err := parseAll(t, []byte(stream))
	if err != nil || len(want) != 4 {
		t.Fatalf("unsplit parse: %q, %v", want, err)
	}
	for a := 0; a <= len(stream); a++ {
		for b := a; b <= len(stream); b++ {
			got := feedInPieces(t, []string{stream[:a], stream[a:b], stream[b:]})
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
				t.Fatalf("split at %d and %d: got %q, want %q", a, b, got, want)
			}
		}
	}
}

// feedInPieces delivers the pieces one after another to a single parser,
// keeping unconsumed bytes, like a connection's read buffer.
func feedInPieces(t *testing.T, pieces []string) [][]string {
	t.Helper()
	var p Parser
	var buf []byte
	var cmds [][]string
	for _, piece := range pieces {
		buf = append(buf, piece...)
		for {
			cmd, n, err := p.Next(buf)
			if err != nil {
				t.Fatalf("error %v with buffer %q", err, buf)
			}
			if n == 0 {
				break
			}
			if len(cmd.Args) > 0 {
				var strs []string
				for _, a := range cmd.Args {
					strs = append(strs, string(a))
				}
				cmds = append(cmds, strs)
			}
			buf = append(buf[:0], buf[n:]...)
		}
	}
	if len(buf) != 0 {
		t.Fatalf("bytes left unconsumed: %q", buf)
	}
	return cmds
}

func TestNeedBytesForALargeBulk(t *testing.T) {
	var p Parser
	header := "*2\r\n$3\r\nSET\r\n$1000000\r\n"
	if _, n, err := p.Next([]byte(header + "abc")); n != 0 || err != nil {
		t.Fatalf("partial bulk: n=%d err=%v", n, err)
	}
	if got, want := p.NeedBytes(), len(header)+1000000+2; got != want {
		t.Fatalf("NeedBytes = %d, want %d", got, want)
	}
}

func TestManyArgumentsAcrossReads(t *testing.T) {
	const n = 100000
	var sb strings.Builder
	fmt.Fprintf(&sb, "*%d\r\n", n)
	for i := 0; i < n; i++ {
		sb.WriteString("$1\r\nx\r\n")
	}
	stream := sb.String()
	var pieces []string
	for i := 0; i < len(stream); i += 4096 {
		pieces = append(pieces, stream[i:min(i+4096, len(stream))])
	}
	got := feedInPieces(t, pieces)
	if len(got) != 1 || len(got[0]) != n {
		t.Fatalf("got %d commands, first with %d args; want 1 with %d", len(got), len(got[0]), n)
	}
}

func TestParseInt(t *testing.T) {
	good := map[string]int64{"0": 0, "1": 1, "-1": -1, "9223372036854775807": 1<<63 - 1, "-9223372036854775808": -1 << 63}
	for in, want := range good {
		if got, ok := ParseInt([]byte(in)); !ok || got != want {
			t.Errorf("ParseInt(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "-", "+1", "01", "-0", " 1", "1 ", "1a", "9223372036854775808", "-9223372036854775809", "99999999999999999999"} {
		if _, ok := ParseInt([]byte(in)); ok {
			t.Errorf("ParseInt(%q) accepted", in)
		}
	}
}

func BenchmarkInlineGet(b *testing.B) {
	var p Parser
	req := []byte("GET key:000000000001\r\n")
	buf := make([]byte, len(req))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		copy(buf, req)
		if _, n, _ := p.Next(buf); n != len(req) {
			b.Fatal("short parse")
		}
	}
}

func BenchmarkRESPGet(b *testing.B) {
	var p Parser
	req := []byte("*2\r\n$3\r\nGET\r\n$16\r\nkey:000000000001\r\n")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, n, _ := p.Next(req); n != len(req) {
			b.Fatal("short parse")
		}
	}
}

// BenchmarkRESPLargePipeline parses 10,000 requests from one buffer, as
// an append-only file is read: the cost per request must not grow with
// the bytes after it.
func BenchmarkRESPLargePipeline(b *testing.B) {
	one := "*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000001\r\n$16\r\nval:000000000001\r\n"
	buf := []byte(strings.Repeat(one, 10000))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var p Parser
		for off := 0; off < len(buf); {
			_, n, err := p.Next(buf[off:])
			if err != nil || n == 0 {
				b.Fatal("parse stopped")
			}
			off += n
		}
	}
}
