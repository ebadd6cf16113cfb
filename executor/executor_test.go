package executor

import (
	"strings"
	"testing"

	"redis-lite/store"
)

// converse feeds input to a fresh session and returns everything it wrote
// and whether it asked to close.
func converse(t *testing.T, ex *Executor, input string) (string, bool) {
	t.Helper()
	s := ex.NewSession(nil)
	in := []byte(input)
	consumed, out, closing := s.Handle(in, nil)
	if !closing && consumed != len(in) {
		t.Fatalf("consumed %d of %d bytes of %q", consumed, len(in), input)
	}
	return string(out), closing
}

func newExecutor() *Executor { return New(store.New(), Config{}) }

func TestPlaintextCommands(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"set then get", "SET user:1 alice\nGET user:1\n", "OK\nalice\n"},
		{"missing key", "GET nope\n", "(nil)\n"},
		{"names are case-insensitive", "set k v\ngEt k\n", "OK\nv\n"},
		{"the last command looked up matches only its own name", "SET k v\nget k\nGE k\nGETS k\nsETx\nGeT k\n",
			"OK\nv\n(error) ERR unknown command 'GE', with args beginning with: 'k' \n(error) ERR unknown command 'GETS', with args beginning with: 'k' \n" +
				"(error) ERR unknown command 'sETx', with args beginning with: \nv\n"},
		{"del counts removed keys", "SET a 1\nSET b 2\nDEL a b c\n", "OK\nOK\n(integer) 2\n"},
		{"exists counts repeats", "SET a 1\nEXISTS a a nope\n", "OK\n(integer) 2\n"},
		{"ping", "PING\n", "PONG\n"},
		{"ping with message", "PING hello\n", "hello\n"},
		{"echo keeps spaces when quoted", "ECHO \"a b\"\n", "a b\n"},
		{"empty line gets no reply", "\nPING\n", "PONG\n"},
		{"unknown command", "FOO a b\n", "(error) ERR unknown command 'FOO', with args beginning with: 'a' 'b' \n"},
		{"unknown command without args", "foo\n", "(error) ERR unknown command 'foo', with args beginning with: \n"},
		{"wrong arity uses the lowercase name", "SET k\n", "(error) ERR wrong number of arguments for 'set' command\n"},
		{"get arity", "GET\n", "(error) ERR wrong number of arguments for 'get' command\n"},
		{"del arity", "DEL\n", "(error) ERR wrong number of arguments for 'del' command\n"},
		{"exists arity", "EXISTS\n", "(error) ERR wrong number of arguments for 'exists' command\n"},
		{"echo arity", "ECHO\n", "(error) ERR wrong number of arguments for 'echo' command\n"},
		{"ping arity", "PING a b\n", "(error) ERR wrong number of arguments for 'ping' command\n"},
		{"set with an unknown option", "SET k v nope\n", "(error) ERR syntax error\n"},
		{"a command error does not stop the next", "FOO\nPING\n", "(error) ERR unknown command 'FOO', with args beginning with: \nPONG\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, closing := converse(t, newExecutor(), tt.in)
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if closing {
				t.Fatal("a command error closed the connection")
			}
		})
	}
}

