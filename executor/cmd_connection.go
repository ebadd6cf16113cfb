package executor

// connectionCommands are the commands about the connection itself.
var connectionCommands = []command{
	{name: "ping", arity: -1, run: cmdPing},
	{name: "echo", arity: 2, run: cmdEcho},
	{name: "quit", arity: -1, run: cmdQuit},
}

// PING [message]: PONG, or the message as a value.
func cmdPing(s *Session, args [][]byte) {
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
