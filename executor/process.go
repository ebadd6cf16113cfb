package executor

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// What INFO reports of the process and the machine, read from the kernel
// when INFO asks.

// osName is uname's system, release and machine ("Linux 6.1.0-18-amd64
// x86_64"), as Redis prints it; uname(2) cannot fail with a valid buffer.
func osName() string {
	var u unix.Utsname
	unix.Uname(&u)
	return unix.ByteSliceToString(u.Sysname[:]) + " " + unix.ByteSliceToString(u.Release[:]) + " " +
		unix.ByteSliceToString(u.Machine[:])
}

// residentMemory is the process's resident set in bytes, the second number
// of /proc/self/statm (in pages); 0 where there is no /proc.
func residentMemory() uint64 {
	statm, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(statm))
	if len(fields) < 2 {
		return 0
	}
	pages, err := strconv.ParseUint(fields[1], 10, 64)
	if err != nil {
		return 0
	}
	return pages * uint64(os.Getpagesize())
}

// systemMemory is the machine's RAM in bytes (sysinfo(2)), 0 if unknown.
func systemMemory() uint64 {
	var si unix.Sysinfo_t
	if unix.Sysinfo(&si) != nil {
		return 0
	}
	return uint64(si.Totalram) * uint64(si.Unit)
}

// cpuTimes are seconds of CPU in system and user mode, as Redis prints
// them ("1.234567").
type cpuTimes struct{ sys, user string }

// cpuUsage is the CPU this process and its waited-for children have used
// (getrusage(2)).
func cpuUsage() (self, children cpuTimes) {
	return rusage(unix.RUSAGE_SELF), rusage(unix.RUSAGE_CHILDREN)
}

func rusage(who int) cpuTimes {
	var ru unix.Rusage
	if unix.Getrusage(who, &ru) != nil {
		return cpuTimes{"0.000000", "0.000000"}
	}
	return cpuTimes{seconds(ru.Stime), seconds(ru.Utime)}
}

func seconds(t unix.Timeval) string {
	usec := strconv.FormatInt(int64(t.Usec), 10)
	return strconv.FormatInt(int64(t.Sec), 10) + "." + strings.Repeat("0", 6-len(usec)) + usec
}

// randomID is 40 random hex digits, Redis's form for run_id and the
// replication id, which tell one run of a server from the next.
func randomID() string {
	var b [20]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
