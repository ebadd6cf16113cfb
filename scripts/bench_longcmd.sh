#!/usr/bin/env bash
# How long one slow command makes everyone else wait. Three servers on
# loopback, each loaded with KEYS (1,000,000) keys (key:%012d = val:%012d,
# the names redis-benchmark -r uses), DBSIZE checked: redis-lite --io
# threads, redis-lite --io epoll (LITE_FLAGS are added to both) and
# redis-server (--save '' --appendonly no). For each, in interleaved rounds
# (ROUNDS, default 3), two runs:
#   - without: redis-benchmark -t get -c 50 -n REQUESTS (1,000,000) -r KEYS
#     --csv, and meanwhile two probe clients, one sending PING and one
#     DBSIZE every 10 ms (as redis-cli --latency samples), each timing its
#     replies, so that their samples are spread over the run's time;
#   - with: the same while one more client runs KEYS '*' (PATTERN) back to
#     back until the GET run ends (at most KEYS_MAX of them).
# TEST=set runs SETs instead of GETs (writers, which wait for a shard that
# KEYS is reading in redis-lite's worker model).
# Prints one table row per server and run: req/s and avg/p50/p99/max
# latency (redis-benchmark's), the probes' p99 and max, how many KEYS
# completed and their mean time; each the median over the rounds. Every
# client is bounded by LIMIT seconds (default 120) and stops by itself;
# the trap stops whatever this script started. The servers and all the
# clients share the machine's cores (nothing is pinned).
set -euo pipefail
export LC_ALL=C # EPOCHREALTIME with a '.', sort and awk as expected
cd "$(dirname "$0")/.."
source scripts/lib.sh
rounds=${ROUNDS:-3}
keys=${KEYS:-1000000}
requests=${REQUESTS:-1000000}
pattern=${PATTERN:-*}
keys_max=${KEYS_MAX:-200}
limit=${LIMIT:-120}
test=${TEST:-get} # or set: writers, which wait for a shard that KEYS is reading
for tool in redis-benchmark redis-cli redis-server timeout; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install redis-tools redis-server)" >&2; exit 1; }
done
make -s build
work=$(mktemp -d)
pids=() clients=() ref="" # the servers, and the background clients of the run under way
cleanup() {
  touch "$work/stop" 2>/dev/null || true
  kill "${clients[@]}" "${pids[@]}" ${daemon:-} ${ref:-} 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkfifo "$work/tick" # nobody writes it: a timed read on it is a sleep without a process

# The servers, started once and kept for every round.
names=(threads epoll redis)
declare -A label port_of
start_redis_lite "$work/threads.log" --io threads
pids+=("$daemon") port_of[threads]=$port label[threads]="redis-lite --io threads"
start_redis_lite "$work/epoll.log" --io epoll
pids+=("$daemon") port_of[epoll]=$port label[epoll]="redis-lite --io epoll"
label[redis]="Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2)"
start_redis_server "$port" "$work/redis.log" # sets $ref, $ref_port
pids+=("$ref") port_of[redis]=$ref_port

awk -v n="$keys" 'BEGIN { for (i = 0; i < n; i++) { k = sprintf("key:%012d", i); v = sprintf("val:%012d", i);
  printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length(k), k, length(v), v } }' >"$work/load.resp"
for s in "${names[@]}"; do
  redis-cli -p "${port_of[$s]}" --pipe <"$work/load.resp" | grep -q "errors: 0, replies: $keys" ||
    { echo "${label[$s]}: the load failed" >&2; exit 1; }
  n=$(redis-cli -p "${port_of[$s]}" dbsize)
  [ "$n" = "$keys" ] || { echo "${label[$s]}: DBSIZE $n after loading $keys keys" >&2; exit 1; }
done
rm "$work/load.resp"

# keys_loop PORT OUT: KEYS PATTERN, one after another, each through a
# fresh redis-benchmark -n 1 (so that every completed one is counted even
# when the loop is stopped), until $work/stop appears, KEYS_MAX are done or
# LIMIT seconds have passed. Appends each one's time (ms, from the request
# sent to the whole reply read) to OUT.
keys_loop() {
  local port=$1 out=$2 i=0 deadline=$((SECONDS + limit))
  while [ $i -lt "$keys_max" ] && [ $SECONDS -lt $deadline ] && [ ! -e "$work/stop" ]; do
    timeout "$limit" redis-benchmark -p "$port" -c 1 -n 1 --csv KEYS "$pattern" 2>/dev/null |
      awk -F'"' '$2 ~ /^KEYS/ {print $6}' >>"$out" || true
    i=$((i + 1))
  done
}

