package executor

import "testing"

// TestZSetChangesReplay: what each sorted set command tells the
// append-only file. A new key is Put whole; an in-place change is one
// command that redoes it exactly (ZADD as it came, an increment as the
// score it made, a pop as ZPOPMIN/ZPOPMAX with its count); a set left
// empty is deleted; a command that changes nothing says nothing.
func TestZSetChangesReplay(t *testing.T) {
	do, changes := setSession(t) // set_test.go: a session whose changes are recorded
	checkChanges(t, do, changes, []changeCase{
		{"ZADD z 1 a 2 b 3 c", ":3\r\n", []string{"put z"}},
		{"ZADD z GT CH 0 a 9 b", ":1\r\n", []string{"ZADD z GT CH 0 a 9 b"}},
		{"ZADD z NX 5 a", ":0\r\n", nil},
		{"ZADD nokey XX 1 a", ":0\r\n", nil},
		{"ZINCRBY z 0.1 a", "$18\r\n1.1000000000000001\r\n", []string{"zadd z 1.1000000000000001 a"}},
		{"ZADD z INCR -1 c", "$1\r\n2\r\n", []string{"zadd z 2 c"}},
		{"ZADD z INCR GT -1 c", "$-1\r\n", nil},
		{"ZREM z nosuch", ":0\r\n", nil},
		{"ZREM z c nosuch", ":1\r\n", []string{"zrem z c"}},
		{"ZPOPMIN z", "*2\r\n$1\r\na\r\n$18\r\n1.1000000000000001\r\n", []string{"zpopmin z 1"}},
		{"ZADD p 1 x 2 y 3 w", ":3\r\n", []string{"put p"}},
		{"ZMPOP 2 nokey p MAX COUNT 2", "*2\r\n$1\r\np\r\n*2\r\n*2\r\n$1\r\nw\r\n$1\r\n3\r\n*2\r\n$1\r\ny\r\n$1\r\n2\r\n",
			[]string{"zpopmax p 2"}},
		{"ZREMRANGEBYSCORE p 5 9", ":0\r\n", nil},
		{"ZREMRANGEBYRANK p 0 -1", ":1\r\n", []string{"del p"}},
		{"ZUNIONSTORE u 1 z", ":1\r\n", []string{"put u"}},
		{"ZRANGESTORE u nokey 0 -1", ":0\r\n", []string{"del u"}},
		{"ZRANGESTORE u nokey 0 -1", ":0\r\n", nil},
		{"ZPOPMAX z 5", "*2\r\n$1\r\nb\r\n$1\r\n9\r\n", []string{"del z"}},
	})
}

// TestZSetLimitsAreLive: zset-max-listpack-entries and -value decide the
// encoding of sets that grow after they change; sets already converted
// stay as they are.
func TestZSetLimitsAreLive(t *testing.T) {
	ex := newExecutor()
	s := ex.NewSession(nil)
	do := func(req string) string {
		_, out, _ := s.Handle([]byte(req+"\r\n"), nil)
		return string(out)
	}
	ex.SetZSetLimits(2, 64)
	do("ZADD a 1 x 2 y")
	do("ZADD b 1 x 2 y 3 z")
	ex.SetZSetLimits(128, 3)
	do("ZADD c 1 abcd")
	do("ZREM b z")
	for key, want := range map[string]string{"a": "listpack", "b": "skiplist", "c": "skiplist"} {
		if got := do("OBJECT ENCODING " + key); got != "$"+itoa(int64(len(want)))+"\r\n"+want+"\r\n" {
			t.Errorf("%s: OBJECT ENCODING %q, want %s", key, got, want)
		}
	}
}
