#!/usr/bin/env bash
# Fuzzes `reach sandbox serve` against `reach openapi` with Schemathesis, every check on
# (issue 17: the document and the sandbox agree exactly). Usage:
#   scripts/openapi-fuzz.sh [SECONDS] [PYTHON_VENV]
# SECONDS bounds the fuzzing (default 120); PYTHON_VENV is a venv to install Schemathesis into
# (default: a new one in a temporary folder). Exits non-zero on any finding. The credentials are
# made here for this run and never printed; Schemathesis masks the auth headers in its output.
# The exceptions (rules a JSON Schema cannot state) are in scripts/openapi-fuzz/schemathesis.toml;
# scripts/openapi-fuzz/hooks.py draws ICCIDs and IMEIs with valid Luhn check digits.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
venv=${2:-$(mktemp -d)}
work=$(mktemp -d)
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q "schemathesis==4.32.5"

swift build -q --product reach
reach=$(swift build --show-bin-path)/reach
"$reach" openapi > "$work/openapi.json"

jwt=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
key=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
"$reach" sandbox serve --port 0 --customers 20 --jwt "$jwt" --api-key "$key" \
  --customers-csv "$work/customers.csv" > "$work/ready" 2> "$work/sandbox.log" &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null || true; wait "$sandbox" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  url=$(grep -o 'http://[0-9.:]*' "$work/ready" || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "openapi-fuzz: the sandbox did not start" >&2; cat "$work/sandbox.log" >&2; exit 1; }
auth=$(printf 'clientapi|%s' "$jwt" | base64 -w0)

# One worker: with two, Debian's CPython 3.11.7 sometimes stops with "SystemError: AST
# constructor recursion depth mismatch" (python/cpython#106905, code parsed in two threads at
# once), a crash of the fuzzer, not a finding.
SCHEMATHESIS_HOOKS=hooks PYTHONPATH=scripts/openapi-fuzz \
  "$venv/bin/schemathesis" --config-file scripts/openapi-fuzz/schemathesis.toml run "$work/openapi.json" \
  --url "$url" -H "Authorization: Basic $auth" -H "x-api-key: $key" \
  --checks all --max-examples 5 --max-time "$seconds" --workers 1 --seed 1 --no-color
