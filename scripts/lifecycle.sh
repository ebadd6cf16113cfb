#!/usr/bin/env bash
# Watch one connection's kernel states with ss(8) while redis-lite runs:
# LISTEN (after listen()), ESTABLISHED (after accept()), and TIME_WAIT on the
# side that closed first. The daemon is started here on PORT (default 6390)
# with --log-level debug, so its own account of each call is printed too.
set -euo pipefail
port=${PORT:-6390}
bin=${BIN:-bin/redis-lite}
command -v ss >/dev/null || { echo "lifecycle.sh: needs ss (apt-get install iproute2)" >&2; exit 1; }
log=$(mktemp)
"$bin" --port "$port" --log-level debug 2>"$log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null; rm -f "$log"' EXIT

states() { ss -tan "( sport = :$port or dport = :$port )" | sed 's/^/    /'; }
for _ in $(seq 100); do grep -q "accepting connections" "$log" && break; sleep 0.05; done

echo "1. socket(), bind(), listen(): the daemon's socket is in LISTEN"
states

echo "2. a client connects; accept() returned a new fd: both ends ESTABLISHED"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'SET lifecycle demo\n' >&3
read -r reply <&3
echo "    reply: $reply"
states

echo "3. QUIT: the daemon replies, then close()s first, so ITS end goes to TIME_WAIT"
printf 'QUIT\n' >&3
read -r reply <&3 || true
exec 3<&-
for _ in $(seq 100); do ss -tan state time-wait "( sport = :$port )" | grep -q ":$port" && break; sleep 0.02; done
states

echo "4. the daemon's own account (--log-level debug):"
sed 's/^/    /' "$log"
