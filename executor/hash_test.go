package executor

import (
	"testing"
)

// benchHash times req on a session whose database setup has filled: HGET
// and HSET of a field already there allocate nothing, as GET and SET.
func benchHash(b *testing.B, setup, req string) {
	ex := newExecutor()
	s := ex.NewSession(nil)
	s.Handle([]byte(setup), nil)
	in := []byte(req)
	out := make([]byte, 0, 256)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, out, _ = s.Handle(in, out[:0])
	}
}

const tenFields = "*22\r\n$4\r\nHSET\r\n$1\r\nh\r\n" +
	"$2\r\nf0\r\n$1\r\n0\r\n$2\r\nf1\r\n$1\r\n1\r\n$2\r\nf2\r\n$1\r\n2\r\n$2\r\nf3\r\n$1\r\n3\r\n$2\r\nf4\r\n$1\r\n4\r\n" +
	"$2\r\nf5\r\n$1\r\n5\r\n$2\r\nf6\r\n$1\r\n6\r\n$2\r\nf7\r\n$1\r\n7\r\n$2\r\nf8\r\n$1\r\n8\r\n$2\r\nf9\r\n$1\r\n9\r\n"

func BenchmarkSessionHGet(b *testing.B) {
	benchHash(b, tenFields, "*3\r\n$4\r\nHGET\r\n$1\r\nh\r\n$2\r\nf5\r\n")
}

func BenchmarkSessionHSetExisting(b *testing.B) {
	benchHash(b, tenFields, "*4\r\n$4\r\nHSET\r\n$1\r\nh\r\n$2\r\nf5\r\n$1\r\nx\r\n")
}

// TestHashHotPathAllocatesNothing holds HGET, HSET of an existing field
// and HINCRBY on a small hash to no allocation per request.
func TestHashHotPathAllocatesNothing(t *testing.T) {
	ex := newExecutor()
	s := ex.NewSession(nil)
	s.Handle([]byte(tenFields), nil)
	out := make([]byte, 0, 256)
	for _, req := range []string{
		"*3\r\n$4\r\nHGET\r\n$1\r\nh\r\n$2\r\nf5\r\n",
		"*4\r\n$4\r\nHSET\r\n$1\r\nh\r\n$2\r\nf5\r\n$1\r\nx\r\n",
		"*4\r\n$7\r\nHINCRBY\r\n$1\r\nh\r\n$2\r\nf6\r\n$1\r\n0\r\n",
	} {
		in := []byte(req)
		if n := testing.AllocsPerRun(1000, func() { _, out, _ = s.Handle(in, out[:0]) }); n != 0 {
			t.Errorf("%q: %v allocations per request", req, n)
		}
	}
}
