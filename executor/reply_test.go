package executor

import (
	"math"
	"testing"
)

// TestReplyTypesInEachForm writes each type of reply in the three forms:
// RESP3's own types, the RESP2 replies Redis falls back to, and the human
// lines.
func TestReplyTypesInEachForm(t *testing.T) {
	tests := []struct {
		name              string
		write             func(r *Reply)
		resp3, resp2, txt string
	}{
		{"null", func(r *Reply) { r.Nil() }, "_\r\n", "$-1\r\n", "(nil)\n"},
		{"null array", func(r *Reply) { r.NullArray() }, "_\r\n", "*-1\r\n", "(nil)\n"},
		{"map", func(r *Reply) { r.Map(1); r.BulkString("k"); r.Int(7) },
			"%1\r\n$1\r\nk\r\n:7\r\n", "*2\r\n$1\r\nk\r\n:7\r\n", "1) k\n2) (integer) 7\n"},
		{"empty map", func(r *Reply) { r.Map(0) }, "%0\r\n", "*0\r\n", "(empty array)\n"},
		{"set", func(r *Reply) { r.Set(2); r.BulkString("a"); r.BulkString("b") },
			"~2\r\n$1\r\na\r\n$1\r\nb\r\n", "*2\r\n$1\r\na\r\n$1\r\nb\r\n", "1) a\n2) b\n"},
		{"push", func(r *Reply) { r.Push(2); r.BulkString("a"); r.Nil() },
			">2\r\n$1\r\na\r\n_\r\n", "*2\r\n$1\r\na\r\n$-1\r\n", "1) a\n2) (nil)\n"},
		{"double", func(r *Reply) { r.Double(3.141) }, ",3.141\r\n", "$5\r\n3.141\r\n", "3.141\n"},
		{"double, 17 digits as C's %.17g", func(r *Reply) { r.Double(0.3) },
			",0.29999999999999999\r\n", "$19\r\n0.29999999999999999\r\n", "0.29999999999999999\n"},
		{"double, exponent", func(r *Reply) { r.Double(1e300) }, ",1.0000000000000001e+300\r\n", "$23\r\n1.0000000000000001e+300\r\n", "1.0000000000000001e+300\n"},
		{"infinity", func(r *Reply) { r.Double(math.Inf(-1)) }, ",-inf\r\n", "$4\r\n-inf\r\n", "-inf\n"},
		{"true", func(r *Reply) { r.Bool(true) }, "#t\r\n", ":1\r\n", "(integer) 1\n"},
		{"false", func(r *Reply) { r.Bool(false) }, "#f\r\n", ":0\r\n", "(integer) 0\n"},
		{"verbatim", func(r *Reply) { r.Verbatim("txt", "a\r\nb") }, "=8\r\ntxt:a\r\nb\r\n", "$4\r\na\r\nb\r\n", "a\r\nb\n"},
		{"verbatim, short kind", func(r *Reply) { r.Verbatim("md", "x") }, "=5\r\nmd :x\r\n", "$1\r\nx\r\n", "x\n"},
		{"big number", func(r *Reply) { r.BigNum("12345678901234567890") },
			"(12345678901234567890\r\n", "$20\r\n12345678901234567890\r\n", "12345678901234567890\n"},
		{"attribute, then the reply", func(r *Reply) {
			if r.RESP3() {
				r.Attribute(1)
				r.BulkString("a")
				r.Int(1)
			}
			r.Status("OK")
		}, "|1\r\n$1\r\na\r\n:1\r\n+OK\r\n", "+OK\r\n", "OK\n"},
		{"a map in a list", func(r *Reply) { r.Array(2); r.Map(1); r.BulkString("k"); r.Nil(); r.Int(1) },
			"*2\r\n%1\r\n$1\r\nk\r\n_\r\n:1\r\n", "*2\r\n*2\r\n$1\r\nk\r\n$-1\r\n:1\r\n", "1) 1) k\n   2) (nil)\n2) (integer) 1\n"},
		// The replies RESP3 leaves as they were.
		{"status", func(r *Reply) { r.Status("PONG") }, "+PONG\r\n", "+PONG\r\n", "PONG\n"},
		{"array", func(r *Reply) { r.Array(1); r.Bulk([]byte("v")) }, "*1\r\n$1\r\nv\r\n", "*1\r\n$1\r\nv\r\n", "1) v\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				form form
				want string
			}{{formRESP3, tt.resp3}, {formRESP2, tt.resp2}, {formHuman, tt.txt}} {
				var r Reply
				r.reset(nil, c.form)
				tt.write(&r)
				if string(r.buf) != c.want {
					t.Errorf("form %d: got %q, want %q", c.form, r.buf, c.want)
				}
			}
		})
	}
}

