package executor

import (
	"bytes"
	"math"
	"slices"
)

// How SORT orders its elements, as Redis does. Numeric order compares
// scores (read with C's strtod) and breaks ties by the elements' bytes.
// ALPHA compares the elements or their BY values: byte order up to the
// first NUL (strcoll in the C locale) when replying, plain byte order
// when storing; with BY, an element whose value was not found comes
// first. DESC reverses the comparison.

// sortItems fills in what each element is sorted by and sorts items; it
// reports whether a score was not a number (the sort is done anyway, as
// in Redis, but the command answers with an error). start and end are
// the range the result is made of: with a BY pattern only that part
// needs to be in order.
func (s *Session) sortItems(req *sortRequest, items []sortItem, start, end int) (badScore bool) {
	for i := range items {
		it := &items[i]
		value := it.elem
		if req.by != nil {
			v, found := s.lookupByPattern(req.by, it.elem)
			if !found {
				continue
			}
			value = v
		}
		switch {
		case req.alpha && req.by != nil:
			it.key, it.hasKey = value, true
		case !req.alpha:
			var ok bool
			if it.score, ok = sortScore(value); !ok {
				badScore = true
			}
		}
	}
	cmp := sortComparison(req)
	if req.by != nil && (start != 0 || end != len(items)-1) {
		partialQuicksort(items, start, end, cmp)
	} else {
		// glibc's qsort is a merge sort: equal elements keep their order.
		slices.SortStableFunc(items, func(a, b sortItem) int { return cmp(&a, &b) })
	}
	return badScore
}

// sortScore reads v as SORT does: strtod must take it all (up to a NUL
// byte), and neither overflow, underflow nor NaN is accepted. An empty
// value is 0.
func sortScore(v []byte) (float64, bool) {
	f := strtod(v)
	if f.read < len(v) && v[f.read] != 0 {
		return f.value, false
	}
	return f.value, !f.overflow && !f.toZero && !math.IsNaN(f.value)
}

// sortComparison is the comparison req asks for.
func sortComparison(req *sortRequest) func(a, b *sortItem) int {
	compareText := compareCStrings
	if req.store != nil {
		compareText = bytes.Compare
	}
	var cmp func(a, b *sortItem) int
	switch {
	case !req.alpha:
		cmp = func(a, b *sortItem) int {
			switch {
			case a.score > b.score:
				return 1
			case a.score < b.score:
				return -1
			}
			return bytes.Compare(a.elem, b.elem)
		}
	case req.by != nil:
		cmp = func(a, b *sortItem) int {
			switch {
			case !a.hasKey || !b.hasKey:
				return boolOrder(a.hasKey) - boolOrder(b.hasKey)
			}
			return compareText(a.key, b.key)
		}
	default:
		cmp = func(a, b *sortItem) int { return compareText(a.elem, b.elem) }
	}
	if req.desc {
		return func(a, b *sortItem) int { return -cmp(a, b) }
	}
	return cmp
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// compareCStrings compares a and b as C strings: each ends at its first
// NUL byte.
func compareCStrings(a, b []byte) int { return bytes.Compare(cString(a), cString(b)) }

// partialQuicksort orders items so that positions lo to hi hold what a
// full sort would put there: Redis's pqsort, Bentley and McIlroy's
// quicksort that skips the partitions lying wholly outside lo..hi. It is
// not stable, so equal elements end up where Redis's would only if the
// steps are the same ones; they are.
func partialQuicksort(items []sortItem, lo, hi int, cmp func(a, b *sortItem) int) {
	q := quicksorter{items: items, lo: lo, hi: hi, cmp: cmp}
	q.sort(0, len(items))
}

// quicksorter is partialQuicksort's state: the items, the range wanted
// and the comparison.
type quicksorter struct {
	items  []sortItem
	lo, hi int
	cmp    func(a, b *sortItem) int
}

// sort orders the n items from base on.
func (q *quicksorter) sort(base, n int) {
	items, lo, hi, cmp := q.items, q.lo, q.hi, q.cmp
	compare := func(i, j int) int { return cmp(&items[i], &items[j]) }
	swap := func(i, j int) { items[i], items[j] = items[j], items[i] }
	swapRun := func(i, j, k int) {
		for ; k > 0; i, j, k = i+1, j+1, k-1 {
			swap(i, j)
		}
	}
	median := func(a, b, c int) int {
		if compare(a, b) < 0 {
			switch {
			case compare(b, c) < 0:
				return b
			case compare(a, c) < 0:
				return c
			}
			return a
		}
		switch {
		case compare(b, c) > 0:
			return b
		case compare(a, c) < 0:
			return a
		}
		return c
	}
	// outside reports whether the range asked for lies wholly before or
	// after the partition first..last.
	outside := func(first, last int) bool { return (lo < first && hi < first) || (lo > last && hi > last) }
	for {
		if n < 7 {
			for m := base + 1; m < base+n; m++ {
				for l := m; l > base && compare(l-1, l) > 0; l-- {
					swap(l, l-1)
				}
			}
			return
		}
		pm := base + n/2
		if n > 7 {
			pl, pn := base, base+n-1
			if n > 40 {
				d := n / 8
				pl = median(pl, pl+d, pl+2*d)
				pm = median(pm-d, pm, pm+d)
				pn = median(pn-2*d, pn-d, pn)
			}
			pm = median(pl, pm, pn)
		}
		swap(base, pm)
		// Three-way partition around the pivot at base: elements equal to
		// it gather at both ends, then move to the middle.
		pa, pb := base+1, base+1
		pc, pd := base+n-1, base+n-1
		for {
			for pb <= pc {
				c := compare(pb, base)
				if c > 0 {
					break
				}
				if c == 0 {
					swap(pa, pb)
					pa++
				}
				pb++
			}
			for pb <= pc {
				c := compare(pc, base)
				if c < 0 {
					break
				}
				if c == 0 {
					swap(pc, pd)
					pd--
				}
				pc--
			}
			if pb > pc {
				break
			}
			swap(pb, pc)
			pb++
			pc--
		}
		pn := base + n
		r := min(pa-base, pb-pa)
		swapRun(base, pb-r, r)
		r = min(pd-pc, pn-pd-1)
		swapRun(pb, pn-r, r)
		if r = pb - pa; r > 1 && !outside(base, base+r-1) {
			q.sort(base, r)
		}
		if r = pd - pc; r > 1 {
			base, n = pn-r, r
			if !outside(base, base+n-1) {
				continue
			}
		}
		return
	}
}
