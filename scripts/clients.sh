#!/usr/bin/env bash
# The client matrix: the client libraries and tools people use, at their
# defaults, against a fresh redis-lite in each I/O model.
#
# Each library runs a short program (scripts/clients/{go,node,python}) that
# checks, comparing what it reads back: connect, the protocol HELLO reports,
# SET/GET, a pipeline of 1,000 INCRs, a value of every byte 0..255, expiry
# (SET EX, PEXPIRE, TTL, the key gone), MGET, INCR, a pub/sub round trip,
# MULTI/EXEC, a reconnect after the server closed the connection (CLIENT
# KILL), a list (RPUSH with a binary element, LRANGE, LPOP, LLEN, BLPOP
# timing out on an empty list and BLPOP woken by another connection's push)
# and a hash (HSET with a binary value, HGETALL read as the library's map,
# HINCRBY, HDEL, HLEN); rueidis also its client-side cache. The libraries:
# node-redis (defaults, and RESP: 2), ioredis, rueidis, redigo, go-redis v9
# (Protocol 3 and 2) and redis-py (Debian's python3-redis). The tools:
# redis-cli (commands, help, --pipe with CRLF lines, --rdb ending by
# itself), redis-benchmark with no -t, haproxy's `option redis-check` and a
# tcp-check sending an inline PING, and Nagios check_tcp.
#
# scripts/clients/passing/MODEL.txt lists the checks ("client/check") that
# pass. A listed check that fails fails the script; a check that passes and
# is not listed is reported; --update rewrites the lists from a run.
#
#   scripts/clients.sh [--update] [--against-redis] [--io threads|epoll]
#
#   (default)        both I/O models, checked against the passing lists
#   --update         rewrite the passing lists of the models run
#   --against-redis  Debian's redis-server instead, where every check must
#                    pass: it proves the checks themselves right
#   --io MODEL       only this I/O model
#
# Every program and tool is bounded in time; the daemons and haproxy are
# stopped on exit. As root, missing Debian packages are installed (one
# apt-get update first). Node packages come from the npm registry (npm ci,
# pinned by scripts/clients/node/package-lock.json), Go modules through the
# module proxy (scripts/clients/go/go.sum). All traffic stays on 127.0.0.1.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
repo=$PWD
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

readonly clients_dir=scripts/clients
readonly debian_python=/usr/bin/python3
readonly check_tcp=/usr/lib/nagios/plugins/check_tcp
# Seconds one client program or tool run may take in all.
readonly program_timeout=90

mode=check
against_redis=0
models=(threads epoll)

usage() {
  sed -n '/^#   scripts\/clients.sh/,/^#   --io MODEL/s/^#   //p' "$0" >&2
  exit 2
}

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      --update) mode=update ;;
      --against-redis) against_redis=1 ;;
      --io)
        [ $# -ge 2 ] || usage
        case $2 in threads | epoll) models=("$2") ;; *) usage ;; esac
        shift
        ;;
      *) usage ;;
    esac
    shift
  done
  if [ "$against_redis" = 1 ]; then
    [ "$mode" = update ] && { echo "clients: --update records redis-lite's passes, not redis-server's" >&2; exit 2; }
    models=(redis-server)
    mode=all-pass
  fi
}

# --- tools -------------------------------------------------------------------

install_missing_tools() {
  local need=()
  command -v redis-cli >/dev/null || need+=(redis-tools)
  command -v redis-benchmark >/dev/null || need+=(redis-tools)
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v haproxy >/dev/null || need+=(haproxy)
  [ -x "$check_tcp" ] || need+=(monitoring-plugins-basic)
  [ -x "$debian_python" ] || need+=(python3)
  "$debian_python" -c 'import redis' 2>/dev/null || need+=(python3-redis)
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "clients: needs ${need[*]} (apt-get install ${need[*]})" >&2
    return 1
  fi
  echo "clients: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local packages
  mapfile -t packages < <(printf '%s\n' "${need[@]}" | sort -u)
  apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null
}

