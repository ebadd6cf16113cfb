#!/usr/bin/env bash
# A short netcat session against a running redis-lite (make run in another
# terminal). Each request is printed, then the daemon's reply.
set -euo pipefail
host=${HOST:-127.0.0.1}
port=${PORT:-6379}
command -v nc >/dev/null || { echo "demo.sh: needs nc (apt-get install netcat-openbsd)" >&2; exit 1; }

requests=(
  'PING'
  'SET user:1 alice'
  'GET user:1'
  'SET greeting "hello world\x21"'
  'GET greeting'
  'EXISTS user:1 user:2'
  'DEL user:1'
  'GET user:1'
  'ECHO "tabs\tand newlines\nare escapes"'
  'NOSUCH command'
)
for req in "${requests[@]}"; do
  printf '> %s\n' "$req"
  # -q1: after sending, wait a second for the reply, then hang up.
  printf '%s\n' "$req" | nc -q1 "$host" "$port"
done
