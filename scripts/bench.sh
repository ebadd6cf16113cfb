#!/usr/bin/env bash
# redis-lite against Redis, side by side (issue 6's harness): both servers
# fresh on loopback, redis-benchmark -t set,get interleaved (lite, redis,
# lite, redis, ...) for ROUNDS rounds in each configuration. Prints the
# median requests/s of each with min-max, the ratio lite/Redis, and each
# server's CPU time per request (user+sys from /proc/PID/stat around each
# run), since redis-benchmark takes most of one of the two cores and
# throughput alone is bound by the client.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
# The event-loop model is the one built for throughput; LITE_FLAGS="--io
# threads" measures the document's worker pool instead.
export LITE_FLAGS=${LITE_FLAGS-"--io epoll"}
rounds=${ROUNDS:-3}
requests=${REQUESTS:-100000}
for tool in redis-benchmark redis-server; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install redis-tools redis-server)" >&2; exit 1; }
done
make -s build
work=$(mktemp -d)
daemon="" ref=""
trap 'kill $daemon $ref 2>/dev/null || true; rm -rf "$work"' EXIT
start_redis_lite "$work/lite.log"
lite_port=$port lite_pid=$daemon
ref_port=$((lite_port + 1))
redis-server --port "$ref_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
ref=$!
for _ in $(seq 100); do redis-cli -p "$ref_port" ping >/dev/null 2>&1 && break; sleep 0.05; done
# The port next to redis-lite's may be taken; then say so instead of
# measuring nothing.
redis-cli -p "$ref_port" ping >/dev/null 2>&1 || { echo "redis-server did not start on port $ref_port:" >&2; cat "$work"/redis.log >&2; exit 1; }

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

# run PORT PID REQUESTS TEST ARGS...: prints "rps cpu_us_per_request"
run() {
  local port=$1 pid=$2 requests=$3 test=$4
  shift 4
  local before after rps
  before=$(cpu_ticks "$pid")
  rps=$("${client[@]}" -p "$port" -t "$test" -n "$requests" "$@" -q 2>/dev/null | tr '\r' '\n' | awk '/requests per second/ {print $2}' | tail -1)
  after=$(cpu_ticks "$pid")
  awk -v r="$rps" -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%s %.2f\n", r, t / hz * 1e6 / n }'
}
stats() { sort -n | awk '{a[NR]=$1} END {printf "%.0f (%.0f-%.0f)", a[int((NR+1)/2)], a[1], a[NR]}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "ROUNDS=$rounds REQUESTS=$requests (x10 with -P 16) PIN=${PIN:-0}, $(nproc) cores, redis-lite $LITE_FLAGS; medians of interleaved rounds"
echo
echo "| test | config | redis-lite req/s | Redis req/s | ratio | lite CPU us/req | Redis CPU us/req |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for config in "-c 50 -P 1" "-c 50 -P 16" "-c 1 -P 1"; do
  # Pipelined runs are ten times as many requests, so that they last as
  # long and CPU time, counted in 10 ms ticks, is read to a few percent.
  n=$requests
  [[ $config == *"-P 16"* ]] && n=$((requests * 10))
  for test in set get; do
    : >"$work/lite" ; : >"$work/ref"
    for _ in $(seq "$rounds"); do
      run "$lite_port" "$lite_pid" "$n" "$test" $config >>"$work/lite"
      run "$ref_port" "$ref" "$n" "$test" $config >>"$work/ref"
    done
    lite_rps=$(cut -d' ' -f1 "$work/lite" | median)
    ref_rps=$(cut -d' ' -f1 "$work/ref" | median)
    printf '| %s | %s | %s | %s | %.2f | %s | %s |\n' "${test^^}" "$config" \
      "$(cut -d' ' -f1 "$work/lite" | stats)" "$(cut -d' ' -f1 "$work/ref" | stats)" \
      "$(awk -v a="$lite_rps" -v b="$ref_rps" 'BEGIN {print a / b}')" \
      "$(cut -d' ' -f2 "$work/lite" | median)" "$(cut -d' ' -f2 "$work/ref" | median)"
  done
done
