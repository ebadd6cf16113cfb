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
	"redis-lite/executor"
	"redis-lite/netsrv"
	"redis-lite/store"
)

// FuzzAOFReplay starts the daemon's data layer from an append-only file of
// arbitrary bytes, as start does before it serves anyone: the same executor
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
		settings := config.Defaults()
		settings["appendonly"], settings["dir"], settings["appendfsync"] = "yes", dir, "no"
		log := logrus.New()
		log.SetOutput(io.Discard)
		// As start builds them: the server's bookkeeping first (INFO reads
		// it during the replay), then the data layer, then the file.
		ln, err := netsrv.Listen("127.0.0.1", 0, 1, log)
		if err != nil {
			t.Fatal(err)
		}
		d := &Daemon{settings: settings, live: config.NewLive(settings, ""), log: log, ln: ln, data: store.New()}
		d.srv = netsrv.NewServer(ln, d.serverConfig(100))
		defer d.srv.Discard()
		d.ex = executor.New(d.data, d.executorConfig(ln.Port()))
		if aof, err := d.loadAppendOnly(); err == nil {
			aof.Close()
		}
	})
}

// aofRecord writes args as the append-only file stores a command.
func aofRecord(args ...string) string {
	var b strings.Builder
	b.WriteString("*" + strconv.Itoa(len(args)) + "\r\n")
	for _, a := range args {
		b.WriteString("$" + strconv.Itoa(len(a)) + "\r\n" + a + "\r\n")
	}
	return b.String()
}
