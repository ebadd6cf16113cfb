package main

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// respValue is one parsed RESP2 (or RESP3) reply, kept so that it can be written
// back byte for byte after a comparison has set aside what may differ.
type respValue struct {
	kind  byte // '+', '-', ':', '$', '*'
	text  string
	null  bool
	elems []respValue
}

func readValue(r *bufio.Reader) (respValue, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return respValue{}, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return respValue{}, fmt.Errorf("empty reply line")
	}
	v := respValue{kind: line[0], text: line[1:]}
	switch v.kind {
	case '$', '*', '%', '~', '>', '|', '=', '!': // RESP3's aggregates and blobs too
		n, err := strconv.Atoi(v.text)
		if err != nil {
			return v, fmt.Errorf("bad length %q", line)
		}
		if n < 0 {
			v.null = true
			return v, nil
		}
		if v.kind == '%' || v.kind == '|' {
			n *= 2 // a map's pairs
		}
		if v.kind == '$' || v.kind == '=' || v.kind == '!' {
			buf := make([]byte, n+2)
			if _, err := io.ReadFull(r, buf); err != nil {
				return v, err
			}
			v.text = string(buf[:n])
			return v, nil
		}
		for i := 0; i < n; i++ {
			e, err := readValue(r)
			if err != nil {
				return v, err
			}
			v.elems = append(v.elems, e)
		}
	}
	return v, nil
}

func (v respValue) encode() string {
	switch {
	case v.null:
		return string(v.kind) + "-1\r\n"
	case v.kind == '$' || v.kind == '=' || v.kind == '!':
		return fmt.Sprintf("%c%d\r\n%s\r\n", v.kind, len(v.text), v.text)
	case v.kind == '*' || v.kind == '%' || v.kind == '~' || v.kind == '>' || v.kind == '|':
		var b strings.Builder
		n := len(v.elems)
		if v.kind == '%' || v.kind == '|' {
			n /= 2
		}
		fmt.Fprintf(&b, "%c%d\r\n", v.kind, n)
		for _, e := range v.elems {
			b.WriteString(e.encode())
		}
		return b.String()
	}
	return string(v.kind) + v.text + "\r\n"
}

// ask sends each request on one connection and returns the parsed
// replies, in order.
func ask(t *testing.T, addr string, requests ...[]string) []respValue {
	t.Helper()
	var in strings.Builder
	for _, req := range requests {
		in.WriteString(respRequest(req...))
	}
	in.WriteString(respRequest("QUIT"))
	out, err := exchange(t, addr, in.String(), false)
	if err != nil {
		t.Fatalf("%s: %v", addr, err)
	}
	r := bufio.NewReader(strings.NewReader(out))
	replies := make([]respValue, len(requests))
	for i := range replies {
		if replies[i], err = readValue(r); err != nil {
			t.Fatalf("%s: reply %d of %d to %v: %v", addr, i+1, len(requests), requests[i], err)
		}
	}
	return replies
}

// newerThanRedis7015 are commands this daemon has that Redis 7.0.15 does
// not (CLIENT SETINFO is Redis 7.2's, and client libraries send it).
var newerThanRedis7015 = map[string]bool{"client|setinfo": true}

// ourCommandNames are every command and subcommand the daemon lists.
func ourCommandNames(t *testing.T, addr string) []string {
	t.Helper()
	var names []string
	for _, v := range ask(t, addr, []string{"COMMAND", "LIST"})[0].elems {
		names = append(names, v.text)
	}
	if len(names) < 50 {
		t.Fatalf("COMMAND LIST: only %d names", len(names))
	}
	return names
}

// COMMAND INFO and COMMAND DOCS say about each of the daemon's commands
// what Redis 7.0.15 says, byte for byte, except what is ours by design: the
// summaries and history notes (our own words), and the order of a
// container's subcommands (hash order in Redis; each subcommand is
// compared on its own).
func TestCommandMetadataMatchesRedis(t *testing.T) {
	redis := startRedisServer(t)
	lite := startDaemon(t).addr
	names := ourCommandNames(t, lite)
	var info, docs [][]string
	for _, n := range names {
		info = append(info, []string{"COMMAND", "INFO", n})
		docs = append(docs, []string{"COMMAND", "DOCS", n})
	}
	refInfo, ourInfo := ask(t, redis, info...), ask(t, lite, info...)
	refDocs, ourDocs := ask(t, redis, docs...), ask(t, lite, docs...)
	for i, n := range names {
		if refInfo[i].elems[0].null {
			if !newerThanRedis7015[n] {
				t.Errorf("%s: Redis 7.0.15 has no such command", n)
			}
			continue
		}
		if got, want := withoutSubcommandInfo(ourInfo[i]).encode(), withoutSubcommandInfo(refInfo[i]).encode(); got != want {
			t.Errorf("COMMAND INFO %s:\n%q\nRedis:\n%q", n, got, want)
		}
		if got, want := comparableDocs(ourDocs[i]).encode(), comparableDocs(refDocs[i]).encode(); got != want {
			t.Errorf("COMMAND DOCS %s:\n%q\nRedis:\n%q", n, got, want)
		}
	}
	// Commands without subcommands need no setting aside at all.
	exact := [][]string{{"COMMAND", "INFO", "get", "set"}}
	if got, want := ask(t, lite, exact...)[0].encode(), ask(t, redis, exact...)[0].encode(); got != want {
		t.Errorf("COMMAND INFO get set:\n%q\nRedis:\n%q", got, want)
	}
}

