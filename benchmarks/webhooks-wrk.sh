#!/usr/bin/env bash
# Benchmark: the webhook receiver (`reach webhooks serve`, release build) under load on loopback.
# wrk keeps 50 connections busy (50 concurrent senders), each posting ACTIVATION callbacks with a
# transactionId never used before, so every request is a new event and a durable SQLite commit
# (WAL, synchronous=FULL) before its 200. Prints events per second and the p50/p99
# acknowledgement latency as wrk measures them, then checks the store: every acknowledged event
# must be there, once.
#
#   benchmarks/webhooks-wrk.sh [seconds]     # default 15; CONNECTIONS=50 THREADS=2
#   REACH_BIN=path uses that binary instead of building the release one.
#
# Installs wrk and sqlite3 from Debian when missing. The store lives in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${CONNECTIONS:-50}
threads=${THREADS:-2}

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if ((${#missing[@]})); then
  SUDO=; ((EUID == 0)) || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
bin=${REACH_BIN:-}
if [[ -z "$bin" ]]; then
  swift build -c release --product reach 2>&1 | tail -1
  bin=.build/release/reach
fi
work=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" webhooks serve --port 0 --db "$work/events.sqlite" >"$work/ready" 2>/dev/null &
server=$!
for _ in $(seq 100); do grep -q listening "$work/ready" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/ready" | cut -d: -f2)
[[ -n $port ]] || { echo "the receiver did not start" >&2; exit 1; }

# Each wrk thread has its own Lua state: the thread's id and its own counter make every
# transactionId unique across threads and requests.
cat >"$work/post.lua" <<'LUA'
local thread_id = 0
setup = function(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format(
    '{"type":"ACTIVATION","transactionId":"B%d-%d","customerId":"C%d","status":2,"mobileNo":"2125550100"}',
    id, counter, counter)
  return wrk.format("POST", "/apisvc/v0/notification/callback", {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("summary: %d acknowledged-or-answered requests, %d errors (connect %d, read %d, write %d, timeout %d, non-2xx %d)\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  io.write(string.format("events/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("ack latency p50: %.2f ms, p99: %.2f ms, max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
LUA
echo "end" >>"$work/post.lua"

echo "receiver: $connections connections, $threads threads, ${duration}s, unique callbacks (each a durable commit)"
wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port" >"$work/wrk.txt"
grep -E "Requests/sec|requests in|Non-2xx|Socket errors|^summary|^events/s|^ack latency" "$work/wrk.txt"
kill "$server" && wait "$server" 2>/dev/null || true
server=
stored=$(sqlite3 "$work/events.sqlite" "SELECT COUNT(*) FROM event")
distinct=$(sqlite3 "$work/events.sqlite" "SELECT COUNT(DISTINCT transactionId) FROM event")
answered=$(grep -o '^summary: [0-9]*' "$work/wrk.txt" | grep -o '[0-9]*$')
echo "events stored: $stored ($distinct distinct transactionIds); wrk counted $answered answers"
echo "(a few requests still in flight when wrk stops are stored but not counted, so stored >= answered)"