# The daemon, the Go program and the Node packages (node-redis 6 and
# ioredis 6 need Node.js 20 or later; Debian 12's own nodejs is 18).
build() {
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || { echo "clients: needs Node.js 20 or later, found $(node --version)" >&2; return 1; }
  go build -o bin/redis-lite . || return 1
  # The client module is not under the daemon's `go vet ./...`.
  (cd "$clients_dir/go" && go vet . && go build -o "$work/clientmatrix" .) || return 1
  (cd "$clients_dir/node" && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1) ||
    { echo "clients: npm ci failed:" >&2; cat "$work/npm.log" >&2; return 1; }
}

# --- servers -----------------------------------------------------------------

server_pid=""
haproxy_pid=""

# start_server MODEL: a fresh redis-lite (--io MODEL) or, for redis-server,
# Debian's; sets $server_pid and $port.
start_server() {
  local model=$1
  if [ "$model" = redis-server ]; then
    start_redis_server $((20000 + RANDOM % 20000)) "$work/$model.log"
    server_pid=$ref port=$ref_port
  else
    LITE_FLAGS="--io $model" start_redis_lite "$work/$model.log"
    server_pid=$daemon
  fi
}

stop_pid() {
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

# shellcheck disable=SC2317 # the EXIT trap runs it
clean_up() {
  stop_pid "$haproxy_pid"
  stop_pid "$server_pid"
  [ -n "${daemon:-}" ] && stop_pid "$daemon"
  rm -rf "$work"
}

# --- results -----------------------------------------------------------------

# Each check adds "client<TAB>check<TAB>pass|fail<TAB>reason" to $results.
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(tr -s '\t\n\r ' ' ' <<<"$4" | sed 's/ $//')" >>"$results"; }

# The checks every library program reports, in order.
readonly library_checks="connect protocol set-get pipeline binary expiry mget incr pubsub multi-exec reconnect list hash"

# run_program CLIENT CHECKS COMMAND...: runs a library's program and records
# its lines; a check it did not report (it crashed, or ran out of time) is
# a failure that says so.
run_program() {
  local client=$1 checks=$2 rc=0
  shift 2
  timeout -k 5 "$program_timeout" "$@" >"$work/out" 2>"$work/err" || rc=$?
  local check line result reason
  for check in $checks; do
    line=$(awk -F'\t' -v c="$check" '$1 == c' "$work/out" | head -1)
    if [ -n "$line" ]; then
      IFS=$'\t' read -r _ result reason <<<"$line"
      record "$client" "$check" "$result" "${reason:-}"
    elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
      record "$client" "$check" fail "not reported: the program ran out of time (${program_timeout}s)"
    else
      record "$client" "$check" fail "not reported: the program exited ($rc): $(tail -1 "$work/err")"
    fi
  done
}

run_libraries() {
  local addr=127.0.0.1:$port c
  for c in rueidis redigo go-redis3 go-redis2; do
    local checks=$library_checks
    [ "$c" = rueidis ] && checks="${checks/pubsub/pubsub client-cache}"
    run_program "$c" "$checks" "$work/clientmatrix" -client "$c" -addr "$addr"
  done
  for c in node-redis node-redis-resp2 ioredis; do
    run_program "$c" "$library_checks" node "$clients_dir/node/matrix.mjs" --client "$c" --addr "$addr"
  done
  run_program redis-py "$library_checks" "$debian_python" "$clients_dir/python/matrix.py" --addr "$addr"
}

# --- redis-cli -----------------------------------------------------------------

cli() { timeout 10 redis-cli -p "$port" "$@" 2>&1; }

# want CHECK WHAT GOT EXPECTED: records a failure and returns 1 on a mismatch.
want() {
  [ "$3" == "$4" ] && return 0
  record redis-cli "$1" fail "$2: got $(printf '%q' "$3"), want $(printf '%q' "$4")"
  return 1
}

cli_commands() {
  want commands "SET" "$(cli set cli:k hello)" OK &&
    want commands "GET" "$(cli get cli:k)" hello &&
    want commands "INCR" "$(cli set cli:n 41 >/dev/null; cli incr cli:n)" 42 &&
    want commands "MGET" "$(cli mget cli:k cli:none cli:n)" $'hello\n\n42' &&
    want commands "SET EX + TTL" "$(cli set cli:e v ex 100 >/dev/null; cli ttl cli:e)" 100 &&
    want commands "GET of a missing key (--no-raw)" "$(cli --no-raw get cli:none)" "(nil)" &&
    record redis-cli commands pass ""
}

# redis-cli prints a command's documentation, which it reads from the
# server (COMMAND DOCS): the syntax built from the arguments, a summary
# (in the server's own words, so any), the version and the group.
cli_help() {
  local out
  out=$(cli help set | sed 's/\x1b\[[0-9;]*m//g')
  if grep -qF 'SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]' <<<"$out" &&
    grep -q 'summary: [A-Za-z]' <<<"$out" && grep -q 'since: 1\.0\.0' <<<"$out" && grep -q 'group: string' <<<"$out"; then
    record redis-cli help pass ""
  else
    record redis-cli help fail "help set printed $(printf '%q' "$(head -c 100 <<<"$out")")"
  fi
}

# --pipe with text (inline) lines ending in CRLF, as people write them.
cli_pipe() {
  local out
  out=$(for i in $(seq 1000); do printf 'SET pipe:%d v%d\r\n' "$i" "$i"; done | timeout 30 redis-cli -p "$port" --pipe 2>&1)
  if ! grep -q 'errors: 0, replies: 1000' <<<"$out"; then
    record redis-cli pipe fail "$(tail -1 <<<"$out")"
  else
    want pipe "GET pipe:1000 after --pipe" "$(cli get pipe:1000)" v1000 && record redis-cli pipe pass ""
  fi
}

# --rdb must end by itself: with a snapshot, or with an error and a non-zero
# exit status while the server has none to give.
cli_rdb() {
  local rc=0 out
  out=$(timeout 15 redis-cli -p "$port" --rdb "$work/dump.rdb" 2>&1) || rc=$?
  if [ "$rc" = 124 ]; then
    record redis-cli rdb fail "hung: no end within 15 s"
  elif [ "$rc" = 0 ]; then
    if [ "$(head -c 5 "$work/dump.rdb" 2>/dev/null)" = REDIS ]; then
      record redis-cli rdb pass "a snapshot"
    else
      record redis-cli rdb fail "exit 0 without a snapshot: $(tail -1 <<<"$out")"
    fi
  elif grep -qi 'error\|failed' <<<"$out"; then
    record redis-cli rdb pass "a clean error (exit $rc): $(grep -i 'error\|failed' <<<"$out" | tail -1)"
  else
    record redis-cli rdb fail "exit $rc without an error message: $(tail -1 <<<"$out")"
  fi
}

# --- redis-benchmark -------------------------------------------------------------

# The tests redis-benchmark runs with no -t, in its order, as "CSV name|-t
# name". The LPUSH that fills the list for the LRANGE tests has no -t name
# of its own: any lrange test runs it first.
readonly benchmark_tests=(
  "PING_INLINE|ping_inline" "PING_MBULK|ping_mbulk" "SET|set" "GET|get" "INCR|incr"
  "LPUSH|lpush" "RPUSH|rpush" "LPOP|lpop" "RPOP|rpop" "SADD|sadd" "HSET|hset" "SPOP|spop"
  "ZADD|zadd" "ZPOPMIN|zpopmin" "LPUSH (needed to benchmark LRANGE)|"
  "LRANGE_100 (first 100 elements)|lrange_100" "LRANGE_300 (first 300 elements)|lrange_300"
  "LRANGE_500 (first 500 elements)|lrange_500" "LRANGE_600 (first 600 elements)|lrange_600"
  "MSET (10 keys)|mset"
)

# redis-benchmark with no -t runs every test, and stops at the first error
# reply. So each test that reports a rate passes; the first that does not
# fails with the benchmark's last words, and the tests after it are run
# again with -t, until every test has a result.
run_benchmark() {
  local remaining=("${benchmark_tests[@]}") first=1
  while [ ${#remaining[@]} -gt 0 ]; do
    local args=(-p "$port" -n 200 -c 4 --csv) t names=()
    if [ "$first" = 0 ]; then
      for t in "${remaining[@]}"; do [ -n "${t#*|}" ] && names+=("${t#*|}"); done
      args+=(-t "$(IFS=,; echo "${names[*]}")")
    fi
    first=0
    local rc=0
    timeout 60 redis-benchmark "${args[@]}" >"$work/bench.csv" 2>"$work/bench.err" || rc=$?
    local next=() stopped="" i
    for i in "${!remaining[@]}"; do
      t=${remaining[$i]}
      local name=${t%|*} rps
      rps=$(awk -F'","' -v n="$name" '{ sub(/^"/, "", $1) } $1 == n { print $2 }' "$work/bench.csv")
      if [ -n "$stopped" ]; then
        next+=("$t")
      elif [ -n "$rps" ] && awk -v r="$rps" 'BEGIN { exit !(r > 0) }'; then
        record redis-benchmark "$name" pass "$rps requests per second"
      else
        local why
        why=$(tr -d '\r' <"$work/bench.err" | grep -v '^$' | tail -1)
        [ "$rc" = 124 ] && why="no end within 60 s"
        record redis-benchmark "$name" fail "${why:-no rate reported (exit $rc)}"
        stopped=$name
      fi
    done
    # The LRANGE tests cannot run without their LPUSH.
    if [ "$stopped" = "LPUSH (needed to benchmark LRANGE)" ]; then
      remaining=()
      for t in "${next[@]}"; do
        case $t in
          LRANGE_*) record redis-benchmark "${t%|*}" fail "not run: LPUSH (needed to benchmark LRANGE) failed" ;;
          *) remaining+=("$t") ;;
        esac
      done
    else
      remaining=("${next[@]}")
    fi
    # A run that reported every remaining test without a failure is the last.
    [ -z "$stopped" ] && break
  done
}

# --- health checkers ---------------------------------------------------------------

# haproxy checks the server with `option redis-check` in one backend and
# with a tcp-check sending an inline PING in another; each server must be
# reported UP after its first check. haproxy's stats socket tells.
run_haproxy() {
  local cfg=$work/haproxy.cfg sock=$work/haproxy.sock
  cat >"$cfg" <<EOF
global
  stats socket $sock mode 600 level admin
defaults
  mode tcp
  timeout connect 2s
  timeout client 5s
  timeout server 5s
  timeout check 2s
backend redis-check
  option redis-check
  server redis 127.0.0.1:$port check inter 200ms rise 1 fall 1
backend tcp-check
  option tcp-check
  tcp-check send PING\r\n
  tcp-check expect string +PONG
  server redis 127.0.0.1:$port check inter 200ms rise 1 fall 1
EOF
  haproxy -f "$cfg" -db >"$work/haproxy.log" 2>&1 &
  haproxy_pid=$!
  local backend state
  for backend in redis-check tcp-check; do
    state=""
    for _ in $(seq 100); do
      state=$(haproxy_server_state "$sock" "$backend")
      # INI: not checked yet.
      case $state in "" | *" INI"*) sleep 0.1 ;; *) break ;; esac
      kill -0 "$haproxy_pid" 2>/dev/null || break
    done
    case $state in
      "UP L7OK"*) record haproxy "$backend" pass "$state" ;;
      "") record haproxy "$backend" fail "no state from haproxy: $(tail -1 "$work/haproxy.log")" ;;
      *) record haproxy "$backend" fail "$state" ;;
    esac
  done
  stop_pid "$haproxy_pid"
  haproxy_pid=""
}

