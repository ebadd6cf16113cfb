package executor

import (
	"strconv"
	"strings"
	"sync"
	"testing"
)

// respStep is one inline request (sent with "\r\n", so answered in RESP)
// and its exact reply.
type respStep struct{ req, want string }

func runRESPSteps(t *testing.T, ex *Executor, steps []respStep) {
	t.Helper()
	s := ex.NewSession(&recorder{})
	for _, st := range steps {
		_, out, _ := s.Handle([]byte(st.req+"\r\n"), nil)
		if string(out) != st.want {
			t.Fatalf("%.80s: got %q, want %q", st.req, out, st.want)
		}
	}
}

func TestRangeCommands(t *testing.T) {
	runRESPSteps(t, newExecutor(), []respStep{
		{"GETRANGE nokey 0 -1", "$0\r\n\r\n"},
		{"SET k hello", "+OK\r\n"},
		{"GETRANGE k 0 -1", "$5\r\nhello\r\n"},
		{"GETRANGE k -3 -1", "$3\r\nllo\r\n"},
		{"GETRANGE k -1 -3", "$0\r\n\r\n"},
		{"GETRANGE k 1 4294967297", "$4\r\nello\r\n"},
		{"SUBSTR k -100 1", "$2\r\nhe\r\n"},
		{"GETRANGE k a 1", "-ERR value is not an integer or out of range\r\n"},
		{"SETRANGE k 7 xy", ":9\r\n"},
		{"GET k", "$9\r\nhello\x00\x00xy\r\n"},
		{"SETRANGE k -1 x", "-ERR offset is out of range\r\n"},
		{"SETRANGE k 536870911 xy", "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n"},
		{"SETRANGE k 9223372036854775807 xy", "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n"},
		{"SETRANGE k 536870911 \"\"", ":9\r\n"}, // nothing to write: no limit
		{"SETRANGE new 0 \"\"", ":0\r\n"},
		{"EXISTS new", ":0\r\n"},
		{"SET n 1234", "+OK\r\n"},
		{"SETRANGE n 1 99", ":4\r\n"},
		{"GET n", "$4\r\n1994\r\n"},
		{"PEXPIRE n 100000", ":1\r\n"},
		{"SETRANGE n 0 5", ":4\r\n"},
		{"TTL n", ":100\r\n"},
		{"GETSET n v", "$4\r\n5994\r\n"},
		{"TTL n", ":-1\r\n"},
		{"GETSET fresh v", "$-1\r\n"},
	})
}

func TestExpireTime(t *testing.T) {
	runRESPSteps(t, newExecutor(), []respStep{
		{"EXPIRETIME k", ":-2\r\n"},
		{"SET k v", "+OK\r\n"},
		{"PEXPIRETIME k", ":-1\r\n"},
		{"PEXPIREAT k 33177600000499", ":1\r\n"},
		{"PEXPIRETIME k", ":33177600000499\r\n"},
		{"EXPIRETIME k", ":33177600000\r\n"},
		{"PEXPIREAT k 33177600000500", ":1\r\n"},
		{"EXPIRETIME k", ":33177600001\r\n"}, // rounded, as Redis rounds
	})
}

