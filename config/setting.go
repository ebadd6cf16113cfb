package config

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"redis-lite/parser"
)

// Kind is the kind of value a setting takes, which decides how it is
// parsed, shown by CONFIG GET and written by CONFIG REWRITE.
type Kind uint8

const (
	Bool          Kind = iota // yes or no, in any case
	Int                       // a decimal integer within [Min, Max]
	Memory                    // bytes, with Redis's units (100mb, 1gb, 5k), within [Min, Max]
	Enum                      // one word of Values, in any case
	String                    // any one word ("" included)
	Limits                    // client-output-buffer-limit's "class hard soft seconds ..."
	Save                      // save: snapshots are not kept, so only "" (several words in Redis)
	Percentiles               // numbers from 0 to 100, any count ("" for none)
	MemoryPercent             // bytes as Memory, or "N%" of maxmemory (N up to 100)
	Events                    // notify-keyspace-events' class letters, shown in Redis's order
)

// Change says whether CONFIG SET may change a setting.
type Change uint8

const (
	// Immutable settings are read once, at start ("can't set immutable
	// config").
	Immutable Change = iota
	// Runtime settings take effect at once: the daemon hooks each one
	// (Live.OnSet) to the part that uses it.
	Runtime
	// Protected settings are ones Redis refuses to change at run time
	// unless enable-protected-configs allows it ("can't set protected
	// config"); this daemon has no such switch, so they stay as started.
	Protected
)

// Setting is one entry of the table.
type Setting struct {
	// Name is Redis's name for the setting where Redis has it, lowercase;
	// names are matched in any ASCII case.
	Name string
	// Alias is the older name Redis 7.0 still accepts for the setting
	// (hash-max-ziplist-entries for hash-max-listpack-entries): it works
	// wherever the name does, and CONFIG GET lists it as its own entry,
	// as Redis does.
	Alias string
	Kind  Kind
	// Default is the value before any file or flag, in the form CONFIG GET
	// shows (bytes for Memory).
	Default string
	// Min and Max bound Int and Memory values.
	Min, Max int64
	// Values are an Enum's words, in the order errors list them.
	Values []string
	Change Change
	// Hidden settings are left out of CONFIG GET's patterns; CONFIG GET
	// still answers one asked for by its exact name, as Redis does for its
	// hidden (debugging) settings.
	Hidden bool
	// Ours marks a setting of this daemon's own, with no Redis equivalent.
	Ours bool
	// Unit names what an Int counts ("seconds"), for --help and the README.
	Unit string
	// Doc is one line: what the setting does.
	Doc string
	// Check, if set, refuses a parsed value (in CONFIG GET's form) with the
	// reason, or returns "".
	Check func(value string) string
}

// multiWord settings take several words; CONFIG SET splits its value on
// spaces for them, and a config line may give them as one quoted word.
func (s *Setting) multiWord() bool {
	return s.Kind == Limits || s.Kind == Save || s.Kind == Percentiles
}

// parse reads a setting's words (one for all but multiWord kinds) and
// returns the value in CONFIG GET's form, or Redis's reason for refusing
// it. old is the current value: a Limits line changes only the classes it
// names.
func (s *Setting) parse(words []string, old string) (string, string) {
	var value, reason string
	switch s.Kind {
	case Bool:
		value, reason = parseBool(words[0])
	case Int:
		value, reason = parseInt(words[0], s.Min, s.Max)
	case Memory:
		value, reason = parseMemoryValue(words[0], s.Min, s.Max)
	case MemoryPercent:
		value, reason = parseMemoryPercent(words[0], s.Max)
	case Enum:
		value, reason = parseEnum(words[0], s.Values)
	case String:
		value = words[0]
	case Limits:
		value, reason = parseLimits(words, old)
	case Percentiles:
		value, reason = parsePercentiles(words)
	case Events:
		value, reason = parseKeyspaceEvents(words[0])
	case Save:
		reason = checkSave(words)
	}
	if reason == "" && s.Check != nil {
		reason = s.Check(value)
	}
	return value, reason
}

// checkSave refuses every save schedule but "" (no snapshots are kept),
// with Redis's text for a schedule Redis would refuse too: an odd count,
// or a word that is not seconds (1 or more) or changes (0 or more).
func checkSave(words []string) string {
	if len(words) == 0 || (len(words) == 1 && words[0] == "") {
		return ""
	}
	if len(words)%2 != 0 {
		return "Invalid save parameters"
	}
	for i, w := range words {
		// As strtoll reads it: leading white space, a sign, digits; "" is
		// 0; a number out of range is clamped (so not refused here).
		n, err := int64(0), error(nil)
		if w != "" {
			n, err = strconv.ParseInt(strings.TrimLeft(w, " \t\n\v\f\r"), 10, 64)
		}
		least := int64(1 - i%2) // seconds at least 1, changes at least 0
		if errors.Is(err, strconv.ErrSyntax) || (err == nil && n < least) {
			return "Invalid save parameters"
		}
	}
	return `snapshots (RDB) are not supported: only save "" is accepted`
}

