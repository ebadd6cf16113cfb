package parser

import (
	"bytes"
	"fmt"
	"testing"
)

// outcome is everything a parser made of a stream: the commands, the
// first error, and (without an error) how many bytes were left unconsumed.
type outcome struct {
	cmds []string
	err  string
	left int
}

// parseStream feeds pieces to one parser the way a connection does
// (unconsumed bytes are presented again with the next piece) and checks
// the parser's contract on every call.
func parseStream(t *testing.T, pieces [][]byte) outcome {
	var p Parser
	var buf []byte
	var o outcome
	for _, piece := range pieces {
		buf = append(buf, piece...)
		for len(buf) > 0 {
			cmd, n, err := p.Next(buf)
			if n < 0 || n > len(buf) {
				t.Fatalf("Next consumed %d of %d bytes", n, len(buf))
			}
			if err != nil {
				o.err = err.Error() // the connection ends here; what is left does not matter
				return o
			}
			if n == 0 {
				break // incomplete: wait for the next piece
			}
			if len(cmd.Args) > 0 {
				o.cmds = append(o.cmds, fmt.Sprintf("%s %q", cmd.Proto, cmd.Args))
			}
			buf = buf[n:]
		}
	}
	o.left = len(buf)
	return o
}

// checkStream is the fuzz property: whole or split anywhere, a stream
// parses to the same commands and the same error.
func checkStream(t *testing.T, data []byte, split uint16) {
	at := int(split) % (len(data) + 1)
	// The parser unescapes inline arguments in place: each run gets its
	// own copy of the bytes.
	whole := parseStream(t, [][]byte{bytes.Clone(data)})
	parts := parseStream(t, [][]byte{bytes.Clone(data[:at]), bytes.Clone(data[at:])})
	if fmt.Sprint(whole) != fmt.Sprint(parts) {
		t.Fatalf("split at %d of %q:\nwhole %v\nsplit %v", at, data, whole, parts)
	}
}

func FuzzInline(f *testing.F) {
	for _, seed := range []string{
		"SET k v\n", "GET k\r\n", "SET k \"a b\\x41\\n\"\n", "SET k 'it\\'s'\n", "\n\r\n",
		"ECHO \"unterminated\n", "SET k \"a\"b\n", "a\"b c\"\n", "PING\nPING\nPING",
	} {
		f.Add([]byte(seed), uint16(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, split uint16) {
		if len(data) > 0 && data[0] == '*' {
			data = append([]byte{' '}, data...) // keep it a plaintext line
		}
		checkStream(t, data, split)
	})
}

func FuzzRESP(f *testing.F) {
	for _, seed := range []string{
		"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", "*1\r\n$4\r\nPING\r\n*0\r\n*-1\r\n",
		"*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", "*1\r\n:1\r\n", "*abc\r\n", "*1\r\n$-5\r\n",
		"*2\r\n$4\r\nECHO\r\n$6\r\na\r\n\x00\r\n\r\n", "*1\r\n\x00\r\n", "*1\r\n$4\r\nPINGxx",
	} {
		f.Add([]byte(seed), uint16(5))
	}
	f.Fuzz(func(t *testing.T, data []byte, split uint16) {
		if len(data) == 0 || data[0] != '*' {
			data = append([]byte{'*'}, data...) // keep it a RESP request
		}
		checkStream(t, data, split)
	})
}
