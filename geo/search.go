package geo

import "math"

// Shape is a search area: a circle of Radius, or a box Width by Height,
// around a center, in some unit; ToMeters converts the unit to meters.
type Shape struct {
	Lon, Lat              float64
	Box                   bool
	Radius, Width, Height float64
	ToMeters              float64

	center *place // set by the first Contains
}

// Contains reports whether the point is in the shape and, if so, its
// distance from the center in meters. A box is measured as Redis
// measures it: the north-south distance to the center's parallel and the
// east-west distance along the point's parallel.
func (s *Shape) Contains(lon, lat float64) (float64, bool) {
	if s.center == nil {
		c := locate(s.Lon, s.Lat)
		s.center = &c
	}
	p := locate(lon, lat)
	if !s.Box {
		limit := s.Radius * s.ToMeters
		if s.center.beyond(&p, limit) {
			return 0, false
		}
		d := s.center.distance(&p)
		return d, d <= limit
	}
	if latDistance(lat, s.Lat) > s.Height*s.ToMeters/2 {
		return 0, false
	}
	// Along the point's parallel: the center's longitude at its latitude.
	sameParallel := locate(s.Lon, lat)
	halfWidth := s.Width * s.ToMeters / 2
	if p.beyond(&sameParallel, halfWidth) {
		return 0, false
	}
	sameParallel.cosLat, sameParallel.cosKnown = p.cos(), true
	if p.distance(&sameParallel) > halfWidth {
		return 0, false
	}
	return s.center.distance(&p), true
}

// bounds is the shape's bounding box in degrees: west, south, east,
// north. The longitude span is taken at the parallel nearer the pole,
// where it is widest.
func (s *Shape) bounds() (west, south, east, north float64) {
	halfHeight, halfWidth := s.Radius, s.Radius
	if s.Box {
		halfHeight, halfWidth = s.Height/2, s.Width/2
	}
	halfHeight *= s.ToMeters
	halfWidth *= s.ToMeters
	latDelta := degrees(halfHeight / earthRadius)
	lonDeltaTop := degrees(halfWidth / earthRadius / cos(radians(s.Lat+latDelta)))
	lonDeltaBottom := degrees(halfWidth / earthRadius / cos(radians(s.Lat-latDelta)))
	lonDelta := lonDeltaTop
	if s.Lat < 0 {
		lonDelta = lonDeltaBottom
	}
	return s.Lon - lonDelta, s.Lat - latDelta, s.Lon + lonDelta, s.Lat + latDelta
}

// reach is the distance from the center to the farthest point of the
// shape's outline (a box's corner), in meters.
func (s *Shape) reach() float64 {
	if !s.Box {
		return s.Radius * s.ToMeters
	}
	w, h := s.Width/2, s.Height/2
	return math.Sqrt(float64(w*w)+float64(h*h)) * s.ToMeters
}

// mercatorMax is half the Web Mercator world's width in meters.
const mercatorMax = 20037726.37

// stepFor is the coarsest step whose cells are still about as big as
// the distance, one finer for safety and one or two coarser near the
// poles, where cells narrow.
func stepFor(meters, lat float64) uint8 {
	if meters == 0 {
		return MaxStep
	}
	step := 1
	for meters < mercatorMax {
		meters *= 2
		step++
	}
	step -= 2
	if lat > 66 || lat < -66 {
		step--
		if lat > 80 || lat < -80 {
			step--
		}
	}
	return uint8(min(max(step, 1), MaxStep))
}

// Cells are the nine cells to search for a shape: the center's and its
// eight neighbours, some left zero when they cannot hold a point of the
// shape. Search them in this order: center, N, S, E, W, NE, NW, SE, SW.
func Cells(s *Shape) [9]Hash {
	west, south, east, north := s.bounds()
	step := stepFor(s.reach(), s.Lat)
	h, _ := Encode(s.Lon, s.Lat, step)
	n := h.neighbours()
	// A cell whose neighbour does not reach past the bounding box is too
	// small: take the next coarser step.
	if step > 1 && (Decode(n[north_]).Lat.Max < north || Decode(n[south_]).Lat.Min > south ||
		Decode(n[east_]).Lon.Max < east || Decode(n[west_]).Lon.Min > west) {
		step--
		h, _ = Encode(s.Lon, s.Lat, step)
		n = h.neighbours()
	}
	if step >= 2 {
		// Drop the neighbours on the far side of an edge of the center
		// cell that the bounding box does not cross.
		a := Decode(h)
		drop := func(dirs ...int) {
			for _, d := range dirs {
				n[d] = Hash{}
			}
		}
		if a.Lat.Min < south {
			drop(south_, southWest, southEast)
		}
		if a.Lat.Max > north {
			drop(north_, northEast, northWest)
		}
		if a.Lon.Min < west {
			drop(west_, southWest, northWest)
		}
		if a.Lon.Max > east {
			drop(east_, southEast, northEast)
		}
	}
	return [9]Hash{h, n[north_], n[south_], n[east_], n[west_], n[northEast], n[northWest], n[southEast], n[southWest]}
}

// ScoreRange is the scores of the points inside cell h: from min
// (included) to max (excluded).
func ScoreRange(h Hash) (min, max uint64) {
	return h.Align52(), Hash{Bits: h.Bits + 1, Step: h.Step}.Align52()
}

// The eight directions, as indexes of neighbours' result.
const (
	north_ = iota
	south_
	east_
	west_
	northEast
	northWest
	southEast
	southWest
)

// neighbours are the cells next to h, wrapping around at the edges.
func (h Hash) neighbours() [8]Hash {
	return [8]Hash{
		north_:    h.move(0, 1),
		south_:    h.move(0, -1),
		east_:     h.move(1, 0),
		west_:     h.move(-1, 0),
		northEast: h.move(1, 1),
		northWest: h.move(-1, 1),
		southEast: h.move(1, -1),
		southWest: h.move(-1, -1),
	}
}

// move is the cell dx columns east and dy rows north of h (each -1, 0 or
// 1). Each axis's bits are stepped as one number within their own
// positions: filling the other axis's positions with ones makes a carry
// (or borrow) run through them.
func (h Hash) move(dx, dy int) Hash {
	const evens, odds = 0x5555555555555555, 0xaaaaaaaaaaaaaaaa
	width := 64 - 2*uint(h.Step)
	lon, lat := h.Bits&odds, h.Bits&evens
	lon = stepBits(lon, dx, evens>>width, odds>>width)
	lat = stepBits(lat, dy, odds>>width, evens>>width)
	return Hash{Bits: lon | lat, Step: h.Step}
}

// stepBits adds d (-1, 0, 1) to the axis bits v, which sit at the
// positions of mask; filler holds the other axis's positions.
func stepBits(v uint64, d int, filler, mask uint64) uint64 {
	switch {
	case d > 0:
		v += filler + 1
	case d < 0:
		v = (v | filler) - (filler + 1)
	default:
		return v
	}
	return v & mask
}
