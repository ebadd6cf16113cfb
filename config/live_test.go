package config

import (
	"errors"
	"reflect"
	"testing"
)

// The texts are Redis 7.0.15's configSetCommand's.
func TestSetErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"nosuch", "1"}, "Unknown option or number of arguments for CONFIG SET - 'nosuch'"},
		{[]string{"timeout", "1", "nosuch", "1", "other", "2"}, "Unknown option or number of arguments for CONFIG SET - 'nosuch'"},
		{[]string{"TCP-Backlog", "1"}, "CONFIG SET failed (possibly related to argument 'TCP-Backlog') - can't set immutable config"},
		{[]string{"tcp-backlog", "1", "nosuch", "1"}, "CONFIG SET failed (possibly related to argument 'tcp-backlog') - can't set immutable config"},
		{[]string{"nosuch", "1", "tcp-backlog", "1"}, "Unknown option or number of arguments for CONFIG SET - 'nosuch'"},
		{[]string{"dir", "/tmp"}, "CONFIG SET failed (possibly related to argument 'dir') - can't set protected config"},
		{[]string{"timeout", "1", "TIMEOUT", "2"}, "CONFIG SET failed (possibly related to argument 'TIMEOUT') - duplicate parameter"},
		{[]string{"Timeout", "-1"}, "CONFIG SET failed (possibly related to argument 'timeout') - argument must be between 0 and 2147483647 inclusive"},
		{[]string{"maxmemory", "lots"}, "CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value"},
		{[]string{"timeout", "5", "maxclients", "x"}, "CONFIG SET failed (possibly related to argument 'maxclients') - argument couldn't be parsed into an integer"},
		{[]string{"protected-mode", "maybe"}, "CONFIG SET failed (possibly related to argument 'protected-mode') - argument must be 'yes' or 'no'"},
		{[]string{"daemonize", "yes"}, "CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config"},
		{[]string{"maxmemory", "1mb", "PORT", "65536"}, "CONFIG SET failed (possibly related to argument 'port') - argument must be between 0 and 65535 inclusive"},
	} {
		l := NewLive(Defaults(), "")
		err := l.Set(tc.args)
		var se *SetError
		if !errors.As(err, &se) || err.Error() != tc.want {
			t.Errorf("Set(%q) = %v\nwant %s", tc.args, err, tc.want)
		}
		if !reflect.DeepEqual(l.Values(), Defaults()) {
			t.Errorf("Set(%q) failed but changed values", tc.args)
		}
	}
}

// A hook that fails undoes the whole CONFIG SET: the values stay, and the
// hooks that already ran run again with the old values.
func TestSetAllOrNothing(t *testing.T) {
	l := NewLive(Defaults(), "")
	var applied []string
	l.OnSet("timeout", func(v Values) error { applied = append(applied, "timeout="+v["timeout"]); return nil })
	l.OnSet("maxclients", func(v Values) error {
		if v.Int("maxclients") > 100 {
			return errors.New("too many")
		}
		applied = append(applied, "maxclients="+v["maxclients"])
		return nil
	})
	err := l.Set([]string{"timeout", "30", "maxclients", "500"})
	if err == nil || err.Error() != "CONFIG SET failed (possibly related to argument 'maxclients') - too many" {
		t.Fatalf("Set: %v", err)
	}
	if want := []string{"timeout=30", "timeout=0"}; !reflect.DeepEqual(applied, want) {
		t.Fatalf("hooks ran %q, want %q (applied, then rolled back)", applied, want)
	}
	if v := l.Values(); v["timeout"] != "0" || v["maxclients"] != "10000" {
		t.Fatalf("values after a failed Set: timeout %s, maxclients %s", v["timeout"], v["maxclients"])
	}

	applied = nil
	if err := l.Set([]string{"timeout", "30", "maxclients", "50", "maxmemory", "0"}); err != nil {
		t.Fatal(err)
	}
	// maxmemory did not change, so nothing was applied for it.
	if want := []string{"timeout=30", "maxclients=50"}; !reflect.DeepEqual(applied, want) {
		t.Fatalf("hooks ran %q, want %q", applied, want)
	}
	if v := l.Values(); v["timeout"] != "30" || v["maxclients"] != "50" {
		t.Fatalf("values after Set: %v", v)
	}
}

