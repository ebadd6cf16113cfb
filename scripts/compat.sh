#!/usr/bin/env bash
# Compatibility with the real Redis tools, against a fresh redis-lite:
#   - redis-cli, command by command: the printed output must be exactly what
#     the same command prints against a real redis-server (the oracle, on a
#     unix socket), or, where redis-lite differs on purpose, an expected text;
#   - redis-cli --pipe of 100,000 SETs: "errors: 0, replies: 100000";
#   - redis-benchmark -n 100000 -c 50 -P 16 finishing without errors;
#   - netcat speaking plaintext to the same daemon in the same run.
# Exits non-zero on any mismatch. Needs the Debian packages redis-tools,
# redis-server and netcat-openbsd.
set -uo pipefail
cd "$(dirname "$0")/.."

for tool in redis-cli:redis-tools redis-benchmark:redis-tools redis-server:redis-server nc:netcat-openbsd; do
  command -v "${tool%%:*}" >/dev/null || { echo "compat.sh: needs ${tool%%:*} (apt-get install ${tool#*:})" >&2; exit 1; }
done
make -s build || exit 1

work=$(mktemp -d)
cleanup() { kill "$lite_pid" "$ref_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

bin/redis-lite --port 0 2>"$work/lite.log" &
lite_pid=$!
redis-server --port 0 --unixsocket "$work/redis.sock" --save '' --appendonly no >"$work/redis.log" 2>&1 &
ref_pid=$!
port=""
for _ in $(seq 200); do
  port=$(sed -n 's/.*msg="accepting connections" addr="[^"]*:\([0-9]*\)".*/\1/p' "$work/lite.log")
  [ -n "$port" ] && [ -S "$work/redis.sock" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "redis-lite did not start:"; cat "$work/lite.log"; exit 1; }
[ -S "$work/redis.sock" ] || { echo "redis-server did not start:"; cat "$work/redis.log"; exit 1; }
echo "redis-lite on 127.0.0.1:$port; reference $(redis-server --version | cut -d' ' -f1-3)"

passed=0 failed=0
verdict() { # verdict NAME GOT WANT
  if [ "$2" == "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'MISMATCH %s\n  redis-lite: %q\n  expected:   %q\n' "$1" "$2" "$3"
  fi
}
lite() { redis-cli -p "$port" "$@" 2>&1; }
ref() { redis-cli -s "$work/redis.sock" "$@" 2>&1; }
same() { verdict "redis-cli $*" "$(lite "$@")" "$(ref "$@")"; }     # as Redis prints it
expect() { local want=$1; shift; verdict "redis-cli $*" "$(lite "$@")" "$want"; }

# --- redis-cli, command by command, raw (piped) and typed (--no-raw) output
for mode in "" --no-raw; do
  m=(); [ -n "$mode" ] && m=("$mode")
  same "${m[@]}" set user:1 alice
  same "${m[@]}" get user:1
  same "${m[@]}" get nosuchkey
  same "${m[@]}" set greeting "hello world"
  same "${m[@]}" get greeting
  same "${m[@]}" exists user:1 nosuchkey user:1
  same "${m[@]}" del user:1 nosuchkey
  same "${m[@]}" set n 10
  same "${m[@]}" incr n
  same "${m[@]}" incrby n 5
  same "${m[@]}" decr n
  same "${m[@]}" decrby n 3
  same "${m[@]}" incrby n notanumber
  same "${m[@]}" incr greeting
  same "${m[@]}" set max 9223372036854775807
  same "${m[@]}" incr max
  same "${m[@]}" decrby n -9223372036854775808
  same "${m[@]}" ping
  same "${m[@]}" ping "hello there"
  same "${m[@]}" echo "multi word echo"
  same "${m[@]}" get
  same "${m[@]}" set onlykey
  same "${m[@]}" set k v badoption
  same "${m[@]}" nosuchcommand arg1 arg2
  same "${m[@]}" dbsize
  same "${m[@]}" select 0
  same "${m[@]}" select notanumber
  same "${m[@]}" client setname compat-check
  same "${m[@]}" client getname
  same "${m[@]}" client setname "has space"
  same "${m[@]}" client nosuchsub
  same "${m[@]}" config get save
  same "${m[@]}" config get appendonly
  same "${m[@]}" config get proto-max-bulk-len
  same "${m[@]}" config nosuchsub
  same "${m[@]}" config get
  same "${m[@]}" del greeting n max
  same "${m[@]}" dbsize
done
# Deliberate differences: one database, RESP2 only, redis-lite's own settings.
expect "ERR DB index is out of range" select 1
expect "NOPROTO unsupported protocol version" hello 3
verdict "redis-cli hello 2 (first six lines)" "$(lite hello 2 | head -6)" "$(ref hello 2 | head -6)"
expect "OK" client setinfo lib-name compat
expect "$(printf 'port\n%s' "$port")" config get port
verdict "redis-cli info server (redis_version)" "$(lite info server | tr -d '\r' | grep '^redis_version:')" "$(ref info server | tr -d '\r' | grep '^redis_version:')"
verdict "redis-cli info (sections)" "$(lite info | tr -d '\r' | grep -c -E '^# (Server|Clients|Stats|Keyspace)$')" "4"
verdict "redis-cli command info get (name arity flags keys)" "$(lite command info get | head -7)" "$(ref command info get | head -7)"
verdict "redis-cli command count (a number)" "$(lite command count | grep -cE '^[0-9]+$')" "1"

# --- redis-cli --pipe: 100,000 SETs in one stream, ending with ECHO
awk 'BEGIN { for (i = 0; i < 100000; i++) { k = "pipe:" i; v = "value-" i;
  printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length(k), k, length(v), v } }' >"$work/pipe.resp"
pipe_out=$(timeout 120 redis-cli -p "$port" --pipe <"$work/pipe.resp" 2>&1)
verdict "redis-cli --pipe (100,000 SETs)" "$(grep -o 'errors: [0-9]*, replies: [0-9]*' <<<"$pipe_out")" "errors: 0, replies: 100000"
expect "value-99999" get pipe:99999
expect "100000" dbsize

# --- redis-benchmark: pipelined, 50 clients
bench_out=$(timeout 300 redis-benchmark -p "$port" -t set,get,incr,ping_mbulk -n 100000 -c 50 -P 16 -q 2>&1)
bench_status=$?
printf '%s\n' "$bench_out" | tr '\r' '\n' | grep 'requests per second' | sed 's/^/  /'
verdict "redis-benchmark exit status" "$bench_status" "0"
verdict "redis-benchmark tests finished" "$(tr '\r' '\n' <<<"$bench_out" | grep -cE '^(SET|GET|INCR|PING_MBULK): .*requests per second')" "4"

# --- netcat: plaintext on the same port, in the same run
nc_out=$(printf 'SET nc:1 "hello world"\nGET nc:1\nGET nc:none\nINCR nc:n\nEXISTS nc:1 nc:n\nPING\nNOSUCH x\nQUIT\n' | timeout 10 nc -N 127.0.0.1 "$port")
verdict "nc plaintext session" "$nc_out" "$(printf "OK\nhello world\n(nil)\n(integer) 1\n(integer) 2\nPONG\n(error) ERR unknown command 'NOSUCH', with args beginning with: 'x' \nOK")"
expect "hello world" get nc:1

echo "compat: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
