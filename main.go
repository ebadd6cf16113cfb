// Command redis-lite is a Redis-like key-value daemon built on raw POSIX
// sockets, following the networking document literally (docs/networking.md).
// This file reads the settings (package config: the command line and the
// config file), sets up logging and hands over to package daemon, which
// builds the parts, serves and stops; each package's doc comment says
// which part of the document it implements.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/sirupsen/logrus"

	"redis-lite/config"
	// Named so: the end-to-end tests call their running process "daemon".
	lifecycle "redis-lite/daemon"
	"redis-lite/executor"
)

func main() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) }

// run returns the exit status: 0 after a clean shutdown or for --help and
// --version; 1 when the daemon cannot start, as redis-server: a bad
// setting, a config file it cannot read, a port in use. ctx ending stops
// the daemon as SIGTERM does (package daemon's Run).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	parsed, err := config.ParseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "redis-lite: %v\n", err)
		return 1
	}
	switch {
	case parsed.Help:
		fmt.Fprint(stdout, config.Usage())
		return 0
	case parsed.Version:
		fmt.Fprintf(stdout, "redis-lite: Redis v=%s compatible, %s %s/%s\n", executor.RedisVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return 0
	}
	settings, err := config.Load(parsed)
	if err != nil {
		var bad *config.LineError
		if errors.As(err, &bad) {
			fmt.Fprint(stderr, bad.Report(executor.RedisVersion))
		} else {
			fmt.Fprintln(stderr, err)
		}
		return 1
	}
	return lifecycle.Run(ctx, settings, parsed.File, newLogger(settings, stderr))
}

// newLogger sets logrus up as log-level and log-format say (both words
// the settings table has checked).
func newLogger(settings config.Values, out io.Writer) *logrus.Logger {
	log := logrus.New()
	log.SetOutput(out)
	level, _ := logrus.ParseLevel(settings.String("log-level"))
	log.SetLevel(level)
	if settings.String("log-format") == "json" {
		log.SetFormatter(&logrus.JSONFormatter{})
	} else {
		log.SetFormatter(&logrus.TextFormatter{FullTimestamp: true})
	}
	return log
}
