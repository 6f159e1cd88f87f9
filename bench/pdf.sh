#!/usr/bin/env bash
# Invoice PDFs per second in English, Chinese and Persian: invoice-server rendering a typical
# 10-line invoice with the PDF cache off (every request renders), against headless Chromium
# printing the same invoice from HTML, in the same run on the same machine. Also the server's
# RSS after 10,000 renders.
# Usage: make bench (runs bench/run.sh, then this), or: bash bench/pdf.sh. See bench/README.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
export LC_ALL=C

SWIFT=${SWIFT:-swift}
HOST=127.0.0.1
PORT=${BENCH_SERVER_PORT:-18080}
DURATION=${BENCH_PDF_DURATION:-10s}
CONNS=${BENCH_PDF_CONNS:-8}
RENDERS=${BENCH_PDF_RENDERS:-10000}
CHROMIUM_RUNS=${BENCH_CHROMIUM_RUNS:-10}
SERVER_BIN=.build/release/invoice-server
RESULTS=bench/results/pdf.md

for tool in wrk curl python3 pdfinfo; do
  command -v "$tool" >/dev/null || { echo "bench-pdf: $tool not found (run make deps)" >&2; exit 1; }
done
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  "$SWIFT" build -c release --product invoice-server
fi

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# A config whose invoice plugin keeps no PDF cache: every request renders.
cp -r config "$WORK/config"
python3 - "$WORK/config/plugins/invoice.json" <<'PY'
import json, sys
path = sys.argv[1]
config = json.load(open(path))
config["pdf_cache_bytes"] = 0
config["store_defaults"].update({"store_name": "Example Trading Ltd", "store_address": "12 Harbour Road, Wan Chai, Hong Kong",
                                 "currency": "USD", "tax_rate_bp": 1300, "tax_inclusive": False})
json.dump(config, open(path, "w"))
PY
OPTS=(--config "$WORK/config/server.json" --data-dir "$WORK/data")
"$SERVER_BIN" migrate "${OPTS[@]}" >/dev/null
"$SERVER_BIN" user create --name user1 --password bench-password "${OPTS[@]}" >/dev/null
KEY=$("$SERVER_BIN" apikey create --store 1 --scopes invoices "${OPTS[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
"$SERVER_BIN" serve --host "$HOST" --port "$PORT" "${OPTS[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
API="http://$HOST:$PORT/api/plugins/index?pluginsname=invoice&pluginscontrol=merchant"
for i in $(seq 1 150); do curl -s -o /dev/null --max-time 1 "$API&pluginsaction=list" && break; sleep 0.2; done

# One paid 10-line invoice per language; each language is measured on its own, then the server
# is topped up to RENDERS renders in all (the three languages in turn) before its memory is read.
declare -A URL BYTES RATE P50 P99 CHROME
for lang in en zh fa; do
  CREATED=$(python3 bench/pdf_invoice.py --lang "$lang" | curl -s -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' -d @- "$API&pluginsaction=create")
  read -r ID TOTAL < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1])["data"]; print(d["id"], d["payment"]["subtotal"]["total"])' "$CREATED")
  curl -s -H "X-Api-Key: $KEY" -d "id=$ID&gateway=stripe&transaction_id=pi_bench&amount=$TOTAL" "$API&pluginsaction=pay" >/dev/null
  URL[$lang]="$API&pluginsaction=pdf&id=$ID&lang=$lang"
  curl -s -X POST -H "X-Api-Key: $KEY" -o "$WORK/server-$lang.pdf" "${URL[$lang]}"
  PAGES=$(pdfinfo "$WORK/server-$lang.pdf" | awk '/^Pages:/ { print $2 }')
  [ "$PAGES" = 1 ] || { echo "bench-pdf: expected a one-page $lang PDF, got: $(head -c 300 "$WORK/server-$lang.pdf")" >&2; exit 1; }
  BYTES[$lang]=$(stat -c %s "$WORK/server-$lang.pdf")
done

