package executor

// pubsubCommands are Redis's publish/subscribe. In the worker-per-
// connection model a subscribed client holds its worker for as long as it
// stays subscribed, idle or not (see the README).
var pubsubCommands = []command{
	{name: "subscribe", arity: -2, flags: flagPubSub | flagNoScript | flagLoading | flagStale | flagSubscribedOK, run: cmdSubscribe},
	{name: "psubscribe", arity: -2, flags: flagPubSub | flagNoScript | flagLoading | flagStale | flagSubscribedOK, run: cmdSubscribe},
	{name: "unsubscribe", arity: -1, flags: flagPubSub | flagNoScript | flagLoading | flagStale | flagSubscribedOK, run: cmdUnsubscribe},
	{name: "punsubscribe", arity: -1, flags: flagPubSub | flagNoScript | flagLoading | flagStale | flagSubscribedOK, run: cmdUnsubscribe},
	{name: "publish", arity: 3, flags: flagPubSub | flagLoading | flagStale | flagFast, run: cmdPublish},
	{name: "pubsub", arity: -2, subs: pubsubSubcommands},
	{name: "reset", arity: 1, flags: flagNoScript | flagLoading | flagStale | flagFast | flagNoAuth | flagAllowBusy | flagSubscribedOK, run: cmdReset},
}

// SUBSCRIBE channel [channel ...] / PSUBSCRIBE pattern [pattern ...]
func cmdSubscribe(s *Session, args [][]byte) {
	if s.pusher == nil {
		s.reply.Error("ERR this connection cannot receive pushed messages")
		return
	}
	s.ex.hub.subscribe(s, args[1:], s.cmd.name == "psubscribe")
}

// UNSUBSCRIBE [channel ...] / PUNSUBSCRIBE [pattern ...]
func cmdUnsubscribe(s *Session, args [][]byte) {
	s.ex.hub.unsubscribe(s, args[1:], s.cmd.name == "punsubscribe")
}

// PUBLISH channel message: how many subscribers received it. A RESP3
// subscriber may publish to its own channel: its replies so far are pushed
// first, so that the message follows them as in Redis.
func cmdPublish(s *Session, args [][]byte) {
	if s.sub.count() > 0 {
		s.pushReplies()
	}
	s.reply.Int(int64(s.ex.hub.publish(args[1], args[2])))
}

// pubsubSubcommands: PUBSUB CHANNELS [pattern] | NUMSUB [channel ...] |
// NUMPAT.
var pubsubSubcommands = []command{
	{name: "pubsub|channels", arity: -2, flags: flagPubSub | flagLoading | flagStale, run: cmdPubSubChannels},
	{name: "pubsub|numsub", arity: -2, flags: flagPubSub | flagLoading | flagStale, run: cmdPubSubNumSub},
	{name: "pubsub|numpat", arity: 2, flags: flagPubSub | flagLoading | flagStale, run: cmdPubSubNumPat},
	{name: "pubsub|help", arity: 2, flags: flagLoading | flagStale, run: cmdPubSubHelp},
}

// PUBSUB CHANNELS [pattern]: the channels with subscribers. Its arity
// admits more words; like Redis it refuses them itself, with its own text.
func cmdPubSubChannels(s *Session, args [][]byte) {
	if len(args) > 3 {
		s.reply.Error(subcommandSyntaxError(args))
		return
	}
	var pattern []byte
	if len(args) == 3 {
		pattern = args[2]
	}
	names := s.ex.hub.channelNames(pattern)
	s.reply.Array(len(names))
	for _, n := range names {
		s.reply.BulkString(n)
	}
}

func cmdPubSubNumSub(s *Session, args [][]byte) {
	s.reply.Array(2 * (len(args) - 2))
	for _, ch := range args[2:] {
		s.reply.Bulk(ch)
		s.reply.Int(int64(s.ex.hub.numSub(ch)))
	}
}

func cmdPubSubNumPat(s *Session, _ [][]byte) { s.reply.Int(int64(s.ex.hub.numPat())) }

// RESET: leave every subscription, forget the client name and go back to
// RESP2, as a fresh connection.
func cmdReset(s *Session, _ [][]byte) {
	s.ex.hub.dropAll(s)
	s.stopMonitoring()
	s.discardTransaction()
	s.resetClientState()
	s.selectDB(0)
	s.setProtocol(false)
	s.ex.tracking.mu.Lock()
	s.ex.tracking.disable(s)
	s.ex.tracking.mu.Unlock()
	if s.ex.passwordRequired() {
		s.authed, s.parser.Unauthenticated = false, true
	}
	s.reply.Status("RESET")
}

// subscriptionReply writes one confirmation: [kind, name, count], the name
// nil for an UNSUBSCRIBE with nothing to leave.
func (s *Session) subscriptionReply(kind string, name []byte, count int) {
	s.reply.Push(3)
	s.reply.BulkString(kind)
	if name == nil {
		s.reply.Nil()
	} else {
		s.reply.Bulk(name)
	}
	s.reply.Int(int64(count))
}

// pushReplies sends every reply written so far in this batch through the
// pusher now, keeping them ahead of any message pushed later (a subscriber
// or a monitor is told of traffic from the moment its command runs). From
// the first push on, the connection's output goes through the pusher.
func (s *Session) pushReplies() {
	if len(s.reply.buf) > 0 {
		// The client may read these before the batch ends, and then ask
		// CLIENT LIST on another connection: it names this command.
		s.client.seen(s.cmd)
		s.pusher.Push(s.reply.buf)
		s.reply.buf = s.reply.buf[:0]
	}
}

// subscribedPing is PING's answer while subscribed: ["pong", message].
func (s *Session) subscribedPing(args [][]byte) {
	s.reply.Array(2)
	s.reply.BulkString("pong")
	if len(args) > 1 {
		s.reply.Bulk(args[1])
	} else {
		s.reply.BulkString("")
	}
}
