package executor

import "strings"

// shutdownCommands: SHUTDOWN, the operator's way to stop the daemon from a
// client (redis-cli shutdown).
var shutdownCommands = []command{
	{name: "shutdown", arity: -1, flags: flagAdmin | flagNoScript | flagLoading | flagStale | flagNoMulti | flagAllowBusy, run: cmdShutdown},
}

// ShutdownRequest is what SHUTDOWN asked for.
type ShutdownRequest struct {
	// Save asks for a snapshot first, NoSave for none even where save
	// points are set; neither: as the save setting says.
	Save, NoSave bool
	// Now skips waiting for replicas to catch up (there are none).
	Now bool
	// Force goes on even when what should come first (the snapshot, the
	// append-only file's last fsync) fails.
	Force bool
}

// errShutdown is Redis's answer when a shutdown is refused; the reason is
// in the log, as Redis puts it there.
const errShutdown = "ERR Errors trying to SHUTDOWN. Check logs."

// SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: the daemon stops as on
// SIGTERM (the daemon's Config.Shutdown starts it) and, as in Redis, the
// client gets no reply: its connection is closed, which redis-cli takes
// as success. ABORT cancels a shutdown that waits for replicas; there are
// none, so none ever waits.
func cmdShutdown(s *Session, args [][]byte) {
	var req ShutdownRequest
	abort := false
	for _, a := range args[1:] {
		switch strings.ToLower(string(a)) {
		case "nosave":
			req.NoSave = true
		case "save":
			req.Save = true
		case "now":
			req.Now = true
		case "force":
			req.Force = true
		case "abort":
			abort = true
		default:
			s.reply.Error(errSyntax)
			return
		}
	}
	if (abort && req != ShutdownRequest{}) || (req.Save && req.NoSave) {
		s.reply.Error(errSyntax)
		return
	}
	if abort {
		s.reply.Error("ERR No shutdown in progress.")
		return
	}
	if s.ex.cfg.Shutdown == nil || s.ex.cfg.Shutdown(req) != nil {
		s.reply.Error(errShutdown)
		return
	}
	s.closing = true
}
