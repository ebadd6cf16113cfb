package executor

import "testing"

const (
	errOffsetRESP = "-ERR bit offset is not an integer or out of range\r\n"
	errSyntaxRESP = "-ERR syntax error\r\n"
)

func TestSetBitAndGetBit(t *testing.T) {
	runRESPSteps(t, newExecutor(), []respStep{
		{"SETBIT b 7 1", ":0\r\n"},
		{"SETBIT b 7 1", ":1\r\n"},
		{"GET b", "$1\r\n\x01\r\n"},
		{"SETBIT b 8 0", ":0\r\n"}, // grows the string even when clearing
		{"STRLEN b", ":2\r\n"},
		{"SETBIT b -1 1", errOffsetRESP},
		{"SETBIT b 4294967296 1", errOffsetRESP}, // byte 512 MB: past the limit
		{"SETBIT b 1 2", "-ERR bit is not an integer or out of range\r\n"},
		{"SETBIT b 1 x", "-ERR bit is not an integer or out of range\r\n"},
		{"GETBIT b 7", ":1\r\n"},
		{"GETBIT b 100000", ":0\r\n"},
		{"GETBIT nokey 0", ":0\r\n"},
		{"GETBIT b #1", errOffsetRESP},
	})
}

func TestBitCountAndBitPos(t *testing.T) {
	runRESPSteps(t, newExecutor(), []respStep{
		{"BITCOUNT nokey a b c", ":0\r\n"}, // a missing key answers before the arguments
		{"SET s foobar", "+OK\r\n"},
		{"BITCOUNT s", ":26\r\n"},
		{"BITCOUNT s 1 1", ":6\r\n"},
		{"BITCOUNT s 5 30 BIT", ":17\r\n"},
		{"BITCOUNT s -1 -2 FOO", ":0\r\n"}, // two negatives in the wrong order, checked first
		{"BITCOUNT s 0 1 FOO", errSyntaxRESP},
		{"BITCOUNT s 0", errSyntaxRESP},
		{"BITCOUNT s 9223372036854775807 9223372036854775807", ":0\r\n"},
		{"BITPOS nokey 0", ":0\r\n"},
		{"BITPOS nokey 1", ":-1\r\n"},
		{"BITPOS s 2", "-ERR The bit argument must be 1 or 0.\r\n"},
		{"BITPOS s 1 2", ":17\r\n"},
		{"BITPOS s 0 7 15 BIT", ":7\r\n"},
		{"BITPOS s 1 0 1 FOO", errSyntaxRESP},
		{"SET ff \xff\xff", "+OK\r\n"},
		{"BITPOS ff 0", ":16\r\n"},      // no end: the zeros past the string
		{"BITPOS ff 0 0 -1", ":-1\r\n"}, // an end: only the range
		{"BITPOS ff 0 3 9 BIT", ":-1\r\n"},
		{"SET e \"\"", "+OK\r\n"},
		{"BITPOS e 0", ":-1\r\n"},
	})
}

func TestBitOp(t *testing.T) {
	runRESPSteps(t, newExecutor(), []respStep{
		{"MSET a foobar b abc", "+OK\r\n"},
		{"BITOP AND d a b", ":6\r\n"},
		{"GET d", "$6\r\n`bc\x00\x00\x00\r\n"},
		{"BITOP OR d a b", ":6\r\n"},
		{"GET d", "$6\r\ngoobar\r\n"},
		{"BITOP XOR d a nokey", ":6\r\n"},
		{"GET d", "$6\r\nfoobar\r\n"},
		{"BITOP NOT d b", ":3\r\n"},
		{"GET d", "$3\r\n\x9e\x9d\x9c\r\n"},
		{"BITOP NOT d a b", "-ERR BITOP NOT must be called with a single source key.\r\n"},
		{"BITOP NAND d a b", errSyntaxRESP},
		{"EXPIRE d 100", ":1\r\n"},
		{"BITOP OR d nokey", ":0\r\n"}, // nothing: d is deleted
		{"EXISTS d", ":0\r\n"},
	})
}

func TestBitField(t *testing.T) {
	runRESPSteps(t, newExecutor(), []respStep{
		{"BITFIELD f SET i8 0 100 GET i8 0", "*2\r\n:0\r\n:100\r\n"},
		{"BITFIELD f INCRBY i8 0 100", "*1\r\n:-56\r\n"},
		{"BITFIELD f OVERFLOW SAT INCRBY i8 0 -100", "*1\r\n:-128\r\n"},
		{"BITFIELD f OVERFLOW FAIL INCRBY i8 0 -1 GET i8 0", "*2\r\n$-1\r\n:-128\r\n"},
		{"BITFIELD f SET u8 0 -1", "*1\r\n:128\r\n"},
		{"BITFIELD f GET u8 0", "*1\r\n:255\r\n"},
		{"BITFIELD f OVERFLOW SAT SET i8 0 -9223372036854775808 GET i8 0", "*2\r\n:-1\r\n:127\r\n"}, // as Redis
		{"BITFIELD f SET u4 #1 0 GET u4 #1 GET u8 0", "*3\r\n:15\r\n:0\r\n:112\r\n"},
		{"BITFIELD f GET u64 0", "-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n"},
		{"BITFIELD f GET i8 -1", errOffsetRESP},
		{"BITFIELD f OVERFLOW NONE", "-ERR Invalid OVERFLOW type specified\r\n"},
		{"BITFIELD f GET i8", errSyntaxRESP},
		{"BITFIELD f SET i8 0 x", "-ERR value is not an integer or out of range\r\n"},
		{"BITFIELD f", "*0\r\n"},
		{"BITFIELD_RO f GET i8 0", "*1\r\n:112\r\n"},
		{"BITFIELD_RO f SET i8 0 1", "-ERR BITFIELD_RO only supports the GET subcommand\r\n"},
		{"BITFIELD n OVERFLOW FAIL INCRBY u8 8 300", "*1\r\n$-1\r\n"},
		{"GET n", "$2\r\n\x00\x00\r\n"}, // made, as Redis makes it, though nothing was written
	})
}

func TestFitFieldMatchesRedisArithmetic(t *testing.T) {
	tests := []struct {
		value, incr int64
		typ         fieldType
		mode        overflowMode
		want        int64
		overflowed  bool
	}{
		{127, 1, fieldType{8, true}, overflowWrap, -128, true},
		{127, 1, fieldType{8, true}, overflowSat, 127, true},
		{-128, -1, fieldType{8, true}, overflowSat, -128, true},
		{5, -3, fieldType{8, true}, overflowWrap, 2, false},
		{-9223372036854775808, -1, fieldType{64, true}, overflowWrap, 9223372036854775807, true},
		{9223372036854775807, 1, fieldType{64, true}, overflowSat, 9223372036854775807, true},
		{255, 1, fieldType{8, false}, overflowWrap, 0, true},
		{0, -1, fieldType{8, false}, overflowSat, 0, true},
		{0, -1, fieldType{63, false}, overflowWrap, 1<<63 - 1, true},
		{-1, 0, fieldType{8, false}, overflowSat, 255, true}, // SET u8 -1
	}
	for _, tt := range tests {
		got, overflowed := fitField(tt.value, tt.incr, tt.typ, tt.mode)
		if got != tt.want || overflowed != tt.overflowed {
			t.Errorf("fitField(%d, %d, %+v, %d) = %d, %v; want %d, %v",
				tt.value, tt.incr, tt.typ, tt.mode, got, overflowed, tt.want, tt.overflowed)
		}
	}
}
