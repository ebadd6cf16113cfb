package executor

// LZF, the compression Redis's RDB format uses for strings longer than 20
// bytes. Only DEBUG OBJECT's serializedlength needs it (rdbStringLength),
// so only the compressor is here, computing what Redis's bundled liblzf
// (built with its defaults: a 2^16-slot hash table, the "very fast"
// variant) would produce, so the length comes out the same.
//
// The output is a row of items:
//
//	000LLLLL + L+1 bytes          L+1 literal bytes (1..32)
//	LLLooooo oooooooo             copy L+2 bytes (L 1..6) from o+1 back
//	111ooooo LLLLLLLL oooooooo    copy L+9 bytes from o+1 back
//
// Matches are found through a hash of the next three bytes, which
// remembers the last position each hash was seen at.

const (
	lzfHashBits  = 16
	lzfMaxLit    = 1 << 5
	lzfMaxOff    = 1 << 13
	lzfMaxRef    = (1 << 8) + (1 << 3)
	lzfSlackSize = 4 // the tail may write a few bytes past the limit it checked
)

// lzfSlot is the hash table slot of the three bytes h ends with (h holds
// them in its low 24 bits, older bytes above).
func lzfSlot(h uint32) uint32 {
	return ((h >> (3*8 - lzfHashBits)) - h*5) & (1<<lzfHashBits - 1)
}

// lzfCompressedLen is the size of in compressed, or 0 when that would not
// fit in limit bytes (Redis then stores the string as it is).
func lzfCompressedLen(in []byte, limit int) int { return len(lzfCompress(in, limit)) }

// lzfCompress is in compressed, or nil when that would not fit in limit
// bytes.
func lzfCompress(in []byte, limit int) []byte {
	if len(in) == 0 || limit <= 0 {
		return nil
	}
	// Positions are kept plus one, so the zero value is an empty slot.
	table := make([]int32, 1<<lzfHashBits)
	out := make([]byte, limit+lzfSlackSize)
	end := len(in)
	ip, op, lit := 0, 1, 0 // op starts past the first literal run's header
	h := uint32(in[0])<<8 | uint32(in[1])
	for ip < end-2 {
		h = h<<8 | uint32(in[ip+2])
		slot := lzfSlot(h)
		ref := int(table[slot]) - 1
		table[slot] = int32(ip + 1)
		// liblzf never refers back to the very first byte (ref > in).
		if off := ip - ref - 1; ref > 0 && off < lzfMaxOff &&
			in[ref+2] == in[ip+2] && in[ref] == in[ip] && in[ref+1] == in[ip+1] {
			n := lzfMatchLen(in, ref, ip, min(end-ip-2, lzfMaxRef))
			unrun := 0 // 1 when the open literal run is empty
			if lit == 0 {
				unrun = 1
			}
			if op+3+1 >= limit && op-unrun+3+1 >= limit {
				return nil
			}
			out[op-lit-1] = byte(lit - 1) // close the literal run
			op -= unrun                   // or drop it when empty
			n -= 2                        // the item stores the length less two
			ip++
			if n < 7 {
				out[op] = byte(off>>8 + n<<5)
				op++
			} else {
				out[op] = byte(off>>8 + 7<<5)
				out[op+1] = byte(n - 7)
				op += 2
			}
			out[op] = byte(off)
			op += 2 // and a header for the next literal run
			lit = 0
			ip += n + 1
			if ip >= end-2 {
				break
			}
			// Hash the last two positions the copy covered.
			ip -= 2
			h = uint32(in[ip])<<8 | uint32(in[ip+1])
			for range 2 {
				h = h<<8 | uint32(in[ip+2])
				table[lzfSlot(h)] = int32(ip + 1)
				ip++
			}
			continue
		}
		if op >= limit {
			return nil
		}
		op, lit = lzfLiteral(out, op, lit, in[ip])
		ip++
	}
	if op+3 > limit {
		return nil
	}
	for ; ip < end; ip++ {
		op, lit = lzfLiteral(out, op, lit, in[ip])
	}
	out[op-lit-1] = byte(lit - 1)
	if lit == 0 {
		op--
	}
	return out[:op]
}

// lzfMatchLen is how many bytes at ip repeat those at ref, counted as
// liblzf counts them: three are known to, then 16 at a time while at
// least 16 more may, then one by one up to maxLen.
func lzfMatchLen(in []byte, ref, ip, maxLen int) int {
	n := 2
	if maxLen > 16 {
		for range 16 {
			n++
			if in[ref+n] != in[ip+n] {
				return n
			}
		}
	}
	for {
		n++
		if n >= maxLen || in[ref+n] != in[ip+n] {
			return n
		}
	}
}

// lzfLiteral appends one literal byte, closing the run when it is full.
func lzfLiteral(out []byte, op, lit int, c byte) (int, int) {
	lit++
	out[op] = c
	op++
	if lit == lzfMaxLit {
		out[op-lit-1] = byte(lit - 1)
		lit = 0
		op++
	}
	return op, lit
}
