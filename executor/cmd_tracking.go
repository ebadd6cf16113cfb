package executor

import "strings"

// CLIENT's client-side caching subcommands (clientSubcommands lists them;
// tracking.go has the machinery).

// CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX prefix ...] [BCAST] [OPTIN]
// [OPTOUT] [NOLOOP]: the options are read first, then checked against each
// other and against the session's tracking as it is, in Redis's order and
// with its texts.
func cmdClientTracking(s *Session, args [][]byte) {
	var opts trackOptions
	var prefixes []string
	for i := 3; i < len(args); i++ {
		more := len(args) - 1 - i
		switch opt := optionName(args[i]); {
		case opt == "redirect" && more > 0:
			i++
			if opts.redirect != 0 {
				s.reply.Error("ERR A client can only redirect to a single other client")
				return
			}
			id, ok := parseInt(args[i])
			if !ok {
				s.reply.Error(errNotInteger)
				return
			}
			if !s.ex.tracking.exists(id) {
				s.reply.Error("ERR The client ID you want redirect to does not exist")
				return
			}
			opts.redirect = id
		case opt == "bcast":
			opts.bcast = true
		case opt == "optin":
			opts.optin = true
		case opt == "optout":
			opts.optout = true
		case opt == "noloop":
			opts.noloop = true
		case opt == "prefix" && more > 0:
			i++
			prefixes = append(prefixes, string(args[i]))
		default:
			s.reply.Error(errSyntax)
			return
		}
	}
	switch optionName(args[2]) {
	case "on":
		if msg := s.trackingRefusal(&opts, prefixes); msg != "" {
			s.reply.Error(msg)
			return
		}
		s.ex.tracking.enable(s, opts, prefixes)
	case "off":
		s.ex.tracking.mu.Lock()
		s.ex.tracking.disable(s)
		s.ex.tracking.mu.Unlock()
	default:
		s.reply.Error(errSyntax)
		return
	}
	s.reply.Status("OK")
}

// trackingRefusal is Redis's error for options that cannot go together,
// or cannot follow the session's current tracking; "" when they can.
func (s *Session) trackingRefusal(opts *trackOptions, prefixes []string) string {
	st := &s.track
	switch {
	case !opts.bcast && len(prefixes) > 0:
		return "ERR PREFIX option requires BCAST mode to be enabled"
	case st.on && st.bcast != opts.bcast:
		return "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode."
	case opts.bcast && (opts.optin || opts.optout):
		return "ERR OPTIN and OPTOUT are not compatible with BCAST"
	case opts.optin && opts.optout:
		return "ERR You can't specify both OPTIN mode and OPTOUT mode"
	case (opts.optin && st.optout) || (opts.optout && st.optin):
		return "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode."
	case opts.bcast:
		return prefixOverlap(st.prefixes, prefixes)
	}
	return ""
}

// prefixOverlap is Redis's error when a new prefix and one the session has,
// or two new ones, would both match some key (one starts the other).
// Redis prints the prefixes as C strings.
func prefixOverlap(have, given []string) string {
	overlap := func(a, b string) bool { return strings.HasPrefix(a, b) || strings.HasPrefix(b, a) }
	for i, p := range given {
		for _, h := range have {
			if overlap(h, p) {
				return "ERR Prefix '" + cText(p) + "' overlaps with an existing prefix '" + cText(h) +
					"'. Prefixes for a single client must not overlap."
			}
		}
		for _, q := range given[i+1:] {
			if overlap(p, q) {
				return "ERR Prefix '" + cText(p) + "' overlaps with another provided prefix '" + cText(q) +
					"'. Prefixes for a single client must not overlap."
			}
		}
	}
	return ""
}

func cText(s string) string { return string(cString([]byte(s))) }

// CLIENT CACHING YES|NO: in OPTIN mode, track the keys of the next command;
// in OPTOUT mode, do not.
func cmdClientCaching(s *Session, args [][]byte) {
	st := &s.track
	if !st.on {
		s.reply.Error("ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled")
		return
	}
	switch optionName(args[2]) {
	case "yes":
		if !st.optin {
			s.reply.Error("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.")
			return
		}
	case "no":
		if !st.optout {
			s.reply.Error("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.")
			return
		}
	default:
		s.reply.Error(errSyntax)
		return
	}
	s.ex.tracking.mu.Lock()
	st.caching = true
	s.ex.tracking.mu.Unlock()
	s.reply.Status("OK")
}

// CLIENT GETREDIR: the client id invalidations go to, 0 for the session
// itself, -1 when tracking is off.
func cmdClientGetRedir(s *Session, _ [][]byte) {
	if !s.track.on {
		s.reply.Int(-1)
		return
	}
	s.reply.Int(s.track.redirect)
}

// CLIENT TRACKINGINFO: a map of the session's tracking flags (a set),
// redirect and BCAST prefixes.
func cmdClientTrackingInfo(s *Session, _ [][]byte) {
	st := &s.track
	flags := []string{"off"}
	if st.on {
		flags[0] = "on"
		if st.bcast {
			flags = append(flags, "bcast")
		}
		if st.optin {
			flags = append(flags, "optin")
			if st.caching {
				flags = append(flags, "caching-yes")
			}
		}
		if st.optout {
			flags = append(flags, "optout")
			if st.caching {
				flags = append(flags, "caching-no")
			}
		}
		if st.noloop {
			flags = append(flags, "noloop")
		}
		if st.brokenRedirect.Load() {
			flags = append(flags, "broken_redirect")
		}
	}
	s.reply.Map(3)
	s.reply.BulkString("flags")
	s.reply.Set(len(flags))
	for _, f := range flags {
		s.reply.BulkString(f)
	}
	s.reply.BulkString("redirect")
	cmdClientGetRedir(s, nil)
	s.reply.BulkString("prefixes")
	s.reply.Array(len(st.prefixes))
	for _, p := range st.prefixes {
		s.reply.BulkString(p)
	}
}

// exists reports whether a connection with this id is open.
func (t *tracker) exists(id int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.sessions[id] != nil
}
