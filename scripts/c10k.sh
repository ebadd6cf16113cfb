#!/usr/bin/env bash
# The networking document's section 11, live: what many idle connections do
# to each I/O model. For each model the daemon is started fresh; then
#   1. redis-benchmark (50 clients, SET and GET) runs alone, for a baseline;
#   2. scripts/idleclients opens IDLE connections (default 10,000) that each
#      send one PING and then sit idle, and reports how many were served,
#      left waiting or refused;
#   3. the same redis-benchmark runs again while they are held, under
#      `timeout`, since in the worker model it may never be served.
# Each throughput figure is the median of ROUNDS (default 3) runs.
# The worker model is run twice: with IDLE clients, more than its workers
# and queue hold, and with SMALL_IDLE (default 1,000), which its workers and
# queue do hold: the two ways it fails, turned away and left waiting.
# Prints one markdown table (for BENCHMARKS.md): per run, the idle clients
# held, the daemon's RSS per held client (VmRSS before and after opening
# them), its OS threads, throughput alone and beside the idle clients, and
# what INFO reported meanwhile.
#
# INFO is read over a connection opened before the idle ones: in the worker
# model a new connection could not get an answer once they are in.
#   scripts/c10k.sh          IDLE=10000 SMALL_IDLE=1000 REQUESTS=100000 ROUNDS=3 PATIENCE=20
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
source scripts/lib.sh

idle=${IDLE:-10000}
small_idle=${SMALL_IDLE:-1000}
requests=${REQUESTS:-100000}
rounds=${ROUNDS:-3}        # redis-benchmark runs per figure; the median is shown
patience=${PATIENCE:-20} # seconds redis-benchmark may go without service

command -v redis-benchmark >/dev/null || { echo "c10k.sh: needs redis-benchmark (apt-get install redis-tools)" >&2; exit 1; }
make -s build || exit 1

work=$(mktemp -d)
daemon="" holder=""
trap clean_up_idle_lesson EXIT
build_idle_clients "$work" || exit 1

# Every idle client is a descriptor in two processes: the daemon's accepted
# socket and idleclients' own. Both inherit this shell's limit, so raise the
# soft limit to the hard one (all an unprivileged process may do) and fit
# IDLE under it, keeping room for the daemon's 32 reserved descriptors and
# a margin of clients for redis-benchmark (below).
ulimit -n "$(ulimit -Hn)" 2>/dev/null
fd_limit=$(ulimit -n)
margin=200
room=$((fd_limit - 32 - margin - 20))
if [ "$idle" -gt "$room" ]; then
  echo "c10k.sh: ulimit -n is $fd_limit; IDLE lowered from $idle to $room" >&2
  idle=$room
fi
small_idle=$((small_idle < idle ? small_idle : idle))
# --maxclients: the idle ones, the control connection and redis-benchmark's
# 51 (50 clients and one asking CONFIG GET), with room for the previous
# test's 51 too: a connection the benchmark has closed still counts until
# the daemon has read its end of file.
maxclients=$((idle + margin))

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
threads_of() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }

# open_control_connection: fd 5 to the daemon, answered once, so that in the
# worker model it holds a worker of its own before the idle clients arrive.
open_control_connection() {
  exec 5<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '*1\r\n$4\r\nPING\r\n' >&5
  local reply
  IFS= read -r -t 5 reply <&5 && [ "$reply" = $'+PONG\r' ]
}

