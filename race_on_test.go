//go:build race

package main

// raceEnabled makes the end-to-end daemon a -race build too when the tests
// run with -race, so a data race in the daemon fails its exit status.
const raceEnabled = true
