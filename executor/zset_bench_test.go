package executor

import (
	"fmt"
	"testing"
)

// BenchmarkSessionZAddRESP: ZADD of members into one set of 100,000, as
// redis-benchmark's ZADD test does (a new member or a new score each time).
func BenchmarkSessionZAddRESP(b *testing.B) {
	s := newExecutor().NewSession(nil)
	reqs := make([][]byte, 1000)
	for i := range reqs {
		m := fmt.Sprintf("element:%06d", i*97%100000)
		reqs[i] = []byte(fmt.Sprintf("*4\r\n$4\r\nZADD\r\n$6\r\nmyzset\r\n$1\r\n%d\r\n$%d\r\n%s\r\n", i%10, len(m), m))
	}
	out := make([]byte, 0, 256)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, out, _ = s.Handle(reqs[i%len(reqs)], out[:0])
	}
}
