package executor

import (
	"strings"
	"testing"
	"time"

	"redis-lite/store"
)

func TestStringEncoding(t *testing.T) {
	for _, c := range []struct {
		value string
		form  store.Form
		enc   string
		refs  int64
	}{
		{"0", store.FormPlain, "int", sharedRefCount},
		{"9999", store.FormPlain, "int", sharedRefCount},
		{"10000", store.FormPlain, "int", 1},
		{"-1", store.FormPlain, "int", 1},
		{"-9223372036854775808", store.FormPlain, "int", 1},
		{"9223372036854775808", store.FormPlain, "embstr", 1},
		{"007", store.FormPlain, "embstr", 1},
		{"-0", store.FormPlain, "embstr", 1},
		{"", store.FormPlain, "embstr", 1},
		{strings.Repeat("x", embstrLimit), store.FormPlain, "embstr", 1},
		{strings.Repeat("x", embstrLimit+1), store.FormPlain, "raw", 1},
		{"5", store.FormText, "embstr", 1},
		{strings.Repeat("9", embstrLimit+1), store.FormText, "raw", 1},
		{"5", store.FormEdited, "raw", 1},
		{"5", store.FormCopied, "int", 1},
		{"x", store.FormCopied, "embstr", 1},
	} {
		if enc, refs := stringEncoding([]byte(c.value), c.form), stringRefCount([]byte(c.value), c.form); enc != c.enc || refs != c.refs {
			t.Errorf("%q (form %d): %s, %d refs; want %s, %d", c.value, c.form, enc, refs, c.enc, c.refs)
		}
	}
}

// TestObjectIdleTimeSteps: the access clock moves when the store's clock
// is refreshed (the sweeper's tick in the daemon); only accesses reset it.
func TestObjectIdleTimeSteps(t *testing.T) {
	ex, clock := newClockedExecutor()
	s := ex.NewSession(nil)
	do := func(req string) string {
		t.Helper()
		_, out, _ := s.Handle([]byte(req+"\n"), nil)
		return strings.TrimSuffix(string(out), "\n")
	}
	later := func() {
		clock.Advance(4 * time.Second)
		ex.dbs[0].RefreshClock()
	}
	do("SET k v")
	later()
	for _, req := range []string{"TTL k", "PTTL k", "EXPIRETIME k", "TYPE k", "EXISTS k", "OBJECT ENCODING k", "OBJECT FREQ k", "WATCH k"} {
		do(req)
	}
	if got := do("OBJECT IDLETIME k"); got != "(integer) 4" {
		t.Fatalf("after reads that are no access: %s, want 4", got)
	}
	for _, req := range []string{"TOUCH k", "GET k", "STRLEN k", "APPEND k x", "EXPIRE k 100"} {
		later()
		do(req)
		if got := do("OBJECT IDLETIME k"); got != "(integer) 0" {
			t.Fatalf("after %s: %s, want 0", req, got)
		}
	}
	if got := do("OBJECT IDLETIME nosuch"); got != "(nil)" {
		t.Fatalf("missing key: %s", got)
	}
}

func TestObjectMissingKeyRESP3(t *testing.T) {
	ex, _ := newClockedExecutor()
	s := ex.NewSession(nil)
	s.Handle([]byte("*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n"), nil)
	_, out, _ := s.Handle([]byte("*3\r\n$6\r\nOBJECT\r\n$8\r\nENCODING\r\n$1\r\nk\r\n"), nil)
	if string(out) != "_\r\n" {
		t.Fatalf("RESP3 OBJECT ENCODING of a missing key: %q, want _", out)
	}
}