func TestIncrByFloat(t *testing.T) {
	runRESPSteps(t, newExecutor(), []respStep{
		{"INCRBYFLOAT f 10.5", "$4\r\n10.5\r\n"},
		// 10.6 in long double, not float64's 10.599999999999999.
		{"INCRBYFLOAT f 0.1", "$4\r\n10.6\r\n"},
		{"INCRBYFLOAT f -10.6", "$1\r\n0\r\n"},
		{"INCRBYFLOAT f 1e20", "$21\r\n100000000000000000000\r\n"},
		{"INCRBYFLOAT g -0.00000000000000000001", "$1\r\n0\r\n"}, // no "-0"
		{"INCRBYFLOAT h 0x10", "$2\r\n16\r\n"},
		// The long double nearest 1.5e308, every digit (as redis-server).
		{"INCRBYFLOAT h 1.5e308", "$309\r\n149999999999999999999901476489468468031016840965060944967133685421180106066691046036756664728216022031902928370522024964340854582506645209487860806577896175175227643677561112877760303256738896516844124921428435196017215141331511736789270744288327321353040504243421434090049846615188904452633296864511849922560\r\n"},
		{"INCRBYFLOAT h 1e4933", "-ERR value is not a valid float\r\n"},
		{"INCRBYFLOAT h 1e-5000", "-ERR value is not a valid float\r\n"},
		{"INCRBYFLOAT h +inf", "-ERR increment would produce NaN or Infinity\r\n"},
		{"INCRBYFLOAT h nan", "-ERR value is not a valid float\r\n"},
		{"INCRBYFLOAT h \" 1\"", "-ERR value is not a valid float\r\n"},
		{"INCRBYFLOAT h 1e", "-ERR value is not a valid float\r\n"},
		{"INCRBYFLOAT h 1/2", "-ERR value is not a valid float\r\n"},
		{"INCRBYFLOAT h 1_0", "-ERR value is not a valid float\r\n"},
	})
	// The largest long doubles: adding two of them overflows.
	runRESPSteps(t, newExecutor(), []respStep{
		{"SET big 1e4932", "+OK\r\n"},
		{"INCRBYFLOAT big 1e4932", "-ERR increment would produce NaN or Infinity\r\n"},
		{"SET text abc", "+OK\r\n"},
		{"INCRBYFLOAT text 1", "-ERR value is not a valid float\r\n"},
		{"SET inf inf", "+OK\r\n"},
		{"INCRBYFLOAT inf 1", "-ERR increment would produce NaN or Infinity\r\n"},
		{"SET n 5", "+OK\r\n"},
		{"EXPIRE n 100", ":1\r\n"},
		{"INCRBYFLOAT n .5", "$3\r\n5.5\r\n"},
		{"TTL n", ":100\r\n"},
	})
}

func TestLongDoubleFormatting(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0.1", "0.1"},
		{"3.0000000000000000001", "3"},
		{"0.1234567890123456789", "0.12345678901234568"},
		{"-1.5", "-1.5"},
		{"0x1p-2", "0.25"},
		{"0x.8", "0.5"},
		{"5.", "5"},
		{"INFINITY", ""},
		{"1e-30", "0"},
		{"123456789012345678901234567890", "123456789012345678899921813504"}, // 64 bits of it
	}
	for _, tt := range tests {
		v, ok := parseLongDouble([]byte(tt.in))
		if !ok {
			t.Fatalf("parseLongDouble(%q) failed", tt.in)
		}
		if v.inf {
			if tt.want != "" {
				t.Fatalf("%q parsed as an infinity", tt.in)
			}
			continue
		}
		if got := string(formatLongDouble(v.f)); got != tt.want {
			t.Errorf("%q formats as %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLCS(t *testing.T) {
	runRESPSteps(t, newExecutor(), []respStep{
		{"MSET a ohmytext b mynewtext", "+OK\r\n"},
		{"LCS a b", "$6\r\nmytext\r\n"},
		{"LCS a b LEN", ":6\r\n"},
		{"LCS a b IDX MINMATCHLEN 4 WITHMATCHLEN",
			"*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n$3\r\nlen\r\n:6\r\n"},
		{"LCS a b IDX",
			"*4\r\n$7\r\nmatches\r\n*2\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n$3\r\nlen\r\n:6\r\n"},
		{"LCS a b LEN IDX", "-ERR If you want both the length and indexes, please just use IDX.\r\n"},
		{"LCS a b MINMATCHLEN", "-ERR syntax error\r\n"},
		{"LCS a b MINMATCHLEN x", "-ERR value is not an integer or out of range\r\n"},
		{"LCS a nokey", "$0\r\n\r\n"},
	})
}

// Concurrent read-modify-writes on one key lose nothing.
func TestStringWritesAreAtomic(t *testing.T) {
	ex := newExecutor()
	const workers, each = 8, 50
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := ex.NewSession(&recorder{})
			for i := 0; i < each; i++ {
				bit := strconv.Itoa(w*each + i)
				s.Handle([]byte("INCRBYFLOAT f 0.5\r\nSETBIT b "+bit+" 1\r\nBITFIELD c INCRBY u32 0 1\r\nSETRANGE r "+bit+" x\r\n"), nil)
			}
		}()
	}
	wg.Wait()
	total := strconv.Itoa(workers * each)
	runRESPSteps(t, ex, []respStep{
		{"GET f", "$3\r\n200\r\n"},
		{"BITCOUNT b", ":" + total + "\r\n"},
		{"BITFIELD c GET u32 0", "*1\r\n:" + total + "\r\n"},
		{"GET r", "$" + total + "\r\n" + strings.Repeat("x", workers*each) + "\r\n"},
	})
}
