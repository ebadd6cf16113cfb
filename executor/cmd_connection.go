package executor

// connectionCommands are the commands about the connection itself.
var connectionCommands = []command{
	{name: "ping", arity: -1, flags: flagFast | flagSubscribedOK, run: cmdPing},
	{name: "echo", arity: 2, flags: flagLoading | flagStale | flagFast, run: cmdEcho},
	{name: "quit", arity: -1, flags: flagNoScript | flagLoading | flagStale | flagFast | flagNoAuth | flagAllowBusy | flagSubscribedOK, run: cmdQuit},
	{name: "hello", arity: -1, flags: flagNoScript | flagLoading | flagStale | flagFast | flagNoAuth | flagAllowBusy, run: cmdHello},
	{name: "client", arity: -2, subs: clientSubcommands},
}

// PING [message]: PONG, or the message as a value; a RESP2 subscriber
// gets ["pong", message], which it can tell from a published message.
func cmdPing(s *Session, args [][]byte) {
	if s.sub.count() > 0 && !s.resp3 && len(args) <= 2 {
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

// QUIT: OK, then the connection closes once the reply is sent. It is gone
// for client tracking at once: a client that read the OK may count on
// the next invalidation finding its redirect client gone, as in Redis,
// where nothing runs between the reply and the close.
func cmdQuit(s *Session, _ [][]byte) {
	s.reply.Status("OK")
	s.closing = true
	s.ex.tracking.unregister(s)
}

// HELLO [protover [AUTH username password] [SETNAME name]]: the server's
// handshake, which also chooses the connection's protocol, RESP2 or RESP3.
// The reply is a map (a list of pairs in RESP2) in the protocol chosen.
//
// The options take effect one by one, in order, as in Redis: the first
// that fails ends the command with its error, keeping what the ones before
// it did (HELLO 2 SETNAME good SETNAME "a b" fails but names the client
// "good"). Only then must the client be authenticated: a client that is
// not still gets its name set, and then NOAUTH.
func cmdHello(s *Session, args [][]byte) {
	var ver int64 // 0: keep the protocol
	if len(args) >= 2 {
		var ok bool
		if ver, ok = parseInt(args[1]); !ok {
			s.reply.Error("ERR Protocol version is not an integer or out of range")
			return
		}
		if ver != 2 && ver != 3 {
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
	if ver != 0 {
		s.setProtocol(ver == 3)
	}
	s.reply.Map(7)
	s.reply.BulkString("server")
	s.reply.BulkString("redis")
	s.reply.BulkString("version")
	s.reply.BulkString(RedisVersion)
	s.reply.BulkString("proto")
	s.reply.Int(s.protocol())
	s.reply.BulkString("id")
	s.reply.Int(s.id)
	s.reply.BulkString("mode")
	s.reply.BulkString("standalone")
	s.reply.BulkString("role")
	s.reply.BulkString("master")
	s.reply.BulkString("modules")
	s.reply.Array(0)
}

// setProtocol switches the connection to RESP3 or back to RESP2. Its own
// reply already takes the new protocol, as HELLO's does in Redis, and so
// do the messages of its subscriptions from now on.
func (s *Session) setProtocol(resp3 bool) {
	s.resp3 = resp3
	s.track.resp3.Store(resp3)
	if s.reply.form != formHuman {
		s.reply.form = s.respForm()
	}
	if s.sub.count() > 0 {
		s.ex.hub.setForm(s, s.respForm())
	}
}

// protocol is the RESP version the connection speaks, 2 or 3.
func (s *Session) protocol() int64 {
	if s.resp3 {
		return 3
	}
	return 2
}
