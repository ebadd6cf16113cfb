package executor

const errClientName = "ERR Client names cannot contain spaces, newlines or special characters."

// clientSubcommands: CLIENT ID | GETNAME | SETNAME name | SETINFO
// LIB-NAME|LIB-VER value | INFO. SETINFO is Redis 7.2's, which client
// libraries send on connect.
var clientSubcommands = []command{
	{name: "client|id", arity: 2, flags: flagNoScript | flagLoading | flagStale, run: cmdClientID},
	{name: "client|getname", arity: 2, flags: flagNoScript | flagLoading | flagStale, run: cmdClientGetName},
	{name: "client|setname", arity: 3, flags: flagNoScript | flagLoading | flagStale, run: cmdClientSetName},
	{name: "client|setinfo", arity: 4, flags: flagNoScript | flagLoading | flagStale, run: cmdClientSetInfo},
	{name: "client|info", arity: 2, flags: flagNoScript | flagLoading | flagStale, run: cmdClientInfo},
	// Client-side caching (cmd_tracking.go).
	{name: "client|tracking", arity: -3, flags: flagNoScript | flagLoading | flagStale, run: cmdClientTracking},
	{name: "client|caching", arity: 3, flags: flagNoScript | flagLoading | flagStale, run: cmdClientCaching},
	{name: "client|getredir", arity: 2, flags: flagNoScript | flagLoading | flagStale, run: cmdClientGetRedir},
	{name: "client|trackinginfo", arity: 2, flags: flagNoScript | flagLoading | flagStale, run: cmdClientTrackingInfo},
}

func cmdClientID(s *Session, _ [][]byte) { s.reply.Int(s.id) }

func cmdClientGetName(s *Session, _ [][]byte) {
	if s.name == "" {
		s.reply.Nil()
		return
	}
	s.reply.BulkString(s.name)
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

func cmdClientInfo(s *Session, _ [][]byte) { s.reply.Verbatim("txt", s.clientInfo()) }

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
	return "id=" + itoa(s.id) + " name=" + s.name + " db=0 resp=" + itoa(s.protocol()) + " lib-name=" + s.libName + " lib-ver=" + s.libVer + "\n"
}
