package executor

import "bytes"

// cString is b as Redis sees it where it treats an argument as a C string:
// up to the first NUL byte. Redis compares option names (SET's NX, EXPIRE's
// GT, ...) with C string functions and prints arguments into some error
// messages with %s, so "NX\x00junk" is NX to Redis, and "Unsupported option
// ab\x00cd" reads "Unsupported option ab". Replies match only if we cut the
// same way.
func cString(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// optionName is an option argument, cut as a C string and lowercased, for
// comparing with the option names a command knows. Only ASCII letters are
// folded, as strcasecmp does: bytes.ToLower would also turn the Kelvin sign
// into a 'k'.
func optionName(b []byte) string {
	b = cString(b)
	lower := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return string(lower)
}
