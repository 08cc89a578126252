#!/usr/bin/env bash
# Benchmark: the webhook receiver under load on loopback. 50 concurrent senders post callbacks
# with unique transactionIds (each one a durable SQLite commit before its 200); prints events
# per second and the p50/p99 acknowledgement latency, as wrk measures them.
#   benchmarks/webhooks-wrk.sh [seconds]     (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
swift build -c release --product reach >/dev/null
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

.build/release/reach webhooks serve --port 0 --db "$work/events.sqlite" >"$work/ready" 2>/dev/null &
server=$!
for _ in $(seq 100); do grep -q listening "$work/ready" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/ready" | cut -d: -f2)

cat >"$work/post.lua" <<'LUA'
local counter = 0
local thread_id = 0
setup = function(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end
request = function()
  counter = counter + 1
  local body = string.format('{"type":"ACTIVATION","transactionId":"B%d-%d","customerId":"C%d","status":2}', id, counter, counter)
  return wrk.format("POST", "/apisvc/v0/notification/callback", {["Content-Type"] = "application/json"}, body)
end
LUA

echo "receiver: 50 connections, 2 threads, ${duration}s, unique callbacks (each stored durably)"
wrk -t2 -c50 -d"${duration}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port" | tee "$work/wrk.txt" |
  grep -E "Requests/sec|Latency|50%|99%|Non-2xx|requests in"
stored=$(.build/release/reach webhooks list --db "$work/events.sqlite" --json | grep -c '"sequence"')
echo "events stored: $stored"
