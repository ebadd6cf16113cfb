#!/usr/bin/env bash
# redis-lite against Redis, side by side (issue 6's harness): both servers
# fresh on loopback, redis-benchmark -t set,get interleaved (lite, redis,
# lite, redis, ...) for ROUNDS rounds in each configuration. Prints the
# median requests/s of each with min-max, the ratio lite/Redis, each
# server's mean, p50 and p99 latency (redis-benchmark's --csv, the median
# over the rounds) and its slowest request (the slowest of all rounds), and
# each server's CPU time per request (user+sys from /proc/PID/stat around
# each run), since redis-benchmark takes most of one of the two cores and
# throughput alone is bound by the client. The mean and the slowest are
# there for tails beyond the p99, which it does not show: in the worker
# pool (--io threads) a few requests in a thousand waited hundreds of ms
# until its workers took turns in order (netsrv/worker.go).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
# The event-loop model is the one built for throughput; LITE_FLAGS="--io
# threads" measures the document's worker pool instead.
export LITE_FLAGS=${LITE_FLAGS-"--io epoll"}
rounds=${ROUNDS:-3}
requests=${REQUESTS:-100000}
# TESTS picks redis-benchmark's tests (issue 16 measures its whole default
# list: TESTS=lpush,rpush,lpop,rpop,sadd,hset,spop,zadd,zpopmin,...), and
# CONFIGS the client settings, separated by commas.
tests=${TESTS:-set,get}
configs=${CONFIGS:-"-c 50 -P 1,-c 50 -P 16,-c 1 -P 1"}
for tool in redis-benchmark redis-cli redis-server timeout; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install redis-tools redis-server)" >&2; exit 1; }
done
make -s build
work=$(mktemp -d)
daemon="" ref=""
trap 'kill $daemon $ref 2>/dev/null || true; rm -rf "$work"' EXIT
start_redis_lite "$work/lite.log"
lite_port=$port lite_pid=$daemon
start_redis_server "$lite_port" "$work/redis.log" # sets $ref, $ref_port

# PIN=1 puts both servers (every thread) on CPU 1 and redis-benchmark on
# CPU 0, the same for both, so that neither server competes with the
# client for its core and placement by the scheduler adds no noise.
client=(redis-benchmark)
if [ "${PIN:-0}" = 1 ] && [ "$(nproc)" -ge 2 ]; then
  taskset -a -p -c 1 "$lite_pid" >/dev/null
  taskset -a -p -c 1 "$ref" >/dev/null
  client=(taskset -c 0 redis-benchmark)
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, in clock ticks
hz=$(getconf CLK_TCK)

# run PORT PID REQUESTS TEST ARGS...: prints "rps cpu_us_per_request avg_ms
# p50_ms p99_ms max_ms" (columns found by name in --csv's header line)
run() {
  local port=$1 pid=$2 requests=$3 test=$4
  shift 4
  local before after csv
  before=$(cpu_ticks "$pid")
  csv=$("${client[@]}" -p "$port" -t "$test" -n "$requests" "$@" --csv 2>/dev/null |
    awk -F'"' -v t="${test^^}" 'NR == 1 { for (i = 2; i <= NF; i += 2) col[$i] = i; next }
      ($2 == t || index($2, t " (") == 1) && col["p99_latency_ms"] { print $col["rps"], $col["avg_latency_ms"], $col["p50_latency_ms"], $col["p99_latency_ms"], $col["max_latency_ms"] }') || true
  after=$(cpu_ticks "$pid")
  [ -n "$csv" ] || { echo "redis-benchmark -p $port -t $test $*: no result (it needs --csv with latency columns: redis-tools 7.0 or later)" >&2; exit 1; }
  awk -v r="$csv" -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN { split(r, f, " "); printf "%s %.2f %s %s %s %s\n", f[1], t / hz * 1e6 / n, f[2], f[3], f[4], f[5] }'
}
stats() { sort -n | awk '{a[NR]=$1} END {printf "%.0f (%.0f-%.0f)", a[int((NR+1)/2)], a[1], a[NR]}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
highest() { sort -n | tail -1; }

echo "ROUNDS=$rounds REQUESTS=$requests (x10 with -P 16) PIN=${PIN:-0}, $(nproc) cores, redis-lite $LITE_FLAGS; medians of interleaved rounds; ratio: the median of the rounds' ratios"
echo
echo "| test | config | redis-lite req/s | Redis req/s | ratio | lite mean / p50 / p99 / max (ms) | Redis mean / p50 / p99 / max (ms) | lite CPU us/req | Redis CPU us/req |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
IFS=, read -r -a config_list <<<"$configs"
IFS=, read -r -a test_list <<<"$tests"
for config in "${config_list[@]}"; do
  # Pipelined runs are ten times as many requests, so that they last as
  # long and CPU time, counted in 10 ms ticks, is read to a few percent.
  n=$requests
  [[ $config == *"-P 16"* ]] && n=$((requests * 10))
  for test in "${test_list[@]}"; do
    : >"$work/lite" ; : >"$work/ref"
    for _ in $(seq "$rounds"); do
      run "$lite_port" "$lite_pid" "$n" "$test" $config >>"$work/lite"
      run "$ref_port" "$ref" "$n" "$test" $config >>"$work/ref"
    done
    # The ratio is the median of each round's ratio (a run of redis-lite
    # against the run of Redis right after it), not the ratio of the two
    # medians: this machine switches between two speeds about a factor of
    # two apart, sometimes within a series, and two runs in a row nearly
    # always share one.
    ratio=$(paste -d' ' <(cut -d' ' -f1 "$work/lite") <(cut -d' ' -f1 "$work/ref") | awk '{print $1 / $2}' | median)
    printf '| %s | %s | %s | %s | %.2f | %s / %s / %s / %s | %s / %s / %s / %s | %s | %s |\n' "${test^^}" "$config" \
      "$(cut -d' ' -f1 "$work/lite" | stats)" "$(cut -d' ' -f1 "$work/ref" | stats)" \
      "$ratio" \
      "$(cut -d' ' -f3 "$work/lite" | median)" "$(cut -d' ' -f4 "$work/lite" | median)" "$(cut -d' ' -f5 "$work/lite" | median)" "$(cut -d' ' -f6 "$work/lite" | highest)" \
      "$(cut -d' ' -f3 "$work/ref" | median)" "$(cut -d' ' -f4 "$work/ref" | median)" "$(cut -d' ' -f5 "$work/ref" | median)" "$(cut -d' ' -f6 "$work/ref" | highest)" \
      "$(cut -d' ' -f2 "$work/lite" | median)" "$(cut -d' ' -f2 "$work/ref" | median)"
  done
done
