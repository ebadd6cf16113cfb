#!/usr/bin/env bash
# Lesson: SO_REUSEADDR and restarting while TIME_WAIT sockets exist (the
# networking document, section 4, which sets it "to prevent port exhaustion
# during rapid restarts", and section 3's close()). A daemon closes a
# client's connection first, so its end of that connection stays in
# TIME_WAIT for 60 s after the daemon has exited. Then the same port is
# bound again: by scripts/rebind without SO_REUSEADDR (refused), by
# scripts/rebind with it (allowed), and by a restarted redis-lite, which
# always sets it. Exits non-zero if any of the three goes otherwise.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
source scripts/lib.sh
command -v ss >/dev/null || { echo "lesson-reuseaddr.sh: needs ss (apt-get install iproute2)" >&2; exit 1; }
make -s build || exit 1

work=$(mktemp -d)
daemon=""
cleanup() {
  exec 3<&-
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/rebind" ./scripts/rebind || exit 1

fail() {
  echo "lesson-reuseaddr.sh: FAILED: $*" >&2
  exit 1
}
# stop_daemon: SIGTERM, and wait (at most 10 s) for it to exit.
stop_daemon() {
  kill -TERM "$daemon"
  for _ in $(seq 100); do kill -0 "$daemon" 2>/dev/null || break; sleep 0.1; done
  wait "$daemon" 2>/dev/null
  daemon=""
}
port_sockets() { ss -tano "( sport = :$port )" | sed 's/^/    /'; }
time_waits() { ss -tanH state time-wait "( sport = :$port )" | wc -l; }

start_redis_lite "$work/first.log"
echo "1. redis-lite listens on 127.0.0.1:$port. A client sends QUIT; the daemon"
echo "   closes first, so its end goes to TIME_WAIT (see scripts/lifecycle.sh)."
exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect"
printf 'QUIT\n' >&3
for _ in $(seq 100); do IFS= read -r -t 5 _ <&3 || break; done # until the daemon's FIN
exec 3<&-
for _ in $(seq 100); do [ "$(time_waits)" -gt 0 ] && break; sleep 0.05; done

echo
echo "2. The daemon exits (SIGTERM). Nothing listens on port $port any more,"
echo "   but the kernel keeps the closed connection's end, which still names"
echo "   127.0.0.1:$port, for 2*MSL:"
stop_daemon
port_sockets
[ "$(time_waits)" -gt 0 ] || fail "no TIME_WAIT socket on port $port"
ss -ltnH "( sport = :$port )" | grep -q . && fail "something still listens on port $port"

echo
echo "3. A new server binds the port WITHOUT SO_REUSEADDR:"
"$work/rebind" -port "$port" >"$work/without" 2>&1
without=$?
sed 's/^/    /' "$work/without"
[ "$without" -eq 1 ] && grep -q "address already in use" "$work/without" ||
  fail "bind without SO_REUSEADDR did not fail with EADDRINUSE (exit $without)"
echo "   EADDRINUSE: Linux will not give the port to a socket that did not ask"
echo "   to share it while any socket, even one in TIME_WAIT, still uses it."

echo
echo "4. The same WITH SO_REUSEADDR:"
"$work/rebind" -port "$port" -reuseaddr >"$work/with" 2>&1 || {
  sed 's/^/    /' "$work/with"
  fail "bind with SO_REUSEADDR failed"
}
sed 's/^/    /' "$work/with"
echo "   Allowed: SO_REUSEADDR lets bind() share the port with connections that"
echo "   are finished (TIME_WAIT), only not with another listener. (On Linux the"
echo "   old socket must have had it set too; accepted sockets inherit it from"
echo "   the daemon's listening socket.) The TIME_WAIT entry is untouched; it"
echo "   still guards its own connection's address pair against stray segments."

echo
echo "5. So redis-lite, which always sets it (netsrv/listener.go), restarts on"
echo "   port $port at once:"
start_redis_lite "$work/second.log" --port "$port"
grep -E 'accepting connections' "$work/second.log" | sed 's/^/    /'
port_sockets
[ "$(time_waits)" -gt 0 ] || fail "the TIME_WAIT socket was gone before the restart: the test proved nothing"
stop_daemon
echo "lesson-reuseaddr.sh: OK"
