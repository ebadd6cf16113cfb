package executor

import "strings"

// COMMAND GETKEYS cmd [arg ...]: the keys of the command line that follows.
func cmdCommandGetKeys(s *Session, args [][]byte) { s.getKeys(args[2:], false) }

// COMMAND GETKEYSANDFLAGS cmd [arg ...]: the keys, each with how the
// command uses it.
func cmdCommandGetKeysAndFlags(s *Session, args [][]byte) { s.getKeys(args[2:], true) }

// getKeys answers GETKEYS for the command line line, with Redis's errors:
// the command (a container's subcommand when one is named) must exist,
// have keys, and be given a number of arguments its arity allows.
func (s *Session) getKeys(line [][]byte, withFlags bool) {
	c := s.lookup(line[0])
	if c != nil && len(c.subs) > 0 && len(line) > 1 {
		c = s.subcommand(c, line[1])
	}
	switch {
	case c == nil:
		s.reply.Error("ERR Invalid command specified")
		return
	case !c.hasKeys():
		s.reply.Error("ERR The command has no key arguments")
		return
	case !c.arityOK(len(line)):
		s.reply.Error("ERR Invalid number of arguments specified for command")
		return
	}
	keys, ok := c.keyPositions(line)
	switch {
	case !ok && c.flags&flagNoMandatoryKeys != 0:
		s.reply.Array(0)
		return
	case !ok:
		s.reply.Error("ERR Invalid arguments specified for command")
		return
	}
	s.reply.Array(len(keys))
	for _, k := range keys {
		if !withFlags {
			s.reply.Bulk(line[k.pos])
			continue
		}
		s.reply.Array(2)
		s.reply.Bulk(line[k.pos])
		s.replyStatusSet(bitNames(k.flags, keyFlagNames))
	}
}

// hasKeys reports whether c has a key spec for a real key.
func (c *command) hasKeys() bool {
	for _, spec := range c.doc.keySpecs {
		if spec.flags&keyNotKey == 0 {
			return true
		}
	}
	return false
}

// keyRef is one key of a command line: its position and how it is used.
type keyRef struct {
	pos   int
	flags keyFlags
}

// keyPositions finds the keys of line, whose arity is already checked, by
// c's key specs (or its own key finder); false if a spec points past the
// line. A spec with variable flags has them worked out from the line.
func (c *command) keyPositions(line [][]byte) ([]keyRef, bool) {
	if c.doc.findKeys != nil {
		return c.doc.findKeys(line), true
	}
	var keys []keyRef
	for _, spec := range c.doc.keySpecs {
		if spec.flags&keyNotKey != 0 {
			continue
		}
		flags := spec.flags
		if spec.flags&keyVariableFlags != 0 && c.doc.variableKeyFlags != nil {
			flags = c.doc.variableKeyFlags(line)
		}
		first := spec.index
		if spec.keyword != "" {
			if first = keywordEnd(spec, line); first == 0 {
				continue
			}
		}
		last := first + spec.lastKey
		switch {
		case spec.byKeyNum:
			var ok bool
			if first, last, ok = keyNumRange(spec, line); !ok {
				return nil, false
			}
		case spec.lastKey < 0 && spec.limit == 0:
			last = len(line) + spec.lastKey
		case spec.lastKey < 0:
			last = first + (len(line)-first)/spec.limit + spec.lastKey
		}
		if first >= len(line) || last >= len(line) || last < first {
			return nil, false
		}
		for i := first; i <= last; i += spec.step {
			keys = append(keys, keyRef{pos: i, flags: flags})
		}
	}
	return keys, true
}

// keywordEnd is the index right after a keyword spec's keyword in line,
// or 0 when it is not there (the last argument is not looked at: no key
// could follow it).
func keywordEnd(spec keySpec, line [][]byte) int {
	for i := max(spec.index, 1); i < len(line)-1; i++ {
		if strings.EqualFold(string(line[i]), spec.keyword) {
			return i + 1
		}
	}
	return 0
}

// keyNumRange is where a keynum spec's keys lie in line. As Redis's
// key finder does, it reads the count with C's atoi and refuses a count
// under 1 or more than the arguments left: the command would fail anyway.
func keyNumRange(spec keySpec, line [][]byte) (first, last int, ok bool) {
	at := spec.index + spec.keyNumIdx
	if at >= len(line) {
		return 0, 0, false
	}
	first = spec.index + spec.firstKey
	n := atoi(line[at])
	if n < 1 || first > len(line) || n > int64((len(line)-first)/spec.step) {
		return 0, 0, false
	}
	return first, first + (int(n)-1)*spec.step, true
}

// setKeyFlags are SET's key flags for one command line (its key spec has
// variable flags): with GET it reads and updates its key, without it only
// overwrites it.
func setKeyFlags(line [][]byte) keyFlags {
	for _, a := range line[3:] {
		if equalFoldASCII(a, "get") {
			return keyRW | keyAccess | keyUpdate
		}
	}
	return keyOW | keyUpdate
}

// bitfieldKeyFlags are BITFIELD's key flags, from its operations: a
// line of GETs (and OVERFLOWs) only reads; a SET or INCRBY, or anything
// not understood, is taken as a write, as Redis takes it.
func bitfieldKeyFlags(line [][]byte) keyFlags {
	for i := 2; i < len(line); i++ {
		rest := len(line) - i - 1
		switch {
		case equalFoldASCII(line[i], "get") && rest >= 2:
			i += 2
		case equalFoldASCII(line[i], "overflow") && rest >= 1:
			i++
		default:
			return keyRW | keyAccess | keyUpdate
		}
	}
	return keyRO | keyAccess
}
