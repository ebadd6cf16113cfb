package daemon

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"redis-lite/config"
	"redis-lite/internal/testlog"
	"redis-lite/internal/testwait"
	"redis-lite/netsrv"
)

func quietLog() *logrus.Logger {
	log := logrus.New()
	log.SetOutput(io.Discard)
	return log
}

// TestStartFailureReleasesThePort: when a step after listen fails (here a
// damaged append-only file), start undoes the steps before it, so the
// port is free again at once.
func TestStartFailureReleasesThePort(t *testing.T) {
	probe, err := netsrv.Listen("127.0.0.1", 0, 1, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	port := probe.Port()
	probeSrv := netsrv.NewServer(probe, netsrv.Config{Workers: 1, Queue: 1, Log: quietLog()})
	probeSrv.Discard()

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "appendonly.aof"), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	settings := config.Defaults()
	settings["port"], settings["appendonly"], settings["dir"] = strconv.Itoa(port), "yes", dir
	if _, err := start(settings, "", quietLog()); err == nil || !strings.Contains(err.Error(), "bad file format") {
		t.Fatalf("start with a damaged file: %v", err)
	}
	again, err := netsrv.Listen("127.0.0.1", port, 1, quietLog())
	if err != nil {
		t.Fatalf("the failed start kept port %d: %v", port, err)
	}
	netsrv.NewServer(again, netsrv.Config{Workers: 1, Queue: 1, Log: quietLog()}).Discard()
}

// TestRunStopsWhenTheContextEnds: ctx ending is a shutdown request, and
// the stop is the graceful one a signal starts: the same steps, status 0.
func TestRunStopsWhenTheContextEnds(t *testing.T) {
	var logs testlog.Buffer
	log := logrus.New()
	log.SetOutput(&logs)
	settings := config.Defaults()
	settings["port"] = "0"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	status := make(chan int, 1)
	go func() { status <- Run(ctx, settings, "", log) }()
	testwait.Until(t, 20*time.Second, "the daemon to accept connections", func() bool {
		return strings.Contains(logs.String(), "accepting connections")
	})
	cancel()
	select {
	case got := <-status:
		if got != 0 {
			t.Fatalf("exit status %d after ctx ended, want 0; log:\n%s", got, logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after ctx ended")
	}
	for _, step := range []string{"asked to stop: shutting down", "shutdown: requested", "shutdown: listening socket closed", "shutdown complete"} {
		if !strings.Contains(logs.String(), step) {
			t.Errorf("the log lacks %q:\n%s", step, logs.String())
		}
	}
}
