package executor

import (
	"cmp"
	"slices"

	"redis-lite/geo"
	"redis-lite/store"
	"redis-lite/zsets"
)

// The geo searches: GEOSEARCH and GEOSEARCHSTORE, and the older
// GEORADIUS family, which are the same search with the center and the
// circle given by position (GEORADIUS_RO and GEORADIUSBYMEMBER_RO cannot
// STORE). Like Redis, a search walks the score ranges of the nine
// geohash cells around the center (package geo picks them), keeps the
// points inside the shape, and sorts them by distance if asked.

// geoForm is what a search command's name fixes.
type geoForm struct {
	src        int  // the source key's index
	fromCoords bool // GEORADIUS: longitude latitude radius unit come first
	fromMember bool // GEORADIUSBYMEMBER: member radius unit come first
	search     bool // GEOSEARCH*: FROM... and BY... options
	noStore    bool // the _RO variants
	searchDst  bool // GEOSEARCHSTORE: the destination is args[1]
}

var geoForms = map[string]geoForm{
	"georadius":            {src: 1, fromCoords: true},
	"georadius_ro":         {src: 1, fromCoords: true, noStore: true},
	"georadiusbymember":    {src: 1, fromMember: true},
	"georadiusbymember_ro": {src: 1, fromMember: true, noStore: true},
	"geosearch":            {src: 1, search: true},
	"geosearchstore":       {src: 2, search: true, searchDst: true},
}

type geoOrder uint8

const (
	geoUnsorted geoOrder = iota
	geoAsc
	geoDesc
)

// geoQuery is one parsed search.
type geoQuery struct {
	shape                         geo.Shape
	withDist, withHash, withCoord bool
	order                         geoOrder
	any                           bool
	count                         int64 // 0: no limit
	storeKey                      []byte
	storeDist                     bool
}

// parseGeoQuery reads a search's arguments in Redis's order of checks;
// z is the source set (nil: the key is missing, which skips what needs a
// member's position, as Redis does). It returns an error text on failure.
func parseGeoQuery(args [][]byte, form geoForm, z *zsets.ZSet) (q geoQuery, errText string) {
	at := 0
	switch {
	case form.fromCoords:
		at = 6
		if q.shape.Lon, q.shape.Lat, errText = parseLonLat(args[2], args[3]); errText != "" {
			return q, errText
		}
		if errText = parseRadius(&q.shape, args[4], args[5]); errText != "" {
			return q, errText
		}
	case form.fromMember:
		at = 5
		if z != nil {
			var ok bool
			if q.shape.Lon, q.shape.Lat, ok = memberPoint(z, args[2]); !ok {
				return q, errGeoMember
			}
			if errText = parseRadius(&q.shape, args[3], args[4]); errText != "" {
				return q, errText
			}
		}
	case form.searchDst:
		at = 3
		q.storeKey = args[1]
	default:
		at = 2
	}
	var fromMember, fromLonLat, byRadius, byBox bool
	for i := at; i < len(args); i++ {
		left := len(args) - i - 1
		switch opt := optionName(args[i]); {
		case opt == "withdist":
			q.withDist = true
		case opt == "withhash":
			q.withHash = true
		case opt == "withcoord":
			q.withCoord = true
		case opt == "any":
			q.any = true
		case opt == "asc":
			q.order = geoAsc
		case opt == "desc":
			q.order = geoDesc
		case opt == "count" && left >= 1:
			n, ok := parseInt(args[i+1])
			if !ok {
				return q, errNotInteger
			}
			if n <= 0 {
				return q, "ERR COUNT must be > 0"
			}
			q.count = n
			i++
		case (opt == "store" || opt == "storedist") && left >= 1 && !form.noStore && !form.search:
			q.storeKey, q.storeDist = args[i+1], opt == "storedist"
			i++
		case opt == "storedist" && form.searchDst:
			q.storeDist = true
		case opt == "frommember" && left >= 1 && form.search && !fromLonLat:
			if z != nil {
				var ok bool
				if q.shape.Lon, q.shape.Lat, ok = memberPoint(z, args[i+1]); !ok {
					return q, errGeoMember
				}
			}
			fromMember = true
			i++
		case opt == "fromlonlat" && left >= 2 && form.search && !fromMember:
			if q.shape.Lon, q.shape.Lat, errText = parseLonLat(args[i+1], args[i+2]); errText != "" {
				return q, errText
			}
			fromLonLat = true
			i += 2
		case opt == "byradius" && left >= 2 && form.search && !byBox:
			if errText = parseRadius(&q.shape, args[i+1], args[i+2]); errText != "" {
				return q, errText
			}
			byRadius = true
			i += 2
		case opt == "bybox" && left >= 3 && form.search && !byRadius:
			if errText = parseBox(&q.shape, args[i+1], args[i+2], args[i+3]); errText != "" {
				return q, errText
			}
			byBox = true
			i += 3
		default:
			return q, errSyntax
		}
	}
	switch {
	case q.storeKey != nil && (q.withDist || q.withHash || q.withCoord):
		what := "STORE option in GEORADIUS"
		if form.searchDst {
			what = "GEOSEARCHSTORE"
		}
		return q, "ERR " + what + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options"
	case form.search && !fromMember && !fromLonLat:
		return q, "ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + string(args[0])
	case form.search && !byRadius && !byBox:
		return q, "ERR exactly one of BYRADIUS and BYBOX can be specified for " + string(args[0])
	case q.any && q.count == 0:
		return q, "ERR the ANY argument requires COUNT argument"
	}
	// The nearest N need sorting; any N do not.
	if q.count != 0 && q.order == geoUnsorted && !q.any {
		q.order = geoAsc
	}
	return q, ""
}

