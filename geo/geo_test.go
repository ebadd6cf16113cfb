package geo

import (
	"math"
	"math/big"
	"math/rand"
	"strconv"
	"testing"
)

// The reference values are redis-server 7.0.15's answers for Redis's own
// documentation example (GEOADD Sicily 13.361389 38.115556 Palermo
// 15.087269 37.502669 Catania).

func TestScoreMatchesRedis(t *testing.T) {
	for _, c := range []struct {
		lon, lat float64
		score    uint64
	}{
		{13.361389, 38.115556, 3479099956230698},
		{15.087269, 37.502669, 3479447370796909},
		{LonMin, LatMin, 0},
	} {
		if got := Score(c.lon, c.lat); got != c.score {
			t.Errorf("Score(%v, %v) = %d, want %d", c.lon, c.lat, got, c.score)
		}
	}
}

func TestPointMatchesRedis(t *testing.T) {
	lon, lat := Point(3479099956230698)
	if got := strconv.FormatFloat(lon, 'f', 17, 64); got != "13.36138933897018433" {
		t.Errorf("longitude %s", got)
	}
	if got := strconv.FormatFloat(lat, 'f', 17, 64); got != "38.11555639549629859" {
		t.Errorf("latitude %s", got)
	}
}

func TestStringMatchesRedis(t *testing.T) {
	if got := String(3479099956230698); got != "sqc8b49rny0" {
		t.Errorf("String = %s, want sqc8b49rny0", got)
	}
	if got := String(3479447370796909); got != "sqdtr74hyu0" {
		t.Errorf("String = %s, want sqdtr74hyu0", got)
	}
}

func TestDistanceMatchesRedis(t *testing.T) {
	plon, plat := Point(3479099956230698)
	clon, clat := Point(3479447370796909)
	d := Distance(plon, plat, clon, clat)
	if got := math.RoundToEven(d / 1000 * 10000); got != 1662742 {
		t.Errorf("Palermo-Catania %v m, want 166.2742 km", d)
	}
	if got := Distance(10, 20, 10, 21); got != latDistance(20, 21) {
		t.Errorf("along a meridian: %v", got)
	}
}

// TestEncodeDecodeRoundTrip: a point lies inside the cell its hash
// decodes to, at every step.
func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, p := range [][2]float64{{0, 0}, {-179.9, -85}, {179.9, 85}, {13.361389, 38.115556}, {-73.98, 40.75}} {
		for step := uint8(1); step <= MaxStep; step++ {
			h, ok := Encode(p[0], p[1], step)
			if !ok {
				t.Fatalf("Encode(%v) at step %d failed", p, step)
			}
			a := Decode(h)
			if p[0] < a.Lon.Min || p[0] > a.Lon.Max || p[1] < a.Lat.Min || p[1] > a.Lat.Max {
				t.Errorf("%v at step %d decodes to %+v", p, step, a)
			}
		}
	}
	if _, ok := Encode(181, 0, MaxStep); ok {
		t.Error("a longitude past 180 encoded")
	}
	if _, ok := Encode(0, 86, MaxStep); ok {
		t.Error("a latitude past the Mercator limit encoded")
	}
}

// TestNeighbours: each neighbour is the adjacent cell, and moving there
// and back returns to the start.
func TestNeighbours(t *testing.T) {
	h, _ := Encode(13.361389, 38.115556, 10)
	a := Decode(h)
	n := h.neighbours()
	width, height := a.Lon.Max-a.Lon.Min, a.Lat.Max-a.Lat.Min
	checks := []struct {
		dir    int
		dx, dy float64
	}{{north_, 0, 1}, {south_, 0, -1}, {east_, 1, 0}, {west_, -1, 0}, {northEast, 1, 1}, {southWest, -1, -1}}
	for _, c := range checks {
		got := Decode(n[c.dir])
		if math.Abs(got.Lon.Min-(a.Lon.Min+c.dx*width)) > 1e-9 || math.Abs(got.Lat.Min-(a.Lat.Min+c.dy*height)) > 1e-9 {
			t.Errorf("direction %d: %+v from %+v", c.dir, got, a)
		}
	}
	if back := n[east_].move(-1, 0); back != h {
		t.Errorf("east then west: %+v, want %+v", back, h)
	}
	if back := n[northWest].move(1, -1); back != h {
		t.Errorf("north-west then south-east: %+v, want %+v", back, h)
	}
}

func TestStepFor(t *testing.T) {
	for _, c := range []struct {
		meters, lat float64
		step        uint8
	}{{0, 0, 26}, {1, 0, 24}, {200000, 0, 6}, {200000, 70, 5}, {200000, -85, 4}, {1e9, 0, 1}} {
		if got := stepFor(c.meters, c.lat); got != c.step {
			t.Errorf("stepFor(%v, %v) = %d, want %d", c.meters, c.lat, got, c.step)
		}
	}
}

