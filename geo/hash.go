package geo

import "math"

// The coordinates a score can hold (Redis's GEO_LONG_*/GEO_LAT_*).
const (
	LonMin = -180.0
	LonMax = 180.0
	LatMin = -85.05112878
	LatMax = 85.05112878
)

// MaxStep is the precision of a stored score: 26 bits per axis.
const MaxStep = 26

// Hash is a geohash: the interleaved cell numbers of a point at a step.
// The zero Hash (no bits, step 0) stands for "no cell".
type Hash struct {
	Bits uint64
	Step uint8
}

// IsZero reports whether h is the "no cell" value.
func (h Hash) IsZero() bool { return h.Bits == 0 && h.Step == 0 }

// Range is an interval of one axis, in degrees.
type Range struct{ Min, Max float64 }

// Area is a cell: the hash and the ranges it covers.
type Area struct {
	Hash     Hash
	Lon, Lat Range
}

// Ranges of the two axes: Web Mercator's for scores, and the full globe's
// that standard geohash strings use.
var (
	lonRange      = Range{LonMin, LonMax}
	latRange      = Range{LatMin, LatMax}
	worldLatRange = Range{-90, 90}
)

// Valid reports whether a point can be stored (GEOADD's check).
func Valid(lon, lat float64) bool {
	return lon >= LonMin && lon <= LonMax && lat >= LatMin && lat <= LatMax
}

// spread moves the low 32 bits of v to the even bit positions.
func spread(v uint64) uint64 {
	v = (v | v<<16) & 0x0000FFFF0000FFFF
	v = (v | v<<8) & 0x00FF00FF00FF00FF
	v = (v | v<<4) & 0x0F0F0F0F0F0F0F0F
	v = (v | v<<2) & 0x3333333333333333
	v = (v | v<<1) & 0x5555555555555555
	return v
}

// gather is spread's inverse: the even bits of v packed into 32.
func gather(v uint64) uint64 {
	v &= 0x5555555555555555
	v = (v | v>>1) & 0x3333333333333333
	v = (v | v>>2) & 0x0F0F0F0F0F0F0F0F
	v = (v | v>>4) & 0x00FF00FF00FF00FF
	v = (v | v>>8) & 0x0000FFFF0000FFFF
	v = (v | v>>16) & 0x00000000FFFFFFFF
	return v
}

// interleave puts lat's bits at the even positions and lon's at the odd.
func interleave(lat, lon uint32) uint64 { return spread(uint64(lat)) | spread(uint64(lon))<<1 }

// encodeIn hashes a point at step with the given axis ranges; ok is false
// for a point outside Redis's limits or the ranges.
func encodeIn(lons, lats Range, lon, lat float64, step uint8) (Hash, bool) {
	if step == 0 || step > 32 || !Valid(lon, lat) ||
		lat < lats.Min || lat > lats.Max || lon < lons.Min || lon > lons.Max {
		return Hash{}, false
	}
	latOffset := (lat - lats.Min) / (lats.Max - lats.Min)
	lonOffset := (lon - lons.Min) / (lons.Max - lons.Min)
	cells := float64(uint64(1) << step)
	latOffset *= cells
	lonOffset *= cells
	// The offsets are truncated to whole cells, as C's conversion does.
	return Hash{Bits: interleave(uint32(latOffset), uint32(lonOffset)), Step: step}, true
}

// Encode hashes a point at step in the score ranges.
func Encode(lon, lat float64, step uint8) (Hash, bool) {
	return encodeIn(lonRange, latRange, lon, lat, step)
}

// Score is the sorted set score GEOADD stores for a valid point: its
// 52-bit hash.
func Score(lon, lat float64) uint64 {
	h, _ := Encode(lon, lat, MaxStep)
	return h.Align52()
}

// Align52 shifts h's bits to the top of 52, the scale of scores.
func (h Hash) Align52() uint64 { return h.Bits << (52 - 2*uint(h.Step)) }

// decodeIn is the cell h covers in the given axis ranges.
func decodeIn(lons, lats Range, h Hash) Area {
	latCell := gather(h.Bits)
	lonCell := gather(h.Bits >> 1)
	cells := float64(uint64(1) << h.Step)
	latScale := lats.Max - lats.Min
	lonScale := lons.Max - lons.Min
	edge := func(min, scale float64, cell uint64) float64 {
		return min + float64(float64(cell)/cells*scale)
	}
	return Area{
		Hash: h,
		Lat:  Range{edge(lats.Min, latScale, latCell), edge(lats.Min, latScale, latCell+1)},
		Lon:  Range{edge(lons.Min, lonScale, lonCell), edge(lons.Min, lonScale, lonCell+1)},
	}
}

