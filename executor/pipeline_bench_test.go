package executor

import (
	"strings"
	"testing"
)

// BenchmarkSessionPipelined16 runs a batch of sixteen requests in one
// Handle, as redis-benchmark -P 16 sends them, per command type; ns/op is
// per batch.
func BenchmarkSessionPipelined16(b *testing.B) {
	for _, bc := range []struct{ name, req string }{
		{"RPUSH", "*3\r\n$5\r\nRPUSH\r\n$6\r\nmylist\r\n$3\r\nxxx\r\n"},
		{"SADD", "*3\r\n$4\r\nSADD\r\n$5\r\nmyset\r\n$3\r\nxxx\r\n"},
		{"HSET", "*4\r\n$4\r\nHSET\r\n$6\r\nmyhash\r\n$3\r\nfld\r\n$3\r\nxxx\r\n"},
		{"SET", "*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000001\r\n$3\r\nxxx\r\n"},
		{"GET", "*2\r\n$3\r\nGET\r\n$16\r\nkey:000000000001\r\n"},
		{"MSET", "*21\r\n$4\r\nMSET\r\n" + strings.Repeat("$16\r\nkey:000000000001\r\n$3\r\nxxx\r\n", 10)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := newExecutor().NewSession(nil)
			in := []byte(strings.Repeat(bc.req, 16))
			out := make([]byte, 0, 4096)
			s.Handle(in, out)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, out, _ = s.Handle(in, out[:0])
			}
		})
	}
}
