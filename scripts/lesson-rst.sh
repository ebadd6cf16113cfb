#!/usr/bin/env bash
# Lesson: a clean close (FIN) against a reset (RST), as the daemon sees them
# (the networking document, section 9 for the first, section 8 for the
# second). Two clients each send PING and get PONG back:
#   - the first reads its reply and closes: the kernel sends FIN, and the
#     daemon's recv() returns 0;
#   - the second closes with the reply still unread in its receive buffer:
#     the kernel cannot deliver those bytes to anyone, so it sends RST
#     instead of FIN (RFC 2525, 2.17), and the daemon's recv() fails with
#     ECONNRESET. (SO_LINGER with a zero timeout makes close() reset too.)
# The daemon runs at --log-level debug, and its lines for each client are
# shown; with tcpdump installed (not required; TCPDUMP=no skips it) so are
# the packets.
# Exits non-zero if the daemon's log or the kernel's counters do not show
# the difference.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
source scripts/lib.sh
command -v ss >/dev/null || { echo "lesson-rst.sh: needs ss (apt-get install iproute2)" >&2; exit 1; }
make -s build || exit 1

work=$(mktemp -d)
daemon="" capture=""
cleanup() {
  exec 3<&- 4<&-
  local pid
  for pid in $capture $daemon; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "lesson-rst.sh: FAILED: $*" >&2
  exit 1
}
# tcp_counter NAME: a TcpExt counter of the kernel (this network namespace).
tcp_counter() { awk -v want="$1" '/^TcpExt:/ {if (!seen++) {split($0, name); next} for (i = 2; i <= NF; i++) if (name[i] == want) print $i}' /proc/net/netstat; }
# client_port: the local port of the one client connected to the daemon.
client_port() { ss -tanH state established "( dport = :$port )" | awk '{n = split($3, a, ":"); print a[n]; exit}'; }
# daemon_says CPORT PATTERN: poll (at most 5 s) until the daemon has logged
# PATTERN for the client on CPORT.
daemon_says() {
  for _ in $(seq 100); do
    grep "peer=\"127.0.0.1:$1\"" "$work/daemon.log" | grep -q "$2" && return 0
    sleep 0.05
  done
  return 1
}
show_log_of() { grep "peer=\"127.0.0.1:$1\"" "$work/daemon.log" | sed 's/^time="[^"]*" /    /'; }
# pair CPORT: the sockets of the connection from client port CPORT, if any.
pair() {
  local sockets
  sockets=$(ss -tanH "( sport = :$port and dport = :$1 ) or ( sport = :$1 and dport = :$port )")
  [ -n "$sockets" ] && sed 's/^/    /' <<<"$sockets" || echo "    (none: both ends are gone)"
}

start_redis_lite "$work/daemon.log" --log-level debug
# Optional: watch the packets (TCPDUMP=no skips it). tcpdump says
# "listening on" once it captures.
if [ "${TCPDUMP:-yes}" != no ] && command -v tcpdump >/dev/null; then
  tcpdump -i lo -nn -l -c 200 "tcp port $port" >"$work/packets" 2>"$work/tcpdump.err" &
  capture=$!
  for _ in $(seq 100); do
    grep -q "listening on" "$work/tcpdump.err" && break
    kill -0 "$capture" 2>/dev/null || break
    sleep 0.05
  done
  if ! grep -q "listening on" "$work/tcpdump.err"; then
    echo "(tcpdump cannot capture here; going on without it: $(head -1 "$work/tcpdump.err"))"
    kill "$capture" 2>/dev/null
    wait "$capture" 2>/dev/null
    capture=""
  fi
fi

echo "1. Clean close: the client reads PONG, then close(). Its kernel sends FIN."
exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect"
printf 'PING\n' >&3
IFS= read -r -t 5 reply <&3 && [ "$reply" = PONG ] || fail "no PONG to PING"
clean=$(client_port)
exec 3<&-
daemon_says "$clean" "recv(): 0 bytes" || fail "the daemon did not log recv() returning 0 for the clean close"
echo "   The daemon's log for that client (port $clean): recv() returns 0, section 9:"
show_log_of "$clean"
echo "   The client closed first, so its end is the one in TIME_WAIT:"
pair "$clean"

echo
echo "2. Reset: the client sends PING and closes without reading PONG."
aborts_before=$(tcp_counter TCPAbortOnClose)
exec 4<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect"
printf 'PING\n' >&4
reset=$(client_port)
for _ in $(seq 100); do
  [ "$(ss -tanH "( sport = :$reset and dport = :$port )" | awk '{print $2}')" -gt 0 ] 2>/dev/null && break
  sleep 0.05
done
echo "   PONG sits unread in the client's receive buffer (Recv-Q):"
pair "$reset"
exec 4<&-
daemon_says "$reset" "peer gone" || fail "the daemon did not log a reset for the second client"
echo "   close() with unread data: the kernel sends RST, not FIN. The daemon's"
echo "   recv() fails with ECONNRESET, which it treats as the peer gone (section 8):"
show_log_of "$reset"
aborts=$(($(tcp_counter TCPAbortOnClose) - aborts_before))
echo "   The kernel's TcpExt TCPAbortOnClose (resets sent because a socket closed"
echo "   with unread data) grew by $aborts. Neither end is left in TIME_WAIT:"
pair "$reset"
[ -z "$(ss -tanH "( sport = :$reset and dport = :$port ) or ( sport = :$port and dport = :$reset )")" ] ||
  fail "a socket of the reset connection is still there"
[ "$aborts" -gt 0 ] || fail "TCPAbortOnClose did not grow"
grep "peer=\"127.0.0.1:$reset\"" "$work/daemon.log" | grep -q "connection reset by peer" ||
  fail "the daemon's log does not say 'connection reset by peer'"

if [ -n "$capture" ]; then
  for _ in $(seq 40); do grep -q "\.$reset > .*Flags \[R" "$work/packets" && break; sleep 0.05; done
  kill "$capture" 2>/dev/null
  wait "$capture" 2>/dev/null
  capture=""
  echo
  echo "3. tcpdump on lo: the clean close's FINs ([F.]) and the reset ([R.])"
  grep -E "\.($clean|$reset)[ :].*Flags \[[FR]" "$work/packets" | sed 's/, options \[[^]]*\]//; s/^/    /'
fi
echo
echo "What to look at: a peer that leaves cleanly and one that vanishes look"
echo "different to the server (recv() = 0 against ECONNRESET), but both mean the"
echo "same to it: this client is gone, close its descriptor and serve the others."
echo "lesson-rst.sh: OK"
