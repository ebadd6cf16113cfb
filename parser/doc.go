// Package parser turns received bytes into commands: the "Parser Module" of
// the networking document (docs/networking.md, sections 6 and 7), which
// tokenizes "SET user:1 alice\n" into ["SET", "user:1", "alice"].
//
// Two request forms share one port, and the first byte of each request
// decides, as in Redis: '*' starts a RESP2 multibulk request; anything else
// is a plaintext line (docs/architecture.md, "Protocol detection"), with Redis's inline quoting rules.
//
// The parser works in place and incrementally. Arguments are sub-slices of
// the caller's buffer (an inline argument with escapes is unescaped in place,
// which only ever shrinks it), so parsing a command allocates nothing once
// the parser's argument slice has grown. When a request is incomplete the
// parser says so and remembers how far it got; the caller presents the same
// unconsumed bytes again, with more appended, on the next call.
//
// The parser imports nothing of this project (docs/architecture.md,
// "The import rule"; imports_test.go enforces it).
package parser
