package executor

import (
	"math"
	"strconv"

	"redis-lite/geo"
	"redis-lite/zsets"
)

// geoCommands are Redis 7.0's geo commands. A geo key is a sorted set
// whose scores are 52-bit geohashes (package geo), as in Redis: TYPE says
// zset and every sorted set command works on it. This file has the
// additions and the per-member reads; cmd_geo_search.go the searches.
var geoCommands = []command{
	{name: "geoadd", arity: -5, flags: flagWrite | flagDenyOOM, run: cmdGeoAdd},
	{name: "geopos", arity: -2, flags: flagReadonly, run: cmdGeoPos},
	{name: "geohash", arity: -2, flags: flagReadonly, run: cmdGeoHash},
	{name: "geodist", arity: -4, flags: flagReadonly, run: cmdGeoDist},
	{name: "georadius", arity: -6, flags: flagWrite | flagDenyOOM, run: cmdGeoSearch},
	{name: "georadiusbymember", arity: -5, flags: flagWrite | flagDenyOOM, run: cmdGeoSearch},
	{name: "georadius_ro", arity: -6, flags: flagReadonly, run: cmdGeoSearch},
	{name: "georadiusbymember_ro", arity: -5, flags: flagReadonly, run: cmdGeoSearch},
	{name: "geosearch", arity: -7, flags: flagReadonly, run: cmdGeoSearch},
	{name: "geosearchstore", arity: -8, flags: flagWrite | flagDenyOOM, run: cmdGeoSearch},
}

// GEOADD key [NX|XX] [CH] longitude latitude member [...]: ZADD with each
// point's geohash as the score, which is what Redis runs (so the events,
// the reply and the command logged for replay are ZADD's).
func cmdGeoAdd(s *Session, args [][]byte) {
	first := 2
	nx, xx := false, false
scan:
	for ; first < len(args); first++ {
		switch optionName(args[first]) {
		case "nx":
			nx = true
		case "xx":
			xx = true
		case "ch":
		default:
			break scan
		}
	}
	triples := len(args) - first
	if triples == 0 || triples%3 != 0 || (nx && xx) {
		s.reply.Error(errSyntax)
		return
	}
	zadd := make([][]byte, 0, first+triples/3*2)
	zadd = append(zadd, []byte("zadd"))
	zadd = append(zadd, args[1:first]...)
	for i := first; i < len(args); i += 3 {
		lon, lat, errText := parseLonLat(args[i], args[i+1])
		if errText != "" {
			s.reply.Error(errText)
			return
		}
		zadd = append(zadd, strconv.AppendUint(nil, geo.Score(lon, lat), 10), args[i+2])
	}
	cmdZAdd(s, zadd)
}

// parseLonLat reads a longitude and a latitude as Redis does, with its
// errors: each must be a float, and the pair a point a score can hold.
func parseLonLat(lonArg, latArg []byte) (lon, lat float64, errText string) {
	lon, ok1 := parseScore(lonArg)
	if !ok1 {
		return 0, 0, errNotFloat
	}
	lat, ok2 := parseScore(latArg)
	if !ok2 {
		return 0, 0, errNotFloat
	}
	if !geo.Valid(lon, lat) {
		return 0, 0, "ERR invalid longitude,latitude pair " + formatC6(lon) + "," + formatC6(lat)
	}
	return lon, lat, ""
}

// formatC6 is C's %f: six decimals, infinities as "inf".
func formatC6(f float64) string {
	if math.IsInf(f, 0) {
		return formatDouble(f)
	}
	return strconv.FormatFloat(f, 'f', 6, 64)
}

// unitToMeters is what one of a unit is in meters; false for no unit
// Redis knows.
func unitToMeters(unit []byte) (float64, bool) {
	switch optionName(unit) {
	case "m":
		return 1, true
	case "km":
		return 1000, true
	case "ft":
		return 0.3048, true
	case "mi":
		return 1609.34, true
	}
	return 0, false
}

const errGeoUnit = "ERR unsupported unit provided. please use M, KM, FT, MI"

// memberPoint is where the member's score puts it; false if z lacks it.
func memberPoint(z *zsets.ZSet, member []byte) (lon, lat float64, ok bool) {
	score, ok := z.Score(member)
	if !ok {
		return 0, 0, false
	}
	lon, lat = geo.Point(score)
	return lon, lat, true
}

// replyDistance writes a distance as Redis does: a value with exactly
// four decimals, rounded half to even.
func (s *Session) replyDistance(d float64) {
	s.reply.BulkString(formatDistance(d))
}

func formatDistance(d float64) string {
	scaled := int64(math.RoundToEven(d * 10000))
	neg := scaled < 0
	if neg {
		scaled = -scaled
	}
	digits := strconv.FormatInt(scaled, 10)
	for len(digits) < 5 {
		digits = "0" + digits
	}
	text := digits[:len(digits)-4] + "." + digits[len(digits)-4:]
	if neg {
		text = "-" + text
	}
	return text
}

// GEOPOS key member [member ...]: each member's longitude and latitude,
// or a null for one the set lacks.
func cmdGeoPos(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(z *zsets.ZSet) {
		s.reply.Array(len(args) - 2)
		for _, m := range args[2:] {
			if z == nil {
				s.reply.NullArray()
				continue
			}
			lon, lat, ok := memberPoint(z, m)
			if !ok {
				s.reply.NullArray()
				continue
			}
			s.reply.Array(2)
			s.reply.HumanDouble(lon)
			s.reply.HumanDouble(lat)
		}
	})
}

// GEOHASH key member [member ...]: each member's standard 11-character
// geohash, or nil for one the set lacks.
func cmdGeoHash(s *Session, args [][]byte) {
	viewCollection(s, args[1], func(z *zsets.ZSet) {
		s.reply.Array(len(args) - 2)
		for _, m := range args[2:] {
			var score float64
			ok := false
			if z != nil {
				score, ok = z.Score(m)
			}
			if !ok {
				s.reply.Nil()
				continue
			}
			s.reply.BulkString(geo.String(score))
		}
	})
}

// GEODIST key member1 member2 [M|KM|FT|MI]: the distance between the two
// members in the unit (meters by default), or nil if either is missing.
func cmdGeoDist(s *Session, args [][]byte) {
	toMeters := 1.0
	switch {
	case len(args) == 5:
		var ok bool
		if toMeters, ok = unitToMeters(args[4]); !ok {
			s.reply.Error(errGeoUnit)
			return
		}
	case len(args) > 5:
		s.reply.Error(errSyntax)
		return
	}
	viewCollection(s, args[1], func(z *zsets.ZSet) {
		if z == nil {
			s.reply.Nil()
			return
		}
		lon1, lat1, ok1 := memberPoint(z, args[2])
		lon2, lat2, ok2 := memberPoint(z, args[3])
		if !ok1 || !ok2 {
			s.reply.Nil()
			return
		}
		s.replyDistance(geo.Distance(lon1, lat1, lon2, lat2) / toMeters)
	})
}
