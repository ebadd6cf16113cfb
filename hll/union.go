package hll

// Several values at once: PFCOUNT of several keys and PFMERGE take, for
// each register, the highest value any of the keys holds there.

// Registers are 16384 plain register values: what PFCOUNT of several keys
// and PFMERGE take the maximum into.
type Registers [NumRegisters]uint8

// MergeFrom raises each register to the value s holds there.
func (r *Registers) MergeFrom(s Sketch) error {
	if s.Encoding() == Dense {
		mergeDense(s.registers(), r)
		return nil
	}
	return walkSparse(s.registers(), func(first, run int, value uint8) {
		for i := first; i < first+run; i++ {
			raiseTo(&r[i], value)
		}
	})
}

// Estimate is the cardinality of the union the registers stand for.
func (r *Registers) Estimate() uint64 {
	var hist histogram
	for _, v := range r {
		hist[v&63]++
	}
	return hist.estimate()
}

// RaiseAll raises s's registers to r, register by register in order, as
// PFMERGE writes its result: a sparse value may turn dense part way. With
// dense, a sparse s turns dense first (PFMERGE does when any input is
// dense), which fails for a broken value. A register whose opcode cannot
// be found is passed over, as Redis's merge passes it over; a value
// checked whole beforehand has none.
func (s *Sketch) RaiseAll(r *Registers, dense bool, maxSparse int64) error {
	if dense {
		if _, err := s.ToDense(); err != nil {
			return err
		}
	}
	for i, v := range r {
		if v != 0 {
			s.raise(i, v, maxSparse)
		}
	}
	return nil
}

// Registers reads every register. For a broken sparse value it returns
// the registers up to the first run that does not fit.
func (s Sketch) Registers() *Registers {
	var r Registers
	if s.Encoding() == Dense {
		mergeDense(s.registers(), &r)
		return &r
	}
	r.MergeFrom(s)
	return &r
}
