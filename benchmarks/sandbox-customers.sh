#!/usr/bin/env bash
# How long `reach sandbox serve --customers N` (release build) takes from launch to its ready line,
# with the CSV written, and its peak memory then, for N = 10,000 and 100,000 (issue 7, item 8:
# fast for 10,000, fine for 100,000).
#
#   benchmarks/sandbox-customers.sh            # COUNTS="10000 100000" by default
set -euo pipefail

COUNTS=${COUNTS:-"10000 100000"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
PID=
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$ROOT" && swift build -c release --product reach 2>&1 | tail -1)
REACH="$ROOT/.build/release/reach"

printf '%-10s %14s %14s %10s\n' customers "ready (ms)" "peak RSS (MB)" "CSV rows"
for n in $COUNTS; do
  start=$(date +%s%N)
  "$REACH" sandbox serve --port 0 --customers "$n" --customers-csv "$WORK/customers.csv" \
    >"$WORK/out" 2>"$WORK/err" &
  PID=$!
  until grep -q listening "$WORK/out" 2>/dev/null; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/err" >&2; exit 1; }
    sleep 0.005
  done
  ready_ms=$((($(date +%s%N) - start) / 1000000))
  rss_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$PID/status")
  rows=$(($(wc -l <"$WORK/customers.csv") - 1))
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  printf '%-10s %14s %14.1f %10s\n' "$n" "$ready_ms" "$(awk -v k="$rss_kb" 'BEGIN {print k / 1024}')" "$rows"
done
