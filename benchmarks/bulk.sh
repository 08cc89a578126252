#!/usr/bin/env bash
# Issue 7's benchmark, in one go, against a standalone sandbox (release build), each part on a
# fresh `reach sandbox serve --customers N` so every line starts ACTIVE:
#
# 1. The ceiling and the runner at the same concurrency:
#    a. wrk on `PUT /apisvc/v0/suspend`, every request suspending a line of its own (a Lua script
#       walks the seeded ids, from a population larger than wrk can exhaust, so none is a 409);
#       then wrk again over the same, now suspended, lines (all 409) for comparison; then the
#       barest SwiftNIO client (Sources/WireProbe: the same requests, no playbook, no journal)
#       over PROBE_LINES fresh lines, the floor of any Swift runner's cost per request; and a plain
#       Python asyncio client (benchmarks/asyncio-suspend.py) the same, for its CPU per request;
#    b. `reach run Playbooks/ops/bulk-suspend.yaml --var verify=false` suspending CUSTOMERS lines,
#       one call per row (the suspension; its intent synced to the journal first): rows/s, the
#       ratio to wrk's fresh req/s, p50/p99 per-row latency (the journal's row durations) and
#       the runner's peak RSS; then the playbook's default (read, suspend, confirm) for
#       comparison, with its requests per row (the csv report's attempts).
#    On loopback the CPU sets the pace; the withdrawn target of 0.8 of wrk's rate is printed for
#    comparison only (issue 15).
#    c. The same with LATENCY injected per request, as across a network: wrk, the runner and the
#       asyncio client. Target (issue 15): the runner at least 0.95 of wrk's rate; printed over the
#       run's whole time and, beside it, between the first and the last second of rows (the run's
#       start-up and its last rows' tail left out). The runner readies twice --concurrency rows at
#       once, so its per-row latency counts the wait for a request permit.
# 2. A sandbox limited to LIMIT requests/s (`--rate-limit`, its clock at real speed): the runner
#    with `--rate LIMIT/s`, then without (the adaptive limiter), each over LIMITED_ROWS rows:
#    the achieved rate as a fraction of the limit and the 429s the runner got (attempts beyond
#    one per row). Target: at least 0.97 of the limit, no abort.
# 3. benchmarks/bulk-dryrun-memory.sh: peak memory of a dry run over 1,000,000 rows. Target:
#    flat, under 64 MB.
# 4. Issue 18, at the platform's pace: PACE_ROWS rows against a sandbox at real speed (a
#    suspension lands 30 s after it is accepted) limited to LIMIT requests/s, with the default
#    playbook (read, suspend, confirm by polling) and `--concurrency 8`: with `--rate LIMIT/s`,
#    the wall time beside the ideal (requests / LIMIT) and the target 2 × ideal + 30 s; then
#    without `--rate` (the adaptive limiter): the fraction of the limit and the 429s. At real
#    speed this part takes minutes.
#
#   benchmarks/bulk.sh      # CUSTOMERS=10000 CONCURRENCY=32 LIMIT=100 LIMITED_ROWS=2000 by default
#   REACH_BIN=.build/release/reach DRYRUN_ROWS=100000 benchmarks/bulk.sh
#   PARTS="4" benchmarks/bulk.sh   # only issue 18's part (PARTS: any of 1 2 3 4)
#
# Credentials are generated for this run and live only in a temporary directory.
set -euo pipefail

