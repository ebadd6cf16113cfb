package aof

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"redis-lite/parser"
)

// LoadStats says what Load found.
type LoadStats struct {
	Commands int
	Bytes    int64
	Dropped  int64 // bytes of a partial last command cut off
}

// ErrCorrupt is wrapped by Load's error for a file that is damaged before
// its last command.
var ErrCorrupt = errors.New("bad file format reading the append only file")

// Load replays the file at path through apply, one command at a time,
// before any client is served. A missing file is an empty one.
//
// A file whose last command is cut short (a crash while appending) is cut
// back to its last whole command when loadTruncated is set, and the bytes
// dropped are reported; otherwise, and for damage anywhere before the end,
// Load fails with the offset and leaves the file as it is. A transaction
// (MULTI ... EXEC) the file ends inside counts as cut short from its
// MULTI on: none of it is applied (apply queues its commands until EXEC,
// as the executor does), as Redis's loader reverts it.
func Load(path string, loadTruncated bool, apply func(args [][]byte) error) (LoadStats, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return LoadStats{}, nil
	}
	if err != nil {
		return LoadStats{}, fmt.Errorf("read append-only file: %w", err)
	}
	var p parser.Parser
	p.MaxBulkLen = 1 << 62 // the file wrote what the daemon accepted
	st := LoadStats{Bytes: int64(len(data))}
	off := 0
	multiAt := -1 // where the open transaction's MULTI starts
	for off < len(data) {
		if data[off] != '*' {
			return st, fmt.Errorf("%w at offset %d: a record must start with '*'", ErrCorrupt, off)
		}
		cmd, n, err := p.Next(data[off:])
		if err != nil {
			return st, fmt.Errorf("%w at offset %d: %v", ErrCorrupt, off, err)
		}
		if n == 0 {
			break // the rest is a command cut short
		}
		if len(cmd.Args) > 0 {
			if err := apply(cmd.Args); err != nil {
				return st, fmt.Errorf("%w at offset %d: %v", ErrCorrupt, off, err)
			}
			st.Commands++
			switch {
			case isCommand(cmd.Args, "multi"):
				multiAt = off
			case isCommand(cmd.Args, "exec"):
				multiAt = -1
			}
		}
		off += n
	}
	if multiAt >= 0 {
		off = multiAt
	}
	if off == len(data) {
		return st, nil
	}
	st.Dropped = int64(len(data) - off)
	if !loadTruncated && multiAt >= 0 {
		return st, fmt.Errorf("%w: the transaction (MULTI) at offset %d has no EXEC; start with --aof-load-truncated yes to drop it",
			ErrCorrupt, off)
	}
	if !loadTruncated {
		return st, fmt.Errorf("%w: the last command, at offset %d, is cut short (%d bytes); start with --aof-load-truncated yes to drop it",
			ErrCorrupt, off, st.Dropped)
	}
	if err := os.Truncate(path, int64(off)); err != nil {
		return st, fmt.Errorf("cut the partial last command from the append-only file: %w", err)
	}
	return st, nil
}

// isCommand reports whether args is the command name alone, in any case.
func isCommand(args [][]byte, name string) bool {
	return len(args) == 1 && strings.EqualFold(string(args[0]), name)
}