// withoutSubcommandInfo is a COMMAND INFO reply with each entry's list of
// subcommands emptied.
func withoutSubcommandInfo(v respValue) respValue {
	out := v
	out.elems = nil
	for _, e := range v.elems {
		if !e.null && len(e.elems) == 10 {
			e.elems = append([]respValue(nil), e.elems...)
			e.elems[9] = respValue{kind: '*'}
		}
		out.elems = append(out.elems, e)
	}
	return out
}

// comparableDocs is a COMMAND DOCS reply with each command's summary and
// history notes blanked and its subcommands left out.
func comparableDocs(v respValue) respValue {
	out := respValue{kind: '*'}
	for i := 0; i+1 < len(v.elems); i += 2 {
		doc := respValue{kind: '*'}
		fields := v.elems[i+1].elems
		for j := 0; j+1 < len(fields); j += 2 {
			key, value := fields[j], fields[j+1]
			switch key.text {
			case "subcommands":
				continue
			case "summary":
				value = respValue{kind: '$'}
			case "history":
				value = blankHistory(value)
			}
			doc.elems = append(doc.elems, key, value)
		}
		out.elems = append(out.elems, v.elems[i], doc)
	}
	return out
}

func blankHistory(v respValue) respValue {
	out := respValue{kind: '*'}
	for _, h := range v.elems {
		out.elems = append(out.elems, respValue{kind: '*', elems: []respValue{h.elems[0], {kind: '$'}}})
	}
	return out
}

// COMMAND COUNT, COMMAND and COMMAND LIST agree with one another, and
// every filter of COMMAND LIST picks, among the daemon's commands, the
// ones Redis picks.
func TestCommandListMatchesRedis(t *testing.T) {
	redis := startRedisServer(t)
	lite := startDaemon(t).addr
	names := ourCommandNames(t, lite)
	ours := map[string]bool{}
	topLevel := 0
	for _, n := range names {
		ours[n] = true
		if !strings.Contains(n, "|") {
			topLevel++
		}
	}
	r := ask(t, lite, []string{"COMMAND", "COUNT"}, []string{"COMMAND"}, []string{"COMMAND", "INFO"})
	if r[0].text != strconv.Itoa(topLevel) || len(r[1].elems) != topLevel || r[2].encode() != r[1].encode() {
		t.Errorf("COMMAND COUNT %s, COMMAND %d entries, COMMAND LIST %d top-level names; COMMAND INFO same as COMMAND: %v",
			r[0].text, len(r[1].elems), topLevel, r[2].encode() == r[1].encode())
	}
	filters := [][]string{
		{"ACLCAT", "string"}, {"ACLCAT", "READ"}, {"ACLCAT", "write"}, {"ACLCAT", "keyspace"}, {"ACLCAT", "connection"},
		{"ACLCAT", "pubsub"}, {"ACLCAT", "admin"}, {"ACLCAT", "dangerous"}, {"ACLCAT", "fast"}, {"ACLCAT", "slow"},
		{"ACLCAT", "nosuch"}, {"PATTERN", "config*"}, {"PATTERN", "CL*"}, {"PATTERN", "*|help"}, {"PATTERN", "?et"},
		{"MODULE", "nosuch"},
	}
	var requests [][]string
	for _, f := range filters {
		requests = append(requests, append([]string{"COMMAND", "LIST", "FILTERBY"}, f...))
	}
	refLists, ourLists := ask(t, redis, requests...), ask(t, lite, requests...)
	for i, f := range filters {
		var want, got []string
		for _, v := range refLists[i].elems {
			if ours[v.text] {
				want = append(want, v.text)
			}
		}
		for _, v := range ourLists[i].elems {
			if !newerThanRedis7015[v.text] {
				got = append(got, v.text)
			}
		}
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("COMMAND LIST FILTERBY %v:\n%v\nRedis, among ours:\n%v", f, got, want)
		}
	}
}

