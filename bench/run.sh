#!/usr/bin/env bash
# Compares invoice-server with a bare Hummingbird server (bench-baseline) on the same machine.
# Usage: make bench   (or: bash bench/run.sh). See bench/README.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
export LC_ALL=C                      # decimal points in printf/awk

SWIFT=${SWIFT:-swift}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-2s}
HOST=127.0.0.1                       # never anything but loopback
SERVER_PORT=${BENCH_SERVER_PORT:-18080}
BASELINE_PORT=${BENCH_BASELINE_PORT:-18081}
CONNS=(16 64)
PING='/api/plugins/index?pluginsname=system&pluginscontrol=system&pluginsaction=ping'

# Scenarios: "name|method|path[|wrk lua script[|the script's body, for the check before measuring[|calls per request]]]".
# POST entries without a script use
# bench/lua/post-json.lua. The baseline answers every scenario with its fixed envelope on the
# ping path, with the scenario's method and script, so each ratio compares like with like.
SCENARIOS=(
  "system/ping|GET|$PING"
)
INVOICES=${BENCH_INVOICES:-100000}
USERS=${BENCH_USERS:-1000}

SERVER_BIN=.build/release/invoice-server
BASELINE_BIN=.build/release/bench-baseline
RESULTS=bench/results/latest.md

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (run make deps)" >&2; exit 1; }
done

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  "$SWIFT" build -c release --product invoice-server
  "$SWIFT" build -c release --product bench-baseline
fi

WORK=$(mktemp -d)
SERVER_PID=""
BASELINE_PID=""
WRK_PID=""

stop() {  # stop PID: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  if [ -n "$WRK_PID" ]; then kill -KILL "$WRK_PID" 2>/dev/null || true; fi
  stop "$SERVER_PID"
  stop "$BASELINE_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# wait_ready NAME PID URL LOG: poll with curl for up to 30 s while the process lives.
wait_ready() {
  local name=$1 pid=$2 url=$3 log=$4 i
  for i in $(seq 1 150); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: $name exited during start-up; log:" >&2; tail -n 30 "$log" >&2; exit 1
    fi
    if curl -s -o /dev/null --max-time 1 "$url"; then return 0; fi
    sleep 0.2
  done
  echo "bench: $name did not answer within 30 s; log:" >&2; tail -n 30 "$log" >&2; exit 1
}

port_free() {
  if curl -s -o /dev/null --max-time 1 "http://$HOST:$1/"; then
    echo "bench: something already answers on $HOST:$1; stop it or set BENCH_*_PORT" >&2; exit 1
  fi
}

port_free "$BASELINE_PORT"
port_free "$SERVER_PORT"

"$BASELINE_BIN" --host "$HOST" --port "$BASELINE_PORT" >"$WORK/baseline.log" 2>&1 &
BASELINE_PID=$!
mkdir -p "$WORK/data"
echo "bench: seeding $INVOICES invoices over $USERS users" >&2
"$SERVER_BIN" migrate --data-dir "$WORK/data" >/dev/null
SEED=$(python3 bench/seed.py "$WORK/data/invoice-server.sqlite" "$INVOICES" "$USERS")
TOKEN=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"])' "$SEED")
INVOICE_ID=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["invoice_id"])' "$SEED")
export BENCH_API_KEY=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["api_key"])' "$SEED")
export BENCH_INVOICE_ID=$INVOICE_ID
export BENCH_ORDER_ID=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["order_id"])' "$SEED")
INVOICE='/api/plugins/index?pluginsname=invoice'
# ShopXO's app: its entry path and common parameters, as captured from ShopXO 6.5.0's h5 client.
SHOPXO="/api.php?s=plugins/index&pluginsname=invoice&pluginscontrol=user&system_type=default&application=app&application_client_type=h5&application_client_brand=&token=$TOKEN&uuid=3f1c6a2e-8d4b-4c51-9e0a-bench00000001&lang=zh&theme=red&ajax=ajax"
SCENARIOS+=(
  "invoice/order/index|POST|$INVOICE&pluginscontrol=order&pluginsaction=index&page=1&page_size=20&payment=stripe&token=$TOKEN"
  "invoice/order/detail|POST|$INVOICE&pluginscontrol=order&pluginsaction=detail&id=$INVOICE_ID&token=$TOKEN"
  "invoice/merchant/create|POST|$INVOICE&pluginscontrol=merchant&pluginsaction=create|bench/lua/create-invoice.lua"
  "shopxo app user/index|POST|$SHOPXO&pluginsaction=index|bench/lua/shopxo-user-index.lua|{\"page\":1}"
  "shopxo app user/saveinfo|POST|$SHOPXO&pluginsaction=saveinfo|bench/lua/shopxo-user-saveinfo.lua|{\"ids\":\"$BENCH_ORDER_ID\",\"type\":\"order\"}"
)
# Batches (issue 16): 20 calls in one request against the same 20 calls as separate requests on
# wrk's keep-alive connections. BATCH_PAIRS: "batch scenario|the scenario of its calls sent alone".
VIEW_CALL="{\"pluginsname\":\"invoice\",\"pluginscontrol\":\"merchant\",\"pluginsaction\":\"view\",\"params\":{\"id\":$INVOICE_ID}}"
VIEW_BATCH="{\"token\":\"$BENCH_API_KEY\",\"calls\":[$(printf "$VIEW_CALL,%.0s" $(seq 1 19))$VIEW_CALL]}"
SCENARIOS+=(
  "invoice/merchant/view|POST|$INVOICE&pluginscontrol=merchant&pluginsaction=view&id=$INVOICE_ID&token=$BENCH_API_KEY"
  "batch of 20 merchant/view|POST|/api/plugins/batch|bench/lua/batch-reads.lua|$VIEW_BATCH|20"
  "atomic batch of 20 merchant/create|POST|/api/plugins/batch|bench/lua/batch-creates.lua||20"
)
BATCH_PAIRS=(
  "batch of 20 merchant/view|invoice/merchant/view"
  "atomic batch of 20 merchant/create|invoice/merchant/create"
)
"$SERVER_BIN" serve --host "$HOST" --port "$SERVER_PORT" --data-dir "$WORK/data" \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_ready bench-baseline "$BASELINE_PID" "http://$HOST:$BASELINE_PORT$PING" "$WORK/baseline.log"
wait_ready invoice-server "$SERVER_PID" "http://$HOST:$SERVER_PORT$PING" "$WORK/server.log"

