package daemon

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"

	"redis-lite/config"
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