// COMMAND GETKEYS and GETKEYSANDFLAGS answer as Redis, errors included,
// in both I/O models.
func TestCommandGetKeysMatchesRedis(t *testing.T) {
	redis := startRedisServer(t)
	requests := [][]string{
		{"COMMAND", "GETKEYS", "get", "k"}, {"COMMAND", "GETKEYS", "SET", "k", "v", "EX", "10"},
		{"COMMAND", "GETKEYS", "mset", "a", "1", "b", "2"}, {"COMMAND", "GETKEYS", "mset", "a", "1", "b"},
		{"COMMAND", "GETKEYS", "del", "a", "b", "c"}, {"COMMAND", "GETKEYS", "rename", "a", "b"},
		{"COMMAND", "GETKEYSANDFLAGS", "set", "k", "v"}, {"COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "get"},
		{"COMMAND", "GETKEYSANDFLAGS", "getex", "k", "persist"}, {"COMMAND", "GETKEYSANDFLAGS", "renamenx", "a", "b"},
		{"COMMAND", "GETKEYSANDFLAGS", "msetnx", "a", "1", "b", "2"}, {"COMMAND", "GETKEYSANDFLAGS", "expire", "k", "1"},
		{"COMMAND", "GETKEYS", "nosuch", "a"}, {"COMMAND", "GETKEYS", "config", "nosuch"},
		{"COMMAND", "GETKEYS", "ping", "a"}, {"COMMAND", "GETKEYS", "config", "get", "a"},
		{"COMMAND", "GETKEYS", "get", "a", "b"}, {"COMMAND", "GETKEYS", "set", "a"}, {"COMMAND", "GETKEYS", "get"},
		{"COMMAND", "GETKEYSANDFLAGS", "get"}, {"COMMAND", "GETKEYS"},
		{"COMMAND", "GETKEYS", "lmpop", "2", "a", "b", "left"}, {"COMMAND", "GETKEYS", "lmpop", "0", "a", "left"},
		{"COMMAND", "GETKEYS", "lmpop", "5", "a", "left"}, {"COMMAND", "GETKEYS", "lmpop", "x", "a", "left"},
		{"COMMAND", "GETKEYSANDFLAGS", "blmpop", "0", "2", "a", "b", "left"}, {"COMMAND", "GETKEYS", "blmpop", "0", "9", "a", "left"},
		{"COMMAND", "GETKEYSANDFLAGS", "blpop", "a", "b", "0"}, {"COMMAND", "GETKEYSANDFLAGS", "lmove", "a", "b", "left", "right"},
	}
	want := ask(t, redis, requests...)
	eachModel(t, func(t *testing.T, model string) {
		got := ask(t, startDaemon(t, "--io", model).addr, requests...)
		for i := range requests {
			if got[i].encode() != want[i].encode() {
				t.Errorf("%v: %q, Redis %q", requests[i], got[i].encode(), want[i].encode())
			}
		}
	})
}

// redis-cli 7.0 builds its help, hints and completion from COMMAND DOCS:
// its help for a command reads as against redis-server, but for the
// summary line, which is in our words.
func TestRedisCliHelpMatchesRedis(t *testing.T) {
	cli, err := exec.LookPath("redis-cli")
	needTool(t, "needs redis-cli (apt-get install redis-tools)", err == nil)
	redis := startRedisServer(t)
	lite := startDaemon(t).addr
	help := func(addr string, topic ...string) string {
		host, port, _ := strings.Cut(addr, ":")
		out, err := exec.Command(cli, append([]string{"-h", host, "-p", port, "help"}, topic...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("redis-cli help %v: %v\n%s", topic, err, out)
		}
		return summaryLine.ReplaceAllString(string(out), "${1}...")
	}
	for _, topic := range [][]string{{"set"}, {"get"}, {"GETEX"}, {"client", "setname"}, {"config", "get"}, {"scan"}} {
		got, want := help(lite, topic...), help(redis, topic...)
		if got != want || !strings.Contains(got, "since:") {
			t.Errorf("help %v:\n%q\nredis-server:\n%q", topic, got, want)
		}
	}
	// A group lists the daemon's commands in it; each reads as Redis's.
	got, want := help(lite, "@string"), help(redis, "@string")
	entries := strings.Split(got, "\r\n\r\n")
	if len(entries) < 10 {
		t.Fatalf("help @string: %q", got)
	}
	for _, entry := range entries {
		if !strings.Contains(want, strings.TrimSpace(entry)) {
			t.Errorf("help @string: %q is not in redis-server's help", entry)
		}
	}
}

var summaryLine = regexp.MustCompile(`(summary:\x1b\[0m ).*`)
