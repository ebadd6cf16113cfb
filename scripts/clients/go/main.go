// Command clientmatrix runs the checks of scripts/clients.sh with one of the
// Go client libraries, against a server given by -addr, and prints one line
// per check: "NAME<TAB>pass|fail<TAB>reason".
//
// It is a module of its own (scripts/clients/go/go.mod) rather than a set of
// test-only dependencies of the daemon's module: the daemon's go.mod stays
// free of client libraries and their transitive dependencies, `go test ./...`
// and the linters of the daemon do not build them, and the client versions
// can move without touching the daemon's dependency graph.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A check is one named step; run returns nil when everything it read back
// was what it wrote or expected.
type check struct {
	name string
	run  func(ctx context.Context) error
}

// A library builds its checks for one server address. The first check is
// "connect"; when it fails, the others are reported as not run.
type library func(addr string, prefix string) (checks []check, closeAll func())

var libraries = map[string]library{
	"rueidis":   rueidisChecks,
	"redigo":    redigoChecks,
	"go-redis3": func(addr, prefix string) ([]check, func()) { return goRedisChecks(addr, prefix, 3) },
	"go-redis2": func(addr, prefix string) ([]check, func()) { return goRedisChecks(addr, prefix, 2) },
}

// checkTimeout bounds every check; a check that does not finish in time is
// a failure, and the next check runs.
const checkTimeout = 10 * time.Second

func main() {
	addr := flag.String("addr", "127.0.0.1:6379", "server address")
	name := flag.String("client", "", "rueidis, redigo, go-redis3 or go-redis2")
	flag.Parse()
	lib, ok := libraries[*name]
	if !ok {
		fmt.Fprintf(os.Stderr, "clientmatrix: unknown -client %q\n", *name)
		os.Exit(2)
	}
	checks, closeAll := lib(*addr, "matrix:"+*name+":")
	connected := true
	for _, c := range checks {
		if !connected {
			report(c.name, errors.New("not run: connect failed"))
			continue
		}
		err := runBounded(c)
		report(c.name, err)
		if c.name == "connect" && err != nil {
			connected = false
		}
	}
	// Closing may wait on a server that never answered; do not let it
	// hold the process.
	done := make(chan struct{})
	go func() { closeAll(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
}

func runBounded(c check) error {
	ctx, cancel := context.WithTimeout(context.Background(), checkTimeout)
	defer cancel()
	result := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				result <- fmt.Errorf("panic: %v", r)
			}
		}()
		result <- c.run(ctx)
	}()
	select {
	case err := <-result:
		return err
	case <-ctx.Done():
		return fmt.Errorf("timed out after %s", checkTimeout)
	}
}

func report(name string, err error) {
	if err == nil {
		fmt.Printf("%s\tpass\t\n", name)
		return
	}
	// One line per check: the reason must not break the table.
	reason := strings.Join(strings.Fields(err.Error()), " ")
	fmt.Printf("%s\tfail\t%s\n", name, reason)
}

// --- what the checks compare --------------------------------------------------

// everyByte is the binary value: each byte 0..255 once.
func everyByte() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

func wantEqual[T comparable](what string, got, want T) error {
	if got != want {
		return fmt.Errorf("%s: got %v, want %v", what, got, want)
	}
	return nil
}

func wantBytes(what string, got, want []byte) error {
	if !bytes.Equal(got, want) {
		return fmt.Errorf("%s: got %d bytes %q, want %d bytes", what, len(got), truncate(got), len(want))
	}
	return nil
}

func truncate(b []byte) []byte {
	if len(b) > 32 {
		return b[:32]
	}
	return b
}

// wantError: err is a server error whose text has want (libraries differ on
// keeping the "ERR " prefix).
func wantError(what string, err error, want string) error {
	if err == nil || !strings.Contains(err.Error(), want) {
		return fmt.Errorf("%s: got error %v, want %q", what, err, want)
	}
	return nil
}

// wantTTL: a TTL in seconds set to at most max a moment ago is in (0, max].
func wantTTL(what string, got, max int64) error {
	if got <= 0 || got > max {
		return fmt.Errorf("%s: TTL %d, want 1..%d", what, got, max)
	}
	return nil
}

