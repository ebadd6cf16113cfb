#!/usr/bin/env bash
# Memory per element, redis-lite against Redis (issue 6's harness, widened
# to the collections by issue 16). For each load, each server is started
# fresh, the load is sent with redis-cli --pipe, everything is read back and
# compared with what was sent, and the growth is divided by the number of
# elements:
#
#   RSS         the growth of the process's resident set (/proc/PID/status)
#               once the load is in, what the machine pays, garbage and
#               fragmentation included; and again once everything has been
#               read back (the replies' buffers, which both servers keep a
#               while: jemalloc hands pages back over seconds, Go's
#               collector at its next cycle);
#   used_memory INFO's used_memory after MEMORY PURGE: what the data holds
#               (Redis's allocator count; redis-lite's live Go heap).
#
# Loads (LOADS, space-separated, default "strings"; "all" for every one):
#   strings    N keys key:%012d = val:%012d (16 + 16 bytes), one SET each
#   hash       one hash of N fields field:%010d = value:%010d, one HSET each
#   list       one list of N elements elem:%011d, one RPUSH each
#   set        one set of N members memb:%011d, one SADD each
#   zset       one sorted set of N members memb:%011d scored 0..N-1
#   smallhash  N/10 hashes h:I of 10 fields field:0..9 = value:I, one HSET
#              of ten pairs each (listpack in both servers); per hash
#   smallzset  N/10 sorted sets z:I of 10 members m:0..9 scored 0..9, one
#              ZADD each (listpack in both); per sorted set
# N is KEYS (default 1,000,000). LITE_FLAGS picks the I/O model.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
keys=${KEYS:-1000000}
[ "$keys" -ge 10 ] || { echo "mem.sh: KEYS must be at least 10 (the small loads make KEYS/10)" >&2; exit 2; }
loads=${LOADS:-strings}
[ "$loads" = all ] && loads="strings hash list set zset smallhash smallzset"
make -s build
work=$(mktemp -d)
daemon="" ref=""
trap 'kill $daemon $ref 2>/dev/null || true; rm -rf "$work"' EXIT

# write_load LOAD: the load as RESP in $work/load.resp, the commands that
# read it back in $work/read.txt, what they must print in
# $work/expected.txt, and the number of units it counts in $work/units.
write_load() {
  local load=$1
  awk -v n="$keys" -v load="$load" -v dir="$work" '
    function resp(cmd, i) { out = "*" cmd[0] "\r\n"; for (i = 1; i <= cmd[0]; i++) out = out "$" length(cmd[i]) "\r\n" cmd[i] "\r\n"; printf "%s", out > (dir "/load.resp") }
    function put3(a, b, c) { cmd[0] = 3; cmd[1] = a; cmd[2] = b; cmd[3] = c; resp(cmd) }
    function put4(a, b, c, d) { cmd[0] = 4; cmd[1] = a; cmd[2] = b; cmd[3] = c; cmd[4] = d; resp(cmd) }
    function read(line) { print line > (dir "/read.txt") }
    function expect(line) { print line > (dir "/expected.txt") }
    BEGIN {
      small = int(n / 10)
      if (load == "strings") {
        units = n
        for (i = 0; i < n; i++) { put3("SET", sprintf("key:%012d", i), sprintf("val:%012d", i)); expect(sprintf("val:%012d", i)) }
        # Read back in MGETs of 1,000 keys: one value per line, in key order.
        for (i = 0; i < n; i += 1000) { line = "MGET"; for (j = i; j < i + 1000 && j < n; j++) line = line sprintf(" key:%012d", j); read(line) }
      } else if (load == "hash") {
        units = n
        for (i = 0; i < n; i++) put4("HSET", "h", sprintf("field:%010d", i), sprintf("value:%010d", i))
        # Fields in a hash table come back in no set order: HMGET them.
        for (i = 0; i < n; i += 1000) { line = "HMGET h"; for (j = i; j < i + 1000 && j < n; j++) { line = line sprintf(" field:%010d", j); expect(sprintf("value:%010d", j)) } read(line) }
      } else if (load == "list") {
        units = n
        for (i = 0; i < n; i++) { put3("RPUSH", "l", sprintf("elem:%011d", i)); expect(sprintf("elem:%011d", i)) }
        read("LRANGE l 0 -1")
      } else if (load == "set") {
        units = n
        for (i = 0; i < n; i++) put3("SADD", "s", sprintf("memb:%011d", i))
        for (i = 0; i < n; i += 1000) { line = "SMISMEMBER s"; for (j = i; j < i + 1000 && j < n; j++) { line = line sprintf(" memb:%011d", j); expect(1) } read(line) }
        read("SCARD s"); expect(n)
      } else if (load == "zset") {
        units = n
        for (i = 0; i < n; i++) { put4("ZADD", "z", i, sprintf("memb:%011d", i)); expect(sprintf("memb:%011d", i)); expect(i) }
        read("ZRANGE z 0 -1 WITHSCORES")
      } else if (load == "smallhash") {
        units = small
        for (i = 0; i < small; i++) {
          cmd[0] = 22; cmd[1] = "HSET"; cmd[2] = "h:" i
          for (f = 0; f < 10; f++) { cmd[3 + 2 * f] = "field:" f; cmd[4 + 2 * f] = "value:" i }
          resp(cmd)
          line = "HMGET h:" i; for (f = 0; f < 10; f++) { line = line " field:" f; expect("value:" i) } read(line)
        }
      } else if (load == "smallzset") {
        units = small
        for (i = 0; i < small; i++) {
          cmd[0] = 22; cmd[1] = "ZADD"; cmd[2] = "z:" i
          for (m = 0; m < 10; m++) { cmd[3 + 2 * m] = m; cmd[4 + 2 * m] = "m:" m }
          resp(cmd)
          read("ZRANGE z:" i " 0 -1 WITHSCORES"); for (m = 0; m < 10; m++) { expect("m:" m); expect(m) }
        }
      } else {
        print "mem.sh: no load named " load > "/dev/stderr"; exit 2
      }
      print units > (dir "/units")
    }'
}

