package executor

import (
	"time"
)

const errClientName = "ERR Client names cannot contain spaces, newlines or special characters."

// clientFlags: every CLIENT subcommand is noscript, loading and stale, as
// in Redis; the ones acting on other clients are admin too.
const (
	clientCmd   = flagNoScript | flagLoading | flagStale
	clientAdmin = clientCmd | flagAdmin
)

// clientSubcommands: Redis 7.0's CLIENT, with its arities (TRACKING,
// CACHING, GETREDIR and TRACKINGINFO live in their own files). SETINFO is
// Redis 7.2's, which client libraries send on connect; it is kept, but
// CLIENT LIST and INFO show 7.0's fields, which do not include what it
// sets.
var clientSubcommands = []command{
	{name: "client|id", arity: 2, flags: clientCmd, run: cmdClientID},
	{name: "client|getname", arity: 2, flags: clientCmd, run: cmdClientGetName},
	{name: "client|setname", arity: 3, flags: clientCmd, run: cmdClientSetName},
	{name: "client|setinfo", arity: 4, flags: clientCmd, run: cmdClientSetInfo},
	{name: "client|info", arity: 2, flags: clientCmd, run: cmdClientInfo},
	{name: "client|list", arity: -2, flags: clientAdmin, run: cmdClientList},
	{name: "client|kill", arity: -3, flags: clientAdmin, run: cmdClientKill},
	{name: "client|pause", arity: -3, flags: clientAdmin, run: cmdClientPause},
	{name: "client|unpause", arity: 2, flags: clientAdmin, run: cmdClientUnpause},
	{name: "client|reply", arity: 3, flags: clientCmd, run: cmdClientReply},
	{name: "client|no-evict", arity: 3, flags: clientAdmin, run: cmdClientNoEvict},
	{name: "client|unblock", arity: -3, flags: clientAdmin, run: cmdClientUnblock},
	{name: "client|help", arity: 2, flags: flagLoading | flagStale, run: cmdClientHelp},
	// Client-side caching (cmd_tracking.go).
	// Client-side caching (cmd_tracking.go).
	{name: "client|tracking", arity: -3, flags: flagNoScript | flagLoading | flagStale, run: cmdClientTracking},
	{name: "client|caching", arity: 3, flags: flagNoScript | flagLoading | flagStale, run: cmdClientCaching},
	{name: "client|getredir", arity: 2, flags: flagNoScript | flagLoading | flagStale, run: cmdClientGetRedir},
	{name: "client|trackinginfo", arity: 2, flags: flagNoScript | flagLoading | flagStale, run: cmdClientTrackingInfo},
}

func cmdClientID(s *Session, _ [][]byte) { s.reply.Int(s.id) }

func cmdClientGetName(s *Session, _ [][]byte) {
	name := s.clientName()
	if name == "" {
		s.reply.Nil()
		return
	}
	s.reply.BulkString(name)
}

func cmdClientSetName(s *Session, args [][]byte) {
	if s.setName(args[2]) {
		s.reply.Status("OK")
	}
}

func cmdClientSetInfo(s *Session, args [][]byte) {
	switch optionName(args[2]) {
	case "lib-name":
		s.libName = string(args[3])
	case "lib-ver":
		s.libVer = string(args[3])
	default:
		// Redis 7.2 prints the option whole, as a C string.
		s.reply.Error("ERR Unrecognized option '" + string(cString(args[2])) + "'")
		return
	}
	s.reply.Status("OK")
}

// setName names the client, or answers Redis's error for a name it
// refuses and reports false.
func (s *Session) setName(name []byte) bool {
	if !validClientName(name) {
		s.reply.Error(errClientName)
		return false
	}
	if len(name) == 0 {
		s.client.name.Store(nil)
		return true
	}
	kept := string(name)
	s.client.name.Store(&kept)
	return true
}