# haproxy_server_state SOCKET BACKEND: "status check_status check_desc" of
# the backend's server, from `show stat` (CSV, the header names the fields).
haproxy_server_state() {
  "$debian_python" - "$1" "$2" <<'PY' 2>/dev/null
import csv, socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
s.connect(sys.argv[1])
s.sendall(b"show stat\n")
data = b""
while chunk := s.recv(65536):
    data += chunk
rows = list(csv.reader(data.decode().lstrip("# ").splitlines()))
head = rows[0]
for row in rows[1:]:
    r = dict(zip(head, row))
    if r.get("pxname") == sys.argv[2] and r.get("svname") == "redis":
        print(r["status"], r["check_status"], r.get("check_desc", ""))
PY
}

# Nagios check_tcp sends an inline PING (-E: the \r\n escapes are sent as
# CR LF) and wants +PONG in the answer.
run_check_tcp() {
  local out rc=0
  out=$(timeout 15 "$check_tcp" -H 127.0.0.1 -p "$port" -E -s 'PING\r\n' -e '+PONG' -t 5 2>&1) || rc=$?
  if [ "$rc" = 0 ]; then record check_tcp ping pass "$out"; else record check_tcp ping fail "exit $rc: $out"; fi
}

# --- the passing lists ----------------------------------------------------------

