package lists

import (
	"fmt"
	"runtime"
	"testing"
)

// TestBigListsLeaveNoGrowthGarbage: pushing 200,000 elements at either end
// allocates little more than the list holds. With every node doubling its
// way up to full size it allocated twice that, and the collector let the
// heap keep it: a million-element list took 32 bytes of resident memory
// per element for 17 of list (scripts/mem.sh).
func TestBigListsLeaveNoGrowthGarbage(t *testing.T) {
	for _, end := range []string{"back", "front"} {
		t.Run(end, func(t *testing.T) {
			elems := make([][]byte, 200_000)
			for i := range elems {
				elems[i] = []byte(fmt.Sprintf("%016d", i))
			}
			l := New()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for _, e := range elems {
				if end == "back" {
					l.PushBack(DefaultFill, e)
				} else {
					l.PushFront(DefaultFill, e)
				}
			}
			runtime.ReadMemStats(&after)
			allocated, holds := after.TotalAlloc-before.TotalAlloc, uint64(l.Bytes())
			t.Logf("allocated %d bytes for a list of %d (%.2fx)", allocated, holds, float64(allocated)/float64(holds))
			if allocated > holds*5/4 {
				t.Errorf("allocated %.2fx what the list holds", float64(allocated)/float64(holds))
			}
		})
	}
}

// TestStackAtANodesEdgeAllocatesNothing: on a big list whose end node is
// full, a push makes a new end node and a pop empties it again. Done over
// and over (a stack at a node's edge), each new node reuses the emptied
// one's buffer instead of allocating a full node each time.
func TestStackAtANodesEdgeAllocatesNothing(t *testing.T) {
	e := []byte("0123456789abcdef")
	for _, end := range []string{"back", "front"} {
		t.Run(end, func(t *testing.T) {
			l := New()
			for l.Len() < 10_000 {
				l.PushBack(DefaultFill, e)
			}
			// (Called directly: through a method value, the variadic
			// argument would itself be allocated.)
			pushPop := func(pop bool) {
				switch {
				case end == "back" && !pop:
					l.PushBack(DefaultFill, e)
				case end == "back":
					l.PopBack(1, func([]byte) {})
				case !pop:
					l.PushFront(DefaultFill, e)
				default:
					l.PopFront(1, func([]byte) {})
				}
			}
			// Fill the end node, so that the next push starts a new one.
			nodes := len(l.nodes)
			for len(l.nodes) == nodes {
				pushPop(false)
			}
			pushPop(true)
			allocs := testing.AllocsPerRun(1000, func() {
				pushPop(false)
				pushPop(true)
			})
			if allocs > 0 {
				t.Errorf("%.1f allocations per push and pop", allocs)
			}
		})
	}
}
