#!/usr/bin/env bash
# Peak memory of `reach run --dry-run` over a 1,000,000-row CSV (issue 7, benchmark: flat memory
# under 64 MB): the file is checked by the streaming pass, then each row's calls are listed as the
# row is read. Prints rows, lines listed, seconds and peak RSS.
#
#   benchmarks/bulk-dryrun-memory.sh                       # release build, ROWS=1000000
#   REACH_BIN=.build/debug/reach ROWS=100000 benchmarks/bulk-dryrun-memory.sh
set -euo pipefail

ROWS=${ROWS:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ -z ${REACH_BIN:-} ]]; then
  (cd "$ROOT" && swift build -c release --product reach 2>&1 | tail -1)
  REACH_BIN="$ROOT/.build/release/reach"
fi

awk -v n="$ROWS" 'BEGIN { print "customerId,reason"; for (i = 1; i <= n; i++) printf "C%09d,\n", i }' \
  >"$WORK/customers.csv"
cd "$ROOT"
/usr/bin/time -f "%M %e" -o "$WORK/time" "$REACH_BIN" run Playbooks/ops/bulk-suspend.yaml \
  --var customers="$WORK/customers.csv" --dry-run >"$WORK/plan"
read -r rss seconds <"$WORK/time"
printf '%-10s %14s %10s %14s\n' rows "lines listed" seconds "peak RSS (MB)"
printf '%-10s %14s %10s %14.1f\n' "$ROWS" "$(wc -l <"$WORK/plan")" "$seconds" "$(echo "$rss / 1024" | bc -l)"
