package config

import "strings"

// eventClassLetters are notify-keyspace-events' class letters in the order
// Redis shows them; A stands for the first ten (all but n).
const (
	eventClassLetters = "g$lshzxetdn"
	allClasses        = "g$lshzxetd"
)

// parseKeyspaceEvents reads notify-keyspace-events' letters, in any order
// and repeated at will, and writes them as CONFIG GET shows them: A when
// every class A covers is on (else each class), then n, then K, E and m.
func parseKeyspaceEvents(w string) (string, string) {
	on := map[byte]bool{}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == 'A':
			for j := 0; j < len(allClasses); j++ {
				on[allClasses[j]] = true
			}
		case strings.IndexByte(eventClassLetters+"KEm", c) >= 0:
			on[c] = true
		default:
			return "", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."
		}
	}
	var b strings.Builder
	all := true
	for i := 0; i < len(allClasses); i++ {
		all = all && on[allClasses[i]]
	}
	if all {
		b.WriteByte('A')
	}
	for i := 0; i < len(eventClassLetters); i++ {
		c := eventClassLetters[i]
		if on[c] && (!all || c == 'n') {
			b.WriteByte(c)
		}
	}
	for _, c := range []byte("KEm") {
		if on[c] {
			b.WriteByte(c)
		}
	}
	return b.String(), ""
}
