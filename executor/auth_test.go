package executor

import (
	"strings"
	"testing"

	"redis-lite/store"
)

func newAuthExecutor() *Executor {
	return New(store.New(), Config{RequirePass: "s3cret"})
}

func TestAuthRequired(t *testing.T) {
	s := newAuthExecutor().NewSession(nil)
	steps := []struct{ req, want string }{
		{"GET k", "(error) NOAUTH Authentication required."},
		{"SET k v", "(error) NOAUTH Authentication required."},
		{"NOSUCH", "(error) ERR unknown command 'NOSUCH', with args beginning with: "},
		{"GET", "(error) ERR wrong number of arguments for 'get' command"},
		{"HELLO 2", "(error) NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time"},
		{"AUTH wrong", "(error) WRONGPASS invalid username-password pair or user is disabled."},
		{"AUTH default wrong", "(error) WRONGPASS invalid username-password pair or user is disabled."},
		{"AUTH someone s3cret", "(error) WRONGPASS invalid username-password pair or user is disabled."},
		{"AUTH a b c", "(error) ERR syntax error"},
		{"HELLO 2 AUTH default wrong", "(error) WRONGPASS invalid username-password pair or user is disabled."},
		{"GET k", "(error) NOAUTH Authentication required."},
		{"AUTH s3cret", "OK"},
		{"SET k v", "OK"},
		{"GET k", "v"},
		{"RESET", "RESET"},
		{"GET k", "(error) NOAUTH Authentication required."},
		{"AUTH default s3cret", "OK"},
		{"GET k", "v"},
	}
	for _, st := range steps {
		_, out, _ := s.Handle([]byte(st.req+"\n"), nil)
		if got := strings.TrimSuffix(string(out), "\n"); got != st.want {
			t.Fatalf("%s: got %q, want %q", st.req, got, st.want)
		}
	}
	s2 := newAuthExecutor().NewSession(nil)
	_, out, _ := s2.Handle([]byte("HELLO 2 AUTH default s3cret\nGET k\n"), nil)
	if !strings.HasPrefix(string(out), " 1) server\n") || !strings.HasSuffix(string(out), "(nil)\n") {
		t.Fatalf("HELLO with AUTH did not authenticate: %q", out)
	}
	_, out, closing := newAuthExecutor().NewSession(nil).Handle([]byte("QUIT\n"), nil)
	if string(out) != "OK\n" || !closing {
		t.Fatalf("QUIT before AUTH: %q %v", out, closing)
	}
}

func TestAuthWithoutPasswordConfigured(t *testing.T) {
	s := newExecutor().NewSession(nil)
	_, out, _ := s.Handle([]byte("AUTH x\nAUTH default anything\n"), nil)
	want := "(error) ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\nOK\n"
	if string(out) != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}

