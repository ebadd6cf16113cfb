package config

import (
	"errors"
	"strings"
)

// errUnbalanced is a line whose quotes do not close, or whose closing quote
// is not followed by a space.
//
//lint:ignore ST1005 Redis's own wording, which clients and tests compare
var errUnbalanced = errors.New("Unbalanced quotes in configuration line")

// splitArgs splits a config line into words as redis-server does
// (sdssplitargs): words are separated by white space; "..." takes the
// escapes \n \r \t \b \a \xHH and \<any> for that character; '...' takes
// only \'; a closing quote must be followed by white space or the end.
// An unquoted word ends at white space, and a quote inside it is literal.
func splitArgs(line string) ([]string, error) {
	var words []string
	i := 0
	for {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		if i == len(line) {
			return words, nil
		}
		var w strings.Builder
		switch line[i] {
		case '"':
			i++
			for {
				if i == len(line) {
					return nil, errUnbalanced
				}
				c := line[i]
				if c == '"' {
					if i+1 < len(line) && !isSpace(line[i+1]) {
						return nil, errUnbalanced
					}
					i++
					break
				}
				if c == '\\' && i+3 < len(line) && line[i+1] == 'x' && isHex(line[i+2]) && isHex(line[i+3]) {
					w.WriteByte(unhex(line[i+2])<<4 | unhex(line[i+3]))
					i += 4
					continue
				}
				if c == '\\' && i+1 < len(line) {
					i++
					c = unescape(line[i])
				}
				w.WriteByte(c)
				i++
			}
		case '\'':
			i++
			for {
				if i == len(line) {
					return nil, errUnbalanced
				}
				c := line[i]
				if c == '\'' {
					if i+1 < len(line) && !isSpace(line[i+1]) {
						return nil, errUnbalanced
					}
					i++
					break
				}
				if c == '\\' && i+1 < len(line) && line[i+1] == '\'' {
					i++
					c = '\''
				}
				w.WriteByte(c)
				i++
			}
		default:
			for i < len(line) && !isWordEnd(line[i]) {
				w.WriteByte(line[i])
				i++
			}
		}
		words = append(words, w.String())
	}
}

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool { return c == ' ' || (c >= '\t' && c <= '\r') }

// isWordEnd ends an unquoted word: Redis stops at these four (and NUL),
// not at every isspace character.
func isWordEnd(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0 }

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'a':
		return '\a'
	}
	return c
}

// quote writes s so that splitArgs reads it back as one word, as Redis's
// sdscatrepr does: in double quotes, with \\ \" \n \r \t \a \b escaped and
// any other unprintable byte as \xHH.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		default:
			if c >= 0x20 && c < 0x7f {
				b.WriteByte(c)
			} else {
				const digits = "0123456789abcdef"
				b.WriteString(`\x`)
				b.WriteByte(digits[c>>4])
				b.WriteByte(digits[c&15])
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
