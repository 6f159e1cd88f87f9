#!/usr/bin/env bash
# The scheduler tick benchmark: 1,000,000 active schedules, 1,000 of them due; one tick (claim,
# create the invoices, enqueue the email and SMS, commit) and request latency during it; a tick
# with nothing due; catch-up of 100,000 occurrences due over the past day.
# Usage: bash bench/tick.sh   (BENCH_SCHEDULES, BENCH_DUE, BENCH_CATCH_UP change the sizes). See bench/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SWIFT=${SWIFT:-swift}
SCHEDULES=${BENCH_SCHEDULES:-1000000}
DUE=${BENCH_DUE:-1000}
CATCH_UP=${BENCH_CATCH_UP:-100000}
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  "$SWIFT" build -c release --product bench-tick
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OUT=$(.build/release/bench-tick "$SCHEDULES" "$DUE" "$CATCH_UP" "$WORK/data")
echo "$OUT"
{
  echo
  echo "## Scheduler tick ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git rev-parse --short HEAD))"
  echo
  echo '```'
  echo "$OUT"
  echo '```'
} >> bench/results/tick.md