# info FIELD...: each field's value from one INFO, asked over fd 5 in RESP
# (a bulk string: "$LEN", then exactly LEN bytes, then CRLF).
info() {
  local header body len field out=""
  printf '*1\r\n$4\r\nINFO\r\n' >&5
  IFS= read -r -t 5 header <&5 || return 1
  len=${header#\$}
  len=${len%$'\r'}
  IFS= read -r -t 5 -N "$len" body <&5 || return 1
  IFS= read -r -t 5 _ <&5
  for field in "$@"; do
    out+="$(printf '%s\n' "$body" | tr -d '\r' | sed -n "s/^$field://p") "
  done
  echo "${out% }"
}

# benchmark_once: "SET/s GET/s" from one redis-benchmark run within
# PATIENCE seconds, or what happened instead.
benchmark_once() {
  local out status set get
  out=$(timeout "$patience" redis-benchmark -p "$port" -c 50 -t set,get -n "$requests" -q 2>&1 | tr '\r' '\n')
  status=${PIPESTATUS[0]}
  set=$(awk '/^SET: .*requests per second/ {print int($2)}' <<<"$out" | tail -1)
  get=$(awk '/^GET: .*requests per second/ {print int($2)}' <<<"$out" | tail -1)
  if [ -n "$set" ] && [ -n "$get" ]; then
    echo "$set $get"
  elif grep -q "max number of clients reached" <<<"$out"; then
    echo "refused at once (max number of clients reached)"
  elif [ "$status" -eq 124 ]; then
    echo "no service within ${patience}s"
  else
    echo "failed (exit $status): $(grep -v '^ *$' <<<"$out" | tail -1)"
  fi
}

# benchmark: the median SET/s and GET/s of ROUNDS runs as "SET / GET", or
# the first run's failure (one is enough: nothing changes between runs).
benchmark() {
  local i got sets=() gets=()
  for ((i = 0; i < rounds; i++)); do
    got=$(benchmark_once)
    [[ $got == [0-9]*" "[0-9]* ]] || { echo "$got"; return; }
    sets+=("${got% *}")
    gets+=("${got#* }")
  done
  echo "$(median "${sets[@]}") / $(median "${gets[@]}")"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# stop_daemon: SIGTERM, then wait for it (at most 30 s).
stop_daemon() {
  kill -TERM "$daemon" 2>/dev/null
  for _ in $(seq 300); do kill -0 "$daemon" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$daemon" 2>/dev/null
  wait "$daemon" 2>/dev/null
  daemon=""
}

# run_model MODEL IDLE EXPECT: one row of the table. EXPECT is what the
# lesson says must happen, checked after the row is printed:
#   all-served  every idle client answered, the benchmark served beside them
#   no-service  the benchmark got no requests served beside the idle clients
run_model() {
  local model=$1 n=$2 expect=$3 alone beside before after held inside rejected_before rejected_after extra
  start_redis_lite "$work/$model-$n.log" --io "$model" --maxclients "$maxclients"
  if ! open_control_connection; then
    echo "c10k.sh: no answer on the control connection" >&2
    stop_daemon
    return 1
  fi
  alone=$(benchmark)
  before=$(rss_kb "$daemon")

  hold_idle_clients "$work" -n "$n"
  if ! idle_counts 300; then
    echo "c10k.sh: idleclients did not report:" >&2
    cat "$idle_out" >&2
    release_idle_clients
    stop_daemon
    return 1
  fi
  sed 's/^/    /' "$idle_out" >&2
  after=$(rss_kb "$daemon")
  held=$(($(idle_count served) + $(idle_count waiting)))
  if [ "$model" = threads ]; then
    inside=$(info connected_clients busy_workers worker_threads queued_clients |
      awk '{printf "connected %s, busy workers %s/%s, queued %s", $1, $2, $3, $4}')
  else
    inside=$(info connected_clients event_loops | awk '{printf "connected %s, event loops %s", $1, $2}')
  fi
  rejected_before=$(info rejected_connections)
  beside=$(benchmark)
  rejected_after=$(info rejected_connections)
  extra=$((rejected_after - rejected_before))
  inside+=", rejected $rejected_before (+$extra during the benchmark)"
  printf '| %s | %s | %s | %s | %s | %s | %s -> %s MB | %s | %s | %s | %s | %s |\n' \
    "$model" "$n" "$held" "$(idle_count served)" "$(idle_count waiting)" "$(idle_count refused)" \
    "$(awk -v k="$before" 'BEGIN {printf "%.1f", k / 1024}')" "$(awk -v k="$after" 'BEGIN {printf "%.1f", k / 1024}')" \
    "$(awk -v a="$before" -v b="$after" -v h="$held" 'BEGIN {if (h > 0) printf "%.1f KB", (b - a) / h; else print "-"}')" \
    "$(threads_of "$daemon")" "$alone" "$beside" "$inside"
  release_idle_clients
  exec 5<&-
  stop_daemon
  case $expect in
  all-served)
    [ "$(idle_count served)" -eq "$n" ] && [[ $beside == [0-9]*" / "[0-9]* ]] && return 0
    echo "c10k.sh: $model with $n idle clients: expected every one served and the benchmark beside them" >&2 ;;
  no-service)
    [[ $beside != [0-9]* ]] && return 0
    echo "c10k.sh: $model with $n idle clients: expected the benchmark to get no service" >&2 ;;
  esac
  return 1
}

echo "c10k.sh: $(nproc) cores, ulimit -n $fd_limit, --maxclients $maxclients, redis-benchmark -c 50 -t set,get -n $requests (median of $rounds), patience ${PATIENCE:-20}s" >&2
echo "| model | idle clients | held | served | waiting | refused | daemon RSS | RSS per held client | OS threads | SET / GET req/s alone | SET / GET req/s beside them | INFO while held |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
status=0
run_model threads "$idle" no-service || status=1
[ "$small_idle" -lt "$idle" ] && { run_model threads "$small_idle" no-service || status=1; }
run_model epoll "$idle" all-served || status=1
cat >&2 <<EOF
What to look at (the networking document, section 11):
  - threads: a worker serves one connection for its whole session, idle or
    not. 255 idle clients and the control connection hold all 256 workers;
    the next ones wait in the queue (queued_clients, "waiting") and get no
    answer at all, and once the queue is full the rest are turned away with
    "max number of clients reached" (rejected_connections). The benchmark's
    50 busy clients then fare no better than the idle ones: refused, or
    queued behind them until the timeout. Each held worker is an OS thread
    blocked in recv() (OS threads).
  - epoll: an idle connection is an entry in an epoll set, a small struct
    and no read buffer, so every idle client is answered and held, the
    process keeps a handful of threads, and the busy clients' throughput
    is about what it was without them.
EOF
exit $status
