#!/usr/bin/env bash
# Benchmark: `reach validate Playbooks/` over every shipped playbook, a cold process each time,
# on this machine; prints the median and the spread of the wall time. Target: under 100 ms.
#   benchmarks/validate.sh [runs]      (default 21; REACH_BIN=path uses another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
bin=${REACH_BIN:-}
if [[ -z "$bin" ]]; then
  swift build -c release --product reach >/dev/null
  bin=.build/release/reach
fi
"$bin" validate Playbooks/ >/dev/null   # warm the file cache, not the process
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" validate Playbooks/ >/dev/null
  end=$(date +%s%N)
  times+=($(((end - start) / 1000)))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
count=$(find Playbooks -name '*.yaml' | wc -l)
median=${sorted[$((runs / 2))]}
printf 'reach validate Playbooks/ (%d playbooks), %d cold runs of %s\n' "$count" "$runs" "$bin"
printf '  median %d.%03d ms   min %d.%03d ms   max %d.%03d ms   target < 100 ms\n' \
  $((median / 1000)) $((median % 1000)) $((sorted[0] / 1000)) $((sorted[0] % 1000)) \
  $((sorted[runs - 1] / 1000)) $((sorted[runs - 1] % 1000))
