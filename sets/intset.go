package sets

import (
	"encoding/binary"
	"math"
)

// intset is a sorted array of distinct integers, each stored little-endian
// in width bytes (2, 4 or 8). The width is the narrowest that holds every
// member; adding a member that needs more widens every member at once,
// and nothing narrows it again (as in Redis: removals are rarer than the
// cost of checking).
type intset struct {
	width uint8
	data  []byte
}

// widthFor is the narrowest width that holds v.
func widthFor(v int64) uint8 {
	switch {
	case v >= math.MinInt16 && v <= math.MaxInt16:
		return 2
	case v >= math.MinInt32 && v <= math.MaxInt32:
		return 4
	}
	return 8
}

func (s *intset) len() int {
	if s.width == 0 {
		return 0
	}
	return len(s.data) / int(s.width)
}

// at is the i-th smallest member.
func (s *intset) at(i int) int64 {
	return load(s.data, s.width, i)
}

func load(data []byte, width uint8, i int) int64 {
	switch width {
	case 2:
		return int64(int16(binary.LittleEndian.Uint16(data[2*i:])))
	case 4:
		return int64(int32(binary.LittleEndian.Uint32(data[4*i:])))
	}
	return int64(binary.LittleEndian.Uint64(data[8*i:]))
}

func put(data []byte, width uint8, i int, v int64) {
	switch width {
	case 2:
		binary.LittleEndian.PutUint16(data[2*i:], uint16(v))
	case 4:
		binary.LittleEndian.PutUint32(data[4*i:], uint32(v))
	default:
		binary.LittleEndian.PutUint64(data[8*i:], uint64(v))
	}
}

// search returns v's position and true, or where v would go and false.
func (s *intset) search(v int64) (int, bool) {
	lo, hi := 0, s.len()
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch m := s.at(mid); {
		case m == v:
			return mid, true
		case m < v:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return lo, false
}

func (s *intset) has(v int64) bool {
	if s.width == 0 || widthFor(v) > s.width {
		return false
	}
	_, ok := s.search(v)
	return ok
}

// add inserts v; false if it was already there.
func (s *intset) add(v int64) bool {
	if w := widthFor(v); w > s.width {
		s.widen(w)
	}
	pos, found := s.search(v)
	if found {
		return false
	}
	n := s.len()
	w := int(s.width)
	s.data = append(s.data, make([]byte, w)...)
	copy(s.data[(pos+1)*w:], s.data[pos*w:n*w])
	put(s.data, s.width, pos, v)
	return true
}

// widen rewrites every member in width w.
func (s *intset) widen(w uint8) {
	n := s.len()
	old := s.width
	grown := make([]byte, n*int(w), (n+1)*int(w))
	for i := 0; i < n; i++ {
		put(grown, w, i, load(s.data, old, i))
	}
	s.data, s.width = grown, w
}

// remove deletes v; false if it was not there.
func (s *intset) remove(v int64) bool {
	if !s.has(v) {
		return false
	}
	pos, _ := s.search(v)
	w := int(s.width)
	copy(s.data[pos*w:], s.data[(pos+1)*w:])
	s.data = s.data[:len(s.data)-w]
	return true
}

func (s *intset) clone() intset {
	return intset{width: s.width, data: append([]byte(nil), s.data...)}
}

// bytes is the memory the intset holds.
func (s *intset) bytes() int { return cap(s.data) }
