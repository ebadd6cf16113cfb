package parser

import "bytes"

// nextInline parses one plaintext line (docs/networking.md, section 6):
// arguments split on spaces and tabs (isSpace has the exact rule), with
// Redis's inline quoting. p.args is left holding the arguments, which alias
// buf. crlf reports a line that ended in \r\n (Redis's inline protocol)
// rather than a bare \n (the document's).
func (p *Parser) nextInline(buf []byte) (n int, crlf bool, err error) {
	p.args = p.args[:0]
	eol := bytes.IndexByte(buf, '\n')
	if eol < 0 {
		if len(buf) > MaxInlineSize {
			return 0, false, ErrTooBigInline
		}
		return 0, false, nil // wait for the rest of the line
	}
	if eol > MaxInlineSize {
		return 0, false, ErrTooBigInline
	}
	line := buf[:eol]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line, crlf = line[:len(line)-1], true
	}
	args, err := splitInline(line, p.args)
	p.args = args
	if err != nil {
		return 0, crlf, err
	}
	return eol + 1, crlf, nil
}

// Redis's sdssplitargs has two ideas of white space, and a line reads the
// same here only if both are kept apart:
//
//   - isSpace is C's isspace(): what is skipped before a word, and what
//     may follow a closing quote. It includes \v and \f.
//   - endsWord is what ends an unquoted word: space, tab, CR, LF only. So
//     in ECHO a\vb the \v is part of the word "a\vb", while in
//     ECHO "a"\vb it separates two words.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func endsWord(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// SplitArgs splits a line into words as Redis's sdssplitargs does, for an
// inline request and for a line of a config file alike (Redis uses the one
// splitter for both). It unescapes in place: the words are slices of line.
func SplitArgs(line []byte) ([][]byte, error) { return splitInline(line, nil) }

// splitInline splits a line the way Redis's sdssplitargs does, unescaping
// quoted arguments in place:
//
//   - "..." takes \n \r \t \b \a \\ \" and \xHH; any other escaped byte
//     stands for itself;
//   - '...' takes only \' ;
//   - a closing quote must be followed by a space or the end of the line,
//     and a quote left open is an error.
func splitInline(line []byte, args [][]byte) ([][]byte, error) {
	r := 0
	for {
		for r < len(line) && isSpace(line[r]) {
			r++
		}
		if r == len(line) {
			return args, nil
		}
		start, w := r, r // w: where the next unescaped byte goes; w <= r always
		inDouble, inSingle, closed := false, false, false
	token:
		for r < len(line) {
			c := line[r]
			switch {
			case inDouble:
				switch {
				case c == '\\' && r+3 < len(line) && line[r+1] == 'x' && isHex(line[r+2]) && isHex(line[r+3]):
					line[w] = unhex(line[r+2])<<4 | unhex(line[r+3])
					w, r = w+1, r+4
					continue
				case c == '\\' && r+1 < len(line):
					line[w] = unescape(line[r+1])
					w, r = w+1, r+2
					continue
				case c == '"':
					if r+1 < len(line) && !isSpace(line[r+1]) {
						return args, ErrUnbalancedQuotes
					}
					r, closed = r+1, true
					break token
				}
			case inSingle:
				switch {
				case c == '\\' && r+1 < len(line) && line[r+1] == '\'':
					line[w] = '\''
					w, r = w+1, r+2
					continue
				case c == '\'':
					if r+1 < len(line) && !isSpace(line[r+1]) {
						return args, ErrUnbalancedQuotes
					}
					r, closed = r+1, true
					break token
				}
			default:
				switch {
				case endsWord(c):
					break token
				case c == '"':
					inDouble = true
					r++
					continue
				case c == '\'':
					inSingle = true
					r++
					continue
				}
			}
			line[w] = c
			w, r = w+1, r+1
		}
		if (inDouble || inSingle) && !closed {
			return args, ErrUnbalancedQuotes
		}
		args = append(args, line[start:w:w])
	}
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

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
