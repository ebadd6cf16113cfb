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
source scripts/lib.sh
make -s build || exit 1

work=$(mktemp -d)
daemon="" ref_pid=""
cleanup() { kill $daemon $ref_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

redis-server --port 0 --unixsocket "$work/redis.sock" --save '' --appendonly no >"$work/redis.log" 2>&1 &
ref_pid=$!
start_redis_lite "$work/lite.log"
for _ in $(seq 200); do [ -S "$work/redis.sock" ] && break; sleep 0.05; done
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
unnumbered_sorted() { sed 's/^ *[0-9]*) //' | sort; }
same_sorted() { verdict "redis-cli $* (as a set)" "$(lite "$@" | unnumbered_sorted)" "$(ref "$@" | unnumbered_sorted)"; } # hash order differs
same_session() { # the lines of $1, on one connection (redis-cli reads them from stdin)
  verdict "redis-cli <<< $(printf '%q' "$1")" "$(lite <<<"$1")" "$(ref <<<"$1")"
}
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
  same "${m[@]}" select 4294967296
  same "${m[@]}" auth default anything
  same "${m[@]}" auth DEFAULT anything
  same "${m[@]}" hello 2 auth Default anything
  same "${m[@]}" client setname compat-check
  same "${m[@]}" client getname
  same "${m[@]}" client setname "has space"
  same "${m[@]}" client nosuchsub
  same "${m[@]}" config get save
  same "${m[@]}" config get appendonly
  same "${m[@]}" config get proto-max-bulk-len
  same "${m[@]}" config get SAVE
  same "${m[@]}" config get save SAVE
  same "${m[@]}" config get 'sav?' SAVE
  same "${m[@]}" config nosuchsub
  same "${m[@]}" config get
  same "${m[@]}" config resetstat x
  same "${m[@]}" command list x
  same "${m[@]}" command list filterby pattern get
  same "${m[@]}" command list filterby module none
  same "${m[@]}" command count x
  same "${m[@]}" del greeting n max
  same "${m[@]}" dbsize
  # keyspace: expiry, string and key-space commands
  same "${m[@]}" set e v ex 100
  same "${m[@]}" ttl e
  same "${m[@]}" pttl nosuchkey
  same "${m[@]}" set e v px 100000 keepttl
  same "${m[@]}" set e v2 xx get
  same "${m[@]}" set e v3 nx
  same "${m[@]}" set e v ex 0
  same "${m[@]}" set e v nx xx
  same "${m[@]}" set r v ex 100 ex 200
  same "${m[@]}" ttl r
  same "${m[@]}" set r v ex 100 px 100
  same "${m[@]}" set r v nx nx
  same "${m[@]}" set r v keepttl get keepttl
  same "${m[@]}" getex r px 1000 px 200000
  same "${m[@]}" ttl r
  same "${m[@]}" getex r ex 10 persist
  same "${m[@]}" del r
  same "${m[@]}" expire e 50 gt
  same "${m[@]}" expire e 50 lt
  same "${m[@]}" expire e 10 nx xx
  same "${m[@]}" expire e 10 foo
  same "${m[@]}" expire e 10 "$(printf 'o%.0s' {1..200})"
  same "${m[@]}" persist e
  same "${m[@]}" ttl e
  same "${m[@]}" setex sx 100 v
  same "${m[@]}" setex sx 0 v
  same "${m[@]}" psetex sx -5 v
  same "${m[@]}" getex sx persist
  same "${m[@]}" ttl sx
  same "${m[@]}" getex sx ex 0
  same "${m[@]}" getdel sx
  same "${m[@]}" getdel sx
  same "${m[@]}" setnx nx1 v
  same "${m[@]}" setnx nx1 v
  same "${m[@]}" append ap hello
  same "${m[@]}" append ap " world"
  same "${m[@]}" strlen ap
  same "${m[@]}" mset m1 a m2 b m3 c
  same "${m[@]}" mget m1 nosuchkey m3
  same "${m[@]}" msetnx m3 x m4 y
  same "${m[@]}" mset m1
  same "${m[@]}" type m1
  same "${m[@]}" type nosuchkey
  same "${m[@]}" rename m1 m5
  same "${m[@]}" renamenx m5 m2
  same "${m[@]}" rename nosuchkey x
  same "${m[@]}" touch m2 m3 nosuchkey
  same "${m[@]}" unlink m2 nosuchkey
  same_sorted "${m[@]}" keys 'm*'
  same_sorted "${m[@]}" keys 'm[35]'
  same "${m[@]}" keys 'nomatch*'
  same "${m[@]}" scan notacursor
  same "${m[@]}" scan 0 count 0
  same "${m[@]}" scan -1 match 'nomatch*'
  same "${m[@]}" scan '' match 'nomatch*'
  same "${m[@]}" scan +0 count 1000 match m3
  same "${m[@]}" scan 1x
  same "${m[@]}" scan ' 0'
  same "${m[@]}" scan 18446744073709551616
  same "${m[@]}" expireat e 1
  same "${m[@]}" exists e
  same "${m[@]}" set g v
  same "${m[@]}" getex g exat 1
  same "${m[@]}" dbsize
  same "${m[@]}" set g v exat 1
  # Both keep the dead key until their sweeps find it, so DBSIZE here
  # depends on the sweeps' timing; no read may see it.
  same "${m[@]}" exists g
  same "${m[@]}" del g
  same "${m[@]}" publish nobody-listens msg
  same "${m[@]}" pubsub numsub a b
  same "${m[@]}" pubsub numpat
  same "${m[@]}" pubsub channels
  same "${m[@]}" pubsub nosuchsub
  same "${m[@]}" pubsub channels a b
  same "${m[@]}" flushdb
  same "${m[@]}" randomkey
  same "${m[@]}" set only v
  same "${m[@]}" randomkey
  same "${m[@]}" flushall
done
# HELLO applies its options in order: a refused SETNAME keeps the name set before it.
same_session "$(printf 'hello 2 setname good setname "a b"\nclient getname\nhello 2 setname "a b" setname other\nclient getname')"
# In subscribed mode a refused subcommand is named 'pubsub|numpat' (raw
# RESP through nc: redis-cli sends nothing more once subscribed).
sub_req='*2\r\n$9\r\nSUBSCRIBE\r\n$1\r\nx\r\n*2\r\n$6\r\nPUBSUB\r\n$6\r\nNUMPAT\r\n*2\r\n$6\r\nPUBSUB\r\n$3\r\nFOO\r\n*1\r\n$4\r\nQUIT\r\n'
verdict "nc: subscribed, then PUBSUB NUMPAT, PUBSUB FOO, QUIT" "$(printf "$sub_req" | timeout 10 nc 127.0.0.1 "$port" | od -An -c)" \
  "$(printf "$sub_req" | timeout 10 nc -U "$work/redis.sock" | od -An -c)"
# SCAN visits every key: compared as sorted sets (cursors differ by design).
# Each server gets the SETs in turn: a process substitution (tee >(...))
# could still be writing to Redis when the scan below starts.
for i in $(seq 1 300); do printf 'SET scan:%d v\n' "$i"; done >"$work/scan-sets"
redis-cli -s "$work/redis.sock" <"$work/scan-sets" >/dev/null
redis-cli -p "$port" <"$work/scan-sets" >/dev/null
verdict "redis-cli --scan --pattern 'scan:*' (sorted)" "$(lite --scan --pattern 'scan:*' | sort)" "$(ref --scan --pattern 'scan:*' | sort)"
same flushall
# Sixteen databases, as Redis: one past the last is out of range.
same select 1
same select 15
same select 16
# Deliberate differences: redis-lite's own settings.
verdict "redis-cli hello 2 (first six lines)" "$(lite hello 2 | head -6)" "$(ref hello 2 | head -6)"
# RESP3 (redis-cli -3 says HELLO 3 first); the client id (line 4) differs.
verdict "redis-cli -3 hello 3 (but the id)" "$(lite -3 --no-raw hello 3 | sed 4d)" "$(ref -3 --no-raw hello 3 | sed 4d)"
for cmd in "ping" "get nosuch" "config get save" "info keyspace"; do
  # shellcheck disable=SC2086 # the words of a command
  verdict "redis-cli -3 --no-raw $cmd" "$(lite -3 --no-raw $cmd)" "$(ref -3 --no-raw $cmd)"
done
expect "OK" client setinfo lib-name compat
expect "$(printf 'port\n%s' "$port")" config get port
verdict "redis-cli info server (redis_version)" "$(lite info server | tr -d '\r' | grep '^redis_version:')" "$(ref info server | tr -d '\r' | grep '^redis_version:')"
verdict "redis-cli info (sections)" "$(lite info | tr -d '\r' | grep -c -E '^# (Server|Clients|Stats|Keyspace)$')" "4"
verdict "redis-cli command info get (name arity flags keys)" "$(lite command info get | head -7)" "$(ref command info get | head -7)"
verdict "redis-cli command count (a number)" "$(lite command count | grep -cE '^[0-9]+$')" "1"

# --- redis-cli subscribe receives what another redis-cli publishes
timeout 10 redis-cli -p "$port" subscribe news >"$work/subscriber.out" 2>&1 &
subscriber=$!
for _ in $(seq 200); do [ "$(lite pubsub numsub news | tail -1)" = 1 ] && break; sleep 0.05; done
expect "1" publish news "hello subscribers"
for _ in $(seq 200); do grep -q "hello subscribers" "$work/subscriber.out" && break; sleep 0.05; done
kill "$subscriber" 2>/dev/null; wait "$subscriber" 2>/dev/null
verdict "redis-cli subscribe output" "$(cat "$work/subscriber.out")" "$(printf 'subscribe\nnews\n1\nmessage\nnews\nhello subscribers')"
for _ in $(seq 200); do [ "$(lite pubsub numsub news | tail -1)" = 0 ] && break; sleep 0.05; done
expect "$(printf 'news\n0')" pubsub numsub news

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
# Inline splitting, word for word as Redis's sdssplitargs: \v inside an
# unquoted word is part of it (Redis's reply minus its "$3" header line).
verdict "nc inline: \\v inside a word" "$(printf 'ECHO a\vb\n' | timeout 10 nc -N 127.0.0.1 "$port" | od -An -c)" \
  "$(printf 'ECHO a\vb\r\n' | timeout 10 nc -N -U "$work/redis.sock" | tail -n +2 | tr -d '\r' | od -An -c)"

echo "compat: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