# probe PORT COMMAND OUT: one connection (bash's /dev/tcp, no process per
# request) sending COMMAND in RESP every 10 ms until $work/stop appears or
# LIMIT seconds have passed; appends each reply's time in microseconds to
# OUT (the shell's own overhead, some tens of microseconds, included).
probe() {
  local port=$1 cmd=$2 out=$3 req sock tick line t0 t1 deadline=$((SECONDS + limit))
  printf -v req '*1\r\n$%d\r\n%s\r\n' "${#cmd}" "$cmd"
  exec {sock}<>"/dev/tcp/127.0.0.1/$port"
  exec {tick}<>"$work/tick"
  while [ ! -e "$work/stop" ] && [ $SECONDS -lt $deadline ]; do
    t0=$EPOCHREALTIME
    printf '%s' "$req" >&"$sock"
    if ! read -r -t "$limit" -u "$sock" line; then
      echo "probe $cmd: no reply within $limit s" >&2
      break
    fi
    t1=$EPOCHREALTIME
    case $line in
    [+:]*) echo $((${t1/./} - ${t0/./})) >>"$out" ;;
    *) echo "probe $cmd: unexpected reply ${line%$'\r'}" >&2; break ;;
    esac
    read -r -t 0.01 -u "$tick" _ || true
  done
  exec {sock}>&- {tick}>&-
}

# run SERVER COND: one GET run with the probes, and with the KEYS loop when
# COND is "keys". Appends a line per measure to $work/SERVER.COND.*.
run() {
  local s=$1 cond=$2 port=${port_of[$1]} out=$work/$1.$2 csv
  rm -f "$work/stop"
  : >"$out.ping.now"; : >"$out.dbsize.now"; : >"$out.keys.now"
  probe "$port" PING "$out.ping.now" &
  clients+=($!)
  probe "$port" DBSIZE "$out.dbsize.now" &
  clients+=($!)
  if [ "$cond" = keys ]; then
    keys_loop "$port" "$out.keys.now" &
    clients+=($!)
  fi
  csv=$(timeout "$limit" redis-benchmark -p "$port" -t "$test" -c 50 -n "$requests" -r "$keys" -d 16 --csv 2>/dev/null |
    awk -F'"' -v t="${test^^}" '$2 == t {print $4, $6, $10, $14, $16}') || true
  touch "$work/stop"
  wait "${clients[@]}" 2>/dev/null || true
  clients=()
  [ -n "$csv" ] || { echo "${label[$s]}: the ${test^^} run gave no result" >&2; exit 1; }
  echo "$csv" >>"$out.bench" # rps avg p50 p99 max
  for p in ping dbsize; do  # p99 and max in ms, nearest rank
    sort -n "$out.$p.now" | awk '{a[NR] = $1} END { r = int(NR * 0.99); if (r < NR * 0.99) r++;
      printf "%.3f %.3f %d\n", a[r] / 1000, a[NR] / 1000, NR }' >>"$out.$p"
  done
  awk '{t += $1} END { printf "%d %.1f\n", NR, NR ? t / NR : 0 }' "$out.keys.now" >>"$out.keys" # count mean_ms
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { cut -d' ' -f"$2" "$1" | median; } # col FILE FIELD: the median of that field

start=$SECONDS
for r in $(seq "$rounds"); do
  for s in "${names[@]}"; do
    echo "round $r/$rounds: ${label[$s]}" >&2
    run "$s" none
    run "$s" keys
  done
done

T=${test^^}
echo "ROUNDS=$rounds TEST=$test REQUESTS=$requests KEYS=$keys PATTERN='$pattern', $(nproc) cores shared by the servers and every client, unpinned; medians of interleaved rounds; $((SECONDS - start)) s of measuring"
echo
echo "| server | KEYS loop | $T req/s | $T avg / p50 / p99 / max (ms) | PING p99 / max (ms) | DBSIZE p99 / max (ms) | KEYS done | KEYS mean (ms) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for s in "${names[@]}"; do
  for cond in none keys; do
    out=$work/$s.$cond
    keys_cells="- | -"
    [ "$cond" = keys ] && keys_cells="$(col "$out.keys" 1) | $(col "$out.keys" 2)"
    printf '| %s | %s | %.0f | %s / %s / %s / %s | %s / %s | %s / %s | %s |\n' "${label[$s]}" \
      "$([ "$cond" = keys ] && echo with || echo without)" "$(col "$out.bench" 1)" \
      "$(col "$out.bench" 2)" "$(col "$out.bench" 3)" "$(col "$out.bench" 4)" "$(col "$out.bench" 5)" \
      "$(col "$out.ping" 1)" "$(col "$out.ping" 2)" "$(col "$out.dbsize" 1)" "$(col "$out.dbsize" 2)" "$keys_cells"
  done
done