CUSTOMERS=${CUSTOMERS:-10000}
CONCURRENCY=${CONCURRENCY:-32}
THREADS=${THREADS:-2}
WRK_CUSTOMERS=${WRK_CUSTOMERS:-200000}
PROBE_LINES=${PROBE_LINES:-50000}
LATENCY=${LATENCY:-20ms}
WRK_DURATION=${WRK_DURATION:-3}
LIMIT=${LIMIT:-100}
LIMITED_ROWS=${LIMITED_ROWS:-2000}
DRYRUN_ROWS=${DRYRUN_ROWS:-1000000}
PACE_ROWS=${PACE_ROWS:-2000}
PARTS=${PARTS:-1 2 3 4}
part() { [[ " $PARTS " == *" $1 "* ]]; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() {
  [[ -n $SANDBOX_PID ]] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

if part 1; then command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }; fi
for tool in jq sqlite3 bc; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
# The package declares WireProbe only when REACH_BENCHMARKS is set (it is not part of reach); set
# for both builds, so the two see one package and the second rebuilds nothing of the first.
export REACH_BENCHMARKS=1
if [[ -z ${REACH_BIN:-} ]]; then
  (cd "$ROOT" && swift build -c release --product reach 2>&1 | tail -1)
  REACH_BIN="$ROOT/.build/release/reach"
fi
# The bare SwiftNIO client (Sources/WireProbe), a peer: beside the runner's release build.
PROBE_BIN=${PROBE_BIN:-$(dirname "$REACH_BIN")/WireProbe}
if [[ ! -x $PROBE_BIN ]]; then
  (cd "$ROOT" && swift build -c release --product WireProbe 2>&1 | tail -1)
  PROBE_BIN="$ROOT/.build/release/WireProbe"
fi
REACH_JWT="bench.$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
REACH_API_KEY="sbx_$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export REACH_JWT REACH_API_KEY
AUTH="Basic $(printf 'clientapi|%s' "$REACH_JWT" | base64 -w0)"

# A fresh sandbox: sandbox N [serve options…]. Sets SANDBOX (its URL) and writes reach.yaml,
# which names it a sandbox (a bare URL never counts as one: the blast-radius guard would ask).
sandbox() {
  local n=$1
  shift
  stop_sandbox
  "$REACH_BIN" sandbox serve --port 0 --jwt "$REACH_JWT" --api-key "$REACH_API_KEY" --customers "$n" \
    --customers-csv "$WORK/customers.csv" "$@" >"$WORK/sandbox.out" 2>"$WORK/sandbox.err" &
  SANDBOX_PID=$!
  for _ in $(seq 600); do grep -q listening "$WORK/sandbox.out" 2>/dev/null && break; sleep 0.1; done
  SANDBOX=$(sed -n 's/^reach sandbox listening on \([^ ]*\).*/\1/p' "$WORK/sandbox.out")
  [[ -n $SANDBOX ]] || { cat "$WORK/sandbox.err" >&2; exit 1; }
  cat >"$WORK/reach.yaml" <<YAML
targets:
  bench:
    url: $SANDBOX
    sandbox: true
    jwt: { env: REACH_JWT }
    apiKey: { env: REACH_API_KEY }
YAML
}
# The sandbox's CPU time so far, in clock ticks (user + system).
TICKS=$(getconf CLK_TCK)
sandbox_ticks() { awk '{print $14 + $15}' "/proc/$SANDBOX_PID/stat"; }
# per_request_us TIMEFILE COUNT: the CPU µs per request of a command timed with -f "… %U %S"
# (user and system seconds, the last two fields).
per_request_us() { awk -v n="$2" '{print ($(NF - 1) + $NF) * 1000000 / n}' "$1"; }
# sandbox_us BEFORE COUNT: the sandbox's CPU µs per request since it had BEFORE ticks.
sandbox_us() { echo "($(sandbox_ticks) - $1) * 1000000 / $TICKS / $2" | bc -l; }
stop_sandbox() {
  if [[ -n $SANDBOX_PID ]]; then
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
    SANDBOX_PID=
  fi
}

# reach_run NAME ROWS [run options…]: the bulk suspension of the first ROWS seeded lines. Sets
# ROWS_PER_S, STEADY_PER_S, P50, P99, RSS_MB, REQS_PER_ROW, RETRIES, EXIT, DONE.
reach_run() {
  local name=$1 rows=$2
  shift 2
  head -n $((rows + 1)) "$WORK/customers.csv" >"$WORK/$name.csv"
  local journal="$WORK/$name.sqlite"
  EXIT=0
  local sandbox_before
  sandbox_before=$(sandbox_ticks)
  (cd "$ROOT" && /usr/bin/time -f "%M %e %U %S" -o "$WORK/$name.time" "$REACH_BIN" run Playbooks/ops/bulk-suspend.yaml \
    --var customers="$WORK/$name.csv" --config "$WORK/reach.yaml" --target bench --journal "$journal" \
    --report csv="$WORK/$name.rows.csv" --concurrency "$CONCURRENCY" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err") ||
    EXIT=$?
  local run_id
  run_id=$(sqlite3 "$journal" "SELECT id FROM run ORDER BY startedAt DESC LIMIT 1")
  local seconds
  seconds=$(sqlite3 "$journal" "SELECT (julianday(finishedAt) - julianday(startedAt)) * 86400 FROM run WHERE id = '$run_id'")
  DONE=$(sqlite3 "$journal" "SELECT count(*) FROM row WHERE runId = '$run_id' AND outcome = 'passed'")
  ROWS_PER_S=$(echo "$rows / $seconds" | bc -l)
  # Rows a second over the whole seconds between the first and the last second of rows, from the
  # journal's row times: the run's start-up and its last rows' tail left out.
  STEADY_PER_S=$(sqlite3 "$journal" \
    "SELECT CAST((julianday(updatedAt) - 2440587.5) * 86400 AS INTEGER) FROM row WHERE runId = '$run_id'" |
    sort | uniq -c | awk '{c[NR] = $1} END {s = 0; for (i = 2; i < NR; i++) s += c[i]; print (NR > 2 ? s / (NR - 2) : 0)}')
  local show
  show=$(cd "$ROOT" && "$REACH_BIN" runs show "$run_id" --journal "$journal" --json)
  P50=$(jq -r '.rowLatencyMs.p50 // "-"' <<<"$show")
  P99=$(jq -r '.rowLatencyMs.p99 // "-"' <<<"$show")
  local rss
  read -r rss _ <"$WORK/$name.time"
  CPU_US=$(per_request_us "$WORK/$name.time" "$rows")
  SANDBOX_US=$(sandbox_us "$sandbox_before" "$rows")
  RSS_MB=$(echo "$rss / 1024" | bc -l)
  local attempts
  attempts=$(awk -F, 'NR > 1 { sum += $NF } END { print sum + 0 }' "$WORK/$name.rows.csv")
  REQS_PER_ROW=$(echo "$attempts / $rows" | bc -l)
  # Without faults, attempts beyond the row's calls are retries after a 429.
  RETRIES=$(awk -F, 'NR > 1 && $NF > 1 { sum += $NF - 1 } END { print sum + 0 }' "$WORK/$name.rows.csv")
}

# wrk_suspend FIRST COUNT: PUT suspend at CONCURRENCY connections, each request a line of its own
# among the seeded ids FIRST.. (wrapping to FIRST after COUNT). Sets WRK_RPS, WRK_NON2XX, WRK_P99.
wrk_suspend() {
  cat >"$WORK/suspend.lua" <<LUA
local first, count, threads = $1, $2, $THREADS
local n = 0
function setup(thread)
  thread:set("offset", n)
  n = n + 1
end
function init(args)
  i = offset
end
function request()
  local id = first + (i % count)
  i = i + threads
  return wrk.format("PUT", "/apisvc/v0/suspend", {
    ["Authorization"] = "$AUTH", ["x-api-key"] = "$REACH_API_KEY", ["Content-Type"] = "application/json"
  }, string.format('{"customerId":"SUB%07d","reasonCode":"bench"}', id))
end
LUA
  local out
  local sandbox_before
  sandbox_before=$(sandbox_ticks)
  out=$(/usr/bin/time -f "%U %S" -o "$WORK/wrk.time" \
    wrk -t"$THREADS" -c"$CONCURRENCY" -d"${WRK_DURATION}s" --latency -s "$WORK/suspend.lua" "$SANDBOX")
  WRK_RPS=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  WRK_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  WRK_NON2XX=${WRK_NON2XX:-0}
  WRK_REQUESTS=$(awk '/requests in/ {print $1}' <<<"$out")
  WRK_P99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  WRK_CPU_US=$(per_request_us "$WORK/wrk.time" "$WRK_REQUESTS")
  WRK_SANDBOX_US=$(sandbox_us "$sandbox_before" "$WRK_REQUESTS")
}

# The table's rows: a wrk run (LABEL RPS, with wrk_suspend's figures), a runner run (LABEL, then
# what to add in brackets, with reach_run's figures).
print_wrk() {
  printf '%-50s %8.0f %7s %7s %7s %7.1f %7.1f   (%s requests, %s non-2xx)\n' "$1" "$2" "" "$WRK_P99" "" \
    "$WRK_CPU_US" "$WRK_SANDBOX_US" "$WRK_REQUESTS" "$WRK_NON2XX"
}
print_reach() {
  printf '%-50s %8.0f %7s %7s %7.1f %7.1f %7.1f   (%s)\n' "$1" "$ROWS_PER_S" "$P50" "$P99" "$RSS_MB" "$CPU_US" \
    "$SANDBOX_US" "$2"
}

echo "bulk benchmark (parts $PARTS) on $(nproc) cores; load at start: $(uptime | sed 's/.*load average: //')"

if part 1; then
# 1a. The ceiling.
sandbox "$WRK_CUSTOMERS" --speed 1000
wrk_suspend 1 "$WRK_CUSTOMERS"
FRESH_RPS=$WRK_RPS
printf '\n1. %s lines, concurrency %s\n' "$CUSTOMERS" "$CONCURRENCY"
# CPU µs: the client's (wrk's, or the runner's) and the sandbox's CPU time (user + system) per
# request or row. Client and sandbox share the machine's cores, so the cheaper client leaves more
# of them to the sandbox: the ratio below follows from these two columns.
printf '%-50s %8s %7s %7s %7s %8s %8s\n' "" "per s" "p50 ms" "p99 ms" "RSS MB" "cli µs" "sbx µs"
print_wrk "wrk PUT suspend, each a fresh ACTIVE line" "$FRESH_RPS"
((WRK_REQUESTS <= WRK_CUSTOMERS)) || echo "   (wrk ran past the $WRK_CUSTOMERS lines: raise WRK_CUSTOMERS)"
wrk_suspend 1 "$WRK_CUSTOMERS"
print_wrk "wrk PUT suspend, lines already suspended (409)" "$WRK_RPS"

# The barest Swift client (no playbook, no journal) over PROBE_LINES fresh lines: the floor of
# any Swift runner's cost per request, beside wrk's.
sandbox "$PROBE_LINES" --speed 1000
before=$(sandbox_ticks)
probe=$(/usr/bin/time -f "%U %S" -o "$WORK/probe.time" "$PROBE_BIN" 127.0.0.1 "${SANDBOX##*:}" "$PROBE_LINES" "$CONCURRENCY")
PROBE_RPS=$(sed -n 's/.*: \([0-9]*\) requests\/s.*/\1/p' <<<"$probe")
printf '%-50s %8.0f %7s %7s %7s %7.1f %7.1f   (%s)\n' "bare SwiftNIO client (Sources/WireProbe), same PUT" \
  "$PROBE_RPS" "" "" "" "$(per_request_us "$WORK/probe.time" "$PROBE_LINES")" "$(sandbox_us "$before" "$PROBE_LINES")" \
  "$probe"

# A plain Python asyncio client (benchmarks/asyncio-suspend.py: the standard library, HTTP/1.1 by
# hand), the same PUTs over PROBE_LINES fresh lines: the CPU per request of the usual alternative
# to a Swift runner, beside the runner's below (issue 15).
asyncio_suspend() {
  sandbox "$PROBE_LINES" "$@"
  local before
  before=$(sandbox_ticks)
  ASYNCIO=$(python3 "$ROOT/benchmarks/asyncio-suspend.py" 127.0.0.1 "${SANDBOX##*:}" 1 "$PROBE_LINES" "$CONCURRENCY")
  ASYNCIO_RPS=$(sed -n 's/.*s: \([0-9]*\) requests\/s.*/\1/p' <<<"$ASYNCIO")
  ASYNCIO_US=$(sed -n 's/.*requests\/s, \([0-9.]*\) µs CPU.*/\1/p' <<<"$ASYNCIO")
  ASYNCIO_SANDBOX_US=$(sandbox_us "$before" "$PROBE_LINES")
}
asyncio_suspend --speed 1000
printf '%-50s %8.0f %7s %7s %7s %7.1f %7.1f   (%s)\n' "Python asyncio client, same PUT" "$ASYNCIO_RPS" "" "" "" \
  "$ASYNCIO_US" "$ASYNCIO_SANDBOX_US" "$ASYNCIO"

# 1b. The runner, one call per row.
sandbox "$CUSTOMERS" --speed 1000
reach_run one "$CUSTOMERS" --var verify=false
ONE_RPS=$ROWS_PER_S
print_reach "reach, one call per row (--var verify=false)" "$DONE of $CUSTOMERS rows done, exit $EXIT"
AUDIT=$(curl -sf "$SANDBOX/__sandbox/audit" -H "Authorization: $AUTH" -H "x-api-key: $REACH_API_KEY" |
  jq '[.entries[] | select(.endpointId == "subscriber.suspend")] | length')
echo "   the sandbox's audit: $AUDIT accepted suspensions"
# The default playbook, for comparison: read, suspend, confirm (the sandbox applies a suspension
# 30 s of its time later: 30 ms at --speed 1000, so the confirmation polls once or twice).
sandbox "$CUSTOMERS" --speed 1000
reach_run verify "$CUSTOMERS"
print_reach "reach, read + suspend + confirm (the default)" "$(printf '%.2f' "$REQS_PER_ROW") requests per row, exit $EXIT"
RATIO=$(echo "$ONE_RPS / $FRESH_RPS" | bc -l)
printf 'one call per row: %.2f of wrk'"'"'s rate on loopback; the bare SwiftNIO client: %.2f\n' "$RATIO" \
  "$(echo "$PROBE_RPS / $FRESH_RPS" | bc -l)"

# 1c. The same with the platform's latency injected (LATENCY a request, as across a network):
# the rate is then bound by latency and concurrency (CONCURRENCY / LATENCY), not by CPU, as it
# is against a remote platform.
printf '\nwith %s of latency a request (sandbox --faults latency=%s)\n' "$LATENCY" "$LATENCY"
sandbox "$WRK_CUSTOMERS" --faults "latency=$LATENCY"
wrk_suspend 1 "$WRK_CUSTOMERS"
SLOW_RPS=$WRK_RPS
print_wrk "wrk PUT suspend, each a fresh ACTIVE line" "$WRK_RPS"
sandbox "$CUSTOMERS" --faults "latency=$LATENCY"
reach_run slow "$CUSTOMERS" --var verify=false
print_reach "reach, one call per row (--var verify=false)" "$DONE of $CUSTOMERS rows done, exit $EXIT"
SLOW_REACH_US=$CPU_US
SLOW_STEADY=$STEADY_PER_S
asyncio_suspend --faults "latency=$LATENCY"
printf '%-50s %8.0f %7s %7s %7s %7.1f %7.1f   (%s)\n' "Python asyncio client, same PUT" "$ASYNCIO_RPS" "" "" "" \
  "$ASYNCIO_US" "$ASYNCIO_SANDBOX_US" "$ASYNCIO"
printf 'with latency: %.2f of wrk'"'"'s rate over the whole run (target: at least 0.95), %.2f between its first and\n' \
  "$(echo "$ROWS_PER_S / $SLOW_RPS" | bc -l)" "$(echo "$SLOW_STEADY / $SLOW_RPS" | bc -l)"
printf '   last second of rows (start-up and tail left out); CPU per row %.1f µs, asyncio %.1f µs\n' "$SLOW_REACH_US" \
  "$ASYNCIO_US"
fi

# 2. A rate-limited sandbox, its clock at real speed (its limit counts sandbox seconds).
if part 2; then
printf '\n2. sandbox --rate-limit %s/s, %s rows, concurrency %s\n' "$LIMIT" "$LIMITED_ROWS" "$CONCURRENCY"
# The sandbox's view: accepted suspensions per second of its clock, over the whole seconds
# between the run's first and last (the run's start-up and last rows' tail left out).
steady() {
  curl -sf "$SANDBOX/__sandbox/audit" -H "Authorization: $AUTH" -H "x-api-key: $REACH_API_KEY" |
    jq --argjson limit "$LIMIT" '[.entries[] | select(.endpointId == "subscriber.suspend") | .time]
      | group_by(.) | map(length) | .[1:-1] | (add / length) / $limit'
}
printf '%-44s %10s %12s %12s %6s %6s\n' "" "rows/s" "run/limit" "steady/limit" "429s" "exit"
sandbox "$CUSTOMERS" --rate-limit "$LIMIT/s"
reach_run fixed "$LIMITED_ROWS" --var verify=false --rate "$LIMIT/s"
printf '%-44s %10.1f %12.3f %12.3f %6s %6s\n' "reach --rate $LIMIT/s" "$ROWS_PER_S" \
  "$(echo "$ROWS_PER_S / $LIMIT" | bc -l)" "$(steady)" "$RETRIES" "$EXIT"
sandbox "$CUSTOMERS" --rate-limit "$LIMIT/s"
reach_run adaptive "$LIMITED_ROWS" --var verify=false
printf '%-44s %10.1f %12.3f %12.3f %6s %6s\n' "reach without --rate (adaptive)" "$ROWS_PER_S" \
  "$(echo "$ROWS_PER_S / $LIMIT" | bc -l)" "$(steady)" "$RETRIES" "$EXIT"
echo "run/limit: rows over the run's whole time (start-up included); steady/limit: the sandbox's"
echo "accepted suspensions per second while the run sent. Target: at least 0.97 of the limit with"
echo "--rate, no abort (exit 0)"
stop_sandbox
fi

# 3. Memory of a dry run over a large file.
if part 3; then
printf '\n3. dry run\n'
REACH_BIN="$REACH_BIN" ROWS="$DRYRUN_ROWS" "$ROOT/benchmarks/bulk-dryrun-memory.sh"
echo "target: flat, under 64 MB"
fi

# 4. Issue 18: rows overlap their waits, the limit sets the pace.
if part 4; then
printf '\n4. %s rows, read + suspend + confirm, sandbox at real speed (30 s suspensions), --rate-limit %s/s, concurrency 8\n' \
  "$PACE_ROWS" "$LIMIT"
printf '%-34s %9s %9s %9s %10s %8s %6s %6s\n' "" "wall s" "ideal s" "target s" "req/row" "of limit" "429s" "exit"
pace() {
  local label=$1
  shift
  sandbox "$PACE_ROWS" --rate-limit "$LIMIT/s"
  CONCURRENCY=8 reach_run "$@"
  # A row here makes many calls (read, suspend, confirm polls), so its attempts beyond one are not
  # retries: the 429s are the progress line's last count.
  local too_many
  too_many=$(grep -o '[0-9]* × 429' "$WORK/$1.err" | tail -1 | cut -d' ' -f1 || true)
  local seconds requests ideal
  seconds=$(echo "$PACE_ROWS / $ROWS_PER_S" | bc -l)
  requests=$(echo "$REQS_PER_ROW * $PACE_ROWS" | bc -l)
  ideal=$(echo "$requests / $LIMIT" | bc -l)
  printf '%-34s %9.1f %9.1f %9.1f %10.2f %8.3f %6s %6s\n' "$label" "$seconds" "$ideal" \
    "$(echo "2 * $ideal + 30" | bc -l)" "$REQS_PER_ROW" "$(echo "$requests / $seconds / $LIMIT" | bc -l)" "${too_many:--}" "$EXIT"
}
pace "reach --rate $LIMIT/s" pace-fixed "$PACE_ROWS" --rate "$LIMIT/s"
pace "reach without --rate (adaptive)" pace-adaptive "$PACE_ROWS"
echo "of limit: requests (429s included) a second over the run's whole time, start-up and the last"
echo "suspensions' 30 s included. Target: wall time within 2 x ideal + 30 s; adaptive at least 0.95"
echo "of the limit with 429s under 1 % of requests"
stop_sandbox
fi
echo "load at end: $(uptime | sed 's/.*load average: //')"