// validClientName: Redis allows printable ASCII without spaces; empty
// clears the name.
func validClientName(name []byte) bool {
	for _, c := range name {
		if c < '!' || c > '~' {
			return false
		}
	}
	return true
}

// CLIENT INFO: this connection's line of CLIENT LIST.
func cmdClientInfo(s *Session, args [][]byte) {
	line := s.infoLine(nil, s, argvMem(args), time.Now())
	s.reply.Verbatim("txt", string(append(line, '\n')))
}

func argvMem(args [][]byte) int {
	n := 0
	for _, a := range args {
		n += len(a)
	}
	return n
}

// CLIENT LIST [TYPE type] [ID id ...]: a line per client, oldest first.
// With IDs, the clients with those IDs, in the order given, each as often
// as named.
func cmdClientList(s *Session, args [][]byte) {
	var clients []*Session
	switch {
	case len(args) == 4 && optionName(args[2]) == "type":
		kind, ok := clientTypeByName(args[3])
		if !ok {
			s.reply.Error("ERR Unknown client type '" + string(cString(args[3])) + "'")
			return
		}
		for _, c := range s.ex.clients.all() {
			if c.clientType() == kind {
				clients = append(clients, c)
			}
		}
	case len(args) > 3 && optionName(args[2]) == "id":
		for _, a := range args[3:] {
			id, ok := parseInt(a)
			if !ok {
				s.reply.Error("ERR Invalid client ID")
				return
			}
			if c := s.ex.clients.byIDOrNil(id); c != nil {
				clients = append(clients, c)
			}
		}
	case len(args) != 2:
		s.reply.Error(errSyntax)
		return
	default:
		clients = s.ex.clients.all()
	}
	var b []byte
	now, mem := time.Now(), argvMem(args)
	for _, c := range clients {
		b = append(c.infoLine(b, s, mem, now), '\n')
	}
	s.reply.BulkString(string(b))
}

// CLIENT PAUSE timeout [WRITE|ALL]: hold clients' commands (all of them,
// or those that write) for timeout milliseconds or until CLIENT UNPAUSE.
func cmdClientPause(s *Session, args [][]byte) {
	if len(args) > 4 {
		s.reply.Error(subcommandSyntaxError(args))
		return
	}
	all := true
	if len(args) == 4 {
		switch optionName(args[3]) {
		case "write":
			all = false
		case "all":
		default:
			s.reply.Error("ERR CLIENT PAUSE mode must be WRITE or ALL")
			return
		}
	}
	ms, ok := parseInt(args[2])
	switch {
	case !ok:
		s.reply.Error("ERR timeout is not an integer or out of range")
		return
	case ms < 0:
		s.reply.Error("ERR timeout is negative")
		return
	}
	s.ex.pauseClients(time.Duration(min(ms, int64(1<<63-1)/int64(time.Millisecond)))*time.Millisecond, all)
	s.reply.Status("OK")
}

func cmdClientUnpause(s *Session, _ [][]byte) {
	s.ex.unpause()
	s.reply.Status("OK")
}

// replyMode is CLIENT REPLY's state.
type replyMode uint8

const (
	repliesOn       replyMode = iota
	repliesOff                // no reply until CLIENT REPLY ON
	repliesSkipNext           // set by CLIENT REPLY SKIP: the next command's reply is dropped
	repliesSkip               // this command's reply is dropped
)

// CLIENT REPLY ON|OFF|SKIP: ON answers OK; OFF and SKIP answer nothing.
func cmdClientReply(s *Session, args [][]byte) {
	switch optionName(args[2]) {
	case "on":
		s.replies = repliesOn
		s.reply.Status("OK")
	case "off":
		s.replies = repliesOff
	case "skip":
		if s.replies != repliesOff {
			s.replies = repliesSkipNext
		}
	default:
		s.reply.Error(errSyntax)
	}
}

