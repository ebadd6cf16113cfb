# Shared by the scripts: start a redis-lite on a free loopback port.
#   start_redis_lite LOGFILE [flags...]
# runs bin/redis-lite --port 0 $LITE_FLAGS FLAGS in the background (LITE_FLAGS
# picks e.g. the I/O model: LITE_FLAGS="--io epoll"), logging to LOGFILE,
# waits (at most 30 s) for the log line that names the bound address, and
# sets $daemon (its pid) and $port. Exits the script if it does not start.
start_redis_lite() {
  local log=$1
  shift
  # Created here so the first look for the address line below cannot run
  # before the background shell has opened it (sed: can't read ...).
  : >"$log"
  # shellcheck disable=SC2086 # LITE_FLAGS is a list of words
  bin/redis-lite --port 0 ${LITE_FLAGS:-} "$@" 2>"$log" &
  daemon=$!
  port=""
  for _ in $(seq 600); do
    port=$(sed -n 's/.*msg="accepting connections" addr="[^"]*:\([0-9]*\)".*/\1/p' "$log")
    [ -n "$port" ] && return 0
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.05
  done
  echo "redis-lite did not start:" >&2
  cat "$log" >&2
  exit 1
}
