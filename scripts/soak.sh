#!/usr/bin/env bash
# Soak test: start a fresh redis-lite, put it under scripts/soak's load for
# DURATION seconds (default 60; all traffic on loopback), then check that
# every acknowledged SET reads back, descriptors return to baseline and RSS
# has stopped growing, and that SIGTERM still ends it with status 0.
#   scripts/soak.sh [seconds] [clients]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
clients=${2:-1000}
source scripts/lib.sh
make -s build
work=$(mktemp -d)
daemon=""
trap '[ -n "$daemon" ] && kill $daemon 2>/dev/null || true; rm -rf "$work"' EXIT
# Each connection holds a worker for its whole session (see README), so the
# pool is sized for every soak client at once, and the queue for all of them
# connecting in the same instant.
start_redis_lite "$work/daemon.log" --workers $((clients + 100)) --queue $((clients + 100))
go run ./scripts/soak -addr "127.0.0.1:$port" -pid "$daemon" -clients "$clients" -duration "${duration}s"
kill -TERM "$daemon"
status=0
wait "$daemon" || status=$?
echo "soak: daemon exit status after SIGTERM: $status"
grep -E 'level=(error|fatal|panic)' "$work/daemon.log" && { echo "soak: the daemon logged errors"; exit 1; }
[ "$status" -eq 0 ]
