package store

// Several stores serve as the daemon's numbered databases. The operations
// here involve two of them: moving or copying a key from one to another,
// and exchanging two stores' contents (SWAPDB). Whenever two stores' shard
// locks are held together, the store made first is locked first, so two
// such operations never wait on each other.

// NewSibling returns an empty store on s's clock and hash seed: the two
// can then exchange their contents with Swap, since a key hashes to the
// same shard and tag in both.
func (s *Store) NewSibling() *Store { return newStore(s.seed, s.wall) }

// Transfer copies the entry at srcKey of src, expiry included, to dstKey
// of dst (src and dst may be the same store), and with move deletes the
// source. It does nothing when the source is absent, or when dstKey
// exists and replace is false; it reports whether the source existed and
// whether the transfer happened. Both keys' shards are write-locked
// throughout, so no reader sees the key in both places or in neither.
//
// An entry is copied whole, whatever it holds: a collection is moved as
// it is, or cloned for a copy.
func Transfer(src *Store, srcKey []byte, dst *Store, dstKey []byte, replace, move bool) (srcExists, done bool) {
	unlock := lockPair(src, srcKey, dst, dstKey)
	defer unlock()
	srcShard, srcTag := src.locate(srcKey)
	dstShard, dstTag := dst.locate(dstKey)
	srcPos, e, ok := src.live(srcShard, srcTag, srcKey, src.now(), true)
	if !ok {
		return false, false
	}
	form := srcShard.arena.form(srcShard.table.slots[srcPos])
	if !move && form == FormPlain {
		form = FormCopied
	}
	if !move && e.Obj != nil {
		e.Obj = e.Obj.Clone() // a copy is a collection of its own
	}
	if src == dst && string(srcKey) == string(dstKey) {
		return true, false // the caller refuses this before asking
	}
	dstPos, _, dstExists := dst.live(dstShard, dstTag, dstKey, dst.now(), true)
	if dstExists && !replace {
		return true, false
	}
	if dstExists {
		dstShard.removeAt(dstPos)
		dst.notify(Change{Op: ChangeDelete, Key: dstKey})
	}
	if move {
		// A removal above may have shifted the source's slot: find it
		// again. e's value is a slice of the source's record, which stays
		// intact when the record dies (arena.go).
		srcPos, _ = srcShard.find(srcTag, srcKey)
		srcShard.removeAt(srcPos)
	}
	pos := dstShard.put(dstTag, dstKey, e, form)
	if move && src != dst && string(srcKey) == string(dstKey) && !dstExists {
		src.notify(Change{Op: ChangeMove, Key: srcKey, With: dst, Entry: e}) // MOVE
		return true, true
	}
	if move {
		src.notify(Change{Op: ChangeDelete, Key: srcKey})
	}
	dst.notifyPut(dstShard, pos)
	return true, true
}

// lockPair write-locks the shards of key a in store sa and key b in store
// sb, in the one order every caller uses, and returns the unlock function.
func lockPair(sa *Store, a []byte, sb *Store, b []byte) func() {
	if sa == sb {
		return sa.lockShards(a, b)
	}
	if sb.id < sa.id {
		sa, a, sb, b = sb, b, sa, a
	}
	first, _ := sa.locate(a)
	second, _ := sb.locate(b)
	first.mu.Lock()
	second.mu.Lock()
	return func() {
		second.mu.Unlock()
		first.mu.Unlock()
	}
}

// Swap exchanges the contents of a and b, which must be siblings
// (NewSibling): every key of one is in the other afterwards, at once for
// every reader. a's observer is told (ChangeSwap, With b); b's is not, so
// the exchange is reported once.
func Swap(a, b *Store) {
	if a == b {
		return
	}
	if a.seed != b.seed {
		panic("store: Swap of stores that are not siblings")
	}
	first, second := a, b
	if second.id < first.id {
		first, second = second, first
	}
	first.lockAll()
	defer first.unlockAll()
	second.lockAll()
	defer second.unlockAll()
	for i := range a.shards {
		x, y := &a.shards[i], &b.shards[i]
		x.table, y.table = y.table, x.table
		x.arena, y.arena = y.arena, x.arena
		x.objects, y.objects = y.objects, x.objects
		swapped := x.expiring.Load()
		x.expiring.Store(y.expiring.Load())
		y.expiring.Store(swapped)
		x.sweepPos, y.sweepPos = y.sweepPos, x.sweepPos
	}
	a.notify(Change{Op: ChangeSwap, With: b})
}
