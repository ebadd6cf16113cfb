package executor

import "time"

// What INFO, the slow log and the latency monitor make of a blocking
// command, as in Redis 7.0: the call is counted when the command runs,
// blocked or not (commandstats' calls), but a command that blocks is
// timed, logged in the slow log and put in its latency histogram only
// when its wait ends with a reply made for it: served by another client's
// command, or ended by CLIENT UNBLOCK (which Redis counts as a failed
// call, whichever reply it asks for, and logs with no arguments: it has
// let go of them by then). A wait that times out is not logged.
// The time is that of the two runs, the one that blocked and the one that
// served, not the wait between them. The served command's entry follows
// the entry of the command that served it, as Redis logs a command before
// it serves the clients blocked on the keys it touched, and comes before
// anything the released client runs next. The latency monitor gets a
// command event when the command blocks, and a command-unblocking event
// for the run that served it.

// blockedRun is what a waiter keeps of the run that blocked it.
type blockedRun struct {
	cmd  *command
	args [][]byte      // a copy: the originals alias the connection's input
	took time.Duration // the run up to the moment it blocked
}

// noteBlockedRun records on w the command s is running, which blocks; it
// is called before w is published, so whoever ends the wait finds it.
func (s *Session) noteBlockedRun(w *waiter) {
	args := make([][]byte, len(s.callArgs))
	for i, a := range s.callArgs {
		args[i] = append([]byte(nil), a...)
	}
	w.run = blockedRun{cmd: s.cmd, args: args, took: time.Since(s.ex.started) - s.clock}
}

// blockedNow reports whether the command s just ran left it blocked.
func (s *Session) blockedNow() bool { return s.held != nil && s.held.blocked != nil }

// noteUnblocked adds w's command to the statistics, once its wait has
// ended with a reply made for it in served (the time that took), failed
// if that reply is an error; the slow log shows it with args.
func (ex *Executor) noteUnblocked(w *waiter, served time.Duration, failed bool, args [][]byte) {
	run := w.run
	if run.cmd == nil {
		return
	}
	total := run.took + served
	st := ex.statsOf(run.cmd)
	st.nanos.Add(int64(total))
	if failed {
		st.failed.Add(1)
	}
	if ex.latencyTracking.Load() {
		st.recordLatency(total)
	}
	w.s.noteSlow(run.cmd, args, total)
	w.s.noteLatency("command-unblocking", served)
}