// parsePercentiles reads latency-tracking-info-percentiles' words, each
// a number from 0 to 100, and writes them as Redis shows them: %f with
// the trailing zeros cut ("99.9", "50"). A lone "" is the empty list.
func parsePercentiles(words []string) (string, string) {
	if len(words) == 1 && words[0] == "" {
		return "", ""
	}
	shown := make([]string, len(words))
	for i, w := range words {
		p, err := strconv.ParseFloat(w, 64)
		if err != nil || strings.TrimSpace(w) != w || math.IsNaN(p) {
			return "", "Invalid latency-tracking-info-percentiles parameters"
		}
		if p < 0 || p > 100 {
			return "", "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"
		}
		shown[i] = strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(p, 'f', 6, 64), "0"), ".")
	}
	return strings.Join(shown, " "), ""
}

func parseBool(w string) (string, string) {
	switch lowerASCII(w) {
	case "yes":
		return "yes", ""
	case "no":
		return "no", ""
	}
	return "", "argument must be 'yes' or 'no'"
}

func parseInt(w string, min, max int64) (string, string) {
	n, ok := parseStrictInt(w)
	if !ok {
		return "", "argument couldn't be parsed into an integer"
	}
	if n < min || n > max {
		return "", boundsReason(min, max)
	}
	return strconv.FormatInt(n, 10), ""
}

func boundsReason(min, max int64) string {
	return "argument must be between " + strconv.FormatInt(min, 10) + " and " + strconv.FormatInt(max, 10) + " inclusive"
}

// parseStrictInt reads an integer as Redis's string2ll does: an optional
// minus, then digits with no leading zero (but "0"); no plus, no spaces.
func parseStrictInt(w string) (int64, bool) {
	digits := strings.TrimPrefix(w, "-")
	if digits == "" || (digits[0] == '0' && len(w) > 1) {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(w, 10, 64)
	return n, err == nil
}

func parseMemoryValue(w string, min, max int64) (string, string) {
	n, ok, overflow := ParseMemory(w)
	switch {
	case !ok:
		return "", "argument must be a memory value"
	case overflow || n < min || n > max:
		return "", boundsReason(min, max)
	}
	return strconv.FormatInt(n, 10), ""
}

// ParseMemory reads a byte count as Redis's memtoull does
// (parser.ParseMemory: config lines and commands share it).
func ParseMemory(w string) (n int64, ok, overflow bool) { return parser.ParseMemory(w) }

// FormatMemory writes bytes as CONFIG REWRITE does: in gb, mb or kb when
// it is a whole number of them.
func FormatMemory(n int64) string {
	const kb, mb, gb = 1 << 10, 1 << 20, 1 << 30
	switch {
	case n != 0 && n%gb == 0:
		return strconv.FormatInt(n/gb, 10) + "gb"
	case n != 0 && n%mb == 0:
		return strconv.FormatInt(n/mb, 10) + "mb"
	case n != 0 && n%kb == 0:
		return strconv.FormatInt(n/kb, 10) + "kb"
	}
	return strconv.FormatInt(n, 10)
}

// parseMemoryPercent reads a byte count as parseMemoryValue does, or else
// a percentage, "N%" with N a plain integer from 0 to 100, which CONFIG
// GET shows as given (but 0% is 0). Redis's texts for either.
func parseMemoryPercent(w string, max int64) (string, string) {
	if n, ok, overflow := ParseMemory(w); ok {
		if overflow || n > max {
			return "", boundsReason(0, max)
		}
		return strconv.FormatInt(n, 10), ""
	}
	p, ok := parseStrictInt(strings.TrimSuffix(w, "%"))
	if len(w) < 2 || !strings.HasSuffix(w, "%") || !ok || p < 0 {
		return "", "argument must be a memory or percent value"
	}
	if p > 100 {
		return "", "percentage argument must be less or equal to 100"
	}
	if p == 0 {
		return "0", "" // no limit either way, shown as Redis shows it
	}
	return strconv.FormatInt(p, 10) + "%", ""
}

func parseEnum(w string, values []string) (string, string) {
	for _, v := range values {
		if lowerASCII(w) == v {
			return v, ""
		}
	}
	return "", "argument(s) must be one of the following: " + strings.Join(values, ", ")
}

// lowerASCII lowercases A-Z only, as C's strcasecmp compares: no Unicode
// folding (the Kelvin sign is not a k).
func lowerASCII(w string) string {
	b := []byte(w)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
