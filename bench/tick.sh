#!/usr/bin/env bash
# The scheduler tick benchmark: 1,000,000 active schedules, 1,000 of them due; one tick (claim,
# create the invoices, enqueue the email and SMS, commit) and request latency during it.
# Usage: bash bench/tick.sh   (BENCH_SCHEDULES, BENCH_DUE change the sizes). See bench/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SWIFT=${SWIFT:-swift}
SCHEDULES=${BENCH_SCHEDULES:-1000000}
DUE=${BENCH_DUE:-1000}
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  "$SWIFT" build -c release --product bench-tick
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OUT=$(.build/release/bench-tick "$SCHEDULES" "$DUE" "$WORK/data")
echo "$OUT"
{
  echo
  echo "## Scheduler tick ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo '```'
  echo "$OUT"
  echo '```'
} >> bench/results/tick.md
