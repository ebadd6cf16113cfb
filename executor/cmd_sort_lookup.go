package executor

import (
	"bytes"

	"redis-lite/hashes"
	"redis-lite/store"
)

// SORT's BY and GET patterns. "#" stands for the element itself. Any
// other pattern names a key: its first '*' is replaced by the element;
// when "->" and a field name follow somewhere after the '*', the key is
// a hash and the value is that field's. A pattern without '*' names no
// element's key, so it finds nothing. A key of the wrong type (not a
// string, or not a hash for "->") also finds nothing; it is no error.
//
// Redis searches the pattern for '*' and "->" as a C string, so a NUL
// byte ends the search (the key name still takes every byte).

// hasWildcard reports whether pattern has a '*' Redis would find.
func hasWildcard(pattern []byte) bool {
	return bytes.IndexByte(cString(pattern), '*') >= 0
}

// lookupByPattern is the value pattern gives for elem (a copy), found
// false when it names nothing. Each key read counts as a hit or miss.
func (s *Session) lookupByPattern(pattern, elem []byte) (value []byte, found bool) {
	if len(pattern) == 1 && pattern[0] == '#' {
		return elem, true
	}
	key, field, ok := patternKey(pattern, elem)
	if !ok {
		return nil, false
	}
	s.db().View(key, func(e store.Entry, exists bool) {
		s.countRead(exists)
		switch {
		case !exists:
		case field == nil && e.Obj == nil:
			value, found = append([]byte{}, e.Value...), true
		case field != nil:
			if h, isHash := e.Obj.(*hashes.Hash); isHash {
				var v []byte
				if v, found = h.Get(field); found {
					value = append([]byte{}, v...)
				}
			}
		}
	})
	return value, found
}

// patternKey builds the key name pattern gives for elem, and the hash
// field it names (nil for none); ok false when pattern has no '*'.
func patternKey(pattern, elem []byte) (key, field []byte, ok bool) {
	search := cString(pattern)
	star := bytes.IndexByte(search, '*')
	if star < 0 {
		return nil, nil, false
	}
	suffix := pattern[star+1:]
	// The field is everything after the first "->" that follows the '*',
	// provided something does follow it.
	if arrow := bytes.Index(search[star+1:], []byte("->")); arrow >= 0 && star+1+arrow+2 < len(search) {
		field = pattern[star+1+arrow+2:]
		suffix = pattern[star+1 : star+1+arrow]
	}
	key = make([]byte, 0, star+len(elem)+len(suffix))
	key = append(append(append(key, pattern[:star]...), elem...), suffix...)
	return key, field, true
}
