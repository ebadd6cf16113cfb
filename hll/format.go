package hll

import (
	"encoding/binary"
	"errors"
)

// The layout's constants, as Redis fixes them.
const (
	precision     = 14             // bits of the hash that pick a register
	NumRegisters  = 1 << precision // 16384
	registerBits  = 6              // enough for a run of up to 63
	registerMask  = 1<<registerBits - 1
	hashRunBits   = 64 - precision // bits left for the run of zeros
	HeaderSize    = 16             // magic, encoding, 3 spare bytes, cached estimate
	denseBytes    = NumRegisters * registerBits / 8
	DenseSize     = HeaderSize + denseBytes // a dense value's exact length
	encodingIndex = 4                       // the encoding byte's offset
	cacheIndex    = 8                       // the cached estimate's offset
	staleBit      = 0x80                    // in the estimate's last byte
)

// Encoding is the header's encoding byte.
type Encoding uint8

const (
	Dense  Encoding = 0
	Sparse Encoding = 1
)

func (e Encoding) String() string {
	if e == Dense {
		return "dense"
	}
	return "sparse"
}

// ErrNotHLL: the value is not a HyperLogLog at all (a wrong magic,
// encoding or dense length). Redis answers it as a type error.
var ErrNotHLL = errors.New("not a HyperLogLog value")

// ErrCorrupt: the header is right but the sparse opcodes do not describe
// exactly 16384 registers.
var ErrCorrupt = errors.New("corrupted HyperLogLog value")

// Sketch is one HyperLogLog value, header included, as stored in a key.
// Methods that change it work in place on its bytes, so a Sketch opened
// on bytes someone else may read must be cloned first.
type Sketch struct{ b []byte }

// New is the value PFADD creates for a missing key: sparse, every register
// zero (one XZERO opcode covers all 16384), and a valid cached estimate of
// zero.
func New() Sketch {
	b := make([]byte, HeaderSize, HeaderSize+2+sparseSlack)
	copy(b, "HYLL")
	b[encodingIndex] = byte(Sparse)
	return Sketch{b: appendZeroRun(b, NumRegisters)}
}

// Open checks the header of b, as Redis does before every HLL command:
// at least a header, the magic, a known encoding, and for dense the exact
// length. The sparse opcodes are not checked here; the operations that
// read them report ErrCorrupt. Open does not copy b.
func Open(b []byte) (Sketch, error) {
	if len(b) < HeaderSize || string(b[:4]) != "HYLL" || b[encodingIndex] > byte(Sparse) {
		return Sketch{}, ErrNotHLL
	}
	if Encoding(b[encodingIndex]) == Dense && len(b) != DenseSize {
		return Sketch{}, ErrNotHLL
	}
	// No capacity past the value: the store's bytes after it belong to
	// other values, and a sparse read past the end must see zero.
	return Sketch{b: b[:len(b):len(b)]}, nil
}

// sparseSlack is spare capacity a clone keeps so that the first few
// opcode splits of a sparse value do not reallocate it.
const sparseSlack = 32

// Clone returns a copy that may be changed.
func (s Sketch) Clone() Sketch {
	extra := 0
	if s.Encoding() == Sparse {
		extra = sparseSlack
	}
	b := make([]byte, len(s.b), len(s.b)+extra)
	copy(b, s.b)
	return Sketch{b: b}
}

// Bytes is the value as it is to be stored.
func (s Sketch) Bytes() []byte { return s.b }

// Encoding is the value's encoding, dense or sparse.
func (s Sketch) Encoding() Encoding { return Encoding(s.b[encodingIndex]) }

// registers are the bytes after the header: packed registers or opcodes.
func (s Sketch) registers() []byte { return s.b[HeaderSize:] }

// CachedCount is the estimate stored in the header, if it is not stale.
func (s Sketch) CachedCount() (uint64, bool) {
	if s.b[cacheIndex+7]&staleBit != 0 {
		return 0, false
	}
	return binary.LittleEndian.Uint64(s.b[cacheIndex:]), true
}

// SetCachedCount stores an estimate in the header, marking it fresh.
func (s Sketch) SetCachedCount(n uint64) { binary.LittleEndian.PutUint64(s.b[cacheIndex:], n) }

// InvalidateCache marks the stored estimate stale. Only the flag bit
// changes: the stale number stays in the other bytes, as in Redis.
func (s Sketch) InvalidateCache() { s.b[cacheIndex+7] |= staleBit }

// Add counts one element: it raises the register the element's hash
// selects, if the hash's run of zeros is longer than the register says.
// It reports whether the value changed. A sparse value may become dense
// on the way (maxSparse is hll-sparse-max-bytes). The cached estimate is
// left to the caller, except that a sparse edit marks it stale itself,
// as Redis's does.
func (s *Sketch) Add(element []byte, maxSparse int64) (bool, error) {
	index, run := position(element)
	return s.raise(index, run, maxSparse)
}

// Holds reports whether adding element would change nothing: its
// register already holds its run or more. It does not change s, so it
// may be asked of bytes others read, sparing a copy when PFADD changes
// nothing. A broken sparse value never holds: the add reports it.
func (s Sketch) Holds(element []byte) bool {
	index, run := position(element)
	if s.Encoding() == Dense {
		return getDense(s.registers(), index) >= run
	}
	_, _, _, op, found := findOp(s.registers(), index)
	return found && op.value >= run
}

// raise sets register index to value if it holds less, in either
// encoding.
func (s *Sketch) raise(index int, value uint8, maxSparse int64) (bool, error) {
	if s.Encoding() == Dense {
		return raiseDense(s.registers(), index, value), nil
	}
	return s.raiseSparse(index, value, maxSparse)
}

// ToDense converts a sparse value to the dense encoding, keeping the
// header (the cached estimate included); it reports whether it converted.
func (s *Sketch) ToDense() (bool, error) {
	if s.Encoding() == Dense {
		return false, nil
	}
	b := make([]byte, DenseSize)
	copy(b, s.b[:HeaderSize])
	b[encodingIndex] = byte(Dense)
	regs := b[HeaderSize:]
	err := walkSparse(s.registers(), func(first, run int, value uint8) {
		for i := first; i < first+run; i++ {
			setDense(regs, i, value)
		}
	})
	if err != nil {
		return false, err
	}
	s.b = b
	return true, nil
}

// Check reports ErrCorrupt if a sparse value's opcodes do not cover
// exactly 16384 registers. A dense value opened is always whole.
func (s Sketch) Check() error {
	if s.Encoding() == Dense {
		return nil
	}
	return walkSparse(s.registers(), func(int, int, uint8) {})
}
