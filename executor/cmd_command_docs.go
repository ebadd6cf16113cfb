package executor

// COMMAND DOCS [name ...]: a map from each named command that exists (all
// of them when none is named) to its documentation.
func cmdCommandDocs(s *Session, args [][]byte) {
	var found []*command
	if len(args) == 2 {
		for _, name := range s.ex.commandNames {
			found = append(found, s.ex.commands[name])
		}
	} else {
		for _, name := range args[2:] {
			if c := s.commandByFullName(name); c != nil {
				found = append(found, c)
			}
		}
	}
	s.reply.Map(len(found))
	for _, c := range found {
		s.reply.BulkString(c.name)
		s.documentCommand(c)
	}
}

// documentCommand writes a command's documentation map, the fields in
// Redis's order, each present only when the command has it (group always).
func (s *Session) documentCommand(c *command) {
	d := c.doc
	fields := 1
	for _, has := range []bool{d.summary != "", d.since != "", d.complexity != "", d.docFlags != 0,
		d.deprecatedSince != "", d.replacedBy != "", d.history != nil, d.args != nil, len(c.subs) > 0} {
		if has {
			fields++
		}
	}
	s.reply.Map(fields)
	s.optionalField("summary", d.summary)
	s.optionalField("since", d.since)
	s.reply.BulkString("group")
	s.reply.BulkString(d.group)
	s.optionalField("complexity", d.complexity)
	if d.docFlags != 0 {
		s.reply.BulkString("doc_flags")
		s.replyStatusSet(bitNames(d.docFlags, docFlagNames))
	}
	s.optionalField("deprecated_since", d.deprecatedSince)
	s.optionalField("replaced_by", d.replacedBy)
	if d.history != nil {
		s.reply.BulkString("history")
		s.reply.Set(len(d.history))
		for _, h := range d.history {
			s.reply.Array(2)
			s.reply.BulkString(h.since)
			s.reply.BulkString(h.change)
		}
	}
	if d.args != nil {
		s.reply.BulkString("arguments")
		s.documentArgs(d.args)
	}
	if len(c.subs) > 0 {
		s.reply.BulkString("subcommands")
		subs := sortedSubcommands(c)
		s.reply.Map(len(subs))
		for _, sub := range subs {
			s.reply.BulkString(sub.name)
			s.documentCommand(sub)
		}
	}
}

// optionalField writes name and value, unless value is empty.
func (s *Session) optionalField(name, value string) {
	if value != "" {
		s.reply.BulkString(name)
		s.reply.BulkString(value)
	}
}

// documentArgs writes an argument list: a map per argument, the fields in
// Redis's order, nested for the choices of a oneof and the parts of a
// block.
func (s *Session) documentArgs(args []docArg) {
	s.reply.Array(len(args))
	for _, a := range args {
		fields := 2
		for _, has := range []bool{a.typ == argKey || a.namesKeys, a.token != "", a.since != "", a.deprecatedSince != "",
			a.flags != 0, a.args != nil} {
			if has {
				fields++
			}
		}
		s.reply.Map(fields)
		s.optionalField("name", a.name)
		s.optionalField("type", argTypeNames[a.typ])
		if a.typ == argKey || a.namesKeys {
			s.reply.BulkString("key_spec_index")
			s.reply.Int(int64(a.keySpec))
		}
		s.optionalField("token", a.token)
		s.optionalField("since", a.since)
		s.optionalField("deprecated_since", a.deprecatedSince)
		if a.flags != 0 {
			s.reply.BulkString("flags")
			s.replyStatusSet(bitNames(a.flags, argFlagNames))
		}
		if a.args != nil {
			s.reply.BulkString("arguments")
			s.documentArgs(a.args)
		}
	}
}
