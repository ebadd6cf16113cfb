package gcfloor

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

const floor64 = 64 << 20

func TestPercentMakesTheFloorTheNextGoal(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live, floor uint64
		want        int
	}{
		{0, 64 * mib, 1600},       // nothing live: the runtime's minimum goal is the floor
		{1 * mib, 64 * mib, 1600}, // 1 MiB * 17 = 17 MiB < 64: the minimum decides
		{8 * mib, 64 * mib, 700},  // 8 MiB * (1 + 7) = 64 MiB
		{32 * mib, 64 * mib, 100}, // half the floor: the runtime's own goal
		{48 * mib, 64 * mib, 100}, // past it: never below the default
		{80 * mib, 64 * mib, 100},
		{1 * mib, 4 * mib, 100}, // a floor at the runtime's minimum changes nothing
		{1 * mib, 0, 100},
		{0, 1 << 62, maxPercent},   // a huge floor: capped, never wrapped to a negative GOGC
		{1, 1<<64 - 1, maxPercent}, // no overflow on the way
		{6 * mib, 12 * mib, 100},   // (12-6)/6 = 100%
		{3 * mib, 12 * mib, 300},   // the minimum: 12/4 = 300%
	} {
		if got := percentFor(c.live, c.floor); got != c.want {
			t.Errorf("percentFor(%d MiB live, %d MiB floor) = %d, want %d", c.live/mib, c.floor/mib, got, c.want)
		}
	}
}

func TestFloorIsHalfOfASmallMaxMemory(t *testing.T) {
	if got := FloorFor(floor64, 0); got != floor64 {
		t.Errorf("no maxmemory: floor %d, want %d", got, floor64)
	}
	if got := FloorFor(floor64, 20<<20); got != 10<<20 {
		t.Errorf("maxmemory 20 MiB: floor %d, want 10 MiB", got)
	}
	if got := FloorFor(floor64, 1<<30); got != floor64 {
		t.Errorf("maxmemory 1 GiB: floor %d, want %d", got, floor64)
	}
	if got := FloorFor(0, 1<<30); got != 0 {
		t.Errorf("no floor asked: floor %d, want 0", got)
	}
}

// gogc is the GOGC the runtime runs with now.
func gogc() uint64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// After each collection the tuner sets GOGC from what the collection
// found live; Stop gives the old GOGC back.
func TestTunerFollowsEveryCollection(t *testing.T) {
	t.Setenv("GOGC", "") // an operator's GOGC would turn the tuner off
	before := gogc()
	tuner := Start(floor64)
	if tuner == nil {
		t.Fatal("Start returned nil with GOGC unset")
	}
	defer func() {
		tuner.Stop()
		if got := gogc(); got != before {
			t.Errorf("after Stop GOGC is %d, want %d as before", got, before)
		}
	}()
	var kept [][]byte
	for _, liveMiB := range []int{0, 8, 40} {
		for len(kept) < liveMiB {
			kept = append(kept, make([]byte, 1<<20))
		}
		runtime.GC()
		var live uint64
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		deadline := time.Now().Add(5 * time.Second)
		for {
			metrics.Read(s)
			live = s[0].Value.Uint64()
			if uint64(percentFor(live, floor64)) == gogc() {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d MiB kept, %d live: GOGC stayed %d, want %d", liveMiB, live, gogc(), percentFor(live, floor64))
			}
			runtime.Gosched()
		}
	}
	if p := gogc(); p != 100 {
		t.Errorf("with 40 MiB live GOGC is %d, want 100", p)
	}
	runtime.KeepAlive(kept)
}

func TestGOGCInTheEnvironmentTurnsTheTunerOff(t *testing.T) {
	t.Setenv("GOGC", "200")
	if tuner := Start(floor64); tuner != nil {
		tuner.Stop()
		t.Fatal("Start tuned although GOGC is set")
	}
}

// Two daemons in one process share the one GOGC: whichever stops last,
// GOGC is back to what it was before the first started.
func TestTunersShareTheProcessGOGC(t *testing.T) {
	t.Setenv("GOGC", "")
	runtime.GC() // what earlier tests kept is let go: little is live
	before := gogc()
	for _, order := range [][2]int{{0, 1}, {1, 0}} {
		tuners := [2]*Tuner{Start(floor64), Start(floor64 / 2)}
		if gogc() == before {
			t.Fatalf("GOGC stayed %d with two tuners running", before)
		}
		tuners[order[0]].Stop()
		if gogc() == before {
			t.Fatalf("GOGC went back to %d while a tuner still runs", before)
		}
		tuners[order[1]].Stop()
		tuners[order[1]].Stop() // a second Stop changes nothing
		if got := gogc(); got != before {
			t.Fatalf("stopping in order %v left GOGC %d, want %d", order, got, before)
		}
	}
}
