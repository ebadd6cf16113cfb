package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The memory half of the soak. RSS is sampled at each quarter of the run,
// and each sample pauses the load first: no client is in the middle of a
// request (the clients that are connected stay connected), and then
// MEMORY PURGE collects the daemon's garbage and RSS is read.
//
// Why pause: a purge under load measured badly in the worker model. The
// collector finishes its sweep yielding once per span, and every yield
// waited behind the runnable workers, so one purge took 1 to 8 s at 1,000
// clients on two CPUs (0.7 to 1 s once the workers took turns in order,
// netsrv/worker.go) while the load went on growing RSS. That left one or
// two samples per run, at uneven times, and a check that passed or failed
// by chance. Paused, a purge takes milliseconds; the pause itself waits up
// to 2 s for the clients' steps in progress (a hostile client waits that
// long for an answer to a request the daemon cannot finish).
var (
	// gate pauses the load: each client step holds it for reading, a
	// sample holds it for writing.
	gate sync.RWMutex
	// stopped ends the load; it is set under gate, after the last sample.
	stopped atomic.Bool
)

// samplesPerRun is how many samples a run takes, evenly spaced; the last
// is taken at the end, before the clients hang up.
const samplesPerRun = 4

// sampleUnderLoad lets the load run for -duration, sampling RSS at each
// quarter, stops the load after the last sample and returns the samples
// and how long the load stood paused for them.
func sampleUnderLoad(admin *conn, st *stats) (samples []uint64, paused time.Duration) {
	began := time.Now()
	for i := 1; i <= samplesPerRun; i++ {
		time.Sleep(*duration / samplesPerRun)
		underLoad := procStatus("VmRSS")
		pausing := time.Now() // new steps wait from here on
		gate.Lock()
		settled := time.Since(pausing)
		samples = append(samples, purgedRSS(admin))
		threads := procStatus("Threads")
		stopped.Store(i == samplesPerRun)
		gate.Unlock()
		pause := time.Since(pausing)
		paused += pause
		fmt.Printf("soak: %5.1fs  ops %d  writes %d  reconnects %d  RSS %s paused and purged (%s under load)  threads %d  pause %v (%v of it for the steps in progress)\n",
			time.Since(began).Seconds(), st.ops.Load(), st.writes.Load(), st.reconnects.Load(),
			human(samples[len(samples)-1]), human(underLoad), threads, pause.Round(time.Millisecond), settled.Round(time.Millisecond))
	}
	return samples, paused
}

// purgedRSS is the daemon's RSS once MEMORY PURGE has collected its
// garbage and handed the freed pages back: what is live, and not how far
// the collector happened to let the heap grow (up to twice what is live,
// or --gc-floor), which depends on the clients' speed.
func purgedRSS(admin *conn) uint64 {
	if reply, err := admin.do("MEMORY", "PURGE"); err != nil || reply != "OK" {
		fail(fmt.Sprintf("MEMORY PURGE: %q %v", reply, err))
	}
	return procStatus("VmRSS")
}

// procStatus reads a number from the daemon's /proc/PID/status: VmRSS in
// bytes, Threads as a count.
func procStatus(field string) uint64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", *pid))
	if err != nil {
		fail("reading the daemon's status: " + err.Error())
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field+":" {
			n, _ := strconv.ParseUint(f[1], 10, 64)
			if len(f) == 3 && f[2] == "kB" {
				n <<= 10
			}
			return n
		}
	}
	fail("no " + field + " in the daemon's status")
	return 0
}

// plateaued: RSS, sampled with the load paused and purged, has stopped
// growing. The key space is bounded, so once the clients are connected
// (by the first sample) live memory has no reason to grow; a leak grows
// it quarter after quarter. Over the second half (from the middle sample
// to the last) RSS may still grow by 10% or 16 MiB, whichever is more,
// for what the moment holds: the live heap after a purge moved between 33
// and 42 MB from one sample to the next in one run (read buffers kept for
// reuse outlive one collection). Runs on two CPUs grew by -3 to +9 MiB
// there. The RSS before the first client is not compared: the growth
// from it is the warm-up of a thousand connections, not a leak.
func plateaued(samples []uint64) bool {
	if len(samples) < 2 {
		return true
	}
	mid, last := samples[(len(samples)-1)/2], samples[len(samples)-1]
	fmt.Printf("soak: RSS at mid-run %s, at the end %s\n", human(mid), human(last))
	return last <= mid+max(mid/10, 16<<20)
}
