package executor

import (
	"errors"

	"redis-lite/hll"
	"redis-lite/store"
)

// hyperloglogCommands are Redis's HyperLogLog commands. The values are
// plain strings in Redis's HLL format (package hll), so GET, SET, APPEND
// and the append-only file treat them as any string; every command here
// checks the header first. PFADD, PFMERGE, PFDEBUG and a PFCOUNT that
// refreshes the cached estimate change the key inside store.Update, so
// the read-modify-write is atomic against other clients, and the
// append-only file records the value that resulted (a SET), as it does
// for INCR and APPEND.
var hyperloglogCommands = []command{
	{name: "pfadd", arity: -2, flags: flagWrite | flagDenyOOM | flagFast, run: cmdPFAdd},
	{name: "pfcount", arity: -2, flags: flagReadonly, run: cmdPFCount},
	{name: "pfmerge", arity: -2, flags: flagWrite | flagDenyOOM, run: cmdPFMerge},
	{name: "pfdebug", arity: 3, flags: flagWrite | flagDenyOOM | flagAdmin, run: cmdPFDebug},
	{name: "pfselftest", arity: 1, flags: flagAdmin, run: cmdPFSelfTest},
}

// Redis's texts for a value that is not an HLL and for one whose sparse
// opcodes are broken.
const (
	errNotHLL     = "WRONGTYPE Key is not a valid HyperLogLog string value."
	errCorruptHLL = "INVALIDOBJ Corrupted HLL object detected"
)

// defaultHLLSparseMaxBytes is hll-sparse-max-bytes until the daemon says.
const defaultHLLSparseMaxBytes = 3000

// SetHLLSparseMaxBytes sets hll-sparse-max-bytes: the size past which a
// sparse HyperLogLog turns dense. Values already stored keep their
// encoding until they next change.
func (ex *Executor) SetHLLSparseMaxBytes(n int64) { ex.hllSparseMax.Store(n) }

// hllError is Redis's reply text for an error of package hll.
func hllError(err error) string {
	if errors.Is(err, hll.ErrNotHLL) {
		return errNotHLL
	}
	if errors.Is(err, errCollection) {
		return wrongTypeText
	}
	return errCorruptHLL
}

// PFADD key [element ...]: 1 if the key was created or a register rose,
// else 0. The key keeps its expiry.
func cmdPFAdd(s *Session, args [][]byte) {
	maxSparse := s.ex.hllSparseMax.Load()
	var existed bool
	// Changes as Redis counts them: the key's creation, and each element
	// that raised a register.
	updates := 0
	var failure error
	if !s.updateString(args[1], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		existed = exists
		sk := hll.New()
		if exists {
			opened, err := hll.Open(cur.Value)
			if err != nil {
				failure = err
				return cur, store.Keep
			}
			if holdsAll(opened, args[2:]) {
				return cur, store.Keep // the common case for a large HLL: no copy
			}
			sk = opened.Clone() // the stored bytes may be in a reader's hands
		}
		if !exists {
			updates = 1
		}
		for _, element := range args[2:] {
			raised, err := sk.Add(element, maxSparse)
			if err != nil {
				// Redis edits in place: the registers raised before the
				// broken opcode was met stay raised.
				failure = err
				break
			}
			if raised {
				updates++
			}
		}
		if updates == 0 {
			return cur, store.Keep
		}
		if failure == nil {
			sk.InvalidateCache()
		}
		return store.Entry{Value: sk.Bytes(), ExpireAt: cur.ExpireAt}, store.PutEdited
	}) {
		return
	}
	changed := updates > 0
	if failure == nil && changed {
		s.changed(updates)
		s.notifyCreated(existed, args[1])
		s.notify(classString, "pfadd", args[1])
	}
	switch {
	case failure != nil:
		s.reply.Error(hllError(failure))
	case changed:
		s.reply.Int(1)
	default:
		s.reply.Int(0)
	}
}

// holdsAll reports whether adding every element to sk would change
// nothing.
func holdsAll(sk hll.Sketch, elements [][]byte) bool {
	for _, e := range elements {
		if !sk.Holds(e) {
			return false
		}
	}
	return true
}

// PFCOUNT key [key ...]: the estimated number of distinct elements added
// to the keys together (a missing key counts as empty).
func cmdPFCount(s *Session, args [][]byte) {
	if len(args) == 2 {
		s.countOne(args[1])
		return
	}
	var union hll.Registers
	for _, key := range args[1:] {
		sk, found, err := s.openHLL(key)
		if err == nil && found {
			err = union.MergeFrom(sk)
		}
		if err != nil {
			s.reply.Error(hllError(err))
			return
		}
	}
	s.reply.Int(int64(union.Estimate()))
}

// countOne is PFCOUNT of one key: the estimate cached in the header, or,
// when it is stale, a fresh one, which is written back into the header
// as Redis does (so this read changes the value, and the change is
// recorded like any write).
func (s *Session) countOne(key []byte) {
	var count uint64
	var failure error
	refreshed := false
	if !s.updateString(key, func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		if !exists {
			s.counts.misses++
			return cur, store.Keep
		}
		s.counts.hits++
		sk, err := hll.Open(cur.Value)
		if err != nil {
			failure = err
			return cur, store.Keep
		}
		var cached bool
		if count, cached = sk.CachedCount(); cached {
			return cur, store.Keep
		}
		if count, failure = sk.Estimate(); failure != nil {
			return cur, store.Keep
		}
		fresh := sk.Clone()
		fresh.SetCachedCount(count)
		refreshed = true
		return store.Entry{Value: fresh.Bytes(), ExpireAt: cur.ExpireAt}, store.PutEdited
	}) {
		return
	}
	if failure != nil {
		s.reply.Error(hllError(failure))
		return
	}
	// A refreshed value is a change: with appendfsync always, the reply
	// waits until it is on disk, as for any write.
	s.wrote = s.wrote || refreshed
	if refreshed {
		s.changed(1)
	}
	s.reply.Int(int64(count))
}