rss() { awk '/^VmRSS:/ {print $2 * 1024}' "/proc/$1/status"; }

used_memory() { # used_memory PORT: INFO's used_memory once garbage is gone
  redis-cli -p "$1" memory purge >/dev/null
  redis-cli -p "$1" info memory | tr -d '\r' | sed -n 's/^used_memory://p'
}

measure() { # measure LOAD NAME PORT PID
  local load=$1 name=$2 port=$3 pid=$4 commands units rss_before rss_loaded rss_read used_before used_after
  commands=$(grep -c '^\*' "$work/load.resp")
  units=$(cat "$work/units")
  # used_memory first: its purge may hand pages back, which must not count
  # as memory the load did not need.
  used_before=$(used_memory "$port")
  rss_before=$(rss "$pid")
  redis-cli -p "$port" --pipe <"$work/load.resp" | grep -q "errors: 0, replies: $commands" || { echo "$name: the $load load failed" >&2; exit 1; }
  rss_loaded=$(rss "$pid")
  redis-cli -p "$port" <"$work/read.txt" >"$work/got.txt"
  cmp -s "$work/got.txt" "$work/expected.txt" || { echo "$name: the $load read back differs from what was sent" >&2; exit 1; }
  rss_read=$(rss "$pid")
  used_after=$(used_memory "$port")
  awk -v l="$load" -v n="$name" -v u="$units" -v rb="$rss_before" -v rl="$rss_loaded" -v rr="$rss_read" -v ub="$used_before" -v ua="$used_after" \
    'BEGIN { printf "| %s | %s | %d | %.1f MiB | %.1f | %.1f | %.1f |\n", l, n, u, rl / 1048576, (rl - rb) / u, (rr - rb) / u, (ua - ub) / u }'
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

redis_name="Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2)"
echo "| load | server | elements (keys for strings, small*) | RSS loaded | RSS per element | RSS per element, read back | used_memory per element |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for load in $loads; do
  rm -f "$work/load.resp" "$work/read.txt" "$work/expected.txt"
  write_load "$load"
  start_redis_lite "$work/lite.log"
  measure "$load" redis-lite "$port" "$daemon"
  stop "$daemon"
  daemon=""
  start_redis_server "$port" "$work/redis.log" # sets $ref, $ref_port
  measure "$load" "$redis_name" "$ref_port" "$ref"
  stop "$ref"
  ref=""
done
