package executor

import (
	"strconv"
	"time"
)

// clockCommands tell the server's time.
var clockCommands = []command{
	{name: "time", arity: 1, flags: flagLoading | flagStale | flagFast, run: cmdTime},
	{name: "lastsave", arity: 1, flags: flagLoading | flagStale | flagFast, run: cmdLastSave},
}

// TIME: the wall clock as two strings, seconds and microseconds since the
// epoch, as Redis answers (clients use it to measure clock skew).
func cmdTime(s *Session, _ [][]byte) {
	now := time.Now()
	s.reply.Array(2)
	s.reply.BulkString(strconv.FormatInt(now.Unix(), 10))
	s.reply.BulkString(strconv.FormatInt(int64(now.Nanosecond()/1000), 10))
}

// LASTSAVE: when the data set was last saved to a snapshot. None is ever
// made, so, as in Redis before its first save, it is the start time (the
// same as INFO's rdb_last_save_time).
func cmdLastSave(s *Session, _ [][]byte) { s.reply.Int(s.ex.started.Unix()) }