// errCollection: the key holds a collection, not a string.
var errCollection = errors.New("not a string")

// openHLL reads key for a command that only reads it: found is false for
// a missing key; err is hll.ErrNotHLL for a value that is not an HLL and
// errCollection for a key that is not a string.
func (s *Session) openHLL(key []byte) (sk hll.Sketch, found bool, err error) {
	e, ok := s.db().Lookup(key)
	if e.Obj != nil {
		return hll.Sketch{}, false, errCollection
	}
	v := e.Value
	if !ok {
		s.counts.misses++
		return hll.Sketch{}, false, nil
	}
	s.counts.hits++
	sk, err = hll.Open(v)
	return sk, err == nil, err
}

// PFMERGE destkey [sourcekey ...]: OK; destkey then estimates the union
// of itself and the sources. The sources are read first, each at one
// moment; the destination is then changed under its lock. Raising the
// destination's registers to the sources' maxima gives the same bytes as
// Redis's merge, which also folds in the destination's own registers:
// raising a register to a value it already has changes nothing.
func cmdPFMerge(s *Session, args [][]byte) {
	dest := args[1]
	var union hll.Registers
	dense := false
	for i, key := range args[1:] {
		sk, found, err := s.openHLL(key)
		if err == nil && found {
			dense = dense || sk.Encoding() == hll.Dense
			if i == 0 {
				err = sk.Check() // the destination is folded in under its lock
			} else {
				err = union.MergeFrom(sk)
			}
		}
		if err != nil {
			s.reply.Error(hllError(err))
			return
		}
	}
	maxSparse := s.ex.hllSparseMax.Load()
	var failure error
	var existed bool
	if !s.updateString(dest, func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		existed = exists
		sk := hll.New()
		if exists {
			opened, err := hll.Open(cur.Value)
			if err == nil {
				err = opened.Check()
			}
			if err != nil { // changed by another client since it was read
				failure = err
				return cur, store.Keep
			}
			sk = opened.Clone()
		}
		if failure = sk.RaiseAll(&union, dense, maxSparse); failure != nil {
			return cur, store.Keep
		}
		sk.InvalidateCache()
		return store.Entry{Value: sk.Bytes(), ExpireAt: cur.ExpireAt}, store.PutEdited
	}) {
		return
	}
	if failure != nil {
		s.reply.Error(hllError(failure))
		return
	}
	s.changed(1)
	s.notifyCreated(existed, dest)
	// Redis tells of a merge as of a PFADD: many elements added at once.
	s.notify(classString, "pfadd", dest)
	s.reply.Status("OK")
}

// PFDEBUG GETREG|DECODE|ENCODING|TODENSE key: Redis's window on an HLL
// value. GETREG lists the 16384 registers (turning a sparse value dense,
// as Redis does), DECODE lists a sparse value's opcodes, ENCODING names
// the encoding and TODENSE converts (1) or finds it dense already (0).
// Like Redis, the key is checked before the subcommand is.
func cmdPFDebug(s *Session, args [][]byte) {
	sub := optionName(args[1])
	var sk hll.Sketch
	var failure string
	converted := false
	if !s.updateString(args[2], func(cur store.Entry, exists bool) (store.Entry, store.Op) {
		if !exists {
			failure = "ERR The specified key does not exist"
			return cur, store.Keep
		}
		var err error
		if sk, err = hll.Open(cur.Value); err != nil {
			failure = errNotHLL
			return cur, store.Keep
		}
		if sub != "getreg" && sub != "todense" {
			return cur, store.Keep
		}
		// ToDense builds new bytes: the stored ones are left as they are.
		if converted, err = sk.ToDense(); err != nil {
			failure = errCorruptHLL
			return cur, store.Keep
		}
		if !converted {
			return cur, store.Keep
		}
		return store.Entry{Value: sk.Bytes(), ExpireAt: cur.ExpireAt}, store.PutEdited
	}) {
		return
	}
	if failure != "" {
		s.reply.Error(failure)
		return
	}
	if converted {
		s.changed(1)
	}
	switch sub {
	case "getreg":
		regs := sk.Registers()
		s.reply.Array(len(regs))
		for _, v := range regs {
			s.reply.Int(int64(v))
		}
	case "todense":
		if converted {
			s.reply.Int(1)
		} else {
			s.reply.Int(0)
		}
	case "decode":
		if sk.Encoding() != hll.Sparse {
			s.reply.Error("ERR HLL encoding is not sparse")
			return
		}
		s.reply.BulkString(sk.Decode())
	case "encoding":
		s.reply.Status(sk.Encoding().String())
	default:
		s.reply.Error("ERR Unknown PFDEBUG subcommand '" + string(cString(args[1])) + "'")
	}
}

// PFSELFTEST: OK if package hll's self-test passes, else its TESTFAILED
// error. It takes a second or so, like Redis's, during which this
// connection (or with --io epoll, its event loop) waits.
func cmdPFSelfTest(s *Session, _ [][]byte) {
	if err := hll.SelfTest(s.ex.hllSparseMax.Load()); err != nil {
		s.reply.Error(err.Error())
		return
	}
	s.reply.Status("OK")
}
