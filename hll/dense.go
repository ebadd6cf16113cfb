package hll

// Dense registers are packed six bits each, low bits first: register i
// starts at bit 6i of the array, counting from each byte's least
// significant bit, and spills into the next byte when it starts at bit 4
// or 6 of its first one.

// getDense reads register i.
func getDense(regs []byte, i int) uint8 {
	bit := i * registerBits
	at, shift := bit/8, uint(bit%8)
	w := uint(regs[at])
	if shift > 8-registerBits {
		w |= uint(regs[at+1]) << 8
	}
	return uint8(w>>shift) & registerMask
}

// setDense writes register i, leaving its neighbours' bits alone.
func setDense(regs []byte, i int, value uint8) {
	bit := i * registerBits
	at, shift := bit/8, uint(bit%8)
	w := uint(regs[at])
	spills := shift > 8-registerBits
	if spills {
		w |= uint(regs[at+1]) << 8
	}
	w = w&^(registerMask<<shift) | uint(value)<<shift
	regs[at] = byte(w)
	if spills {
		regs[at+1] = byte(w >> 8)
	}
}

// raiseDense sets register i to value if it holds less, reporting whether
// it did.
func raiseDense(regs []byte, i int, value uint8) bool {
	if getDense(regs, i) >= value {
		return false
	}
	setDense(regs, i, value)
	return true
}

// denseHistogram counts how many registers hold each value. Three bytes
// hold exactly four registers, so it reads them a group at a time.
func denseHistogram(regs []byte, hist *histogram) {
	for at := 0; at+3 <= len(regs); at += 3 {
		b0, b1, b2 := regs[at], regs[at+1], regs[at+2]
		hist[b0&registerMask]++
		hist[(b0>>6|b1<<2)&registerMask]++
		hist[(b1>>4|b2<<4)&registerMask]++
		hist[b2>>2]++
	}
}

// mergeDense raises each of max to the matching dense register.
func mergeDense(regs []byte, max *Registers) {
	for at, i := 0, 0; at+3 <= len(regs); at, i = at+3, i+4 {
		b0, b1, b2 := regs[at], regs[at+1], regs[at+2]
		raiseTo(&max[i], b0&registerMask)
		raiseTo(&max[i+1], (b0>>6|b1<<2)&registerMask)
		raiseTo(&max[i+2], (b1>>4|b2<<4)&registerMask)
		raiseTo(&max[i+3], b2>>2)
	}
}

func raiseTo(r *uint8, v uint8) {
	if v > *r {
		*r = v
	}
}
