#!/usr/bin/env bash
# Requests per second of the standalone sandbox (`reach sandbox serve`, release build) on
# `GET /apisvc/v0/customerinfo` and `PUT /apisvc/v0/suspend`, beside nginx serving a static JSON
# on loopback in the same run (issue 15: the sandbox, served through Hummingbird's router, should
# serve at least 0.4 of nginx's rate), and beside the barest Hummingbird server answering the same
# JSON (Sources/ServerProbe: one route, no credentials, no state), the floor under any server on
# Hummingbird's router and HTTP/1 channel.
#
#   benchmarks/sandbox-wrk.sh     # ROUNDS=3 DURATION=5s CONNECTIONS=64 THREADS=2 by default
#
# The four targets are measured in turn, ROUNDS times, and each figure is the median of its
# rounds, so a burst of other work on a shared machine skews one round, not the result. Beside
# each rate: the server's CPU time per request (user + system, from /proc, over all its
# processes), which other work on the machine barely moves, so a change can be judged by it
# when the rates swing.
#
# Both servers get the same cores: nginx runs one worker per core (worker_processes auto), the
# sandbox one event loop thread per core (Hummingbird's), and wrk's two threads share those
# cores with either.
#
# Installs wrk and nginx from Debian when missing. Credentials are generated for this run and
# live only in a temporary directory; nothing here is committed.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SANDBOX_PORT=${SANDBOX_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
PROBE_PORT=${PROBE_PORT:-18082}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
chmod 755 "$WORK"
SANDBOX_PID=
PROBE_PID=
cleanup() {
  [[ -n $SANDBOX_PID ]] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  [[ -n $PROBE_PID ]] && kill "$PROBE_PID" 2>/dev/null && wait "$PROBE_PID" 2>/dev/null
  [[ -f $WORK/nginx.pid ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# 1. Tools.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
if ((${#missing[@]})); then
  SUDO=; ((EUID == 0)) || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# 2. The sandbox, release build, with throwaway credentials. The package declares ServerProbe
# only when REACH_BENCHMARKS is set (it is not part of reach); set for both builds, so the two see
# one package and the second rebuilds nothing of the first.
export REACH_BENCHMARKS=1
(cd "$ROOT" && swift build -c release --product reach 2>&1 | tail -1)
(cd "$ROOT" && swift build -c release --product ServerProbe 2>&1 | tail -1)
REACH="$ROOT/.build/release/reach"
JWT="bench.$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
API_KEY="sbx_$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
AUTH="Basic $(printf 'clientapi|%s' "$JWT" | base64 -w0)"
# Speed 1000: the 10 minutes of an activation take 0.6 s.
"$REACH" sandbox serve --port "$SANDBOX_PORT" --speed 1000 --jwt "$JWT" --api-key "$API_KEY" \
  >"$WORK/sandbox.out" 2>"$WORK/sandbox.err" &
SANDBOX_PID=$!
for _ in $(seq 100); do grep -q listening "$WORK/sandbox.out" 2>/dev/null && break; sleep 0.1; done
SANDBOX=$(sed -n 's/^reach sandbox listening on \([^ ]*\).*/\1/p' "$WORK/sandbox.out")
[[ -n $SANDBOX ]] || { cat "$WORK/sandbox.err" >&2; exit 1; }

call() { # method path [json]
  curl -sf -X "$1" "$SANDBOX$2" -H "Authorization: $AUTH" -H "x-api-key: $API_KEY" \
    -H 'Content-Type: application/json' ${3:+--data "$3"}
}

# 3. One active line: purchase, pay on the hosted page, activate.
TXN=$(call POST /apisvc/v0/product '{"clientAccountId":"bench-1","firstName":"Ada","lastName":"Lovelace",
  "email":"ada@example.com","planId":"REACH-PLUS-15GB","simType":"PSIM","zip":"10001",
  "redirectUrl":"https://brand.example/return"}' | jq -r .transactionId)
LINK=
for _ in $(seq 100); do
  LINK=$(call GET "/apisvc/v0/product/status/$TXN" | jq -r '.link.url // empty')
  [[ -n $LINK ]] && break
  sleep 0.01
done
curl -sf -o /dev/null -X POST "$LINK" --data cardNumber=4242424242424242
CUSTOMER=
for _ in $(seq 100); do
  CUSTOMER=$(call GET "/apisvc/v0/product/status/$TXN" | jq -r '.customerId // empty')
  [[ -n $CUSTOMER ]] && break
  sleep 0.01
done
call POST /apisvc/v0/activation "{\"customerId\":\"$CUSTOMER\",\"iccId\":\"8901000000000000092\"}" >/dev/null
for _ in $(seq 200); do
  [[ $(call GET "/apisvc/v0/customerinfo?customerId=$CUSTOMER" | jq -r .status) == 2 ]] && break
  sleep 0.05
done
INFO=$(call GET "/apisvc/v0/customerinfo?customerId=$CUSTOMER")
echo "line $CUSTOMER: status $(jq -r .statusName <<<"$INFO")"

# 4. nginx serving the same customerinfo answer as a static file.
mkdir -p "$WORK/www"
printf '%s' "$INFO" >"$WORK/www/customerinfo.json"
chmod -R a+rX "$WORK/www"
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { default_type application/json; }
  }
}
CONF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/customerinfo.json" && break; sleep 0.1; done
"$ROOT/.build/release/ServerProbe" "$PROBE_PORT" "$WORK/www/customerinfo.json" >"$WORK/probe.out" &
PROBE_PID=$!
for _ in $(seq 100); do grep -q listening "$WORK/probe.out" 2>/dev/null && break; sleep 0.1; done

# 5. wrk scripts: the auth headers (and the suspend body).
cat >"$WORK/customerinfo.lua" <<LUA
wrk.method = "GET"
wrk.headers["Authorization"] = "$AUTH"
wrk.headers["x-api-key"] = "$API_KEY"
LUA
cat >"$WORK/suspend.lua" <<LUA
wrk.method = "PUT"
wrk.headers["Authorization"] = "$AUTH"
wrk.headers["x-api-key"] = "$API_KEY"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"customerId":"$CUSTOMER","reasonCode":"bench"}'
LUA

TICKS=$(getconf CLK_TCK)
cpu_ticks() { # pid...: user + system clock ticks of these processes
  local total=0 pid
  for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
bench() { # name url lua|"" pid...   prints "req/s cpu-us-per-request"
  local name=$1 url=$2 lua=$3
  shift 3
  local before after out
  before=$(cpu_ticks "$@")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${lua:+-s "$lua"} "$url")
  after=$(cpu_ticks "$@")
  local rps requests non2xx p99 us
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  requests=$(awk '/ requests in / {print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  us=$(awk -v t=$((after - before)) -v hz="$TICKS" -v n="$requests" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
  printf '%-28s %12s req/s   %6s us CPU/req   p99 %-9s non-2xx %s\n' "$name" "$rps" "$us" "$p99" "${non2xx:-0}" >&2
  echo "$rps $us"
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, on $(nproc) cores (load $(cut -d' ' -f1-3 /proc/loadavg)), loopback" >&2
NGINX_PIDS=("$(cat "$WORK/nginx.pid")")
mapfile -t -O 1 NGINX_PIDS < <(pgrep -P "${NGINX_PIDS[0]}")
nginx_runs=() info_runs=() suspend_runs=() nginx_cpu=() info_cpu=() suspend_cpu=() probe_runs=() probe_cpu=()
for round in $(seq "$ROUNDS"); do
  echo "round $round" >&2
  read -r rps us < <(bench "nginx static JSON" "http://127.0.0.1:$NGINX_PORT/customerinfo.json" "" "${NGINX_PIDS[@]}")
  nginx_runs+=("$rps") nginx_cpu+=("$us")
  read -r rps us < <(bench "bare Hummingbird, same JSON" "http://127.0.0.1:$PROBE_PORT/apisvc/v0/customerinfo" "" \
    "$PROBE_PID")
  probe_runs+=("$rps") probe_cpu+=("$us")
  read -r rps us < <(bench "sandbox GET customerinfo" "$SANDBOX/apisvc/v0/customerinfo?customerId=$CUSTOMER" \
    "$WORK/customerinfo.lua" "$SANDBOX_PID")
  info_runs+=("$rps") info_cpu+=("$us")
  read -r rps us < <(bench "sandbox PUT suspend" "$SANDBOX/apisvc/v0/suspend" "$WORK/suspend.lua" "$SANDBOX_PID")
  suspend_runs+=("$rps") suspend_cpu+=("$us")
done
NGINX_RPS=$(median "${nginx_runs[@]}")
INFO_RPS=$(median "${info_runs[@]}")
SUSPEND_RPS=$(median "${suspend_runs[@]}")
NGINX_CPU=$(median "${nginx_cpu[@]}")
PROBE_RPS=$(median "${probe_runs[@]}")
PROBE_CPU=$(median "${probe_cpu[@]}")
INFO_CPU=$(median "${info_cpu[@]}")
SUSPEND_CPU=$(median "${suspend_cpu[@]}")
echo "(PUT suspend: the first call suspends the line; the rest are 409, a line that is not active)" >&2

awk -v n="$NGINX_RPS" -v i="$INFO_RPS" -v s="$SUSPEND_RPS" -v p="$PROBE_RPS" \
  -v nc="$NGINX_CPU" -v ic="$INFO_CPU" -v sc="$SUSPEND_CPU" -v pc="$PROBE_CPU" 'BEGIN {
  printf "\nmedians\n%-28s %12s %10s %14s %14s\n", "target", "req/s", "vs nginx", "vs bare HB", "us CPU/req"
  printf "%-28s %12.0f %10s %14.2f %14.1f\n", "nginx static JSON", n, "1.00", n / p, nc
  printf "%-28s %12.0f %10.2f %14s %14.1f\n", "bare Hummingbird, same JSON", p, p / n, "1.00", pc
  printf "%-28s %12.0f %10.2f %14.2f %14.1f\n", "sandbox GET customerinfo", i, i / n, i / p, ic
  printf "%-28s %12.0f %10.2f %14.2f %14.1f\n", "sandbox PUT suspend", s, s / n, s / p, sc
  printf "\ntarget: the sandbox serves at least 0.4 of nginx (ratio >= 0.40)\n"
}'
