# Shared by the scripts: start a redis-lite on a free loopback port.
#   start_redis_lite LOGFILE [flags...]
# runs bin/redis-lite --port 0 $LITE_FLAGS FLAGS in the background (LITE_FLAGS
# picks e.g. the I/O model: LITE_FLAGS="--io epoll"; LITE_WRAPPER is a
# command that execs it, e.g. "prlimit --nofile=64:64 --"), logging to LOGFILE,
# waits (at most 30 s) for the log line that names the bound address, and
# sets $daemon (its pid) and $port. Exits the script if it does not start.
start_redis_lite() {
  local log=$1
  shift
  # Created here, before the daemon: the loop below reads it at once, the
  # background shell may not have opened it yet, and under set -e a sed
  # that cannot read it ends the calling script.
  : >"$log"
  # shellcheck disable=SC2086 # LITE_WRAPPER and LITE_FLAGS are lists of words
  ${LITE_WRAPPER:-} bin/redis-lite --port 0 ${LITE_FLAGS:-} "$@" 2>"$log" &
  daemon=$!
  port=""
  for _ in $(seq 600); do
    # (2>/dev/null: the log may not exist yet, if the shell has not yet
    # made the background job's redirection)
    port=$(sed -n 's/.*msg="accepting connections" addr="[^"]*:\([0-9]*\)".*/\1/p' "$log" 2>/dev/null)
    [ -n "$port" ] && return 0
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.05
  done
  echo "redis-lite did not start:" >&2
  cat "$log" >&2
  exit 1
}

# The idle clients of the lessons (scripts/idleclients):
#   build_idle_clients DIR              builds it as DIR/idleclients
#   hold_idle_clients DIR [flags...]    starts it against 127.0.0.1:$port,
#                                       output in DIR/idle.out; sets $holder
#   idle_counts SECONDS                 waits (at most SECONDS) for its line
#                                       of counts and sets $counts
#   idle_count KEY                      one of them: served, waiting, ...
#   release_idle_clients                closes its input: it hangs up and
#                                       exits (waited for, at most 30 s)
# It holds its connections until its standard input ends, so it reads a
# FIFO that this shell keeps open on fd 7.
build_idle_clients() { go build -o "$1/idleclients" ./scripts/idleclients; }
hold_idle_clients() {
  local dir=$1
  shift
  rm -f "$dir/hold" "$dir/idle.out"
  mkfifo "$dir/hold" || return 1
  "$dir/idleclients" -addr "127.0.0.1:$port" "$@" <"$dir/hold" >"$dir/idle.out" 2>&1 &
  holder=$!
  idle_out=$dir/idle.out
  exec 7>"$dir/hold"
}
idle_counts() {
  local deadline=$((SECONDS + $1))
  counts=""
  until counts=$(grep "asked=" "$idle_out" 2>/dev/null); do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    kill -0 "$holder" 2>/dev/null || return 1
    sleep 0.1
  done
}
idle_count() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$counts"; }
release_idle_clients() {
  exec 7>&-
  [ -n "${holder:-}" ] || return 0
  for _ in $(seq 300); do kill -0 "$holder" 2>/dev/null || break; sleep 0.1; done
  kill "$holder" 2>/dev/null
  wait "$holder" 2>/dev/null
  holder=""
}

# start_redis_server NEAR LOGFILE: runs Debian's redis-server (no
# persistence) on the first free port above NEAR, logging to LOGFILE, and
# sets $ref (its pid) and $ref_port. A port may be taken now and then on a
# busy machine, so up to 20 are tried; the server answering must be the
# one started here (its process_id), and whatever else holds a port may
# never answer (hence the timeout). Exits the script if none works.
start_redis_server() {
  local near=$1 log=$2 try
  ref=""
  for try in $(seq 20); do
    ref_port=$((near + try))
    redis-server --port "$ref_port" --bind 127.0.0.1 --save '' --appendonly no >"$log" 2>&1 &
    ref=$!
    for _ in $(seq 100); do
      kill -0 "$ref" 2>/dev/null || break
      [ "$(timeout 1 redis-cli -p "$ref_port" info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')" = "$ref" ] && return 0
      sleep 0.05
    done
    kill "$ref" 2>/dev/null || true
    wait "$ref" 2>/dev/null || true
  done
  ref=""
  echo "redis-server did not start on ports $((near + 1))-$ref_port:" >&2
  cat "$log" >&2
  exit 1
}

# clean_up_idle_lesson: the EXIT trap of the scripts that hold idle
# clients (c10k.sh, lesson-emfile.sh): closes their control connection
# (fd 5), lets the idle clients go, stops $daemon and removes $work.
clean_up_idle_lesson() {
  exec 5<&-
  release_idle_clients
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
  rm -rf "$work"
}
