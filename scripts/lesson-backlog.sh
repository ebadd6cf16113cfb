#!/usr/bin/env bash
# Lesson: the listen backlog (the networking document, sections 3 and 5).
# listen(2)'s backlog is how many completed handshakes the kernel keeps for
# a server that has not called accept(2) yet. redis-lite's accept loop never
# stalls on its own (section 5 keeps it free of any other work), so the
# stall is made from outside: the daemon, started with a tiny --tcp-backlog, is
# stopped with SIGSTOP while CLIENTS clients connect, then resumed with
# SIGCONT. ss shows the queue filling; the clients beyond it wait in
# SYN-SENT; once accept runs again every one of them gets in.
# Exits non-zero if the queue did not fill, no client had to wait, or not
# every client was served after the resume.
#   scripts/lesson-backlog.sh        BACKLOG=4 CLIENTS=12 STALL=4 (seconds)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
source scripts/lib.sh
command -v ss >/dev/null || { echo "lesson-backlog.sh: needs ss (apt-get install iproute2)" >&2; exit 1; }
backlog=${BACKLOG:-4}
clients=${CLIENTS:-12}
stall=${STALL:-4}
make -s build || exit 1

work=$(mktemp -d)
daemon="" holder=""
cleanup() {
  if [ -n "$daemon" ]; then
    kill -CONT "$daemon" 2>/dev/null # a stopped process would not act on SIGTERM
    kill "$daemon" 2>/dev/null
    wait "$daemon" 2>/dev/null
  fi
  release_idle_clients
  rm -rf "$work"
}
trap cleanup EXIT
build_idle_clients "$work" || exit 1

fail() {
  echo "lesson-backlog.sh: FAILED: $*" >&2
  exit 1
}
sysctl_value() { cat "/proc/sys/net/${1//.//}" 2>/dev/null || echo "n/a"; }
listener() { ss -lnt "( sport = :$port )" | sed 's/^/    /'; }
accept_queue() { ss -lntH "( sport = :$port )" | awk '{print $2; exit}'; }
# client_states: how many of the clients' ends are in each state.
client_states() { ss -tanH "( dport = :$port )" | awk '{n[$1]++} END {for (s in n) printf "    %-10s %d\n", s, n[s]}'; }
count_state() { ss -tanH state "$1" "( dport = :$port )" | wc -l; }
# listen_drops: the kernel's count of SYNs and handshakes a full accept
# queue made it drop (all sockets in this network namespace).
listen_drops() { awk '/^TcpExt:/ {if (!seen++) {split($0, name); next} for (i = 2; i <= NF; i++) if (name[i] == "ListenDrops") print $i}' /proc/net/netstat; }

start_redis_lite "$work/daemon.log" --tcp-backlog "$backlog"
echo "1. listen($backlog) (document, section 3: the kernel queues handshakes up to the"
echo "   backlog). For a listening socket ss's Send-Q is the backlog and Recv-Q the"
echo "   connections waiting for accept(). Nothing waits yet:"
listener

echo
echo "2. kill -STOP the daemon (its accept loop stalls), then $clients clients connect."
drops_before=$(listen_drops)
kill -STOP "$daemon"
hold_idle_clients "$work" -n "$clients" -dialers "$clients" -dial-timeout 60s -reply-wait 60s -slow-connect 500ms
full=$((backlog + 1)) # Linux lets the queue reach backlog+1 before it is "full"
for _ in $(seq 100); do
  [ "$(accept_queue)" -ge "$full" ] && [ "$(count_state syn-sent)" -ge $((clients - full)) ] && break
  sleep 0.05
done
queued=$(accept_queue)
waiting=$(count_state syn-sent)
echo "   The kernel completed $queued handshakes on its own (Recv-Q $queued, one more"
echo "   than the backlog: Linux counts it full only past it):"
listener
echo "   The clients' ends: $queued ESTAB (connect() returned and their PING is sent,"
echo "   but no one has accepted them, so no one reads it)"
echo "   and $waiting in SYN-SENT: the kernel drops their SYNs while the queue is"
echo "   full, so connect() just waits while their kernel resends the SYN"
client_states
[ "$queued" -ge "$full" ] || fail "the accept queue did not fill (Recv-Q $queued, want $full)"
[ "$waiting" -gt 0 ] || fail "no client was left waiting in SYN-SENT"

echo
echo "3. A client that allows 2 s to connect gives up meanwhile:"
began=$SECONDS
if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
  fail "a connect succeeded while the queue was full"
fi
echo "    connect() to 127.0.0.1:$port: timed out after $((SECONDS - began)) s; the server sent nothing, not even a reset"
echo "   What the extra clients see is a slow or timed-out connect, not a refusal:"
echo "   net.ipv4.tcp_abort_on_overflow = $(sysctl_value ipv4.tcp_abort_on_overflow) (1 would reset a handshake that completes into a full"
echo "   queue instead of dropping it). SYNs are resent $(sysctl_value ipv4.tcp_syn_retries) times"
echo "   (tcp_syn_retries; the first $(sysctl_value ipv4.tcp_syn_linear_timeouts) a second apart, tcp_syn_linear_timeouts, then doubling)"
echo "   before connect() fails with ETIMEDOUT. The backlog is capped by"
echo "   net.core.somaxconn = $(sysctl_value core.somaxconn)."

remaining=$((stall - (SECONDS - began)))
[ "$remaining" -gt 0 ] && sleep "$remaining" # the stall itself: this is what is being shown
drops=$(($(listen_drops) - drops_before))
echo
echo "4. After ${stall} s stalled, the kernel's TcpExt ListenDrops grew by $drops: each dropped"
echo "   SYN (the waiting clients' retries, and the timed-out client's)."
[ "$drops" -gt 0 ] || fail "ListenDrops did not grow"

echo
echo "5. kill -CONT: the accept loop (section 5) drains the queue, the waiting"
echo "   clients' next SYN gets through, and every client is served:"
kill -CONT "$daemon"
idle_counts 30
sed 's/^/    /' "$idle_out"
listener
[ -n "$counts" ] || fail "the clients did not finish within 30 s of the resume"
served=$(idle_count served)
slow=$(idle_count slow_connects)
echo "   slow_connects: the $slow clients whose connect() took over 0.5 s, i.e. whose"
echo "   first SYN was dropped; they connected on a resent SYN after the resume."
[ "$served" -eq "$clients" ] || fail "$served of $clients clients were served after the resume"
[ "$slow" -gt 0 ] || fail "no client's connect was slowed by the full queue"
echo "lesson-backlog.sh: OK"
