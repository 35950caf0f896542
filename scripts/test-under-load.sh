#!/usr/bin/env bash
# Issue #16's check: the README's test command, 3 times in a row, while another CPU-heavy process keeps one
# core busy. Prints each run's exit code, duration and test count. Run it from the repo root after the
# README's install command.
set -u
cd "$(dirname "$0")/.."
node -e 'for (;;) {}' &
hog=$!
trap 'kill "$hog" 2>/dev/null' EXIT
failed=0
for run in 1 2 3; do
  started=$SECONDS
  log="$(mktemp)"
  npx -y pnpm@12.21.0 run test >"$log" 2>&1
  rc=$?
  [ "$rc" = 0 ] || failed=1
  echo "run $run: exit $rc in $((SECONDS - started)) s, load $(cut -d' ' -f1-3 /proc/loadavg); $(grep -a 'Tests ' "$log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g' | tr -s ' ')"
  rm -f "$log"
done
exit "$failed"