// Decode is the cell h covers in the score ranges.
func Decode(h Hash) Area { return decodeIn(lonRange, latRange, h) }

// Center is the middle of a, kept inside the score ranges.
func (a Area) Center() (lon, lat float64) {
	lon = min(max((a.Lon.Min+a.Lon.Max)/2, LonMin), LonMax)
	lat = min(max((a.Lat.Min+a.Lat.Max)/2, LatMin), LatMax)
	return lon, lat
}

// Point is where a stored score puts its member: the middle of its
// step-26 cell. Any score decodes; one no GEOADD wrote gives some point.
func Point(score float64) (lon, lat float64) {
	return Decode(Hash{Bits: scoreBits(score), Step: MaxStep}).Center()
}

// scoreBits converts a score to an integer as C's (uint64_t) cast does
// on x86-64, including for scores no GEOADD made (negative, huge,
// infinite), so that any sorted set decodes to the same point as in
// Redis.
func scoreBits(f float64) uint64 {
	const two63 = 1 << 63
	switch {
	case f >= two63:
		if f-two63 >= two63 {
			return 0 // the conversion's "invalid" value with the top bit flipped back
		}
		return uint64(int64(f-two63)) ^ two63
	case f > -two63:
		return uint64(int64(f))
	default:
		return two63
	}
}

// String is the standard 11-character geohash of a stored score, as
// GEOHASH answers: the point re-hashed with the globe's latitude range
// (-90 to 90) in base 32; the 11th character stands for bits a score does
// not have, so it is always '0'.
func String(score float64) string {
	const alphabet = "0123456789bcdefghjkmnpqrstuvwxyz"
	lon, lat := Point(score)
	h, _ := encodeIn(lonRange, worldLatRange, lon, lat, MaxStep)
	var out [11]byte
	for i := 0; i < 10; i++ {
		out[i] = alphabet[(h.Bits>>(52-(i+1)*5))&0x1f]
	}
	out[10] = alphabet[0]
	return string(out[:])
}

// Distances on a sphere of the earth's mean radius, in meters.

const earthRadius = 6372797.560856

// degToRad is pi/180 rounded once to a float64, as C computes it.
var degToRad = piFloat / 180

var piFloat = math.Pi

func radians(deg float64) float64 { return deg * degToRad }
func degrees(rad float64) float64 { return rad / degToRad }

// latDistance is the distance along a meridian between two latitudes.
func latDistance(lat1, lat2 float64) float64 {
	return earthRadius * math.Abs(radians(lat2)-radians(lat1))
}

// Distance is the haversine distance between two points.
func Distance(lon1, lat1, lon2, lat2 float64) float64 {
	p, q := locate(lon1, lat1), locate(lon2, lat2)
	return p.distance(&q)
}

// place is a point with what every distance from it needs, so that a
// search works out its center's once.
type place struct {
	lon, lat       float64 // degrees
	lonRad, latRad float64
	cosLat         float64 // computed when first needed
	cosKnown       bool
	roughCos       float64 // math.Cos's, for estimates; NaN until needed
}

func locate(lon, lat float64) place {
	return place{lon: lon, lat: lat, lonRad: radians(lon), latRad: radians(lat), roughCos: math.NaN()}
}

func (p *place) cos() float64 {
	if !p.cosKnown {
		p.cosLat, p.cosKnown = cos(p.latRad), true
	}
	return p.cosLat
}

// distance is the haversine distance from p to q, with Redis's order of
// operations.
func (p *place) distance(q *place) float64 {
	v := sin((q.lonRad - p.lonRad) / 2)
	if v == 0 {
		return latDistance(p.lat, q.lat) // same meridian: no trigonometry needed
	}
	u := sin((q.latRad - p.latRad) / 2)
	a := float64(u*u) + float64(float64(float64(p.cos()*q.cos())*v)*v)
	return 2.0 * earthRadius * asin(math.Sqrt(a))
}

// beyond reports whether q is surely farther than limit meters from p:
// the distance by math's functions, a few ulps off at worst, passes it
// by a margin. It costs a fraction of distance, so a search uses it to
// drop most of the points outside its shape.
func (p *place) beyond(q *place, limit float64) bool {
	if math.IsNaN(p.roughCos) {
		p.roughCos = math.Cos(p.latRad)
	}
	if math.IsNaN(q.roughCos) {
		q.roughCos = math.Cos(q.latRad)
	}
	v := math.Sin((q.lonRad - p.lonRad) / 2)
	u := math.Sin((q.latRad - p.latRad) / 2)
	a := u*u + p.roughCos*q.roughCos*v*v
	rough := 2.0 * earthRadius * math.Asin(math.Sqrt(a))
	return rough > limit*(1+1e-9)+1e-6
}
