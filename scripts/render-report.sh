#!/usr/bin/env bash
# Renders a run's HTML report with headless Chromium, to look at before handing it over:
# a PNG of the page as a screen shows it and a PDF as it prints. Needs Debian's `chromium`
# (apt-get install -y chromium). Writes into OUT_DIR (default /tmp/reach-report); never commit
# the images.
#   scripts/render-report.sh [playbook] [reach run options…]
#   scripts/render-report.sh Playbooks/golive/checklist.yaml
#   REPORT=path/to/report.html scripts/render-report.sh     (render an existing report)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT_DIR:-/tmp/reach-report}
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
  echo "render-report: no chromium; install it with: apt-get install -y chromium" >&2
  exit 2
fi
report=${REPORT:-}
if [[ -z "$report" ]]; then
  playbook=${1:-Playbooks/golive/checklist.yaml}
  shift || true
  bin=${REACH_BIN:-.build/debug/reach}
  report="$out/report.html"
  # A failed run still writes its report: render it either way.
  "$bin" run "$playbook" --report html="$report" --report md="$out/report.md" "$@" >"$out/run.log" 2>&1 || true
fi
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-pdf-header-footer)
"$browser" "${flags[@]}" --window-size=1200,2400 --screenshot="$out/report.png" "file://$(realpath "$report")" 2>/dev/null
"$browser" "${flags[@]}" --print-to-pdf="$out/report.pdf" "file://$(realpath "$report")" 2>/dev/null
printf 'rendered %s\n  screen: %s (%s bytes)\n  print:  %s (%s bytes)\n' "$report" \
  "$out/report.png" "$(stat -c %s "$out/report.png")" "$out/report.pdf" "$(stat -c %s "$out/report.pdf")"
