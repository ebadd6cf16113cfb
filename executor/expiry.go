package executor

import "math"

// expireSpec is an expiry argument: the raw number, its unit, and whether it
// is a point in time (EXAT, PXAT, EXPIREAT) or a duration from now.
type expireSpec struct {
	raw      []byte
	seconds  bool
	absolute bool
}

// expireOption reads SET/GETEX's EX, PX, EXAT, PXAT keywords.
func expireOption(opt string) (expireSpec, bool) {
	switch opt {
	case "ex":
		return expireSpec{seconds: true}, true
	case "px":
		return expireSpec{}, true
	case "exat":
		return expireSpec{seconds: true, absolute: true}, true
	case "pxat":
		return expireSpec{absolute: true}, true
	}
	return expireSpec{}, false
}

// at converts the spec to an absolute Unix time in milliseconds, with
// Redis's checks: an integer, and no 64-bit overflow. When positive is
// set (SET, SETEX, GETEX), zero and negative times are invalid too; EXPIRE
// accepts them and deletes the key. The error names the command.
func (e expireSpec) at(now int64, positive bool, cmd string) (int64, string) {
	n, ok := parseInt(e.raw)
	if !ok {
		return 0, errNotInteger
	}
	invalid := "ERR invalid expire time in '" + cmd + "' command"
	if positive && n <= 0 {
		return 0, invalid
	}
	if e.seconds {
		if n > math.MaxInt64/1000 || n < math.MinInt64/1000 {
			return 0, invalid
		}
		n *= 1000
	}
	if !e.absolute {
		// now is positive, so only a positive n can overflow the sum.
		if n > math.MaxInt64-now {
			return 0, invalid
		}
		n += now
	}
	return n, ""
}

// setOptions are SET's and GETEX's flags.
type setOptions struct {
	nx, xx, get, keepTTL, persist bool
	expire                        *expireSpec // the last EX, PX, EXAT or PXAT
}

// parseSetOptions reads the options after SET key value (forGetex false)
// or GETEX key (true) with Redis's rules: an option may be given again
// (SET k v EX 1 EX 2 expires in 2 seconds: the last value wins, and only it
// is read as a number), but one that contradicts another option already
// given is "ERR syntax error": NX with XX, KEEPTTL or PERSIST with any
// expiry, and two different kinds of expiry (EX then PX).
func parseSetOptions(args [][]byte, forGetex bool) (setOptions, string) {
	var o setOptions
	for i := 0; i < len(args); i++ {
		opt := optionName(args[i])
		spec, isExpire := expireOption(opt)
		switch {
		case opt == "nx" && !forGetex && !o.xx:
			o.nx = true
		case opt == "xx" && !forGetex && !o.nx:
			o.xx = true
		case opt == "get" && !forGetex:
			o.get = true
		case opt == "keepttl" && !forGetex && o.expire == nil:
			o.keepTTL = true
		case opt == "persist" && forGetex && o.expire == nil:
			o.persist = true
		case isExpire && o.expireMayBe(spec) && i+1 < len(args):
			spec.raw = args[i+1]
			o.expire = &spec
			i++
		default:
			return o, errSyntax
		}
	}
	return o, ""
}

// expireMayBe reports whether an expiry of spec's kind may follow the
// options read so far: not after KEEPTTL or PERSIST, nor after an expiry
// of another kind; after one of the same kind it replaces it.
func (o *setOptions) expireMayBe(spec expireSpec) bool {
	if o.keepTTL || o.persist {
		return false
	}
	return o.expire == nil || (o.expire.seconds == spec.seconds && o.expire.absolute == spec.absolute)
}
