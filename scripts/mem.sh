#!/usr/bin/env bash
# Memory per key, redis-lite against Redis (issue 6's harness): each server
# started fresh, exactly 1,000,000 keys of 16 bytes with 16-byte values
# (key:%012d / val:%012d) loaded with redis-cli --pipe, every value read
# back and compared, and the growth of RSS (/proc/PID/status) divided by
# the number of keys.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
keys=${KEYS:-1000000}
make -s build
work=$(mktemp -d)
daemon="" ref=""
trap 'kill $daemon $ref 2>/dev/null || true; rm -rf "$work"' EXIT

awk -v n="$keys" 'BEGIN { for (i = 0; i < n; i++) { k = sprintf("key:%012d", i); v = sprintf("val:%012d", i);
  printf "*3\r\n$3\r\nSET\r\n$16\r\n%s\r\n$16\r\n%s\r\n", k, v } }' >"$work/load.resp"
# Read back in MGETs of 1,000 keys: one value per line, in key order.
awk -v n="$keys" 'BEGIN { for (i = 0; i < n; i += 1000) { line = "MGET"; for (j = i; j < i + 1000 && j < n; j++) line = line sprintf(" key:%012d", j); print line } }' >"$work/read.txt"
awk -v n="$keys" 'BEGIN { for (i = 0; i < n; i++) printf "val:%012d\n", i }' >"$work/expected.txt"

rss() { awk '/^VmRSS:/ {print $2 * 1024}' "/proc/$1/status"; }

measure() { # measure NAME PORT PID
  local name=$1 port=$2 pid=$3 before after
  before=$(rss "$pid")
  redis-cli -p "$port" --pipe <"$work/load.resp" | grep -q "errors: 0, replies: $keys" || { echo "$name: the load failed" >&2; exit 1; }
  redis-cli -p "$port" <"$work/read.txt" >"$work/got.txt"
  cmp -s "$work/got.txt" "$work/expected.txt" || { echo "$name: values read back differ" >&2; exit 1; }
  after=$(rss "$pid")
  awk -v n="$name" -v b="$before" -v a="$after" -v k="$keys" \
    'BEGIN { printf "| %s | %.1f MiB | %.1f MiB | %.1f |\n", n, b / 1048576, a / 1048576, (a - b) / k }'
}

echo "| server | RSS before | RSS after $keys keys | bytes per key |"
echo "| --- | --- | --- | --- |"
start_redis_lite "$work/lite.log"
measure redis-lite "$port" "$daemon"
kill "$daemon"; wait "$daemon" 2>/dev/null || true; daemon=""
ref_port=$((port + 1))
redis-server --port "$ref_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
ref=$!
for _ in $(seq 100); do redis-cli -p "$ref_port" ping >/dev/null 2>&1 && break; sleep 0.05; done
# The port next to redis-lite's may be taken; then say so instead of
# measuring nothing.
redis-cli -p "$ref_port" ping >/dev/null 2>&1 || { echo "redis-server did not start on port $ref_port:" >&2; cat "$work"/redis.log >&2; exit 1; }
measure "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2)" "$ref_port" "$ref"