func TestSetMemoryAndSave(t *testing.T) {
	l := NewLive(Defaults(), "")
	if err := l.Set([]string{"maxmemory", "100MB", "save", ""}); err != nil {
		t.Fatal(err)
	}
	v := l.Values()
	if v["maxmemory"] != "104857600" || v["save"] != "" {
		t.Fatalf("got %v", v)
	}
}

// Hidden settings are in Params, marked, and Get answers them by name in
// any case; the password is not hidden (Redis's CONFIG GET shows it).
func TestParamsAndGet(t *testing.T) {
	l := NewLive(Defaults(), "")
	if err := l.Set([]string{"requirepass", "secret"}); err != nil {
		t.Fatal(err)
	}
	hidden := map[string]bool{}
	for _, p := range l.Params() {
		hidden[p.Name] = p.Hidden
	}
	if len(hidden) != len(Table)+aliases() || hidden["requirepass"] || !hidden["io"] || hidden["maxmemory"] {
		t.Fatalf("Params' hidden flags: %v", hidden)
	}
	if err := l.Set([]string{"list-max-ziplist-size", "7"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := l.Get("list-max-listpack-size"); v != "7" {
		t.Fatalf("list-max-listpack-size is %q after setting its alias to 7", v)
	}
	if v, ok := l.Get("RequirePass"); !ok || v != "secret" {
		t.Fatalf("Get(RequirePass) = %q, %v", v, ok)
	}
	if v, ok := l.Get("IO"); !ok || v != "threads" {
		t.Fatalf("Get(IO) = %q, %v", v, ok)
	}
	if _, ok := l.Get("nosuch"); ok {
		t.Fatal("Get(nosuch) found it")
	}
}

func aliases() int {
	n := 0
	for _, s := range Table {
		if s.Alias != "" {
			n++
		}
	}
	return n
}

// An alias is the setting under another name: set through one, read
// through either, listed by CONFIG GET as both.
func TestAliasIsTheSameSetting(t *testing.T) {
	l := NewLive(Defaults(), "")
	if err := l.Set([]string{"HASH-MAX-ZIPLIST-ENTRIES", "7"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"hash-max-listpack-entries", "hash-max-ziplist-entries"} {
		if v, ok := l.Get(name); !ok || v != "7" {
			t.Fatalf("Get(%s) = %q, %v", name, v, ok)
		}
	}
	listed := 0
	for _, p := range l.Params() {
		if p.Name == "hash-max-ziplist-entries" && p.Value == "7" {
			listed++
		}
	}
	if listed != 1 {
		t.Fatalf("Params lists the alias %d times with its value", listed)
	}
	if v, err := Parse("hash-max-ziplist-value 1k\n"); err != nil || v["hash-max-listpack-value"] != "1000" {
		t.Fatalf("a config line by the alias: %v, %v", v["hash-max-listpack-value"], err)
	}
}

// The sorted set limits have their ziplist aliases too.
func TestZSetAliases(t *testing.T) {
	l := NewLive(Defaults(), "")
	if err := l.Set([]string{"ZSET-MAX-ZIPLIST-ENTRIES", "7"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := l.Get("zset-max-listpack-entries"); v != "7" {
		t.Fatalf("zset-max-listpack-entries = %q after setting its alias", v)
	}
	values := map[string]string{}
	for _, p := range l.Params() {
		values[p.Name] = p.Value
	}
	if values["zset-max-ziplist-entries"] != "7" || values["zset-max-listpack-value"] != "64" || values["zset-max-ziplist-value"] != "64" {
		t.Fatalf("Params: %v", values)
	}
}

// A hook may settle a value (port 0: the port the kernel chose): CONFIG
// GET then shows what it settled on.
func TestSetHookSettlesValue(t *testing.T) {
	l := NewLive(Defaults(), "")
	l.OnSet("port", func(v Values) error {
		if v["port"] == "0" {
			v["port"] = "40001"
		}
		return nil
	})
	if err := l.Set([]string{"port", "0"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := l.Get("port"); got != "40001" {
		t.Fatalf("port after CONFIG SET port 0: %s", got)
	}
}
