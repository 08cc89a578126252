#!/usr/bin/env bash
# Benchmark: `reach run Playbooks/golive/checklist.yaml` against the embedded set-up with the
# Markdown and HTML reports, a cold process each time; prints the median wall time and the
# reports' sizes. No target: it shows what a person waits for a full rehearsal.
#   benchmarks/golive.sh [runs]      (default 5; REACH_BIN=path uses another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=${REACH_BIN:-}
if [[ -z "$bin" ]]; then
  swift build -c release --product reach >/dev/null
  bin=.build/release/reach
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  NO_COLOR=1 "$bin" run Playbooks/golive/checklist.yaml --report md="$out/golive.md" --report html="$out/golive.html" \
    >"$out/run.log" 2>&1 || { cat "$out/run.log"; exit 1; }
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
steps=$(grep -c '^| ' "$out/golive.md" || true)
printf 'reach run Playbooks/golive/checklist.yaml (embedded set-up, md + html reports), %d cold runs of %s\n' "$runs" "$bin"
printf '  median %d ms   min %d ms   max %d ms\n' "${sorted[$((runs / 2))]}" "${sorted[0]}" "${sorted[runs - 1]}"
printf '  reports: golive.md %d bytes (%d table rows), golive.html %d bytes\n' \
  "$(stat -c %s "$out/golive.md")" "$steps" "$(stat -c %s "$out/golive.html")"