const errGeoMember = "ERR could not decode requested zset member"

// parseRadius reads a circle's radius and unit.
func parseRadius(shape *geo.Shape, radius, unit []byte) string {
	r, ok := parseScore(radius)
	switch {
	case !ok:
		return "ERR need numeric radius"
	case r < 0:
		return "ERR radius cannot be negative"
	}
	toMeters, ok := unitToMeters(unit)
	if !ok {
		return errGeoUnit
	}
	*shape = geo.Shape{Lon: shape.Lon, Lat: shape.Lat, Radius: r, ToMeters: toMeters}
	return ""
}

// parseBox reads a box's width, height and unit.
func parseBox(shape *geo.Shape, width, height, unit []byte) string {
	w, ok := parseScore(width)
	if !ok {
		return "ERR need numeric width"
	}
	h, ok := parseScore(height)
	if !ok {
		return "ERR need numeric height"
	}
	if h < 0 || w < 0 {
		return "ERR height or width cannot be negative"
	}
	toMeters, ok := unitToMeters(unit)
	if !ok {
		return errGeoUnit
	}
	*shape = geo.Shape{Lon: shape.Lon, Lat: shape.Lat, Box: true, Width: w, Height: h, ToMeters: toMeters}
	return ""
}

// geoPoint is one member found by a search.
type geoPoint struct {
	member         []byte
	score          float64
	lon, lat, dist float64 // dist in meters
}

// search finds q's points in z: in the order found (cell by cell, then by
// score), or sorted by distance as q asks, at most q.count of them.
func (q *geoQuery) search(z *zsets.ZSet) []geoPoint {
	limit := 0
	if q.any {
		limit = int(q.count)
	}
	var found []geoPoint
	full := func() bool { return limit > 0 && len(found) >= limit }
	cells := geo.Cells(&q.shape)
	last := 0 // the last cell searched; the center (0) is never compared
	for i, cell := range cells {
		if cell.IsZero() || (last != 0 && cell == cells[last]) {
			continue // over a huge area, neighbours can repeat
		}
		if full() {
			break
		}
		lo, hi := geo.ScoreRange(cell)
		min, max := float64(lo), float64(hi)
		rank := z.CountWhile(func(_ []byte, score float64) bool { return score < min })
		if rank < z.Len() {
			z.Walk(rank, false, func(m []byte, score float64) bool {
				if score >= max {
					return false
				}
				lon, lat := geo.Point(score)
				if dist, in := q.shape.Contains(lon, lat); in {
					found = append(found, geoPoint{append([]byte(nil), m...), score, lon, lat, dist})
				}
				return !full()
			})
		}
		last = i
	}
	switch q.order {
	case geoAsc:
		slices.SortStableFunc(found, func(a, b geoPoint) int { return cmp.Compare(a.dist, b.dist) })
	case geoDesc:
		slices.SortStableFunc(found, func(a, b geoPoint) int { return cmp.Compare(b.dist, a.dist) })
	}
	if q.count > 0 && int64(len(found)) > q.count {
		found = found[:q.count]
	}
	return found
}

