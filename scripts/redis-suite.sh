#!/usr/bin/env bash
# Redis 7.0.15's own test suite against redis-lite (external-server mode).
#
# DESIGN.md says compatibility is proven with Redis's own tests. This script
# gets the suite from Debian's source package of redis (apt-get source, with
# a private copy of the machine's Debian sources turned into deb-src, so the
# system's apt configuration and state are left alone), caches it, and runs
# chosen unit files one by one, each against a fresh redis-lite, in both I/O
# models. Each file is bounded in time; a file that runs out of time is a
# hang. For each file and model it prints tests passed, failed (an assertion
# or a wrong result), errors (the test raised: an error reply, a closed
# connection), skipped (the suite's own skip reports), hangs, and totals.
#
# scripts/redis-suite/passing/MODEL.txt lists the tests that pass, one
# "unit<TAB>test name" line per pass (a name the suite uses twice in one file
# is listed twice). The default mode checks a run against it: a listed test
# that did not pass fails the script, naming it; a test that passes and is
# not listed is only reported. --update rewrites the lists from a run.
#
# The suite's external-server setup (run_external_server_test) sends
# FLUSHALL, FUNCTION FLUSH and CONFIG SET for a block's overrides before any
# test runs. The cached copy is patched so that exactly those setup calls
# may fail; each failure is printed as "suite-harness: tolerated: ...". What
# a test itself sends is never changed.
#
#   scripts/redis-suite.sh [--update] [--all] [--against-redis]
#                          [--io threads|epoll] [unit/NAME ...]
#
#   (default)        run scripts/redis-suite/units.txt in both models, check
#                    the passing lists; exit 1 if a listed test did not pass
#   --update         run them and rewrite the lists for the units run
#   --all            run every unit file of the suite (measuring; no check)
#   --against-redis  run against Debian's redis-server instead (no check)
#   --io MODEL       only this I/O model
#   unit/NAME ...    these unit files instead of units.txt
#
# Environment: SUITE_FILE_TIMEOUT (seconds a file may take, default 600),
# SUITE_IDLE_TIMEOUT (seconds without progress before the suite's own runner
# gives up, default 60), XDG_CACHE_HOME (cache: redis-lite/redis-suite).
# Needs tclsh (tcl) and, the first time, dpkg-source (dpkg-dev); as root it
# installs them when missing. All traffic stays on 127.0.0.1.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
repo=$PWD
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

readonly redis_version=7.0.15
readonly suite_dir=scripts/redis-suite
readonly cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/redis-lite/redis-suite
readonly source_tree=$cache/redis-$redis_version
file_timeout=${SUITE_FILE_TIMEOUT:-600}
idle_timeout=${SUITE_IDLE_TIMEOUT:-60}

mode=check
against_redis=0
run_all=0
models=(threads epoll)
units=()

