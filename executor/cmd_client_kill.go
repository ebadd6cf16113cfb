package executor

import (
	"time"
)

// killFilter is what CLIENT KILL's options select; zero values match all.
type killFilter struct {
	addr, laddr       string
	hasAddr, hasLaddr bool
	kind              string
	id                int64
	skipMe            bool
	maxAge            int64 // seconds; 0: any (Redis 7.4's MAXAGE)
	oldForm           bool  // CLIENT KILL ip:port
}

// CLIENT KILL ip:port, or CLIENT KILL option value [option value ...]
// with ID, ADDR, LADDR, TYPE, USER, SKIPME and MAXAGE: the old form answers
// OK or "No such client" and may kill the caller; the new one answers the
// number killed and skips the caller unless SKIPME no. The caller, if
// killed, is closed once this reply is sent; others are closed at once.
func cmdClientKill(s *Session, args [][]byte) {
	f := killFilter{skipMe: true}
	if len(args) == 3 {
		f.addr, f.hasAddr, f.oldForm, f.skipMe = string(args[2]), true, true, false
	} else if !s.parseKillFilter(&f, args[2:]) {
		return
	}
	killed := 0
	now := time.Now()
	for _, c := range s.ex.clients.all() {
		if !f.matches(c, s, now) {
			continue
		}
		killed++
		if c == s {
			s.closing = true // after this reply
			continue
		}
		s.ex.kill(c)
	}
	switch {
	case !f.oldForm:
		s.reply.Int(int64(killed))
	case killed == 0:
		s.reply.Error("ERR No such client")
	default:
		s.reply.Status("OK")
	}
}

// kill ends another session's connection: it leaves the client list and
// its subscriptions at once, and its connection closes soon.
func (ex *Executor) kill(c *Session) {
	ex.clients.remove(c)
	ex.hub.detach(c)
	if c.conn != nil {
		c.conn.Kill()
	}
}

// parseKillFilter reads option/value pairs, answering Redis's error for a
// bad one and reporting false.
func (s *Session) parseKillFilter(f *killFilter, opts [][]byte) bool {
	for i := 0; i < len(opts); i += 2 {
		if i+1 >= len(opts) {
			s.reply.Error(errSyntax)
			return false
		}
		value := opts[i+1]
		switch optionName(opts[i]) {
		case "id":
			id, ok := parseInt(value)
			if !ok || id < 1 {
				s.reply.Error("ERR client-id should be greater than 0")
				return false
			}
			f.id = id
		case "type":
			kind, ok := clientTypeByName(value)
			if !ok {
				s.reply.Error("ERR Unknown client type '" + string(cString(value)) + "'")
				return false
			}
			f.kind = kind
		case "addr":
			f.addr, f.hasAddr = string(value), true
		case "laddr":
			f.laddr, f.hasLaddr = string(value), true
		case "user":
			// The only user is "default", and every client is it.
			if string(value) != "default" {
				s.reply.Error("ERR No such user '" + string(cString(value)) + "'")
				return false
			}
		case "skipme":
			switch optionName(value) {
			case "yes":
				f.skipMe = true
			case "no":
				f.skipMe = false
			default:
				s.reply.Error(errSyntax)
				return false
			}
		case "maxage":
			age, ok := parseInt(value)
			if !ok {
				s.reply.Error(errNotInteger)
				return false
			}
			f.maxAge = age
		default:
			s.reply.Error(errSyntax)
			return false
		}
	}
	return true
}

// matches reports whether the filter selects client c (caller is the
// session running the KILL).
func (f *killFilter) matches(c, caller *Session, now time.Time) bool {
	var peer, local string
	if c.conn != nil && (f.hasAddr || f.hasLaddr) {
		peer, local = c.conn.Addrs()
	}
	switch {
	case f.hasAddr && peer != f.addr,
		f.hasLaddr && local != f.laddr,
		f.kind != "" && c.clientType() != f.kind,
		f.id != 0 && c.id != f.id,
		f.maxAge != 0 && int64(now.Sub(c.client.created)/time.Second) < f.maxAge,
		c == caller && f.skipMe:
		return false
	}
	return true
}