// GEOSEARCH, GEOSEARCHSTORE, GEORADIUS, GEORADIUSBYMEMBER and their _RO
// variants: the members in the area (with the options' extras), or, to a
// destination key, how many were stored there.
func cmdGeoSearch(s *Session, args [][]byte) {
	form := geoForms[optionName(args[0])]
	// A first reading without the set says whether the search stores; the
	// real one runs under the keys' locks, where a member's position can
	// add an error of its own.
	if dry, errText := parseGeoQuery(args, form, nil); errText == "" && dry.storeKey != nil {
		s.geoSearchStore(args, form, dry.storeKey)
		return
	}
	viewCollection(s, args[form.src], func(z *zsets.ZSet) {
		q, errText := parseGeoQuery(args, form, z)
		switch {
		case errText != "":
			s.reply.Error(errText)
		case z == nil:
			s.reply.Array(0)
		default:
			s.replyGeoPoints(&q, q.search(z))
		}
	})
}

// replyGeoPoints writes each point as its member alone or, with options,
// as a list of the member, its distance, hash and coordinates.
func (s *Session) replyGeoPoints(q *geoQuery, points []geoPoint) {
	extras := 0
	for _, on := range []bool{q.withDist, q.withHash, q.withCoord} {
		if on {
			extras++
		}
	}
	s.reply.Array(len(points))
	for _, p := range points {
		if extras > 0 {
			s.reply.Array(extras + 1)
		}
		s.reply.Bulk(p.member)
		if q.withDist {
			s.replyDistance(p.dist / q.shape.ToMeters)
		}
		if q.withHash {
			s.reply.Int(int64(p.score))
		}
		if q.withCoord {
			s.reply.Array(2)
			s.reply.HumanDouble(p.lon)
			s.reply.HumanDouble(p.lat)
		}
	}
}

// geoSearchStore keeps a search's points at dst as a sorted set, scored
// by their geohashes or (STOREDIST) their distances; none deletes dst.
func (s *Session) geoSearchStore(args [][]byte, form geoForm, dst []byte) {
	event := "georadiusstore"
	if form.search {
		event = "geosearchstore"
	}
	stored := 0
	lim := s.zsetLimits()
	s.storeZSet(dst, args[form.src:form.src+1], event, func(srcs []store.Entry, found []bool) (*zsets.ZSet, string) {
		var z *zsets.ZSet
		if found[0] {
			var isZSet bool
			if z, isZSet = srcs[0].Obj.(*zsets.ZSet); !isZSet {
				return nil, wrongTypeText
			}
		}
		q, errText := parseGeoQuery(args, form, z)
		if errText != "" || z == nil {
			return nil, errText
		}
		points := q.search(z)
		longest := 0
		for _, p := range points {
			longest = max(longest, len(p.member))
		}
		result := zsets.NewFor(len(points), longest, lim)
		for _, p := range points {
			score := p.score
			if q.storeDist {
				score = p.dist / q.shape.ToMeters
			}
			result.Set(p.member, score, lim)
		}
		stored = len(points)
		return result, ""
	})
	// Redis counts each stored member as a change; storeZSet counted one.
	if stored > 1 {
		s.changed(stored - 1)
	}
}
