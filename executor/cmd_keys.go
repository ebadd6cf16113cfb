package executor

// keyCommands read and write string keys.
var keyCommands = []command{
	{name: "get", arity: 2, run: cmdGet},
	{name: "set", arity: -3, run: cmdSet},
	{name: "del", arity: -2, run: cmdDel},
	{name: "exists", arity: -2, run: cmdExists},
}

// GET key: the value, or nil.
func cmdGet(s *Session, args [][]byte) {
	if v, ok := s.ex.store.Get(args[1]); ok {
		s.reply.Bulk(v)
		return
	}
	s.reply.Nil()
}

// SET key value: OK. (Options come with expiry.)
func cmdSet(s *Session, args [][]byte) {
	if len(args) > 3 {
		s.reply.Error(errSyntax)
		return
	}
	s.ex.store.Set(args[1], args[2])
	s.reply.Status("OK")
}

// DEL key [key ...]: how many keys were removed.
func cmdDel(s *Session, args [][]byte) {
	s.reply.Int(int64(s.ex.store.Delete(args[1:]...)))
}

// EXISTS key [key ...]: how many of the keys exist.
func cmdExists(s *Session, args [][]byte) {
	s.reply.Int(int64(s.ex.store.Exists(args[1:]...)))
}