usage() {
  sed -n '/^#   scripts\/redis-suite.sh/,/^#   unit\/NAME/s/^#   //p' "$0" >&2
  exit 2
}

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      --update) mode=update ;;
      --all) run_all=1 ;;
      --against-redis) against_redis=1 ;;
      --io)
        [ $# -ge 2 ] || usage
        case $2 in threads | epoll) models=("$2") ;; *) usage ;; esac
        shift
        ;;
      unit/*) units+=("$1") ;;
      *) usage ;;
    esac
    shift
  done
  if [ "$against_redis" = 1 ]; then
    models=(redis-server)
    [ "$mode" = update ] && { echo "redis-suite: --update records redis-lite's passes, not redis-server's" >&2; exit 2; }
  fi
  if [ "$run_all" = 1 ] && [ "$mode" = update ]; then
    echo "redis-suite: --all is for measuring; --update takes units.txt or named units" >&2
    exit 2
  fi
  # Only redis-lite's runs of the chosen units are checked against the lists.
  if [ "$mode" = check ] && { [ "$run_all" = 1 ] || [ "$against_redis" = 1 ]; }; then
    mode=report
  fi
}

# --- tools -------------------------------------------------------------------

# tclsh runs the suite; dpkg-source unpacks the source package (only needed
# until the suite is cached). Installed as root when missing, with one apt-get
# update first.
install_missing_tools() {
  local need=()
  command -v tclsh >/dev/null || need+=(tcl)
  [ -f "$source_tree/.fetched" ] || command -v dpkg-source >/dev/null || need+=(dpkg-dev)
  if [ "$against_redis" = 1 ]; then command -v redis-server >/dev/null || need+=(redis-server); fi
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "redis-suite: needs ${need[*]} (apt-get install ${need[*]})" >&2
    return 1
  fi
  echo "redis-suite: installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
}

# --- the suite's source ------------------------------------------------------

# Writes deb-src versions of the machine's Debian sources into DIR: deb822
# files (Types: deb -> Types: deb-src) and one-line files ("deb " lines ->
# "deb-src "). Nothing under /etc/apt is touched.
write_deb_src_sources() {
  local dir=$1 f found=0
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '/^Types:/ { $0 = "Types: deb-src" } { print }' "$f" >"$dir/$(basename "$f")"
    found=1
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >"$dir/$(basename "$f" .list)-src.list"
    found=1
  done
  [ "$found" = 1 ] || { echo "redis-suite: no apt sources found under /etc/apt" >&2; return 1; }
}

# Fetches and unpacks Debian's redis source package (patches applied) into
# the cache, once. apt-get reads the private sources and keeps its lists and
# caches in a private directory, without locking the system's.
fetch_redis_source() {
  [ -f "$source_tree/.fetched" ] && return 0
  local apt=$cache/apt
  rm -rf "$apt"
  mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/download" || return 1
  write_deb_src_sources "$apt/sources.list.d" || return 1
  local opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/sources.list.d"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o Debug::NoLocking=1)
  # As root, apt hands downloads to the _apt user, who cannot write here.
  [ "$(id -u)" = 0 ] && opts+=(-o APT::Sandbox::User=root)
  echo "redis-suite: fetching Debian's redis source package into $cache"
  apt-get "${opts[@]}" update >"$apt/update.log" 2>&1 ||
    echo "redis-suite: apt-get update reported errors (see $apt/update.log); trying the download anyway"
  if ! (cd "$apt/download" && apt-get "${opts[@]}" source redis) >"$apt/source.log" 2>&1; then
    echo "redis-suite: apt-get source redis failed:" >&2
    tail -20 "$apt/source.log" >&2
    return 1
  fi
  local unpacked=$apt/download/redis-$redis_version
  if ! grep -qs "define REDIS_VERSION \"$redis_version\"" "$unpacked/src/version.h"; then
    echo "redis-suite: expected redis $redis_version, apt-get source gave: $(cd "$apt/download" && echo redis-*/)" >&2
    return 1
  fi
  rm -rf "$source_tree"
  mv "$unpacked" "$source_tree" || return 1
  sed -n '1s/^redis (\([^)]*\)).*/\1/p' "$source_tree/debian/changelog" >"$source_tree/.fetched"
  rm -rf "$apt"
}

# Copies the pristine runtest and tests/ into DEST and patches the external
# setup there (so the cache stays pristine and patching is always done once).
prepare_suite_tree() {
  local dest=$1
  mkdir -p "$dest" && cp -a "$source_tree/runtest" "$source_tree/tests" "$dest/" || return 1
  tolerate_external_setup "$dest/tests/support/server.tcl"
}

# In run_external_server_test only: `r flushall`, `r function flush` and the
# two `r config set $param $val` (override, restore) become
# `suite_harness_tolerate r ...`, which runs the call and prints its error
# instead of raising it. Four lines must change, or the suite's layout is not
# what this patch expects and the script stops.
tolerate_external_setup() {
  local file=$1
  # shellcheck disable=SC2016 # $param and $val are Tcl's, in the file
  sed -i -e '/^proc run_external_server_test /,/^}/{
    s/^    r flushall$/    suite_harness_tolerate r flushall/
    s/^    r function flush$/    suite_harness_tolerate r function flush/
    s/^        r config set \$param \$val$/        suite_harness_tolerate r config set $param $val/
  }' "$file" || return 1
  cat >>"$file" <<'TCL'

