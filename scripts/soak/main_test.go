package main

import "testing"

func TestPlateaued(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name    string
		samples []uint64
		want    bool
	}{
		{"flat after warm-up", []uint64{30 * mib, 40 * mib, 42 * mib, 44 * mib}, true},
		{"up and down", []uint64{44 * mib, 43 * mib, 47 * mib, 52 * mib}, true},
		{"shrinking", []uint64{50 * mib, 52 * mib, 49 * mib, 47 * mib}, true},
		{"nine MiB a quarter", []uint64{32 * mib, 42 * mib, 50 * mib, 60 * mib}, false},
		{"a steady leak", []uint64{20 * mib, 40 * mib, 60 * mib, 80 * mib}, false},
		{"a leak on top of warm-up", []uint64{30 * mib, 47 * mib, 62 * mib, 77 * mib}, false},
		{"a leak smaller than a long warm-up", []uint64{50 * mib, 65 * mib, 80 * mib, 95 * mib}, false},
	}
	for _, tt := range tests {
		if got := plateaued(tt.samples); got != tt.want {
			t.Errorf("%s: plateaued = %v, want %v", tt.name, got, tt.want)
		}
	}
}