WARNINGS=()

# Splits a scenario entry into S_NAME S_METHOD S_PATH S_LUA S_BODY S_CALLS.
split_scenario() {
  IFS='|' read -r S_NAME S_METHOD S_PATH S_LUA S_BODY S_CALLS <<<"$1"
  S_CALLS=${S_CALLS:-1}
  if [ "$S_METHOD" = POST ] && [ -z "$S_LUA" ]; then S_LUA=bench/lua/post-json.lua; fi
  if [ "$S_METHOD" != GET ] && [ -z "$S_LUA" ]; then
    echo "bench: scenario $S_NAME: method $S_METHOD needs a wrk lua script" >&2; exit 1
  fi
}

# One request by curl before measuring, so an error envelope is not benchmarked unnoticed.
check_answer() {
  local label=$1 url=$2 body empty='{}'
  if [ "$S_METHOD" = GET ]; then
    body=$(curl -s --max-time 5 "$url" || true)
  else
    body=$(curl -s --max-time 5 -X "$S_METHOD" -H 'Content-Type: application/json' -d "${S_BODY:-$empty}" "$url" || true)
  fi
  # Scripts that make each request different check their own answers.
  if [ "$S_LUA" != bench/lua/post-json.lua ] && [ -z "$S_BODY" ] && [ "$S_METHOD" != GET ]; then return 0; fi
  if [[ "$body" != *'"code":0'* ]]; then
    WARNINGS+=("$label: answer is not a success envelope: ${body:0:200}")
    echo "warning: $label: answer is not a success envelope: ${body:0:200}" >&2
  fi
}

# wrk in the background + wait, so that SIGTERM/SIGINT stop a run at once (see cleanup).
run_wrk() {
  wrk "$@" &
  WRK_PID=$!
  wait "$WRK_PID"
  WRK_PID=""
}

# measure LABEL CONNS URL -> sets M_REQS M_P50 M_P99 (2 s warm-up, then the measured run).
measure() {
  local label=$1 c=$2 url=$3 out="$WORK/wrk.out" parsed w
  local args=(-t2 "-c$c")
  if [ -n "$S_LUA" ]; then args+=(-s "$ROOT/$S_LUA"); fi
  echo "bench: $label, $c connections, $DURATION" >&2
  run_wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
  run_wrk "${args[@]}" -d"$DURATION" --latency "$url" >"$out"
  if ! parsed=$(python3 bench/parse_wrk.py <"$out" 2>"$WORK/parse.err"); then
    cat "$WORK/parse.err" "$out" >&2; exit 1
  fi
  while IFS= read -r w; do
    if [ -n "$w" ]; then
      WARNINGS+=("$label c=$c: ${w#warning: }")
      echo "$w ($label c=$c)" >&2
    fi
  done <"$WORK/parse.err"
  read -r M_REQS M_P50 M_P99 <<<"$parsed"
}

