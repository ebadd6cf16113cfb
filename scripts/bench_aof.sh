#!/usr/bin/env bash
# What the append-only file costs: SET throughput with --appendfsync
# everysec and always, relative to no AOF, with redis-benchmark on loopback
# (ROUNDS interleaved rounds, median), and the time to replay a file of
# 1,000,000 keys at start. Prints a table for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
requests=${REQUESTS:-100000}
command -v redis-benchmark >/dev/null || { echo "needs redis-benchmark (apt-get install redis-tools)" >&2; exit 1; }
source scripts/lib.sh
make -s build
work=$(mktemp -d)
daemon=""
trap '[ -n "$daemon" ] && kill $daemon 2>/dev/null; rm -rf "$work"' EXIT

start() { # start MODE: none | everysec | always; sets port and daemon
  rm -f "$work/appendonly.aof"
  local aof=(--appendonly no)
  [ "$1" != none ] && aof=(--appendonly yes --appendfsync "$1" --dir "$work")
  start_redis_lite "$work/log" "${aof[@]}"
}
stop() { kill -TERM "$daemon"; wait "$daemon" || true; daemon=""; }
rps() { # rps PIPELINE: SET requests per second against $port
  redis-benchmark -p "$port" -t set -n "$requests" -c 50 -P "$1" -q 2>/dev/null | tr '\r' '\n' | awk '/requests per second/ {print $2}' | tail -1
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "| pipeline | no AOF (SET/s) | everysec | always |"
echo "| --- | --- | --- | --- |"
for pipeline in 1 16; do
  declare -A results=()
  for _ in $(seq "$rounds"); do
    for mode in none everysec always; do
      start "$mode"
      results[$mode]+="$(rps "$pipeline") "
      stop
    done
  done
  none=$(tr ' ' '\n' <<<"${results[none]}" | grep . | median)
  every=$(tr ' ' '\n' <<<"${results[everysec]}" | grep . | median)
  always=$(tr ' ' '\n' <<<"${results[always]}" | grep . | median)
  awk -v p="$pipeline" -v n="$none" -v e="$every" -v a="$always" \
    'BEGIN { printf "| -c 50 -P %s | %.0f | %.0f (%.2fx) | %.0f (%.2fx) |\n", p, n, e, e/n, a, a/n }'
  unset results
done

# Replay: a file of 1,000,000 SETs (16-byte keys and values).
awk 'BEGIN { for (i = 0; i < 1000000; i++) { k = sprintf("key:%012d", i); v = sprintf("val:%012d", i);
  printf "*3\r\n$3\r\nSET\r\n$16\r\n%s\r\n$16\r\n%s\r\n", k, v } }' >"$work/appendonly.aof"
size=$(stat -c %s "$work/appendonly.aof")
start_redis_lite "$work/log" --appendonly yes --dir "$work"
loaded=$(sed -n 's/.*msg="append-only file: loaded \([0-9]*\) commands ([0-9]* bytes) from [^ ]* in \([^"]*\)".*/\1 commands in \2/p' "$work/log")
echo
echo "replay at start: $loaded ($((size / 1048576)) MiB file)"
stop