# Added by redis-lite's scripts/redis-suite.sh: a setup call of the external
# server mode that may fail without stopping the block; the failure is printed.
proc suite_harness_tolerate {args} {
    if {[catch {{*}$args} err]} {
        puts "suite-harness: tolerated: [lrange $args 1 end] -> $err"
        flush stdout
    }
}
TCL
  local changed
  changed=$(grep -c '^ *suite_harness_tolerate r ' "$file")
  if [ "$changed" != 4 ]; then
    echo "redis-suite: patching $file changed $changed setup lines, expected 4" >&2
    return 1
  fi
}

# --- servers -----------------------------------------------------------------

server_pid=""

# start_server MODEL LOG DATADIR: a fresh redis-lite (--io MODEL) or, for
# MODEL redis-server, Debian's redis-server; sets $server_pid and $port.
start_server() {
  local model=$1 log=$2 data=$3
  mkdir -p "$data"
  if [ "$model" = redis-server ]; then
    start_redis_server "$log" "$data"
  else
    # start_redis_lite exits the script if the daemon does not start.
    # DEBUG is enabled as for redis-server below (the suite's own
    # configuration does): its DEBUG PROTOCOL tests check each RESP3 type.
    LITE_FLAGS="--io $model" start_redis_lite "$log" --dir "$data" --enable-debug-command yes
    server_pid=$daemon
  fi
}

# redis-server cannot be asked for a free port and then tell it, so try a
# few random ones until one binds (at most 10 tries, 10 s each). DEBUG is
# enabled as the suite's own server configuration (tests/assets/default.conf)
# does; Debian's default turns it off.
start_redis_server() {
  local log=$1 data=$2
  for _ in $(seq 10); do
    port=$((20000 + RANDOM % 30000))
    : >"$log"
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$data" \
      --enable-debug-command yes >"$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 200); do
      grep -q 'Ready to accept connections' "$log" && return 0
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.05
    done
    stop_server
  done
  echo "redis-suite: redis-server did not start:" >&2
  cat "$log" >&2
  exit 1
}

# SIGTERM, then SIGKILL if it is still there after 10 s. (Also clears
# start_redis_lite's $daemon, which the exit trap stops if it is still set:
# a redis-lite that never said it was listening.)
stop_server() {
  daemon=""
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null
  for _ in $(seq 200); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -9 "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_pid=""
}

# --- running and reading a unit file -----------------------------------------

