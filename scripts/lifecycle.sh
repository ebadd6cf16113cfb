#!/usr/bin/env bash
# Watch one connection's kernel states with ss(8) while redis-lite runs
# (the networking document's sections 3 and 9): LISTEN after listen(),
# ESTABLISHED after accept(), then the close, and TIME_WAIT on the daemon's
# side. The daemon is started here (on PORT if given, else a free port)
# with --log-level debug, so its own account of each call is printed too.
#
# Which end ends up in TIME_WAIT is decided by who calls close() first, not
# by who is the server. The active closer (the first to close) sends the
# first FIN and goes FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT, where it stays
# 2*MSL (60 s on Linux) so that a late segment of this connection cannot be
# taken for part of a new one with the same addresses and ports. The passive
# closer receives that FIN, sits in CLOSE_WAIT until it closes too, then in
# LAST_ACK until its own FIN is acknowledged, and is gone.
#
# Here QUIT makes the daemon close first. The client reads until end of file
# (recv() returning 0: the daemon's FIN) before closing its own end; a client
# that closed right after reading "OK" could beat the daemon's close() and
# become the active closer itself, and then TIME_WAIT would be on its side.
# Exits non-zero if the states seen are not the ones described.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
source scripts/lib.sh
command -v ss >/dev/null || { echo "lifecycle.sh: needs ss (apt-get install iproute2)" >&2; exit 1; }
make -s build || exit 1

log=$(mktemp)
daemon=""
cleanup() {
  exec 3<&-
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
  rm -f "$log"
}
trap cleanup EXIT
start_redis_lite "$log" --log-level debug ${PORT:+--port "$PORT"}
client_port=""

# states: the listening socket and this connection's two ends (an earlier
# run's TIME_WAIT on a fixed PORT is left out), with ss's timers (-o).
states() {
  local filter="( sport = :$port and dport = :0 )"
  [ -n "$client_port" ] && filter="( sport = :$port and dport = :0 ) or ( sport = :$port and dport = :$client_port ) or ( sport = :$client_port and dport = :$port )"
  ss -tano "$filter" | sed 's/^/    /'
}

# state_of SRC DST: the TCP state of the socket from port SRC to port DST,
# as ss names it (empty if there is none).
state_of() { ss -tanH "( sport = :$1 and dport = :$2 )" | awk '{print $1; exit}'; }

# wait_for_states DAEMON_END CLIENT_END: poll (at most 5 s) until both ends
# are in those states ("" for gone).
wait_for_states() {
  for _ in $(seq 250); do
    [ "$(state_of "$port" "$client_port")" = "$1" ] && [ "$(state_of "$client_port" "$port")" = "$2" ] && return 0
    sleep 0.02
  done
  return 1
}

fail() {
  echo "lifecycle.sh: FAILED: $*" >&2
  states >&2
  exit 1
}

echo "1. socket(), bind(), listen(): the daemon's socket is in LISTEN"
echo "   (for a listening socket ss shows the backlog as Send-Q)"
states

echo "2. a client connects; accept() returned a new fd: both ends ESTABLISHED"
exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect"
printf 'SET lifecycle demo\n' >&3
IFS= read -r -t 5 reply <&3 || fail "no reply to SET"
echo "    reply: $reply"
client_port=$(ss -tanH state established "( dport = :$port )" | awk '{split($3, a, ":"); print a[2]; exit}')
[ -n "$client_port" ] || fail "no established connection to port $port"
wait_for_states ESTAB ESTAB || fail "expected both ends ESTABLISHED"
states

echo "3. QUIT: the daemon replies, then close()s first: it is the active closer."
echo "   Its FIN is acknowledged (FIN_WAIT_2); the client has read end of file"
echo "   (recv() returned 0) and not closed yet (CLOSE_WAIT). The daemon's socket"
echo "   has no descriptor any more, so the kernel gives the peer"
echo "   net.ipv4.tcp_fin_timeout ($(cat /proc/sys/net/ipv4/tcp_fin_timeout 2>/dev/null || echo 60) s) to close: that is ss's timer"
printf 'QUIT\n' >&3
IFS= read -r -t 5 reply <&3 || fail "no reply to QUIT"
echo "    reply: $reply"
# Read until end of file: the daemon's FIN. Only then is it certain that
# the daemon closed first. read returns 1 at end of file, >128 on timeout.
for _ in $(seq 100); do
  IFS= read -r -t 5 extra <&3
  status=$?
  [ "$status" -eq 0 ] || break
  echo "    unexpected: $extra"
done
[ "$status" -eq 1 ] || fail "no end of file from the daemon within 5 s"
wait_for_states FIN-WAIT-2 CLOSE-WAIT || fail "expected FIN-WAIT-2 (daemon) and CLOSE-WAIT (client)"
states

echo "4. the client close()s too, as the passive closer: LAST_ACK, then gone once"
echo "   its FIN is acknowledged. The daemon's end is in TIME_WAIT for 2*MSL"
echo "   (ss's timer counts down from 60 s)"
exec 3<&-
wait_for_states TIME-WAIT "" || fail "expected TIME-WAIT on the daemon's end and nothing on the client's"
states

echo "5. the daemon's own account (--log-level debug):"
sed 's/^/    /' "$log"
echo "lifecycle.sh: OK: the daemon closed first and holds TIME_WAIT (port $port <- $client_port)"