// silence drops the reply a command just wrote (out[mark:]) when CLIENT
// REPLY says so. A held command has written nothing and is not counted.
func (s *Session) silence(out []byte, mark int) []byte {
	if s.replies == repliesOn || s.held != nil {
		return out
	}
	switch s.replies {
	case repliesSkipNext: // CLIENT REPLY SKIP itself, which wrote nothing
		s.replies = repliesSkip
		return out
	case repliesSkip:
		s.replies = repliesOn
	}
	// Invalidations are pushed even to a client whose replies are off.
	out = append(out[:mark], s.track.unsilenced...)
	s.track.unsilenced = s.track.unsilenced[:0]
	return out
}

// CLIENT NO-EVICT ON|OFF: whether maxmemory-clients may close this
// client (client_eviction.go); the flag shows in CLIENT LIST.
func cmdClientNoEvict(s *Session, args [][]byte) {
	switch optionName(args[2]) {
	case "on":
		s.client.noEvict.Store(true)
	case "off":
		s.client.noEvict.Store(false)
	default:
		s.reply.Error(errSyntax)
		return
	}
	s.reply.Status("OK")
}

// CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 if the client was blocked on keys
// (BLPOP ...) and is now unblocked, with the null reply of a timeout or,
// with ERROR, -UNBLOCKED; 0 otherwise.
func cmdClientUnblock(s *Session, args [][]byte) {
	if len(args) > 4 {
		s.reply.Error(subcommandSyntaxError(args))
		return
	}
	withError := false
	if len(args) == 4 {
		switch optionName(args[3]) {
		case "timeout":
		case "error":
			withError = true
		default:
			s.reply.Error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR")
			return
		}
	}
	id, ok := parseInt(args[2])
	if !ok {
		s.reply.Error(errNotInteger)
		return
	}
	target := s.ex.clients.byIDOrNil(id)
	if target != nil && s.ex.unblock(target, withError) {
		s.reply.Int(1)
		return
	}
	s.reply.Int(0)
}

// clientHelp is CLIENT HELP's text, Redis 7.0's lines.
var clientHelp = []string{
	"CACHING (YES|NO)",
	"    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
	"GETREDIR",
	"    Return the client ID we are redirecting to when tracking is enabled.",
	"GETNAME",
	"    Return the name of the current connection.",
	"ID",
	"    Return the ID of the current connection.",
	"INFO",
	"    Return information about the current client connection.",
	"KILL <ip:port>",
	"    Kill connection made from <ip:port>.",
	"KILL <option> <value> [<option> <value> [...]]",
	"    Kill connections. Options are:",
	"    * ADDR (<ip:port>|<unixsocket>:0)",
	"      Kill connections made from the specified address",
	"    * LADDR (<ip:port>|<unixsocket>:0)",
	"      Kill connections made to specified local address",
	"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
	"      Kill connections by type.",
	"    * USER <username>",
	"      Kill connections authenticated by <username>.",
	"    * SKIPME (YES|NO)",
	"      Skip killing current connection (default: yes).",
	"LIST [options ...]",
	"    Return information about client connections. Options:",
	"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
	"      Return clients of specified type.",
	"UNPAUSE",
	"    Stop the current client pause, resuming traffic.",
	"PAUSE <timeout> [WRITE|ALL]",
	"    Suspend all, or just write, clients for <timeout> milliseconds.",
	"REPLY (ON|OFF|SKIP)",
	"    Control the replies sent to the current connection.",
	"SETNAME <name>",
	"    Assign the name <name> to the current connection.",
	"UNBLOCK <clientid> [TIMEOUT|ERROR]",
	"    Unblock the specified blocked client.",
	"TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
	"         [OPTIN] [OPTOUT] [NOLOOP]",
	"    Control server assisted client side caching.",
	"TRACKINGINFO",
	"    Report tracking status for the current connection.",
	"NO-EVICT (ON|OFF)",
	"    Protect current client connection from eviction.",
}

func cmdClientHelp(s *Session, args [][]byte) { s.replyHelp(args, clientHelp) }
