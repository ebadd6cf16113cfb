// Package testwait waits in tests for a condition, with a deadline, instead
// of sleeping for a guessed time.
package testwait

import (
	"testing"
	"time"
)

// Until polls cond every millisecond until it holds, and fails the test if
// it does not within timeout.
func Until(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
