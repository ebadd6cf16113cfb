package executor

import "strings"

const errClientName = "ERR Client names cannot contain spaces, newlines or special characters."

// CLIENT ID | GETNAME | SETNAME name | SETINFO LIB-NAME|LIB-VER value | INFO
func cmdClient(s *Session, args [][]byte) {
	sub := strings.ToLower(string(args[1]))
	switch {
	case sub == "id" && len(args) == 2:
		s.reply.Int(s.id)
	case sub == "getname" && len(args) == 2:
		if s.name == "" {
			s.reply.Nil()
			return
		}
		s.reply.BulkString(s.name)
	case sub == "setname" && len(args) == 3:
		if s.setName(args[2]) {
			s.reply.Status("OK")
		}
	case sub == "setinfo" && len(args) == 4:
		// Client libraries announce themselves here on connect (Redis 7.2).
		switch strings.ToLower(string(args[2])) {
		case "lib-name":
			s.libName = string(args[3])
		case "lib-ver":
			s.libVer = string(args[3])
		default:
			s.reply.Error("ERR Unrecognized option '" + string(capBytes(args[2], 128)) + "'")
			return
		}
		s.reply.Status("OK")
	case sub == "info" && len(args) == 2:
		s.reply.BulkString(s.clientInfo())
	case sub == "id" || sub == "getname" || sub == "setname" || sub == "setinfo" || sub == "info":
		s.reply.Error(wrongArity("client|" + sub))
	default:
		s.reply.Error(unknownSubcommand(args[1], "CLIENT"))
	}
}

// setName names the client, or answers Redis's error for a name it
// refuses and reports false.
func (s *Session) setName(name []byte) bool {
	if !validClientName(name) {
		s.reply.Error(errClientName)
		return false
	}
	s.name = string(name)
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

// clientInfo is CLIENT INFO's line, with the fields this daemon knows.
func (s *Session) clientInfo() string {
	return "id=" + itoa(s.id) + " name=" + s.name + " db=0 resp=2 lib-name=" + s.libName + " lib-ver=" + s.libVer + "\n"
}
