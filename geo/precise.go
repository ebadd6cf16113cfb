package geo

import "math"

// Redis calls the C library's sin, cos and asin, which on glibc return
// the correctly rounded result in all but a vanishing share of cases;
// Go's math package may be an ulp off, which shows in a distance printed
// at 17 digits (GEOSEARCHSTORE's STOREDIST scores). So the functions
// here compute in double-double arithmetic (a value as an unevaluated sum
// of two float64s, about 106 bits) and round once at the end.

// dd is hi + lo with |lo| at most half an ulp of hi.
type dd struct{ hi, lo float64 }

// twoSum is a + b exactly, as a normalized pair.
func twoSum(a, b float64) dd {
	s := a + b
	v := s - a
	return dd{s, (a - (s - v)) + (b - v)}
}

// quickTwoSum is twoSum for |a| >= |b|.
func quickTwoSum(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

// twoProd is a * b exactly, as a pair.
func twoProd(a, b float64) dd {
	p := a * b
	return dd{p, math.FMA(a, b, -p)}
}

func (x dd) add(y dd) dd {
	s := twoSum(x.hi, y.hi)
	t := twoSum(x.lo, y.lo)
	s = quickTwoSum(s.hi, s.lo+t.hi)
	return quickTwoSum(s.hi, s.lo+t.lo)
}

func (x dd) neg() dd { return dd{-x.hi, -x.lo} }

func (x dd) mul(y dd) dd {
	p := twoProd(x.hi, y.hi)
	return quickTwoSum(p.hi, p.lo+(x.hi*y.lo+x.lo*y.hi))
}

// divFloat is x / d for a float64 d.
func (x dd) divFloat(d float64) dd {
	q1 := x.hi / d
	r := x.add(twoProd(-q1, d))
	return quickTwoSum(q1, (r.hi+r.lo)/d)
}

func (x dd) div(y dd) dd {
	q1 := x.hi / y.hi
	r := x.add(y.mul(dd{-q1, 0}))
	q2 := r.hi / y.hi
	r = r.add(y.mul(dd{-q2, 0}))
	q3 := r.hi / y.hi
	return dd{q1, 0}.add(dd{q2, 0}).add(dd{q3, 0})
}

// halfPi is pi/2 to about 160 bits, in three parts.
var halfPi = [3]float64{1.570796326794896558e+00, 6.123233995736766036e-17, -1.497384904859169833e-33}

// sinCosDD is sin(x) and cos(x) for a float64 x, in double-double. The
// argument is reduced by multiples of pi/2 to at most pi/4, where the
// Taylor series converge fast.
func sinCosDD(x float64) (sin, cos dd) {
	k := math.Round(x / halfPi[0])
	r := dd{x, 0}
	if k != 0 {
		r = r.add(twoProd(-k, halfPi[0])).add(twoProd(-k, halfPi[1])).add(dd{-k * halfPi[2], 0})
	}
	s, c := smallSinCos(r)
	switch int64(math.Mod(k, 4)+4) % 4 {
	case 1:
		s, c = c, s.neg()
	case 2:
		s, c = s.neg(), c.neg()
	case 3:
		s, c = c.neg(), s
	}
	return s, c
}

// gridSteps is the spacing of sinCosGrid: 1/256 of a radian.
const gridSteps = 256

// sinCosGrid holds sin and cos at every multiple of 1/256 up to pi/4, so
// that the series need only cover the 1/512 left over, where they
// converge in a few terms.
var sinCosGrid = func() (grid [202][2]dd) {
	for k := range grid {
		s, c := taylorSinCos(dd{float64(k) / gridSteps, 0})
		grid[k] = [2]dd{s, c}
	}
	return grid
}()

// smallSinCos is sin(r) and cos(r) for |r| <= pi/4: the nearest grid
// point's values turned by the rest, by the angle-sum identities.
func smallSinCos(r dd) (sin, cos dd) {
	negative := r.hi < 0
	if negative {
		r = r.neg()
	}
	k := math.Round(r.hi * gridSteps)
	s, c := taylorSinCos(r.add(dd{-k / gridSteps, 0}))
	g := sinCosGrid[int(k)]
	sin = g[0].mul(c).add(g[1].mul(s))
	cos = g[1].mul(c).add(g[0].mul(s).neg())
	if negative {
		sin = sin.neg()
	}
	return sin, cos
}

// taylorSteps are the factors from one term of the series of cos and of
// sin to the next, r^2 aside: -1/(n(n+1)) and -1/((n+1)(n+2)) for odd n.
var taylorSteps = func() (steps [30][2]dd) {
	for i := range steps {
		n := float64(2*i + 1)
		steps[i] = [2]dd{dd{-1, 0}.divFloat(n * (n + 1)), dd{-1, 0}.divFloat((n + 1) * (n + 2))}
	}
	return steps
}()

// taylorSinCos sums the Taylor series of sin and cos at r, until the
// terms no longer count (at |r| <= 1/512, after a few). Terms below an
// ulp of the sums are summed in plain float64: their own rounding errors
// are far below the 106 bits.
func taylorSinCos(r dd) (sin, cos dd) {
	r2 := r.mul(r)
	sin, cos = r, dd{1, 0}
	sTerm, cTerm := r, dd{1, 0}
	i := 0
	for ; i < len(taylorSteps); i++ {
		if math.Abs(cTerm.hi) < 1e-16 && math.Abs(sTerm.hi) <= 1e-16*math.Abs(sin.hi) {
			break
		}
		cTerm = cTerm.mul(r2).mul(taylorSteps[i][0])
		sTerm = sTerm.mul(r2).mul(taylorSteps[i][1])
		cos, sin = cos.add(cTerm), sin.add(sTerm)
	}
	c, s, cTail, sTail := cTerm.hi, sTerm.hi, 0.0, 0.0
	for ; i < len(taylorSteps); i++ {
		// Terms this small no longer move the sums' 106 bits.
		if math.Abs(c) < 1e-33 && math.Abs(s) <= 1e-33*math.Abs(sin.hi) {
			break
		}
		c *= r2.hi * taylorSteps[i][0].hi
		s *= r2.hi * taylorSteps[i][1].hi
		cTail += c
		sTail += s
	}
	return sin.add(dd{sTail, 0}), cos.add(dd{cTail, 0})
}

// reducible bounds the arguments reduced precisely: far beyond it the
// three parts of pi/2 are not enough, and math's own functions are used.
const reducible = 1 << 20

// sin is sin(x) correctly rounded (but for halfway cases too close to
// tell at 106 bits).
func sin(x float64) float64 {
	if x == 0 || math.Abs(x) > reducible || math.IsNaN(x) {
		return math.Sin(x)
	}
	s, _ := sinCosDD(x)
	return s.hi
}

// cos is cos(x) correctly rounded, as sin is.
func cos(x float64) float64 {
	if math.Abs(x) > reducible || math.IsNaN(x) {
		return math.Cos(x)
	}
	_, c := sinCosDD(x)
	return c.hi
}

// asin is asin(x) correctly rounded: math.Asin's answer refined by one
// Newton step on sin(y) = x, in double-double.
func asin(x float64) float64 {
	y := math.Asin(x)
	if x == 0 || math.Abs(x) >= 1 || math.IsNaN(x) {
		return y
	}
	s, c := sinCosDD(y)
	step := s.add(dd{-x, 0}).div(c)
	return dd{y, 0}.add(step.neg()).hi
}