cat >"$WORK/pdf.lua" <<LUA
wrk.method = "POST"
wrk.headers["X-Api-Key"] = "$KEY"
LUA
DONE=0
for lang in en zh fa; do
  echo "bench-pdf: invoice-server, $lang, $CONNS connections, $DURATION" >&2
  wrk -t2 -c"$CONNS" -d2s -s "$WORK/pdf.lua" "${URL[$lang]}" >"$WORK/warmup.out"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$WORK/pdf.lua" "${URL[$lang]}" >"$WORK/wrk-$lang.out"
  read -r RATE[$lang] P50[$lang] P99[$lang] < <(python3 bench/parse_wrk.py <"$WORK/wrk-$lang.out")
  DONE=$(( DONE + $(awk '/requests in/ { print $1 }' "$WORK/warmup.out") + $(awk '/requests in/ { print $1 }' "$WORK/wrk-$lang.out") ))
done
# Top up to RENDERS renders, the languages in turn, then read the resident memory.
while [ "$DONE" -lt "$RENDERS" ]; do
  for lang in en zh fa; do
    SECONDS_LEFT=$(awk -v n="$(( (RENDERS - DONE) / 3 ))" -v r="${RATE[$lang]}" 'BEGIN { printf "%d", n / (r > 0 ? r : 1) + 1 }')
    wrk -t2 -c"$CONNS" -d"${SECONDS_LEFT}s" -s "$WORK/pdf.lua" "${URL[$lang]}" >"$WORK/topup.out"
    DONE=$(( DONE + $(awk '/requests in/ { print $1 }' "$WORK/topup.out") ))
  done
done
RSS=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")
HWM=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")

if [ -n "$CHROMIUM" ]; then
  print_one() {
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$WORK/chrome-$1" \
      --print-to-pdf="$WORK/chrome-$1.pdf" "file://$WORK/invoice-$LANG_NOW.html" >/dev/null 2>&1
  }
  export -f print_one; export CHROMIUM WORK
  for lang in en zh fa; do
    python3 bench/pdf_invoice.py --lang "$lang" --html "$WORK/invoice-$lang.html"
    echo "bench-pdf: headless Chromium, $lang, $CHROMIUM_RUNS prints, 2 at a time" >&2
    export LANG_NOW=$lang
    START=$(date +%s.%N)
    seq 1 "$CHROMIUM_RUNS" | xargs -P 2 -I{} bash -c 'print_one {}'
    END=$(date +%s.%N)
    CHROME[$lang]=$(awk -v n="$CHROMIUM_RUNS" -v s="$START" -v e="$END" 'BEGIN { printf "%.2f", n / (e - s) }')
    rm -rf "$WORK"/chrome-*
  done
fi

TABLE="| language | invoice-server PDFs/s (cache off, $CONNS conns) | p50 ms | p99 ms | bytes per PDF | share of en | Chromium PDFs/s (2 at a time) | ratio to Chromium |
|---|---:|---:|---:|---:|---:|---:|---:|"
for lang in en zh fa; do
  SHARE=$(awk -v a="${RATE[$lang]}" -v b="${RATE[en]}" 'BEGIN { printf "%.2f", a / b }')
  RATIO=$(awk -v a="${RATE[$lang]}" -v b="${CHROME[$lang]:-0}" 'BEGIN { if (b > 0) printf "%.0f", a / b; else print "n/a" }')
  TABLE="$TABLE
| $lang | $(printf '%.0f' "${RATE[$lang]}") | ${P50[$lang]} | ${P99[$lang]} | ${BYTES[$lang]} | $SHARE | ${CHROME[$lang]:-n/a} | $RATIO |"
done
RSS_LINE="invoice-server RSS after $DONE renders (en, zh, fa): $RSS MiB (peak $HWM MiB)"
echo
echo "$TABLE"
echo
echo "$RSS_LINE"
[ -n "$CHROMIUM" ] || echo "warning: chromium not installed (apt-get install chromium): no baseline"

commit=$(git rev-parse --short --verify -q HEAD 2>/dev/null || echo "no commit")
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then commit="$commit (uncommitted changes)"; fi
{
  echo "# invoice PDF benchmark"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "- cores (nproc): $(nproc)"
  echo "- commit: $commit"
  echo "- invoice: 10 lines, one A4 page, in each language (bench/pdf_invoice.py)"
  echo "- fonts: $(ls fonts/generated 2>/dev/null | tr '\n' ' ' || true)"
  echo
  echo "$TABLE"
  echo
  echo "$RSS_LINE"
} >"$RESULTS"
echo "bench-pdf: wrote $RESULTS"
