#!/usr/bin/env bash
# Benchmark: `reach validate` on hostile playbook files (issue #20's mutation run): expressions
# nested 100,000 deep, alias bombs, huge strings and files, a chain of 5,000 `use` files and a
# "diamond" of nine files that each use the next ten times (also under `reach run --dry-run`). Prints, for each, the exit status, the
# wall time and the peak memory of a cold process. Targets: exit 2 (or 0 where the file is sound),
# under 1 s and under 100 MB each.
#   benchmarks/hostile.sh      (REACH_BIN=path uses another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${REACH_BIN:-}
if [[ -z "$bin" ]]; then
  swift build -c release --product reach >/dev/null
  bin=.build/release/reach
fi
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
n = 100_000
def log(name, expression):
    open(f"{d}/{name}.yaml", "w").write('name: x\nvars: {a: 1}\nsteps:\n  - log: "${{ ' + expression + ' }}"\n')
log("parens-100k", "(" * n + "1" + ")" * n)
log("lists-100k", "[" * n + "1" + "]" * n)
log("nots-100k", "!" * n + "1")
log("members-100k", "vars" + ".a" * n)
log("operators-100k", "1" + " == 1" * n)
log("parens-300", "(" * 300 + "1" + ")" * 300)
log("members-300", "vars" + ".a" * 300)
for levels in (5, 9):
    lines = ["  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"  a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]" for i in range(1, levels + 1)]
    open(f"{d}/laughs-{levels}x10.yaml", "w").write("name: x\nvars:\n" + "\n".join(lines) + "\nsteps:\n  - log: hi\n")
open(f"{d}/string-5MB.yaml", "w").write('name: x\nsteps:\n  - log: "' + "a" * 5_000_000 + '"\n')
open(f"{d}/string-1MB-sound.yaml", "w").write('name: x\nsteps:\n  - log: "' + "a" * 1_000_000 + '${{ 1 }}"\n')
open(f"{d}/templates-100k-sound.yaml", "w").write('name: x\nsteps:\n  - log: "' + "${{ 1 }}" * 100_000 + '"\n')
open(f"{d}/yaml-nesting-100k.yaml", "w").write("name: x\nvars:\n  a: " + "[" * n + "]" * n + "\nsteps:\n  - log: hi\n")
import os
os.makedirs(f"{d}/used/chain")
for i in range(5_000):
    step = f"  - use: a{i + 1}.yaml\n" if i < 4_999 else "  - log: end\n"
    open(f"{d}/used/chain/a{i}.yaml", "w").write(f"name: a{i}\nsteps:\n" + step)
os.makedirs(f"{d}/used/diamond")
for i in range(9):
    step = f"  - use: d{i + 1}.yaml\n" if i < 8 else "  - log: hi\n"
    open(f"{d}/used/diamond/d{i}.yaml", "w").write(f"name: d{i}\nsteps:\n" + step * 10)
PY
printf '%-28s %6s %10s %10s\n' file exit seconds "peak MB"
measure() {
  local name=$1
  shift
  local status=0
  /usr/bin/time -f '%e %M' -o "$dir/time" "$bin" "$@" >/dev/null 2>&1 || status=$?
  read -r seconds kb < <(tail -n 1 "$dir/time")
  printf '%-28s %6d %10s %10d\n' "$name" "$status" "$seconds" $((kb / 1024))
}
for file in "$dir"/*.yaml; do
  measure "$(basename "$file" .yaml)" validate "$file"
done
measure use-chain-5000 validate "$dir/used/chain/a0.yaml"
measure use-diamond-9x10 validate "$dir/used/diamond/d0.yaml"
measure "use-diamond-9x10 (dry-run)" run --dry-run "$dir/used/diamond/d0.yaml"
