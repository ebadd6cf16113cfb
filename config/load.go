package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
)

// LineError is a config line that cannot be used: an unknown directive, a
// wrong number of words or a bad value. The line number counts the file's
// lines, then the command line's (after one empty line), as Redis counts.
type LineError struct {
	Line   int
	Text   string // the line, trimmed
	Reason string
}

func (e *LineError) Error() string {
	return fmt.Sprintf("config line %d '%s': %s", e.Line, e.Text, e.Reason)
}

// Report is Redis's fatal message for a bad config line, which redis-server
// prints to stderr before it exits with status 1; version is the Redis
// version the daemon follows.
func (e *LineError) Report(version string) string {
	return fmt.Sprintf("\n*** FATAL CONFIG FILE ERROR (Redis %s) ***\nReading the configuration file, at line %d\n>>> '%s'\n%s\n",
		version, e.Line, e.Text, e.Reason)
}

// Load reads the config file named on the command line, if any, and the
// command line's options after it, over the defaults.
func Load(a Args) (Values, error) {
	var text string
	if a.File != "" {
		b, err := os.ReadFile(a.File)
		if err != nil {
			//lint:ignore ST1005 Redis's own wording, which clients and tests compare
			return nil, fmt.Errorf("Fatal error, can't open config file '%s': %s", a.File, strerror(err))
		}
		text = string(b)
	}
	// Redis appends the options after a newline, even when there are none.
	return Parse(text + "\n" + a.Options)
}

// Parse reads config lines in redis.conf syntax over the defaults: one
// directive a line, its words split as splitArgs says; lines starting with
// '#' and blank lines are skipped. A later line for the same setting wins.
// "include" is not supported: every setting is in one file.
func Parse(text string) (Values, error) {
	v := Defaults()
	for i, raw := range strings.Split(text, "\n") {
		line := strings.Trim(raw, " \t\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		fail := func(reason string) error { return &LineError{Line: i + 1, Text: line, Reason: reason} }
		words, err := splitArgs(line)
		if err != nil {
			return nil, fail(err.Error())
		}
		if len(words) == 0 {
			continue
		}
		s := Lookup(words[0])
		switch {
		case s == nil && lowerASCII(words[0]) == "include":
			return nil, fail("include is not supported: put every setting in one file")
		case s == nil:
			return nil, fail("Bad directive or wrong number of arguments")
		case !s.multiWord() && len(words) != 2:
			return nil, fail("wrong number of arguments")
		}
		args := words[1:]
		if s.multiWord() && len(args) == 1 && args[0] != "" {
			// One quoted word holds them all: --save "900 1".
			if args, err = splitArgs(args[0]); err != nil {
				return nil, fail(err.Error())
			}
		}
		value, reason := s.parse(args, v[s.Name])
		if reason != "" {
			return nil, fail(reason)
		}
		v[s.Name] = value
	}
	return v, nil
}

// strerror is the C library's text for err's errno ("No such file or
// directory"), as Redis prints it: Go's is the same, but lowercase.
func strerror(err error) string {
	msg := err.Error()
	var errno syscall.Errno
	if errors.As(err, &errno) {
		msg = errno.Error()
	}
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return msg
}
