package executor

import "math"

// connectionCommands are the commands about the connection itself.
var connectionCommands = []command{
	{name: "ping", arity: -1, flags: flagFast | flagSubscribedOK, run: cmdPing},
	{name: "echo", arity: 2, flags: flagLoading | flagStale | flagFast, run: cmdEcho},
	{name: "quit", arity: -1, flags: flagNoScript | flagLoading | flagStale | flagFast | flagNoAuth | flagAllowBusy | flagSubscribedOK, run: cmdQuit},
	{name: "select", arity: 2, flags: flagLoading | flagStale | flagFast, run: cmdSelect},
	{name: "hello", arity: -1, flags: flagNoScript | flagLoading | flagStale | flagFast | flagNoAuth | flagAllowBusy, run: cmdHello},
	{name: "client", arity: -2, subs: clientSubcommands},
}

// PING [message]: PONG, or the message as a value.
func cmdPing(s *Session, args [][]byte) {
	if s.sub.count() > 0 && len(args) <= 2 {
		s.subscribedPing(args)
		return
	}
	switch len(args) {
	case 1:
		s.reply.Status("PONG")
	case 2:
		s.reply.Bulk(args[1])
	default:
		s.reply.Error(wrongArity("ping"))
	}
}

// ECHO message: the message.
func cmdEcho(s *Session, args [][]byte) { s.reply.Bulk(args[1]) }

// QUIT: OK, then the connection closes once the reply is sent.
func cmdQuit(s *Session, _ [][]byte) {
	s.reply.Status("OK")
	s.closing = true
}

// SELECT index: only database 0 exists (databases is 1). Redis reads the
// index as a C int: a 64-bit number outside 32 bits gets its own error
// before the range of databases is looked at.
func cmdSelect(s *Session, args [][]byte) {
	n, ok := parseInt(args[1])
	switch {
	case !ok:
		s.reply.Error(errNotInteger)
	case n < math.MinInt32 || n > math.MaxInt32:
		s.reply.Error("ERR value is out of range, value must between -2147483648 and 2147483647")
	case n != 0:
		s.reply.Error("ERR DB index is out of range")
	default:
		s.reply.Status("OK")
	}
}

// HELLO [protover [AUTH username password] [SETNAME name]]: the server's
// handshake. Only RESP2 is spoken: HELLO 3 gets NOPROTO, which makes clients
// such as go-redis fall back to RESP2.
//
// The options take effect one by one, in order, as in Redis: the first
// that fails ends the command with its error, keeping what the ones before
// it did (HELLO 2 SETNAME good SETNAME "a b" fails but names the client
// "good"). Only then must the client be authenticated: a client that is
// not still gets its name set, and then NOAUTH.
func cmdHello(s *Session, args [][]byte) {
	if len(args) >= 2 {
		ver, ok := parseInt(args[1])
		if !ok {
			s.reply.Error("ERR Protocol version is not an integer or out of range")
			return
		}
		if ver != 2 {
			s.reply.Error("NOPROTO unsupported protocol version")
			return
		}
	}
	for i := 2; i < len(args); i++ {
		more := len(args) - 1 - i
		switch opt := optionName(args[i]); {
		case opt == "auth" && more >= 2:
			if !s.authenticate(args[i+1], args[i+2]) {
				s.reply.Error(errWrongPass)
				return
			}
			i += 2
		case opt == "setname" && more >= 1:
			if !s.setName(args[i+1]) {
				return
			}
			i++
		default:
			// Redis prints the option whole (no cap), as a C string.
			s.reply.Error("ERR Syntax error in HELLO option '" + string(cString(args[i])) + "'")
			return
		}
	}
	if s.needsAuth() {
		s.reply.Error(errHelloNoAuth)
		return
	}
	s.reply.Array(14)
	s.reply.BulkString("server")
	s.reply.BulkString("redis")
	s.reply.BulkString("version")
	s.reply.BulkString(RedisVersion)
	s.reply.BulkString("proto")
	s.reply.Int(2)
	s.reply.BulkString("id")
	s.reply.Int(s.id)
	s.reply.BulkString("mode")
	s.reply.BulkString("standalone")
	s.reply.BulkString("role")
	s.reply.BulkString("master")
	s.reply.BulkString("modules")
	s.reply.Array(0)
}
