package hll

import "math"

// histogram counts registers by value. 64 slots hold any 6-bit value, so
// a corrupted dense value cannot index past it.
type histogram [64]int

// alphaInf is 1/(2 ln 2), the estimator's limit constant for many
// registers.
const alphaInf = 0.721347520444481703680

// Estimate is the cardinality the registers suggest (the cached estimate
// is not consulted). It reports ErrCorrupt for a broken sparse value.
func (s Sketch) Estimate() (uint64, error) {
	var hist histogram
	if s.Encoding() == Dense {
		denseHistogram(s.registers(), &hist)
	} else if err := sparseHistogram(s.registers(), &hist); err != nil {
		return 0, err
	}
	return hist.estimate(), nil
}

// estimate is Ertl's improved estimator: registers at the top value (a run
// past every usable bit) are corrected with tau, the counts of each value
// are folded from the top down with halving, and the zero registers are
// corrected with sigma. The explicit float64 conversions keep the compiler
// from fusing a multiply and an add, which would round differently from
// Redis.
func (h *histogram) estimate() uint64 {
	const m = float64(NumRegisters)
	z := m * tau(float64(float64(m-float64(h[hashRunBits+1]))/m))
	for v := hashRunBits; v >= 1; v-- {
		z = float64(z + float64(h[v]))
		z *= 0.5
	}
	z = float64(z + float64(m*sigma(float64(h[0])/m)))
	e := math.Round(alphaInf * m * m / z)
	if !(e < 1<<63) {
		// z is 0 when every register is at 50 or above (only a
		// hand-made dense value gets there). Redis's llroundl then
		// answers x86's "integer indefinite", the lowest int64, and
		// PFCOUNT shows -9223372036854775808.
		return 1 << 63
	}
	return uint64(e)
}

// sigma is Ertl's sigma(x) = x + sum over k>=1 of x^(2^k) * 2^(k-1),
// summed until the terms no longer change the total; infinite at 1.
func sigma(x float64) float64 {
	if x == 1 {
		return math.Inf(1)
	}
	sum, weight := x, 1.0
	for {
		x *= x
		next := float64(sum + float64(x*weight))
		if next == sum {
			return sum
		}
		sum = next
		weight += weight
	}
}

// tau is Ertl's tau(x) = (1 - x - sum over k>=1 of (1 - x^(2^-k))^2 * 2^-k) / 3,
// summed until the terms no longer change the total; zero at 0 and 1.
func tau(x float64) float64 {
	if x == 0 || x == 1 {
		return 0
	}
	sum, weight := 1-x, 1.0
	for {
		x = math.Sqrt(x)
		weight *= 0.5
		d := 1 - x
		next := float64(sum - float64(float64(d*d)*weight))
		if next == sum {
			return sum / 3
		}
		sum = next
	}
}