// User names are case-sensitive in Redis: only "default" is the default
// user. A failed AUTH after a good one answers WRONGPASS and leaves the
// connection authenticated.
func TestAuthUserNamesAndFailuresAfterSuccess(t *testing.T) {
	wrongpass := "(error) WRONGPASS invalid username-password pair or user is disabled."
	tests := []struct {
		name     string
		password string // --requirepass
		steps    []struct{ req, want string }
	}{
		{"with a password", "s3cret", []struct{ req, want string }{
			{"AUTH DEFAULT s3cret", wrongpass},
			{"AUTH Default s3cret", wrongpass},
			{"HELLO 2 AUTH Default s3cret", wrongpass},
			{"GET k", "(error) NOAUTH Authentication required."},
			{"AUTH default s3cret", "OK"},
			{"AUTH default wrong", wrongpass},
			{"AUTH wrong", wrongpass},
			{"AUTH DEFAULT s3cret", wrongpass},
			{"GET k", "(nil)"},
		}},
		{"without a password", "", []struct{ req, want string }{
			{"AUTH default anything", "OK"},
			{"AUTH DEFAULT anything", wrongpass},
			{"HELLO 2 AUTH dEfault x", wrongpass},
			{"GET k", "(nil)"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(store.New(), Config{RequirePass: tt.password}).NewSession(nil)
			for _, st := range tt.steps {
				_, out, _ := s.Handle([]byte(st.req+"\n"), nil)
				if got := strings.TrimSuffix(string(out), "\n"); got != st.want {
					t.Fatalf("%s: got %q, want %q", st.req, got, st.want)
				}
			}
		})
	}
}

// HELLO applies its options one at a time, as Redis does: every SETNAME is
// checked, the first failure answers, and what came before it stays done.
// Authentication is required only after the options.
func TestHelloOptionsApplyInOrder(t *testing.T) {
	badName := "(error) ERR Client names cannot contain spaces, newlines or special characters."
	helloNoAuth := "(error) NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time"
	long := strings.Repeat("o", 200)
	server := " 1) server\n" // how the reply starts when HELLO succeeds
	tests := []struct {
		name, password, req, reply string
		after, afterReply          string // requests that show the state afterwards, and their replies
	}{
		{"a bad name first", "", `HELLO 2 SETNAME "a b" SETNAME good`, badName, "CLIENT GETNAME", "(nil)"},
		{"a bad name last", "", `HELLO 2 SETNAME good SETNAME "a b"`, badName, "CLIENT GETNAME", "good"},
		{"a bad option last", "", "HELLO 2 SETNAME good FOO", "(error) ERR Syntax error in HELLO option 'FOO'", "CLIENT GETNAME", "good"},
		{"two good names", "", "HELLO 2 SETNAME one SETNAME two", server, "CLIENT GETNAME", "two"},
		{"an empty name clears it", "", "HELLO 2 SETNAME one SETNAME ''", server, "CLIENT GETNAME", "(nil)"},
		{"a long option is not cut", "", "HELLO 2 " + long, "(error) ERR Syntax error in HELLO option '" + long + "'", "CLIENT GETNAME", "(nil)"},
		{"an option is a C string", "", `HELLO 2 "setname\x00x" good`, server, "CLIENT GETNAME", "good"},
		{"AUTH missing its password", "", "HELLO 2 AUTH default", "(error) ERR Syntax error in HELLO option 'AUTH'", "CLIENT GETNAME", "(nil)"},
		{"not authenticated: named, then NOAUTH", "pw", "HELLO 2 SETNAME early", helloNoAuth, "AUTH pw\nCLIENT GETNAME", "OK\nearly"},
		{"authenticated before a bad name", "pw", `HELLO 2 AUTH default pw SETNAME "a b"`, badName, "PING", "PONG"},
		{"a bad name before AUTH", "pw", `HELLO 2 SETNAME "a b" AUTH default pw`, badName, "PING", "(error) NOAUTH Authentication required."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(store.New(), Config{RequirePass: tt.password}).NewSession(nil)
			_, out, _ := s.Handle([]byte(tt.req+"\n"), nil)
			if got := string(out); got != tt.reply+"\n" && !(tt.reply == server && strings.HasPrefix(got, server)) {
				t.Fatalf("reply %q, want %q", got, tt.reply)
			}
			_, out, _ = s.Handle([]byte(tt.after+"\n"), nil)
			if got := strings.TrimSuffix(string(out), "\n"); got != tt.afterReply {
				t.Fatalf("then %q: %q, want %q", tt.after, got, tt.afterReply)
			}
		})
	}
}

func TestUnauthenticatedClientsGetTighterProtocolLimits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"*11\r\n", "-ERR Protocol error: unauthenticated multibulk length\r\n"},
		{"*2\r\n$3\r\nGET\r\n$16385\r\n", "-ERR Protocol error: unauthenticated bulk length\r\n"},
	}
	for _, tt := range tests {
		_, out, closing := newAuthExecutor().NewSession(nil).Handle([]byte(tt.in), nil)
		if string(out) != tt.want || !closing {
			t.Errorf("%q: got %q closing=%v, want %q and close", tt.in, out, closing, tt.want)
		}
	}
	s := newAuthExecutor().NewSession(nil)
	s.Handle([]byte("AUTH s3cret\n"), nil)
	_, out, _ := s.Handle([]byte("*11\r\n"+strings.Repeat("$1\r\nx\r\n", 11)), nil)
	if !strings.HasPrefix(string(out), "-ERR unknown command 'x'") {
		t.Fatalf("after AUTH the limits still applied: %q", out)
	}
}

func TestPasswordNeverShown(t *testing.T) {
	s := newAuthExecutor().NewSession(nil)
	_, out, _ := s.Handle([]byte("AUTH s3cret\nINFO\nCONFIG GET *\nCLIENT INFO\n"), nil)
	if strings.Contains(string(out), "s3cret") {
		t.Fatalf("the password appears in INFO, CONFIG GET or CLIENT INFO:\n%s", out)
	}
}

func TestMaxMemoryRefusesWritesNotReads(t *testing.T) {
	ex := New(store.New(), Config{MaxMemory: 1}) // any heap is over one byte
	s := ex.NewSession(nil)
	s.Handle([]byte("SET before v\n"), nil)
	ex.sampleMemory()
	_, out, _ := s.Handle([]byte("SET k v\nAPPEND before x\nINCR n\nGET before\nDEL before\nEXISTS before\n"), nil)
	oom := "(error) OOM command not allowed when used memory > 'maxmemory'.\n"
	if want := oom + oom + oom + "v\n(integer) 1\n(integer) 0\n"; string(out) != want {
		t.Fatalf("got %q, want %q", out, want)
	}
	ex.SetMaxMemory(1 << 62)
	if _, out, _ = s.Handle([]byte("SET k v\n"), nil); string(out) != "OK\n" {
		t.Fatalf("under the limit again: %q", out)
	}
}
