package executor

import "redis-lite/parser"

// DEBUG QUICKLIST-PACKED-THRESHOLD joins the table of DEBUG subcommands
// (cmd_debug.go) from here, beside the lists it is about.
func init() {
	debugSubcommands["quicklist-packed-threshold"] = debugSubcommand{3, 3, func(s *Session, args [][]byte) {
		s.debugPackedThreshold(args[2])
	}}
}

// DEBUG QUICKLIST-PACKED-THRESHOLD size: Redis keeps a list element of at
// least size bytes in a node of its own ("plain"), and its tests lower the
// threshold to exercise such nodes. A list here already gives an element
// a node of its own whenever it does not fit beside others, and nothing a
// client can see depends on where nodes split, so the value is checked as
// Redis checks it and otherwise changes nothing.
func (s *Session) debugPackedThreshold(arg []byte) {
	const limit = 1<<32 - 1<<20 // Redis refuses 4 GB and just under
	n, ok, overflow := parser.ParseMemory(string(arg))
	if !ok || overflow || n > limit {
		s.reply.Error("ERR argument must be a memory value bigger than 1 and smaller than 4gb")
		return
	}
	s.reply.Status("OK")
}
