package executor

import (
	"crypto/sha256"
	"crypto/subtle"
)

// authCommands: with --requirepass set, a client must AUTH before any
// command but AUTH, HELLO, QUIT and RESET.
var authCommands = []command{
	{name: "auth", arity: -2, flags: flagNoScript | flagLoading | flagStale | flagFast | flagNoAuth | flagAllowBusy, run: cmdAuth},
}

const (
	errNoAuth      = "NOAUTH Authentication required."
	errWrongPass   = "WRONGPASS invalid username-password pair or user is disabled."
	errNoPassSet   = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"
	errHelloNoAuth = "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time"
)

// AUTH password | AUTH username password. The only user is "default".
// A failed AUTH answers WRONGPASS even on a connection that passed an
// earlier one, which stays authenticated, as in Redis.
func cmdAuth(s *Session, args [][]byte) {
	var ok bool
	switch len(args) {
	case 2:
		if !s.ex.passwordRequired() {
			s.reply.Error(errNoPassSet)
			return
		}
		ok = s.authenticate([]byte(defaultUser), args[1])
	case 3:
		ok = s.authenticate(args[1], args[2])
	default:
		s.reply.Error(errSyntax)
		return
	}
	if ok {
		s.reply.Status("OK")
	} else {
		s.reply.Error(errWrongPass)
	}
}

// needsAuth reports whether the session must AUTH before this command: it
// has not authenticated, and a password is required now (CONFIG SET may
// have set or removed one since it connected). The parser's limits for
// unauthenticated clients follow the same answer.
func (s *Session) needsAuth() bool {
	if s.authed {
		return false
	}
	need := s.ex.passwordRequired()
	s.parser.Unauthenticated = need
	return need
}

// defaultUser is the one user name. Redis's user names are case-sensitive
// (ACL users are looked up byte for byte), so "DEFAULT" is nobody.
const defaultUser = "default"

// authenticate checks a username and password and records the result.
// Without --requirepass the default user takes any password, as Redis's
// "nopass" user does.
func (s *Session) authenticate(user, password []byte) bool {
	ok := string(user) == defaultUser &&
		(!s.ex.passwordRequired() || s.ex.passwordMatches(password))
	if ok {
		s.authed = true
		s.parser.Unauthenticated = false
	}
	return ok
}

// passwordMatches compares in constant time. Both sides are hashed first,
// so neither the password's content nor its length shows in the timing.
func (ex *Executor) passwordMatches(given []byte) bool {
	got, want := sha256.Sum256(given), ex.password.Load().hash
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// ErrMaxClients is what a client turned away for want of room reads
// before the daemon closes the connection.
const ErrMaxClients = "ERR max number of clients reached"

// ErrProtectedMode is what a client from another host reads, before the
// connection is closed, when no password is set and protected mode is on.
// Its first two sentences are Redis's.
const ErrProtectedMode = "DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. " +
	"In this mode connections are only accepted from the loopback interface. " +
	"To let this client in, restart redis-lite with --requirepass <password> (clients then AUTH), " +
	"or with --protected-mode no if every host that can reach this address is trusted."
