package hll

import (
	"encoding/binary"
	"math/bits"
)

// hashSeed is the seed Redis gives MurmurHash64A for HyperLogLog elements.
const hashSeed = 0xadc83b19

// murmur64A is Austin Appleby's MurmurHash64A over 8-byte little-endian
// words, the byte order Redis uses on every machine, so that an element
// lands in the same register everywhere.
func murmur64A(data []byte, seed uint64) uint64 {
	const mul = 0xc6a4a7935bd1e995
	const shift = 47
	h := seed ^ uint64(len(data))*mul
	for len(data) >= 8 {
		k := binary.LittleEndian.Uint64(data)
		k *= mul
		k ^= k >> shift
		k *= mul
		h ^= k
		h *= mul
		data = data[8:]
	}
	if len(data) > 0 {
		// The last 1 to 7 bytes, as a little-endian word.
		var tail uint64
		for i := len(data) - 1; i >= 0; i-- {
			tail = tail<<8 | uint64(data[i])
		}
		h ^= tail
		h *= mul
	}
	h ^= h >> shift
	h *= mul
	h ^= h >> shift
	return h
}

// position is where an element counts: the register its hash's low 14
// bits select, and the length of the run of zero bits above them plus
// one (1 to 51). A bit set above the 50 usable bits bounds the run.
func position(element []byte) (index int, run uint8) {
	h := murmur64A(element, hashSeed)
	index = int(h & (NumRegisters - 1))
	rest := h>>precision | 1<<hashRunBits
	return index, uint8(bits.TrailingZeros64(rest) + 1)
}
