package store

import "time"

// Active expiry, after Redis's activeExpireCycle: every tick, visit the
// shards and in each take a sample of keys that have an expiry, delete the
// expired ones, and sample again while more than a quarter of a sample had
// expired. The work of one cycle is bounded by a time budget, so a mass
// expiry is spread over several cycles instead of stalling the daemon.
const (
	sweepSample       = 20                     // keys examined per sample (Redis: 20)
	sweepRepeatAbove  = sweepSample / 4        // expired keys that call for another sample
	sweepInterval     = 100 * time.Millisecond // Redis: hz 10
	sweepCycleBudget  = 25 * time.Millisecond  // Redis: 25% of the interval
	sweepChecksBudget = 16                     // samples between looks at the clock
)

// SweepStats says what one cycle did.
type SweepStats struct {
	Sampled, Expired int
	Complete         bool // every shard was visited within the budget
}

// SweepOnce runs one active-expiry cycle within budget, starting where
// the previous cycle stopped.
func (s *Store) SweepOnce(budget time.Duration) SweepStats {
	var st SweepStats
	deadline := time.Now().Add(budget)
	for visited := 0; visited < shardCount; visited++ {
		sh := &s.shards[s.sweepNext]
		s.sweepNext = (s.sweepNext + 1) % shardCount
		for samples := 0; ; samples++ {
			sampled, expiredN := s.sampleShard(sh)
			st.Sampled += sampled
			st.Expired += expiredN
			if expiredN <= sweepRepeatAbove {
				break
			}
			if samples%sweepChecksBudget == 0 && time.Now().After(deadline) {
				return st
			}
		}
		if time.Now().After(deadline) {
			return st
		}
	}
	st.Complete = true
	return st
}

// sampleShard examines the next sweepSample keys that have an expiry and
// deletes those whose time is up. Redis samples its expires dictionary at
// random; here a hand goes round each shard's table instead (one lap at
// most per sample), which visits every expiring key in turn and needs no
// second index.
func (s *Store) sampleShard(sh *shard) (sampled, expiredN int) {
	// Most shards of most databases hold no key with an expiry; locking
	// each of them ten times a second cost the daemon 0.7% of its CPU
	// under redis-benchmark (16 databases of 256 shards).
	if sh.expiring.Load() == 0 {
		return 0, 0
	}
	now := s.now()
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if s.expiryHeld.Load() {
		// Expiry was held (HoldExpiry) after this cycle began: it
		// deletes nothing more.
		return 0, 0
	}
	size := len(sh.table.slots)
	for steps := 0; steps < size && sampled < sweepSample && sh.expiring.Load() > 0; steps++ {
		pos := sh.sweepPos % size
		if sl := sh.table.slots[pos]; !sl.empty() {
			if _, e := sh.entryAt(pos); e.ExpireAt != 0 {
				sampled++
				if e.ExpireAt <= now {
					key, _ := sh.entryAt(pos)
					sh.removeAt(pos)
					s.tellExpired(key)
					expiredN++
					continue // a later entry may have shifted into pos
				}
			}
		}
		sh.sweepPos = pos + 1
	}
	s.expired.Add(int64(expiredN))
	return sampled, expiredN
}

// SetActiveExpiry turns the active sweep on or off; while it is off,
// expired keys are removed only when a command touches them.
func (s *Store) SetActiveExpiry(on bool) { s.sweepOff.Store(!on) }

// PauseSweep holds the active sweep while paused is true, whatever
// SetActiveExpiry says (DEBUG PAUSE-CRON).
func (s *Store) PauseSweep(paused bool) { s.sweepPaused.Store(paused) }

// HoldExpiry stops, while held is true, every deletion of an expired key:
// the sweep's, and a command's that finds one (which then sees no key).
// Redis holds expiry so during CLIENT PAUSE, whose writes include the
// deletions an expiry makes; they happen when the key is next touched
// after the pause, or by the sweep.
func (s *Store) HoldExpiry(held bool) { s.expiryHeld.Store(held) }

// sweepTick is one tick of the sweeper: a cycle within budget, unless
// the sweep is off.
func (s *Store) sweepTick(budget time.Duration) {
	if !s.sweepOff.Load() && !s.sweepPaused.Load() && !s.expiryHeld.Load() {
		s.SweepOnce(budget)
	}
}

// StartSweeper runs SweepOnce every 100 ms in a goroutine until the
// returned stop function is called; stop waits for the goroutine to end.
func (s *Store) StartSweeper() (stop func()) { return StartSweeper(s) }

// StartSweeper runs one sweeper for several stores (the databases): every
// 100 ms it sweeps each store in turn, the time budget of a cycle shared
// among them as Redis shares it among its databases. Each tick begins
// with the store after the one it began with last time, so a store whose
// sweep used the whole budget does not starve the ones after it.
func StartSweeper(stores ...*Store) (stop func()) {
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(sweepInterval)
		defer tick.Stop()
		first := 0
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
				for _, st := range stores {
					st.RefreshClock()
				}
				sweepStores(stores, first, sweepCycleBudget)
				first = (first + 1) % len(stores)
			}
		}
	}()
	return func() {
		close(quit)
		<-done
	}
}

// sweepStores runs a cycle over stores, from first round to the one
// before it, until budget is spent.
func sweepStores(stores []*Store, first int, budget time.Duration) {
	deadline := time.Now().Add(budget)
	for n := range stores {
		left := time.Until(deadline)
		if left <= 0 {
			return
		}
		stores[(first+n)%len(stores)].sweepTick(left)
	}
}