list_file() { echo "$repo/$clients_dir/passing/$1.txt"; }

passes() { awk -F'\t' '$3 == "pass" { print $1 "/" $2 }' "$results" | LC_ALL=C sort; }

# check_list MODEL: every listed check must have passed.
check_list() {
  local list status=0 c
  list=$(list_file "$1")
  [ -f "$list" ] || { echo "  $1: no passing list ($list); run with --update"; return 1; }
  while read -r c; do
    echo "  NOT PASSING ($1): $c"
    status=1
  done < <(LC_ALL=C comm -23 <(LC_ALL=C sort "$list") <(passes))
  while read -r c; do
    echo "  newly passing ($1): $c: add it with --update"
  done < <(LC_ALL=C comm -13 <(LC_ALL=C sort "$list") <(passes))
  return "$status"
}

# --- main ----------------------------------------------------------------------------

print_table() {
  printf '%-18s %-36s %-6s %s\n' client check result reason
  awk -F'\t' '{ printf "%-18s %-36s %-6s %s\n", $1, $2, $3, substr($4, 1, 110) }' "$results"
}

main() {
  parse_args "$@"
  install_missing_tools || exit 2
  work=$(mktemp -d)
  trap clean_up EXIT
  build || exit 2
  local model status=0 started=$SECONDS
  for model in "${models[@]}"; do
    results=$work/$model.results
    : >"$results"
    start_server "$model"
    echo
    echo "clients: $model on 127.0.0.1:$port"
    run_libraries
    cli_commands
    cli_help
    cli_pipe
    cli_rdb
    run_benchmark
    run_haproxy
    run_check_tcp
    kill -0 "$server_pid" 2>/dev/null || { echo "clients: the server exited during the run:"; tail -5 "$work/$model.log"; status=1; }
    stop_pid "$server_pid"
    server_pid="" daemon=""
    print_table
    echo "clients: $model: $(grep -c $'\tpass\t' "$results") of $(wc -l <"$results") checks pass"
    case $mode in
      check) check_list "$model" || status=1 ;;
      update)
        mkdir -p "$(dirname "$(list_file "$model")")"
        passes >"$(list_file "$model")"
        echo "  $model: $(wc -l <"$(list_file "$model")") passing checks in $clients_dir/passing/$model.txt"
        ;;
      all-pass) grep -q $'\tfail\t' "$results" && { echo "  checks failed against redis-server: the checks are wrong"; status=1; } ;;
    esac
  done
  echo
  echo "clients: done in $((SECONDS - started)) s"
  if [ "$mode" = check ]; then
    if [ "$status" = 0 ]; then echo "clients: every listed check passed"; else echo "clients: listed checks did not pass (above)"; fi
  fi
  exit "$status"
}

main "$@"