func TestRESPCommands(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"set", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nalice\r\n", "+OK\r\n"},
		{"get missing", "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "$-1\r\n"},
		{"set get binary", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\na\r\n\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "+OK\r\n$3\r\na\r\n\r\n"},
		{"del", "*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n", ":0\r\n"},
		{"ping", "*1\r\n$4\r\nPING\r\n", "+PONG\r\n"},
		{"unknown", "*2\r\n$3\r\nFOO\r\n$1\r\na\r\n", "-ERR unknown command 'FOO', with args beginning with: 'a' \r\n"},
		{"arity", "*1\r\n$3\r\nGET\r\n", "-ERR wrong number of arguments for 'get' command\r\n"},
		{"forms mix on one connection", "PING\n*1\r\n$4\r\nPING\r\n", "PONG\n+PONG\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := converse(t, newExecutor(), tt.in); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestProtocolErrorsReplyThenClose(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SET k \"v\nPING\n", "(error) ERR Protocol error: unbalanced quotes in request\n"},
		{"PING\nSET k 'v\n", "PONG\n(error) ERR Protocol error: unbalanced quotes in request\n"},
		{strings.Repeat("x", 64*1024+1), "(error) ERR Protocol error: too big inline request\n"},
		{"*abc\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
		{"*1\r\n:1\r\n", "-ERR Protocol error: expected '$', got ':'\r\n"},
		{"*1\r\n$-2\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
	}
	for _, tt := range tests {
		got, closing := converse(t, newExecutor(), tt.in)
		if got != tt.want || !closing {
			t.Errorf("%.30q: got %q closing=%v; want %q and close", tt.in, got, closing, tt.want)
		}
	}
}

func TestQuitRepliesThenCloses(t *testing.T) {
	got, closing := converse(t, newExecutor(), "QUIT\nPING\n")
	if got != "OK\n" || !closing {
		t.Fatalf("got %q closing=%v; want OK and close, and nothing run after QUIT", got, closing)
	}
}

func TestUnknownCommandErrorIsCapped(t *testing.T) {
	long := strings.Repeat("a", 300)
	msg := unknownCommand([][]byte{[]byte("FOO"), []byte(long), []byte("b")})
	want := "ERR unknown command 'FOO', with args beginning with: '" + strings.Repeat("a", 128) + "' "
	if msg != want {
		t.Fatalf("got %q, want %q", msg, want)
	}
}

func TestUnknownCommandErrorHasNoLineBreaks(t *testing.T) {
	got, _ := converse(t, newExecutor(), "*2\r\n$3\r\nFOO\r\n$4\r\na\r\nb\r\n")
	if want := "-ERR unknown command 'FOO', with args beginning with: 'a  b' \r\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// Redis prints the name and arguments as C strings: a NUL ends each.
func TestUnknownCommandErrorStopsAtNUL(t *testing.T) {
	tests := []struct{ in, want string }{
		{resp("FOO", "a\x00b", "c"), "-ERR unknown command 'FOO', with args beginning with: 'a' 'c' \r\n"},
		{resp("F\x00OO", "x"), "-ERR unknown command 'F', with args beginning with: 'x' \r\n"},
		{resp("GET\x00", "k"), "-ERR unknown command 'GET', with args beginning with: 'k' \r\n"},
		{resp("FOO", "\x00"+strings.Repeat("a", 200), "b"), "-ERR unknown command 'FOO', with args beginning with: '' 'b' \r\n"},
	}
	for _, tt := range tests {
		if got, _ := converse(t, newExecutor(), tt.in); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIncompleteRequestIsKeptForLater(t *testing.T) {
	s := newExecutor().NewSession(nil)
	in := []byte("SET k v\nGET")
	consumed, out, _ := s.Handle(in, nil)
	if consumed != 8 || string(out) != "OK\n" {
		t.Fatalf("consumed %d, out %q; want 8 and OK", consumed, out)
	}
	in = append(in[consumed:], " k\n"...)
	consumed, out, _ = s.Handle(in, out[:0])
	if consumed != len(in) || string(out) != "v\n" {
		t.Fatalf("consumed %d, out %q; want all and v", consumed, out)
	}
}

func TestPlaintextListNumbering(t *testing.T) {
	var r Reply
	r.reset(nil, 0)
	r.Array(3)
	r.BulkString("a")
	r.Array(2)
	r.BulkString("b")
	r.Int(1)
	r.Nil()
	r.Array(0)
	want := "1) a\n2) 1) b\n   2) (integer) 1\n3) (nil)\n(empty array)\n"
	if string(r.buf) != want {
		t.Fatalf("got %q, want %q", r.buf, want)
	}
	r.reset(nil, 0)
	r.Array(10)
	for i := 0; i < 10; i++ {
		r.BulkString("x")
	}
	if !strings.HasPrefix(string(r.buf), " 1) x\n") || !strings.HasSuffix(string(r.buf), "10) x\n") {
		t.Fatalf("numbers not padded to the widest: %q", r.buf)
	}
}

func BenchmarkSessionGetRESP(b *testing.B) {
	ex := newExecutor()
	ex.dbs[0].Set([]byte("key:000000000001"), []byte("val:000000000001"))
	s := ex.NewSession(nil)
	req := []byte("*2\r\n$3\r\nGET\r\n$16\r\nkey:000000000001\r\n")
	out := make([]byte, 0, 256)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, out, _ = s.Handle(req, out[:0])
	}
}

func BenchmarkSessionGetPlain(b *testing.B) {
	ex := newExecutor()
	ex.dbs[0].Set([]byte("key:000000000001"), []byte("val:000000000001"))
	s := ex.NewSession(nil)
	req := []byte("GET key:000000000001\r\n")
	buf := make([]byte, len(req))
	out := make([]byte, 0, 256)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		copy(buf, req)
		_, out, _ = s.Handle(buf, out[:0])
	}
}

func BenchmarkSessionSetRESP(b *testing.B) {
	s := newExecutor().NewSession(nil)
	req := []byte("*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000001\r\n$16\r\nval:000000000001\r\n")
	out := make([]byte, 0, 256)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, out, _ = s.Handle(req, out[:0])
	}
}

func TestHandleBoundsOneBatchOfReplies(t *testing.T) {
	ex := newExecutor()
	ex.dbs[0].Set([]byte("big"), make([]byte, 100<<10))
	s := ex.NewSession(nil)
	in := []byte(strings.Repeat("GET big\n", 100))
	consumed, out, _ := s.Handle(in, nil)
	if consumed != len("GET big\n") || len(out) != 100<<10+1 {
		t.Fatalf("consumed %d bytes and made %d bytes of replies; want one request, then stop", consumed, len(out))
	}
	total := len(out)
	for rest := in[consumed:]; len(rest) > 0; {
		n, more, _ := s.Handle(rest, nil)
		if n == 0 {
			t.Fatal("no progress on complete requests")
		}
		rest, total = rest[n:], total+len(more)
	}
	if total != 100*(100<<10+1) {
		t.Fatalf("%d bytes of replies in all, want every reply", total)
	}
}

func TestConfigGetNamesEachParameterOnce(t *testing.T) {
	ex := New(store.New(), Config{Params: []Param{{"appendonly", "yes"}, {"port", "7000"}}})
	_, out, _ := ex.NewSession(nil).Handle([]byte("CONFIG GET appendonly\nCONFIG GET save\n"), nil)
	if want := "1) appendonly\n2) yes\n1) save\n2) \n"; string(out) != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}