row() {  # row TARGET CONNS REQS CALLS/S P50 P99 RATIO
  printf '| %s | %s | %.0f | %.0f | %.3f | %.3f | %s |\n' "$@"
}

declare -A BASE_REQS=()
declare -A CALL_RATE=()              # calls/s by "scenario|conns", for the batch table
TABLE="| target | conns | req/s | calls/s | p50 ms | p99 ms | ratio to baseline |
|---|---:|---:|---:|---:|---:|---:|"

for entry in "${SCENARIOS[@]}"; do
  split_scenario "$entry"
  check_answer "baseline" "http://$HOST:$BASELINE_PORT$PING"
  check_answer "$S_NAME" "http://$HOST:$SERVER_PORT$S_PATH"
done

for c in "${CONNS[@]}"; do
  for entry in "${SCENARIOS[@]}"; do
    split_scenario "$entry"
    key="$S_METHOD|$S_LUA|$c"      # the baseline answer does not depend on the query
    if [ -z "${BASE_REQS[$key]:-}" ]; then
      blabel="baseline"
      if [ "$S_METHOD" != GET ]; then blabel+=" $S_METHOD${S_LUA:+ $(basename "$S_LUA")}"; fi
      measure "$blabel" "$c" "http://$HOST:$BASELINE_PORT$PING"
      BASE_REQS[$key]=$M_REQS
      TABLE+=$'\n'$(row "$blabel" "$c" "$M_REQS" "$M_REQS" "$M_P50" "$M_P99" "1.00")
    fi
    measure "$S_NAME" "$c" "http://$HOST:$SERVER_PORT$S_PATH"
    ratio=$(awk -v a="$M_REQS" -v b="${BASE_REQS[$key]}" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
    calls=$(awk -v r="$M_REQS" -v n="$S_CALLS" 'BEGIN { printf "%.2f", r * n }')
    CALL_RATE["$S_NAME|$c"]=$calls
    TABLE+=$'\n'$(row "invoice-server $S_NAME" "$c" "$M_REQS" "$calls" "$M_P50" "$M_P99" "$ratio")
  done
done

BATCH_TABLE="| batch | conns | calls/s sent alone | calls/s in batches | batch / alone |
|---|---:|---:|---:|---:|"
for pair in "${BATCH_PAIRS[@]}"; do
  IFS='|' read -r batch alone <<<"$pair"
  for c in "${CONNS[@]}"; do
    speedup=$(awk -v a="${CALL_RATE[$alone|$c]}" -v b="${CALL_RATE[$batch|$c]}" 'BEGIN { printf "%.2f", (a > 0) ? b / a : 0 }')
    BATCH_TABLE+=$'\n'$(printf '| %s | %s | %.0f | %.0f | %s |' "$batch" "$c" "${CALL_RATE[$alone|$c]}" "${CALL_RATE[$batch|$c]}" "$speedup")
  done
done

peak_mib() {  # VmHWM of a live process, in MiB
  awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"
}
RSS_LINE="invoice-server peak RSS (VmHWM): $(peak_mib "$SERVER_PID") MiB (bench-baseline: $(peak_mib "$BASELINE_PID") MiB)"

echo
echo "$TABLE"
echo
echo "$BATCH_TABLE"
echo
echo "$RSS_LINE"
for w in "${WARNINGS[@]}"; do echo "warning: $w"; done

commit=$(git rev-parse --short --verify -q HEAD 2>/dev/null || echo "no commit")
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then commit="$commit (uncommitted changes)"; fi
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# invoice-server benchmark"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "- cores (nproc): $(nproc)"
  echo "- commit: $commit"
  echo "- wrk: -t2, ${WARMUP} warm-up then ${DURATION} measured per row, on $HOST"
  echo
  echo "$TABLE"
  echo
  echo "$BATCH_TABLE"
  echo
  echo "$RSS_LINE"
  if [ "${#WARNINGS[@]}" -gt 0 ]; then
    echo
    echo "Warnings:"
    for w in "${WARNINGS[@]}"; do echo "- $w"; done
  fi
} >"$RESULTS"
echo
echo "bench: wrote $RESULTS"
