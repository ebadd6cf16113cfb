// Package testlog is a log sink for tests that read a daemon's log while
// the daemon is still writing it.
package testlog

import (
	"bytes"
	"sync"
)

// Buffer collects what is written to it; it is safe for one writer and
// readers at once. The zero value is ready to use.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String is everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
