#!/usr/bin/env bash
# Lesson: running out of file descriptors (EMFILE), and the spare
# descriptor (the networking document, section 9: every connection is a
# descriptor, and one never closed is one less for the next client;
# section 8: a failure stays with the client it concerns). Read
# netsrv/fdlimit.go and netsrv/accept.go alongside.
#   1. The daemon starts under ulimit -n 64 (prlimit --nofile=64:64). Like
#      Redis, it keeps 32 descriptors in reserve and lowers --maxclients
#      to what is left, so extra clients are turned away by that limit and
#      accept(2) itself never fails.
#   2. Then its limit is lowered again under it, while it runs (prlimit
#      --pid), to a few more descriptors than it has open: the limit
#      it planned for is gone and accept(2) fails with EMFILE. The kernel
#      keeps those clients' finished handshakes in the backlog; a server
#      that only retried would leave them hanging. redis-lite closes its
#      spare descriptor, accepts, tells the client "-ERR max number of
#      clients reached", closes it and takes the spare back.
#   3. The clients it already had are served throughout, and once some
#      leave, new ones are served again.
# Exits non-zero if any of that did not happen.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
source scripts/lib.sh
command -v prlimit >/dev/null || { echo "lesson-emfile.sh: needs prlimit (apt-get install util-linux)" >&2; exit 1; }
start_limit=${START_LIMIT:-64}
headroom=${HEADROOM:-6} # descriptors left free under the lowered limit
make -s build || exit 1

work=$(mktemp -d)
daemon="" holder=""
trap clean_up_idle_lesson EXIT
build_idle_clients "$work" || exit 1

fail() {
  echo "lesson-emfile.sh: FAILED: $*" >&2
  exit 1
}
open_fds() { ls "/proc/$daemon/fd" | wc -l; }
# log_lines PATTERN: the daemon's log lines matching, without timestamps,
# each once with how many times it appeared.
log_lines() { grep "$1" "$work/daemon.log" | sed 's/^time="[^"]*" //' | sort | uniq -c | awk '{n = $1; sub(/^ *[0-9]+ /, ""); printf "    %dx %s\n", n, $0}'; }
# ping_on_new_connection: PONG if a new client is served.
ping_on_new_connection() {
  local reply=""
  exec 6<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'PING\n' >&6
  IFS= read -r -t 2 reply <&6
  exec 6<&-
  [ "$reply" = PONG ]
}
# expect_no_hang: the idle clients' counts must show no client left
# waiting or failed, and some turned away with Redis's error.
expect_no_hang() {
  [ "$(idle_count waiting)" -eq 0 ] || fail "$(idle_count waiting) clients were left waiting without an answer"
  [ "$(idle_count failed)" -eq 0 ] || fail "$(idle_count failed) clients failed"
  [ "$(idle_count refused)" -gt 0 ] || fail "no client was turned away"
  grep -q "a refused client got: -ERR max number of clients reached" "$idle_out" ||
    fail "the turned-away clients did not get '-ERR max number of clients reached'"
}

LITE_WRAPPER="prlimit --nofile=$start_limit:$start_limit --" start_redis_lite "$work/daemon.log"
maxclients=$(sed -n 's/.*maxclients lowered to \([0-9]*\).*/\1/p' "$work/daemon.log")
echo "1. Started under ulimit -n $start_limit. The daemon says (netsrv/fdlimit.go):"
log_lines "maxclients lowered"
[ -n "$maxclients" ] || fail "no 'maxclients lowered' warning at start"
clients=$((maxclients + 8))
echo "   $clients clients connect:"
before=$(open_fds)
hold_idle_clients "$work" -n "$clients" -reply-wait 2s
idle_counts 30 || fail "the idle clients did not report"
sed 's/^/    /' "$idle_out"
expect_no_hang
[ "$(idle_count served)" -eq "$maxclients" ] || fail "$(idle_count served) served, want $maxclients"
echo "   $maxclients served, the rest turned away by --maxclients: descriptors never ran"
echo "   out, because the limit was fitted to them at start. No EMFILE yet:"
grep -q "out of file descriptors" "$work/daemon.log" && fail "EMFILE before the limit was lowered"
echo "    (no 'out of file descriptors' in the log)"
release_idle_clients
returned=""
for _ in $(seq 100); do
  [ "$(open_fds)" -le "$before" ] && returned=yes && break
  sleep 0.05
done
[ -n "$returned" ] || fail "the daemon's descriptors did not return to $before after the clients left ($(open_fds) open)"

echo
exec 5<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect"
printf 'SET emfile before\n' >&5
IFS= read -r -t 5 reply <&5 && [ "$reply" = OK ] || fail "the first client was not served"
limit=$(($(open_fds) + headroom))
prlimit --pid "$daemon" --nofile="$limit:$limit" || fail "prlimit could not lower the daemon's limit"
echo "2. One client is connected; the daemon has $(open_fds) descriptors open. Its limit is"
echo "   now lowered to $limit under it (prlimit --pid), so --maxclients $maxclients no longer"
echo "   fits. 20 more clients connect:"
hold_idle_clients "$work" -n 20 -reply-wait 2s
idle_counts 30 || fail "the idle clients did not report"
sed 's/^/    /' "$idle_out"
expect_no_hang
echo "   The daemon's log (netsrv/accept.go): accept() failed with EMFILE, the spare"
echo "   descriptor made room to accept anyway, and the client was told why:"
log_lines "out of file descriptors"
grep -q "accept(): out of file descriptors; turned a client away" "$work/daemon.log" ||
  fail "no 'accept(): out of file descriptors' in the daemon's log"
used=0
for ((fd = 0; fd < limit; fd++)); do [ -e "/proc/$daemon/fd/$fd" ] && used=$((used + 1)); done
echo "   Descriptors 0-$((limit - 1)) are all a process under this limit may have; $used are in"
echo "   use. The one missing was the spare's: it is released again, and the accept()"
echo "   now waiting for the next client holds that number in reserve for it."

echo
echo "3. Meanwhile the clients it has are still served, on their own descriptors:"
printf 'GET emfile\n' >&5
IFS= read -r -t 5 reply <&5 || fail "the first client got no answer while descriptors ran out"
echo "    GET emfile -> $reply"
[ "$reply" = before ] || fail "GET emfile returned '$reply'"
echo "   and once the idle clients leave, descriptors are free and new clients are"
echo "   served again, with the limit still $limit:"
release_idle_clients
served_again=""
for _ in $(seq 50); do
  ping_on_new_connection && served_again=yes && break
  sleep 0.1
done
[ -n "$served_again" ] || fail "no new client was served after the others left"
echo "    PING on a new connection -> PONG ($(open_fds) descriptors open)"
echo "lesson-emfile.sh: OK"