# run_unit TREE MODEL UNIT OUTDIR: runs one unit file against a fresh server;
# leaves OUTDIR/SLUG.log (the runner), .server.log, .passes ("unit<TAB>name"
# per pass) and .counts ("passed failed errors skipped hangs seconds").
run_unit() {
  local tree=$1 model=$2 unit=$3 out=$4
  local slug=${unit//\//_}
  local log=$out/$slug.log
  start_server "$model" "$out/$slug.server.log" "$out/$slug.data"
  local started=$SECONDS rc=0
  # timeout runs the runner in a process group of its own and signals the
  # whole group, so the test client the runner starts goes too. TERM=dumb
  # keeps colour codes out of the log. The suite selects database 9, as
  # against any Redis (no --singledb). The runner listens for its test
  # client just below --baseport; a random base keeps two runs on one
  # machine (say, a developer's and a script's) from taking the same port.
  (cd "$tree" && TERM=dumb timeout -k 10 "$file_timeout" ./runtest --host 127.0.0.1 --port "$port" \
    --baseport $((22000 + (RANDOM % 128) * 64)) \
    --single "$unit" --ignore-encoding --ignore-digest --durable \
    --clients 1 --timeout "$idle_timeout") </dev/null >"$log" 2>&1 || rc=$?
  local seconds=$((SECONDS - started))
  local server_died=0
  kill -0 "$server_pid" 2>/dev/null || server_died=1
  stop_server
  rm -rf "$out/$slug.data"
  [ "$server_died" = 1 ] && echo "suite-harness: the server exited during the run" >>"$log"
  local hang=0
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    hang=1
    echo "suite-harness: killed after ${file_timeout}s (SUITE_FILE_TIMEOUT)" >>"$log"
  fi
  tally_log "$unit" "$log" "$out/$slug.passes" "$hang" "$seconds" >"$out/$slug.counts"
}

# Reads a runner's log. [ok] lines are passes; an [err] whose report holds a
# Tcl stack trace ("while executing", "invoked from within") is an error,
# any other [err] a failure; [skip] and [ignore] (tags not run against an
# external server) are skips; an [exception] (a file aborted outside any
# test) counts as an error; the runner's own [TIMEOUT] is a hang. A log
# without the runner's "[1/1 done]" line and no other explanation counts as
# one error.
tally_log() {
  local unit=$1 log=$2 passes=$3 hang=$4 seconds=$5
  awk -v unit="$unit" -v passes="$passes" -v hang="$hang" -v seconds="$seconds" '
    function close_report() {
      if (in_err) { if (raised) errors++; else failed++ }
      in_err = 0; raised = 0
    }
    BEGIN { printf "" > passes }
    /^\[/ || /^suite-harness:/ { close_report() }
    /^\[ok\]: / {
      name = substr($0, 7); sub(/ \([0-9]+ ms\)$/, "", name)
      print unit "\t" name > passes; passed++; next
    }
    /^\[err\]: / { in_err = 1; next }
    /^\[(skip|ignore)\]: / { skipped++; next }
    /^\[exception\]: / { errors++; aborted = 1; next }
    /^\[TIMEOUT\]/ { hang = 1; next }
    /^\[[0-9]+\/[0-9]+ done\]: / { done = 1; next }
    in_err && /^    (while executing|invoked from within)$/ { raised = 1 }
    END {
      close_report()
      if (!done && !aborted && !hang) errors++
      printf "%d %d %d %d %d %d\n", passed, failed, errors, skipped, hang, seconds
    }' "$log"
}

# What a log has to say beyond the counts: the distinct setup calls it
# tolerated (with how often), what the runner last reported before it gave
# up, a server that exited, a file killed at its time limit.
log_notes() {
  grep -a '^suite-harness: tolerated: ' "$1" | sed 's/^suite-harness: tolerated: //' | sort | uniq -c |
    sed 's/^ *\([0-9]*\) /      tolerated \1x: /'
  sed -n '/^\[TIMEOUT\]/{n;s/^[^ ]* => /      no progress for '"$idle_timeout"'s; last reported by the runner: /p;}' "$1"
  sed -n 's/^suite-harness: \(the server exited.*\|killed after.*\)/      \1/p' "$1"
}

# --- the passing lists -------------------------------------------------------

list_file() { echo "$repo/$suite_dir/passing/$1.txt"; }

# "unit<TAB>name" lines in, "COUNT<TAB>unit<TAB>name" out: how often each
# test is there.
count_by_test() {
  LC_ALL=C sort | uniq -c | sed 's/^ *\([0-9]*\) /\1\t/'
}

# check_list MODEL UNITFILE PASSFILE: every test listed for the units run must
# have passed as many times as it is listed. Prints what did not and what is
# newly passing; returns 1 if anything listed did not pass.
check_list() {
  local model=$1 unitfile=$2 passfile=$3 list
  list=$(list_file "$model")
  [ -f "$list" ] || { echo "  $model: no passing list ($list); run with --update"; return 1; }
  awk -F'\t' 'NR == FNR { run[$1] = 1; next } ($1 in run)' "$unitfile" "$list" | count_by_test >"$passfile.listed"
  count_by_test <"$passfile" >"$passfile.counted"
  # (FILENAME, not NR == FNR: with no test listed for these units the
  # first file is empty, and every pass would count as listed.)
  awk -F'\t' -v model="$model" '
    FILENAME == ARGV[1] { listed[$2 "\t" $3] = $1; next }
    { passed[$2 "\t" $3] = $1 }
    END {
      bad = 0
      for (t in listed) if (passed[t] + 0 < listed[t] + 0) {
        split(t, p, "\t")
        printf "  NOT PASSING (%s) %s: %s (listed %d, passed %d)\n", model, p[1], p[2], listed[t], passed[t]
        bad = 1
      }
      for (t in passed) if (passed[t] + 0 > listed[t] + 0) {
        split(t, p, "\t")
        printf "  newly passing (%s) %s: %s: add them with --update\n", model, p[1], p[2]
      }
      exit bad
    }' "$passfile.listed" "$passfile.counted" | LC_ALL=C sort
}

# update_list MODEL UNITFILE PASSFILE: the list keeps its lines for units not
# run and takes this run's passes for the units run.
update_list() {
  local model=$1 unitfile=$2 passfile=$3 list
  list=$(list_file "$model")
  mkdir -p "$(dirname "$list")"
  touch "$list"
  {
    awk -F'\t' 'NR == FNR { run[$1] = 1; next } !($1 in run)' "$unitfile" "$list"
    cat "$passfile"
  } | LC_ALL=C sort >"$list.new" && mv "$list.new" "$list"
  echo "  $model: $(wc -l <"$list") passing tests in ${list#"$repo"/}"
}

# --- main --------------------------------------------------------------------

print_row() { printf '%-26s %-13s %7s %7s %7s %8s %6s %8s\n' "$@"; }

main() {
  parse_args "$@"
  install_missing_tools || exit 2
  fetch_redis_source || exit 2
  echo "redis-suite: Redis $redis_version tests from Debian $(cat "$source_tree/.fetched") ($source_tree)"

  local runs=$cache/runs run
  mkdir -p "$runs"
  # Keep the logs of the last 20 runs.
  find "$runs" -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort | head -n -19 | xargs -r rm -rf
  run=$(mktemp -d "$runs/$(date +%Y%m%d-%H%M%S)-XXXX") || exit 2
  trap 'stop_server; [ -n "${daemon:-}" ] && kill "$daemon" 2>/dev/null; rm -rf "$run/tree"' EXIT
  prepare_suite_tree "$run/tree" || exit 2

  if [ "$run_all" = 1 ]; then
    mapfile -t units < <(cd "$run/tree" && ./runtest --list-tests | grep '^unit/')
  elif [ ${#units[@]} -eq 0 ]; then
    mapfile -t units < <(sed 's/#.*//; s/[[:space:]]*$//; /^$/d' "$suite_dir/units.txt")
  fi
  printf '%s\n' "${units[@]}" >"$run/units.txt"
  [ "$against_redis" = 1 ] || make -s build || exit 2
  echo "redis-suite: ${#units[@]} unit files x ${models[*]}; logs in $run"

  local model unit status=0
  for model in "${models[@]}"; do
    mkdir -p "$run/$model"
    echo
    print_row unit "$model" passed failed errors skipped hangs seconds
    local tp=0 tf=0 te=0 ts=0 th=0 tsec=0
    for unit in "${units[@]}"; do
      run_unit "$run/tree" "$model" "$unit" "$run/$model"
      read -r p f e s h sec <"$run/$model/${unit//\//_}.counts"
      print_row "$unit" "" "$p" "$f" "$e" "$s" "$h" "$sec"
      log_notes "$run/$model/${unit//\//_}.log"
      tp=$((tp + p)) tf=$((tf + f)) te=$((te + e)) ts=$((ts + s)) th=$((th + h)) tsec=$((tsec + sec))
    done
    print_row total "" "$tp" "$tf" "$te" "$ts" "$th" "$tsec"
    cat "$run/$model"/*.passes >"$run/$model.passes"
    case $mode in
      check) check_list "$model" "$run/units.txt" "$run/$model.passes" || status=1 ;;
      update) update_list "$model" "$run/units.txt" "$run/$model.passes" ;;
    esac
  done
  echo
  echo "redis-suite: logs in $run"
  if [ "$mode" = check ]; then
    if [ "$status" = 0 ]; then echo "redis-suite: every listed test passed"; else echo "redis-suite: listed tests did not pass (above)"; fi
  fi
  exit "$status"
}

main "$@"
