package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writeConfig writes a config file in a test directory and returns its path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "redis-lite.conf")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// startWithConfig runs the daemon in the test process on the config file
// at path, with the command line's settings after it (they override the
// file's).
func startWithConfig(t *testing.T, path string, args ...string) *daemon {
	t.Helper()
	d := runInProcess(t, append([]string{path}, args...)...)
	d.waitListening()
	return d
}

// configGet is CONFIG GET name's value, over the plaintext protocol.
func (c *client) configGet(name string) string {
	c.t.Helper()
	c.send("CONFIG GET " + name + "\n")
	first := c.line()
	if first == "(empty array)" {
		return "(none)"
	}
	return strings.TrimPrefix(c.line(), "2) ")
}

// TestE2EConfigFile: a file in redis.conf syntax sets the daemon up:
// comments, blank lines, quotes and memory units as in Redis; a setting
// given again on the command line overrides the file's.
func TestE2EConfigFile(t *testing.T) {
	path := writeConfig(t, `# redis-lite test configuration
port 6399

maxmemory 64mb
   timeout 120
maxclients 5000
MAXCLIENTS 4000
requirepass "pass word"
appendfsync 'always'
client-output-buffer-limit pubsub 16mb 0 0
`)
	d := startWithConfig(t, path, "--port", "0", "--maxclients", "3000")
	c := d.dial()
	if got := c.do("AUTH \"pass word\""); got != "OK" {
		t.Fatalf("AUTH with the file's password: %q", got)
	}
	for name, want := range map[string]string{
		"maxmemory":                  "67108864",
		"timeout":                    "120",
		"maxclients":                 "3000", // the command line wins
		"appendfsync":                "always",
		"client-output-buffer-limit": "normal 268435456 0 0 slave 268435456 67108864 60 pubsub 16777216 0 0",
	} {
		if got := c.configGet(name); got != want {
			t.Errorf("CONFIG GET %s = %q, want %q", name, got, want)
		}
	}
}

// TestE2EConfigFileErrors: a bad line in the file stops the start with
// Redis's fatal config error, naming the line as redis-server does
// (compared byte for byte), and exit status 1; so does a file that
// cannot be read.
func TestE2EConfigFileErrors(t *testing.T) {
	server := referenceServer(t)
	for _, tc := range []struct {
		name, text string
		args       []string
	}{
		{"unknown directive", "# comment\nport 6390\nfoo bar\n", nil},
		{"bad value", "\n\nmaxmemory lots\n", nil},
		{"wrong word count", "timeout 1 2\n", nil},
		{"unbalanced quotes", "requirepass \"abc\n", nil},
		{"the command line's line numbers follow the file's", "port 6390\n", []string{"--maxclients", "0"}},
		{"no newline at the end", "port 6390", []string{"--timeout", "x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeConfig(t, tc.text)
			args := append([]string{path}, tc.args...)
			d := launchCmd(t, daemonBinary, args...)
			if status := d.wait(); status != 1 {
				t.Fatalf("exit status %d, want 1; output %q", status, d.log)
			}
			if server == "" {
				return
			}
			want, _ := exec.Command(server, args...).CombinedOutput()
			if got := d.log.String(); got != string(want) {
				t.Fatalf("redis-lite said\n%q\nredis-server said\n%q", got, want)
			}
		})
	}
	d := launchCmd(t, daemonBinary, filepath.Join(t.TempDir(), "missing.conf"))
	if status := d.wait(); status != 1 || !strings.Contains(d.log.String(), "Fatal error, can't open config file '") ||
		!strings.Contains(d.log.String(), "missing.conf': No such file or directory") {
		t.Fatalf("a missing file: exit %d, output %q", d.status, d.log)
	}
}
