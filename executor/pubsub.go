package executor

import (
	"sort"
	"sync"
	"sync/atomic"
)

// Pusher sends bytes to a session's connection outside request and reply:
// a published message for a subscriber. netsrv provides it; Push never
// blocks, and returns false when the connection is gone or was cut for
// not reading its output.
type Pusher interface {
	Push(p []byte) bool
}

// hub is the registry of subscriptions. A channel or pattern is in the
// maps only while it has subscribers: the last one to leave deletes it, so
// the registry never grows with channels nobody listens to.
//
// Locking: the hub's lock is taken before a connection's outbox lock (by
// publishers and by subscribers confirming a subscription), never after.
type hub struct {
	mu       sync.RWMutex
	channels map[string]map[*Session]struct{}
	patterns map[string]map[*Session]struct{}
	clients  atomic.Int64 // sessions with at least one subscription
}

func newHub() *hub {
	return &hub{channels: map[string]map[*Session]struct{}{}, patterns: map[string]map[*Session]struct{}{}}
}

// subscription is one session's side: what it listens to, and the form its
// messages take: that of the request that subscribed, the RESP version
// following HELLO afterwards.
type subscription struct {
	channels, patterns map[string]struct{}
	form               form
}

func (sub *subscription) count() int { return len(sub.channels) + len(sub.patterns) }

// subscribe adds names (channels, or patterns) for s and confirms each,
// pushing the confirmations while the hub is locked so that no message can
// overtake them.
func (h *hub) subscribe(s *Session, names [][]byte, pattern bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sub := &s.sub
	if sub.channels == nil {
		sub.channels, sub.patterns = map[string]struct{}{}, map[string]struct{}{}
	}
	before := sub.count()
	own, all, kind := sub.channels, h.channels, "subscribe"
	if pattern {
		own, all, kind = sub.patterns, h.patterns, "psubscribe"
	}
	sub.form = s.reply.form
	for _, n := range names {
		name := string(n)
		if _, ok := own[name]; !ok {
			own[name] = struct{}{}
			if all[name] == nil {
				all[name] = map[*Session]struct{}{}
			}
			all[name][s] = struct{}{}
		}
		s.subscriptionReply(kind, n, sub.count())
	}
	if before == 0 && sub.count() > 0 {
		h.clients.Add(1)
	}
	s.pushReplies()
}

// unsubscribe removes names for s (all of its channels, or patterns, when
// names is empty) and confirms each, like subscribe.
func (h *hub) unsubscribe(s *Session, names [][]byte, pattern bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sub := &s.sub
	own, all, kind := sub.channels, h.channels, "unsubscribe"
	if pattern {
		own, all, kind = sub.patterns, h.patterns, "punsubscribe"
	}
	if len(names) == 0 {
		for _, name := range sortedKeys(own) {
			names = append(names, []byte(name))
		}
		if len(names) == 0 {
			s.subscriptionReply(kind, nil, sub.count())
		}
	}
	before := sub.count()
	for _, n := range names {
		h.leave(s, own, all, string(n))
		s.subscriptionReply(kind, n, sub.count())
	}
	if before > 0 && sub.count() == 0 {
		h.clients.Add(-1)
	}
	if s.pusher != nil && sub.channels != nil {
		s.pushReplies()
	}
}

// setForm changes the form of the messages s receives: HELLO switched its
// protocol. The lock keeps a publisher from reading it halfway. A
// plaintext subscription keeps its human lines.
func (h *hub) setForm(s *Session, f form) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s.sub.form != formHuman {
		s.sub.form = f
	}
}

// subscribedRESP reports whether s is subscribed to anything with RESP
// messages: a RESP2 redirect client for tracking then hears invalidations
// as messages.
func (h *hub) subscribedRESP(s *Session) bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return s.sub.count() > 0 && s.sub.form != formHuman
}

// leave removes one name of s; the caller holds h.mu.
func (h *hub) leave(s *Session, own map[string]struct{}, all map[string]map[*Session]struct{}, name string) {
	delete(own, name)
	h.removeSubscriber(all, name, s)
}

// dropAll removes every subscription of s, silently: its connection ended.
func (h *hub) dropAll(s *Session) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sub := &s.sub
	if sub.count() == 0 {
		return
	}
	for name := range sub.channels {
		h.leave(s, sub.channels, h.channels, name)
	}
	for name := range sub.patterns {
		h.leave(s, sub.patterns, h.patterns, name)
	}
	h.clients.Add(-1)
}

// publish pushes message to every subscriber of channel and of each
// matching pattern, and returns how many deliveries it made. Subscribers
// are never waited for: a push only queues bytes.
func (h *hub) publish(channel, message []byte) int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	receivers := 0
	var encoded [3][]byte // by subscriber form, built on first need
	for s := range h.channels[string(channel)] {
		p := s.sub.form
		if encoded[p] == nil {
			encoded[p] = encodePush(p, "message", nil, channel, message)
		}
		s.pusher.Push(encoded[p])
		receivers++
	}
	for pattern, subs := range h.patterns {
		if !globMatch([]byte(pattern), channel, false) {
			continue
		}
		var penc [3][]byte
		for s := range subs {
			p := s.sub.form
			if penc[p] == nil {
				penc[p] = encodePush(p, "pmessage", []byte(pattern), channel, message)
			}
			s.pusher.Push(penc[p])
			receivers++
		}
	}
	return receivers
}

// encodePush formats a message as Redis sends it to a subscriber:
// ["message", channel, payload] or ["pmessage", pattern, channel, payload].
func encodePush(f form, kind string, pattern, channel, message []byte) []byte {
	var r Reply
	r.reset(nil, f)
	if pattern == nil {
		r.Push(3)
	} else {
		r.Push(4)
	}
	r.BulkString(kind)
	if pattern != nil {
		r.Bulk(pattern)
	}
	r.Bulk(channel)
	r.Bulk(message)
	return r.buf
}

func sortedKeys(m map[string]struct{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// channelNames lists the channels with subscribers that match pattern (all
// when pattern is nil).
func (h *hub) channelNames(pattern []byte) []string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	var names []string
	for name := range h.channels {
		if pattern == nil || globMatch(pattern, []byte(name), false) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func (h *hub) numSub(channel []byte) int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.channels[string(channel)])
}

func (h *hub) numPat() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.patterns)
}
