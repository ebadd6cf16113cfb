package config

import (
	"errors"
	"strings"

	"redis-lite/parser"
)

// errUnbalanced is a line whose quotes do not close, or whose closing quote
// is not followed by a space.
//
//lint:ignore ST1005 Redis's own wording, which clients and tests compare
var errUnbalanced = errors.New("Unbalanced quotes in configuration line")

// splitArgs splits a config line into words as redis-server does: with
// sdssplitargs, the same splitter as Redis's inline requests, so this is
// parser.SplitArgs (quotes, escapes, and a closing quote that must be
// followed by white space). The line is a C string to Redis: a NUL ends it.
func splitArgs(line string) ([]string, error) {
	if nul := strings.IndexByte(line, 0); nul >= 0 {
		line = line[:nul]
	}
	args, err := parser.SplitArgs([]byte(line))
	if err != nil {
		return nil, errUnbalanced
	}
	if len(args) == 0 {
		return nil, nil
	}
	words := make([]string, len(args))
	for i, a := range args {
		words[i] = string(a)
	}
	return words, nil
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
