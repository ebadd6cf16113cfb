package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/sirupsen/logrus"

	"redis-lite/executor"
	"redis-lite/store"
)

// FuzzAOFReplay starts the daemon's data layer from an append-only file of
// arbitrary bytes, as run does before it serves anyone: the same executor
// settings, the same loader. A file may be refused; it must never panic,
// whatever commands it holds (go test -fuzz FuzzAOFReplay -run '^$' .).
func FuzzAOFReplay(f *testing.F) {
	for _, seed := range [][]string{
		{"SET", "k", "v"}, {"INFO"}, {"INFO", "clients"}, {"INFO", "everything"},
		{"CLIENT", "LIST"}, {"CLIENT", "INFO"}, {"CLIENT", "KILL", "ID", "1"}, {"CLIENT", "ID"},
		{"SUBSCRIBE", "c"}, {"PSUBSCRIBE", "*"}, {"UNSUBSCRIBE"}, {"PUBLISH", "c", "m"},
		{"HELLO", "3"}, {"HELLO", "2", "SETNAME", "x"}, {"AUTH", "pw"}, {"QUIT"}, {"RESET"},
		{"MONITOR"}, {"SHUTDOWN"}, {"DEBUG", "SLEEP", "0"}, {"COMMAND"}, {"COMMAND", "DOCS"},
		{"CONFIG", "GET", "*"}, {"PEXPIREAT", "k", "1"}, {"KEYS", "*"}, {"SCAN", "0"},
		{"MEMORY", "USAGE", "k"}, {"BGREWRITEAOF"}, {"FLUSHALL"}, {"SELECT", "1"},
	} {
		f.Add([]byte(aofRecord(seed...)))
	}
	f.Add([]byte(aofRecord("SET", "k", "1") + aofRecord("INCR", "k") + "*2\r\n$3\r\nGET"))
	f.Fuzz(func(t *testing.T, file []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "appendonly.aof"), file, 0o600); err != nil {
			t.Fatal(err)
		}
		cfg := daemonConfig{appendOnly: true, appendFilename: "appendonly.aof", dir: dir, appendFsync: "no",
			aofLoadTruncated: true, ioModel: "threads", maxClients: 100}
		data := store.New()
		ex := executor.New(data, executorConfig(cfg, 6379))
		log := logrus.New()
		log.SetOutput(io.Discard)
		if aof, err := openAppendOnly(cfg, data, ex, log); err == nil {
			aof.Close()
		}
	})
}
