// Package config is the daemon's settings, each declared once
// (docs/architecture.md): its name (Redis's where Redis has the setting),
// its kind of value, default, bounds, whether CONFIG SET may change it, and
// a one-line doc. That one table (settings.go) feeds everything else:
//
//   - the command line, read as redis-server reads it: "--maxmemory 100mb"
//     is the config line "maxmemory 100mb" (args.go);
//   - a config file in redis.conf syntax, with the command line appended to
//     it, and Redis's fatal error for a bad line (load.go);
//   - CONFIG GET and CONFIG SET at run time, all or nothing, with Redis's
//     error texts and hooks that make each change take effect (live.go);
//   - CONFIG REWRITE, which keeps the file's comments and order (rewrite.go);
//   - --help and the README's table of settings (help.go).
//
// Values are parsed as Redis parses them (values.go): memory with Redis's
// units (5k is 5000 bytes, 5kb is 5120), booleans as yes or no, enums from
// a fixed list, integers within bounds.
//
// This package imports only parser (parser.SplitArgs: Redis splits a
// config line with the same sdssplitargs as an inline request): the daemon
// reads the values and hands each part the settings it needs.
package config