// eventually polls cond until it reports true, an error, or ctx ends.
func eventually(ctx context.Context, what string, cond func() (bool, error)) error {
	var last error
	for {
		ok, err := cond()
		if err == nil && ok {
			return nil
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			if last != nil {
				return fmt.Errorf("%s: not within the deadline (last error: %v)", what, last)
			}
			return fmt.Errorf("%s: not within the deadline", what)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// helloProto finds "proto" in a HELLO reply, as a map or a flat list.
func helloProto(reply any) (int64, error) {
	switch r := reply.(type) {
	case map[any]any:
		return asInt(r["proto"])
	case map[string]any:
		return asInt(r["proto"])
	case []any:
		for i := 0; i+1 < len(r); i += 2 {
			if k, _ := asString(r[i]); k == "proto" {
				return asInt(r[i+1])
			}
		}
	}
	return 0, fmt.Errorf("HELLO reply without proto: %v", reply)
}

func asInt(v any) (int64, error) {
	if n, ok := v.(int64); ok {
		return n, nil
	}
	return 0, fmt.Errorf("not an integer: %v (%T)", v, v)
}

func asString(v any) (string, bool) {
	switch s := v.(type) {
	case string:
		return s, true
	case []byte:
		return string(s), true
	}
	return "", false
}

// reconnect: the server closes the client's connection (CLIENT KILL ID of
// its own id, SKIPME no); the library must then serve commands again on a
// new connection, by itself or after a failed call or two.
func reconnect(ctx context.Context, clientID func() (int64, error), kill func(int64) (int64, error), get func() (string, error)) error {
	id, err := clientID()
	if err != nil {
		return err
	}
	killed, err := kill(id)
	if err != nil {
		return fmt.Errorf("CLIENT KILL: %v", err)
	}
	if err := wantEqual("CLIENT KILL", killed, int64(1)); err != nil {
		return err
	}
	// The first calls after the kill may fail (the library learns of the
	// closed connection); both must succeed on the new one.
	var got string
	var after int64
	if err := eventually(ctx, "GET and CLIENT ID after the kill", func() (bool, error) {
		if got, err = get(); err != nil {
			return false, err
		}
		after, err = clientID()
		return err == nil, err
	}); err != nil {
		return err
	}
	if err := wantEqual("GET after the kill", got, "hello"); err != nil {
		return err
	}
	if after == id {
		return fmt.Errorf("still connection %d after it was killed", id)
	}
	return nil
}

// pipelineSize is the number of commands sent in one pipeline.
const pipelineSize = 1000

// --- lists and hashes ----------------------------------------------------------

// listValues are what the list check pushes: text and the binary value.
func listValues() []string { return []string{"a", "b", string(everyByte()), "c"} }

// hashValues are what the hash check sets: text, the binary value and a
// number for HINCRBY.
func hashValues() map[string]string {
	return map[string]string{"name": "redis-lite", "bin": string(everyByte()), "n": "10"}
}

// anySlice: the values as a library's variadic ...any arguments.
func anySlice(values []string) []any {
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	return args
}

// hashFields flattens hashValues into field, value pairs for HSET.
func hashFields() []any {
	var pairs []any
	for _, f := range slices.Sorted(maps.Keys(hashValues())) {
		pairs = append(pairs, f, hashValues()[f])
	}
	return pairs
}

// blockTimeout bounds the BLPOP that waits for another connection's push:
// well under checkTimeout, so a lost wake-up fails as a nil reply.
const blockTimeout = 5 * time.Second

// pushedElement is what the other connection pushes to the waiting BLPOP.
const pushedElement = "job"

func wantStrings(what string, got, want []string) error {
	if !slices.Equal(got, want) {
		return fmt.Errorf("%s: got %s, want %s", what, quoteAll(got), quoteAll(want))
	}
	return nil
}

func wantMap(what string, got, want map[string]string) error {
	if !maps.Equal(got, want) {
		return fmt.Errorf("%s: got %s, want %s", what, quoteMap(got), quoteMap(want))
	}
	return nil
}

func quoteAll(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(string(truncate([]byte(v))))
	}
	return "[" + strings.Join(quoted, " ") + "]"
}

func quoteMap(m map[string]string) string {
	var pairs []string
	for _, f := range slices.Sorted(maps.Keys(m)) {
		pairs = append(pairs, strconv.Quote(f)+":"+strconv.Quote(string(truncate([]byte(m[f])))))
	}
	return "{" + strings.Join(pairs, " ") + "}"
}

// blockedClients is blocked_clients from the text of INFO clients.
func blockedClients(info string) (int64, error) {
	for line := range strings.Lines(info) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "blocked_clients:"); ok {
			return strconv.ParseInt(v, 10, 64)
		}
	}
	return 0, fmt.Errorf("INFO clients without blocked_clients")
}

// popPushed: pop runs a BLPOP (timeout blockTimeout) of key, an empty list,
// on a connection of its own. Once the server counts it as blocked (INFO,
// read by info), push adds pushedElement from another connection, and the
// BLPOP must return it: the push woke the waiting client.
func popPushed(ctx context.Context, key string, pop func() ([]string, error), info func() (string, error), push func() error) error {
	type popped struct {
		reply []string
		err   error
	}
	result := make(chan popped, 1)
	go func() {
		reply, err := pop()
		result <- popped{reply, err}
	}()
	var early *popped
	err := eventually(ctx, "BLPOP counted in blocked_clients", func() (bool, error) {
		select {
		case r := <-result:
			early = &r
			return true, nil
		default:
		}
		text, err := info()
		if err != nil {
			return false, err
		}
		n, err := blockedClients(text)
		return n > 0, err
	})
	if err != nil {
		return err
	}
	if early != nil {
		return fmt.Errorf("BLPOP of an empty list returned before any push: %s %v", quoteAll(early.reply), early.err)
	}
	if err := push(); err != nil {
		return fmt.Errorf("the other connection's RPUSH: %v", err)
	}
	select {
	case r := <-result:
		if r.err != nil {
			return fmt.Errorf("BLPOP: %v", r.err)
		}
		return wantStrings("BLPOP", r.reply, []string{key, pushedElement})
	case <-ctx.Done():
		return errors.New("BLPOP: no reply after the push")
	}
}