// TestSessionProtocol follows one connection through HELLO 3 and back: the
// RESP replies change type, plaintext lines keep the human form, and a
// \r\n inline line is answered in the connection's protocol, as Redis does.
func TestSessionProtocol(t *testing.T) {
	s := newExecutor().NewSession(nil)
	steps := []struct{ in, want string }{
		{resp("GET", "k"), "$-1\r\n"},
		{resp("HELLO", "3", "SETNAME", "me"), "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n" + RedisVersion + "\r\n" +
			"$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:" + itoa(s.id) + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n" +
			"$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n"},
		{resp("GET", "k"), "_\r\n"},
		{"GET k\r\n", "_\r\n"},
		{"GET k\n", "(nil)\n"},
		{resp("MGET", "k", "k"), "*2\r\n_\r\n_\r\n"},
		{resp("CLIENT", "GETNAME"), "$2\r\nme\r\n"},
		{resp("HELLO", "4"), "-NOPROTO unsupported protocol version\r\n"},
		{resp("HELLO", "x"), "-ERR Protocol version is not an integer or out of range\r\n"},
		{resp("HELLO", "3", "FOO"), "-ERR Syntax error in HELLO option 'FOO'\r\n"},
		{resp("GET", "k"), "_\r\n"},
		{resp("RESET"), "+RESET\r\n"},
		{resp("GET", "k"), "$-1\r\n"},
		{resp("HELLO", "3"), ""},
		{resp("HELLO", "2"), "*14\r\n"},
		{resp("GET", "k"), "$-1\r\n"},
	}
	for _, st := range steps {
		_, out, _ := s.Handle([]byte(st.in), nil)
		if got := string(out); len(got) < len(st.want) || got[:len(st.want)] != st.want {
			t.Fatalf("%q: got %q, want it to start with %q", st.in, got, st.want)
		}
	}
}

// TestRESP3Subscriber: a RESP3 subscriber's confirmations and messages are
// pushes, it may run any command, and PING answers as usual; HELLO 2
// brings RESP2's restrictions and message form back.
func TestRESP3Subscriber(t *testing.T) {
	ex := newExecutor()
	rec := &recorder{}
	sub := ex.NewSession(rec)
	sub.Handle([]byte(resp("HELLO", "3")), nil)
	_, out, _ := sub.Handle([]byte(resp("SUBSCRIBE", "a")+resp("PSUBSCRIBE", "a*")+resp("GET", "k")+resp("PING")), nil)
	if got, want := rec.take()+string(out), ">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n"+
		">3\r\n$10\r\npsubscribe\r\n$2\r\na*\r\n:2\r\n_\r\n+PONG\r\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}

	pub := ex.NewSession(nil)
	pub.Handle([]byte(resp("PUBLISH", "a", "hi")), nil)
	if got, want := rec.take(), ">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$2\r\nhi\r\n>4\r\n$8\r\npmessage\r\n$2\r\na*\r\n$1\r\na\r\n$2\r\nhi\r\n"; got != want {
		t.Fatalf("messages: got %q, want %q", got, want)
	}

	// Publishing to itself: the reply before PUBLISH, then the messages,
	// then PUBLISH's own reply.
	_, out, _ = sub.Handle([]byte(resp("ECHO", "x")+resp("PUBLISH", "a", "me")), nil)
	if got, want := rec.take()+string(out), "$1\r\nx\r\n>3\r\n$7\r\nmessage\r\n$1\r\na\r\n$2\r\nme\r\n"+
		">4\r\n$8\r\npmessage\r\n$2\r\na*\r\n$1\r\na\r\n$2\r\nme\r\n:2\r\n"; got != want {
		t.Fatalf("publishing to itself: got %q, want %q", got, want)
	}

	sub.Handle([]byte(resp("HELLO", "2")), nil)
	rec.take()
	_, out, _ = sub.Handle([]byte(resp("GET", "k")), nil)
	if want := "-ERR Can't execute 'get'"; len(out) < len(want) || string(out[:len(want)]) != want {
		t.Fatalf("RESP2 subscriber ran GET: %q", out)
	}
	pub.Handle([]byte(resp("PUBLISH", "a", "hi")), nil)
	if got, want := rec.take(), "*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$2\r\nhi\r\n*4\r\n$8\r\npmessage\r\n$2\r\na*\r\n$1\r\na\r\n$2\r\nhi\r\n"; got != want {
		t.Fatalf("messages after HELLO 2: got %q, want %q", got, want)
	}
}

// TestDebugProtocol: DEBUG PROTOCOL's samples in RESP3 (the e2e tests
// compare every one with redis-server).
func TestDebugProtocol(t *testing.T) {
	s := New(nil, Config{EnableDebug: true}).NewSession(nil)
	s.Handle([]byte(resp("HELLO", "3")), nil)
	_, out, _ := s.Handle([]byte(resp("DEBUG", "PROTOCOL", "map")+resp("DEBUG", "protocol", "push")+resp("DEBUG", "PROTOCOL", "x")), nil)
	want := "%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n" +
		">2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n$40\r\nSome real reply following the push reply\r\n" +
		"-ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false\r\n"
	if string(out) != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}
