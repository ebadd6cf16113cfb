#!/usr/bin/env bash
# What deleting a huge collection costs the other clients (issue 16's
# lazyfree measurement), redis-lite against Redis in the same run.
#
# For each server, fresh: a hash of FIELDS fields (default 10,000,000;
# "f:%09d" -> "v:%09d") is loaded with redis-cli --pipe, then
# redis-benchmark runs GETs from 20 clients for a fixed number of
# requests, and half a second into it a separate client deletes the hash
# (DEL, or UNLINK with MODE=unlink). The benchmark's p99 and max latency
# show how long the others waited; the time the deleting command itself
# took is printed beside them. A run without a delete is the baseline.
#
#   scripts/bigdelete.sh                 DEL, both servers
#   MODE=unlink scripts/bigdelete.sh     UNLINK
#   FIELDS=1000000 scripts/bigdelete.sh  a smaller hash
#
# Memory: Redis holds about 1 GiB for the default hash, redis-lite about
# 0.6 GiB. Every step is bounded by timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
fields=${FIELDS:-10000000}
mode=${MODE:-del}
requests=${REQUESTS:-2000000}
make -s build
work=$(mktemp -d)
daemon="" ref=""
trap 'kill $daemon $ref 2>/dev/null || true; rm -rf "$work"' EXIT

# HSET big f v ... in commands of 1,000 fields.
awk -v n="$fields" 'BEGIN { for (i = 0; i < n; i += 1000) {
    m = (n - i < 1000) ? n - i : 1000
    printf "*%d\r\n$4\r\nHSET\r\n$3\r\nbig\r\n", 2 + 2 * m
    for (j = i; j < i + m; j++) printf "$11\r\nf:%09d\r\n$11\r\nv:%09d\r\n", j, j
  } }' >"$work/load.resp"

# run PORT DELETE: a GET benchmark, with the delete half a second in when
# DELETE is not empty; prints p99 and max (ms) and the delete's own time.
run() {
  local port=$1 delete=$2 took="-"
  redis-cli -p "$port" set probe value >/dev/null
  timeout 120 redis-benchmark -p "$port" -t get -c 20 -n "$requests" -r 1 --csv >"$work/bench.csv" 2>/dev/null &
  local bench=$!
  if [ -n "$delete" ]; then
    sleep 0.5
    local t0 t1
    t0=$(date +%s%N)
    timeout 60 redis-cli -p "$port" "$delete" big >/dev/null
    t1=$(date +%s%N)
    took=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
  fi
  wait "$bench"
  # CSV: "test","rps","avg","min","p50","p95","p99","max"
  awk -F'"' -v took="$took" 'NR == 2 { printf "%s | %s | %s ms", $14, $16, took }' "$work/bench.csv"
}

load() { # load NAME PORT
  timeout 600 redis-cli -p "$2" --pipe <"$work/load.resp" | grep -q "errors: 0" || { echo "$1: the load failed" >&2; exit 1; }
  [ "$(redis-cli -p "$2" hlen big)" = "$fields" ] || { echo "$1: the hash is not whole" >&2; exit 1; }
}

measure() { # measure NAME PORT
  local name=$1 port=$2
  echo "| $name | none | $(run "$port" "") |"
  load "$name" "$port"
  echo "| $name | ${mode^^} of $fields fields | $(run "$port" "$mode") |"
}

echo "| server | delete | GET p99 ms | GET max ms | the delete took |"
echo "| --- | --- | --- | --- | --- |"
start_redis_lite "$work/lite.log"
measure redis-lite "$port"
kill "$daemon"; wait "$daemon" 2>/dev/null || true; daemon=""
ref_port=$((port + 1))
redis-server --port "$ref_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
ref=$!
for _ in $(seq 100); do redis-cli -p "$ref_port" ping >/dev/null 2>&1 && break; sleep 0.05; done
redis-cli -p "$ref_port" ping >/dev/null 2>&1 || { echo "redis-server did not start on port $ref_port:" >&2; cat "$work"/redis.log >&2; exit 1; }
measure "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2)" "$ref_port"
