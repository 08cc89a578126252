#!/usr/bin/env bash
# Requests per second of `POST /apisvc/v0/iccid/validate` (sim.validateIccid) on the standalone
# sandbox (release build) seeded with N subscribers (`--customers N`), measured with wrk on
# loopback. The check answers from an index of the ICCIDs in use, so the rate should not fall as N
# grows (it used to scan every customer on each call).
#
#   benchmarks/sandbox-iccid.sh                  # COUNTS="10000 1000000" DURATION=5s CONNECTIONS=16
#   REACH_BIN=/path/to/reach benchmarks/sandbox-iccid.sh   # measure a given binary (no build)
#
# Credentials are generated for this run and live only in a temporary directory.
set -euo pipefail

COUNTS=${COUNTS:-"10000 1000000"}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18090}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
PID=
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  SUDO=; ((EUID == 0)) || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
if [[ -z ${REACH_BIN:-} ]]; then
  (cd "$ROOT" && swift build -c release --product reach 2>&1 | tail -1)
  REACH_BIN="$ROOT/.build/release/reach"
fi

JWT="bench.$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
API_KEY="sbx_$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
AUTH="Basic $(printf 'clientapi|%s' "$JWT" | base64 -w0)"
# A Luhn-valid ICCID that no seeded subscriber holds: the check must look everywhere to say so.
cat >"$WORK/validate.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"iccId":"8901000000000000092"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "$AUTH"
wrk.headers["x-api-key"] = "$API_KEY"
LUA

printf '%-10s %14s %14s\n' customers "requests/s" "avg latency"
for n in $COUNTS; do
  "$REACH_BIN" sandbox serve --port "$PORT" --customers "$n" --customers-csv "$WORK/customers.csv" \
    --jwt "$JWT" --api-key "$API_KEY" >"$WORK/out" 2>"$WORK/err" &
  PID=$!
  until grep -q listening "$WORK/out" 2>/dev/null; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/err" >&2; exit 1; }
    sleep 0.05
  done
  answer=$(curl -sf -X POST "http://127.0.0.1:$PORT/apisvc/v0/iccid/validate" -H "Authorization: $AUTH" \
    -H "x-api-key: $API_KEY" -H 'Content-Type: application/json' --data '{"iccId":"8901000000000000092"}')
  [[ $answer == *'"isValid":true'* ]] || { echo "unexpected answer: $answer" >&2; exit 1; }
  result=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$WORK/validate.lua" \
    "http://127.0.0.1:$PORT/apisvc/v0/iccid/validate")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$result")
  latency=$(awk '/^    Latency/ {print $2}' <<<"$result")
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  printf '%-10s %14s %14s\n' "$n" "$rps" "$latency"
done
