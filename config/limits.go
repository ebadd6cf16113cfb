package config

import (
	"strconv"
	"strings"
)

// Output buffer limits, in Redis's syntax: client-output-buffer-limit takes
// "class hard soft seconds" for one or more classes (normal, replica or
// its old name slave, pubsub). A client is cut when its unsent output
// passes hard, or has stayed over soft for seconds. This daemon enforces
// the hard limits of normal and pubsub clients; it has no replicas, and
// soft limits are kept and shown but not enforced (the daemon warns when
// one is set).

// Limit is one class's limits.
type Limit struct {
	Hard, Soft int64 // bytes; 0 is no limit
	Seconds    int64 // how long output may stay over Soft
}

// limitClasses are the classes in the order Redis shows them.
var limitClasses = []string{"normal", "slave", "pubsub"}

func className(w string) (string, bool) {
	switch lowerASCII(w) {
	case "normal":
		return "normal", true
	case "slave", "replica":
		return "slave", true
	case "pubsub":
		return "pubsub", true
	}
	return "", false
}

// parseLimits applies "class hard soft seconds ..." to old, all or nothing,
// with Redis's reasons.
func parseLimits(words []string, old string) (string, string) {
	if len(words)%4 != 0 {
		return "", "Wrong number of arguments in buffer limit configuration."
	}
	limits := decodeLimits(old)
	for i := 0; i < len(words); i += 4 {
		class, ok := className(words[i])
		if !ok {
			return "", "Invalid client class specified in buffer limit configuration."
		}
		hard, hardOK, hardOver := ParseMemory(words[i+1])
		soft, softOK, softOver := ParseMemory(words[i+2])
		seconds, secondsOK := parseSeconds(words[i+3])
		if !hardOK || hardOver || !softOK || softOver || !secondsOK {
			return "", "Error in hard, soft or soft_seconds setting in buffer limit configuration."
		}
		limits[class] = Limit{hard, soft, seconds}
	}
	return encodeLimits(limits), ""
}

// parseSeconds reads soft_seconds as Redis's strtoll does: an optional
// sign and digits, nothing after; "" is 0. A negative count is refused.
func parseSeconds(w string) (int64, bool) {
	if w == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(w, 10, 32)
	return n, err == nil && n >= 0
}

// encodeLimits is CONFIG GET's form: every class, in Redis's order.
func encodeLimits(limits map[string]Limit) string {
	var b strings.Builder
	for i, class := range limitClasses {
		l := limits[class]
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(class + " " + strconv.FormatInt(l.Hard, 10) + " " + strconv.FormatInt(l.Soft, 10) + " " + strconv.FormatInt(l.Seconds, 10))
	}
	return b.String()
}

// decodeLimits reads encodeLimits's form (a value this package made).
func decodeLimits(value string) map[string]Limit {
	limits := make(map[string]Limit, len(limitClasses))
	f := strings.Fields(value)
	for i := 0; i+3 < len(f); i += 4 {
		hard, _ := strconv.ParseInt(f[i+1], 10, 64)
		soft, _ := strconv.ParseInt(f[i+2], 10, 64)
		seconds, _ := strconv.ParseInt(f[i+3], 10, 64)
		limits[f[i]] = Limit{hard, soft, seconds}
	}
	return limits
}

// rewriteLimits is one config line per class, as CONFIG REWRITE writes
// them, each with whether it differs from the default.
func rewriteLimits(name, value, def string) (lines []string, force []bool) {
	cur, defs := decodeLimits(value), decodeLimits(def)
	for _, class := range limitClasses {
		l := cur[class]
		written := class
		if written == "slave" {
			written = "replica"
		}
		lines = append(lines, name+" "+written+" "+FormatMemory(l.Hard)+" "+FormatMemory(l.Soft)+" "+strconv.FormatInt(l.Seconds, 10))
		force = append(force, l != defs[class])
	}
	return lines, force
}