// TestCellsCoverTheShape: every point of a circle lies in one of the
// cells searched for it.
func TestCellsCoverTheShape(t *testing.T) {
	s := &Shape{Lon: 15, Lat: 37, Radius: 200, ToMeters: 1000}
	cells := Cells(s)
	for _, p := range [][2]float64{{13.361389, 38.115556}, {15.087269, 37.502669}, {15, 37}, {16.5, 36.5}} {
		if _, in := s.Contains(p[0], p[1]); !in {
			t.Fatalf("%v should be inside", p)
		}
		score := Score(p[0], p[1])
		found := false
		for _, c := range cells {
			if lo, hi := ScoreRange(c); !c.IsZero() && score >= lo && score < hi {
				found = true
			}
		}
		if !found {
			t.Errorf("%v (score %d) is in no cell of %+v", p, score, cells)
		}
	}
}

func TestBoxContains(t *testing.T) {
	s := &Shape{Lon: 0, Lat: 0, Box: true, Width: 200, Height: 100, ToMeters: 1000}
	if _, in := s.Contains(0.8, 0); !in {
		t.Error("a point 89 km east is outside a 200 km wide box")
	}
	if _, in := s.Contains(0, 0.5); in {
		t.Error("a point 55 km north is inside a 100 km high box")
	}
}

func TestScoreBits(t *testing.T) {
	for _, c := range []struct {
		f    float64
		bits uint64
	}{{5, 5}, {-1, math.MaxUint64}, {math.Inf(1), 0}, {math.Inf(-1), 1 << 63}, {1 << 63, 1 << 63}} {
		if got := scoreBits(c.f); got != c.bits {
			t.Errorf("scoreBits(%v) = %#x, want %#x", c.f, got, c.bits)
		}
	}
}

// bigSinCos is sin(x) and cos(x) from their series at 200 bits, rounded
// once to float64: the correctly rounded values.
func bigSinCos(x float64) (float64, float64) {
	const prec = 200
	bx := new(big.Float).SetPrec(prec).SetFloat64(x)
	x2 := new(big.Float).SetPrec(prec).Mul(bx, bx)
	sum := [2]*big.Float{new(big.Float).SetPrec(prec).Set(bx), new(big.Float).SetPrec(prec).SetInt64(1)}
	term := [2]*big.Float{new(big.Float).SetPrec(prec).Set(bx), new(big.Float).SetPrec(prec).SetInt64(1)}
	for n := int64(1); n < 80; n += 2 {
		for k, div := range []int64{(n + 1) * (n + 2), n * (n + 1)} {
			term[k].Mul(term[k], x2)
			term[k].Quo(term[k], new(big.Float).SetPrec(prec).SetInt64(-div))
			sum[k].Add(sum[k], term[k])
		}
	}
	s, _ := sum[0].Float64()
	c, _ := sum[1].Float64()
	return s, c
}

// TestPreciseTrigIsCorrectlyRounded holds sin and cos up against the
// 200-bit series, and asin against sin.
func TestPreciseTrigIsCorrectlyRounded(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		x := (r.Float64()*2 - 1) * 4
		ws, wc := bigSinCos(x)
		if got := sin(x); got != ws {
			t.Fatalf("sin(%v) = %v, want %v", x, got, ws)
		}
		if got := cos(x); got != wc {
			t.Fatalf("cos(%v) = %v, want %v", x, got, wc)
		}
		a := r.Float64()
		y := asin(a)
		// y is right when a lies between the sines of its neighbours.
		below, _ := bigSinCos(math.Nextafter(y, 0))
		above, _ := bigSinCos(math.Nextafter(y, 2))
		if a < below || a > above {
			t.Fatalf("asin(%v) = %v, whose neighbours' sines are %v and %v", a, y, below, above)
		}
	}
}

// TestTrigMatchesGlibc: values where Go's math package is an ulp off
// glibc's, whose functions Redis calls (computed by Python's math, which
// calls them).
func TestTrigMatchesGlibc(t *testing.T) {
	for _, c := range []struct {
		name    string
		fn      func(float64) float64
		x, want float64
	}{
		{"asin", asin, 0x1.acd8aa6694f20p-3, 0x1.b00b3775eb2aep-3},
		{"cos", cos, -0x1.3326bb8ceba18p-3, 0x1.fa40ab2098879p-1},
		{"asin", asin, 0x1.112b7d42952fcp-2, 0x1.1484adb8cfd20p-2},
		{"cos", cos, -0x1.508da0a075360p-4, 0x1.fe45cba21587fp-1},
		{"sin", sin, -0x1.1176c806e852cp+0, -0x1.c0b024dff51a8p-1},
		{"sin", sin, -0x1.e88eae6bea190p-1, -0x1.a1b84d67ea993p-1},
	} {
		if got := c.fn(c.x); got != c.want {
			t.Errorf("%s(%v) = %v, want %v", c.name, c.x, got, c.want)
		}
	}
}

func BenchmarkDistance(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Distance(13.361389, 38.115556, 15.087269+float64(i&7), 37.502669)
	}
}
