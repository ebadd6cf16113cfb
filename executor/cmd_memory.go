package executor

import (
	"runtime/debug"

	"redis-lite/store"
)

// memoryCommands: MEMORY, Redis's container of memory diagnostics. USAGE,
// PURGE and HELP are served: Redis's own tests ask MEMORY USAGE of every
// collection type they create.
var memoryCommands = []command{
	{name: "memory", arity: -2, subs: []command{
		{name: "memory|usage", arity: -3, flags: flagReadonly, run: cmdMemoryUsage},
		{name: "memory|purge", arity: 2, run: cmdMemoryPurge},
		{name: "memory|help", arity: 2, flags: flagLoading | flagStale, run: cmdMemoryHelp},
	}},
}

// memoryHelp is MEMORY HELP's text, Redis 7.0's lines.
var memoryHelp = []string{
	"DOCTOR",
	"    Return memory problems reports.",
	"MALLOC-STATS",
	"    Return internal statistics report from the memory allocator.",
	"PURGE",
	"    Attempt to purge dirty pages for reclamation by the allocator.",
	"STATS",
	"    Return information about the memory usage of the server.",
	"USAGE <key> [SAMPLES <count>]",
	"    Return memory in bytes used by <key> and its value. Nested values are",
	"    sampled up to <count> times (default: 5, 0 means sample all).",
}

func cmdMemoryHelp(s *Session, args [][]byte) { s.replyHelp(args, memoryHelp) }

// cmdMemoryPurge: MEMORY PURGE. Redis asks its allocator to hand freed
// pages back to the system; here the garbage collector runs at once and
// the runtime returns every page it frees (debug.FreeOSMemory), so RSS
// and used_memory then show what is live, whatever --gc-floor let
// accumulate. It stops the daemon only for the collection's short
// stop-the-world phases, but its caller waits for the whole cycle, whose
// last sweep yields once per span to every runnable goroutine: with
// hundreds of busy workers (the worker model at 1,000 clients on two
// CPUs) that took 0.7 to 1 s, and 1 to 8 s before the workers took turns
// in order (netsrv/worker.go).
func cmdMemoryPurge(s *Session, _ [][]byte) {
	debug.FreeOSMemory()
	s.reply.Status("OK")
}

// entryOverhead is what the store spends on a key beyond its bytes: the
// record's header and its share of the index (store doc: 35 bytes of
// record for 16+16, about 22 of index).
const entryOverhead = 25

// sizer is a collection that can tell the memory it holds.
type sizer interface{ Bytes() int }

// MEMORY USAGE key [SAMPLES count]: an estimate of the bytes the key and
// its value take, nil for a missing key. SAMPLES is checked as Redis
// checks it, and not needed: the estimate is exact enough without it.
func cmdMemoryUsage(s *Session, args [][]byte) {
	for i := 3; i < len(args); i += 2 {
		if optionName(args[i]) != "samples" || i+1 >= len(args) {
			s.reply.Error(errSyntax)
			return
		}
		n, ok := parseInt(args[i+1])
		if !ok {
			s.reply.Error(errNotInteger)
			return
		}
		if n < 0 {
			s.reply.Error(errSyntax)
			return
		}
	}
	usage, found := 0, false
	// No access: like Redis's, the estimate leaves the key's idle time be.
	s.db().PeekView(args[2], func(e store.Entry, ok bool) {
		found = ok
		usage = entryOverhead + len(args[2]) + len(e.Value)
		if o, isSizer := e.Obj.(sizer); isSizer {
			usage += o.Bytes()
		} else if e.Obj != nil {
			usage += 16 * e.Obj.Len() // a rough figure for a type that cannot tell
		}
	})
	if !found {
		s.reply.Nil()
		return
	}
	s.reply.Int(int64(usage))
}
