package hll

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
)

// SelfTest is PFSELFTEST: it checks that dense registers read back what
// was written without disturbing their neighbours, and that counting ten
// million distinct elements in a dense and a sparse value at once keeps
// the two estimates equal and within six standard errors of the truth at
// 1, 10, 100, ... elements. It returns nil or Redis's "TESTFAILED ..."
// text. maxSparse is hll-sparse-max-bytes: below half of it in elements,
// the sparse value must still be sparse.
func SelfTest(maxSparse int64) error {
	if err := selfTestRegisters(1000); err != nil {
		return err
	}
	return selfTestEstimates(maxSparse, 10_000_000)
}

// selfTestRegisters fills the dense registers with random values rounds
// times, reading each back.
func selfTestRegisters(rounds int) error {
	regs := make([]byte, denseBytes)
	var want Registers
	for round := 0; round < rounds; round++ {
		for i := range want {
			want[i] = uint8(rand.Uint32() & registerMask)
			setDense(regs, i, want[i])
		}
		for i, w := range want {
			if got := getDense(regs, i); got != w {
				return fmt.Errorf("TESTFAILED Register %d should be %d but is %d", i, w, got)
			}
		}
	}
	return nil
}

// selfTestEstimates adds 1 to elements distinct elements, checking at
// each power of ten.
func selfTestEstimates(maxSparse int64, elements uint64) error {
	dense := Sketch{b: make([]byte, DenseSize)}
	copy(dense.b, "HYLL")
	sparse := New()
	relErr := 1.04 / math.Sqrt(NumRegisters)
	seed := rand.Uint64()
	var element [8]byte
	checkpoint := uint64(1)
	for n := uint64(1); n <= elements; n++ {
		binary.LittleEndian.PutUint64(element[:], n^seed)
		index, run := position(element[:])
		dense.raise(index, run, maxSparse)
		sparse.raise(index, run, maxSparse)
		if n != checkpoint {
			continue
		}
		checkpoint *= 10
		if int64(n) < maxSparse/2 && sparse.Encoding() != Sparse {
			return fmt.Errorf("TESTFAILED sparse encoding not used")
		}
		got, _ := dense.Estimate()
		if fromSparse, _ := sparse.Estimate(); fromSparse != got {
			return fmt.Errorf("TESTFAILED dense/sparse disagree")
		}
		allowed := math.Ceil(relErr * 6 * float64(n))
		if diff := math.Abs(float64(n) - float64(got)); diff > allowed {
			return fmt.Errorf("TESTFAILED Too big error. card:%d abserr:%d", n, uint64(diff))
		}
	}
	return nil
}
