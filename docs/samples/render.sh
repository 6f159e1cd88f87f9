#!/usr/bin/env bash
# Renders the sample invoice PDFs in this folder (en, zh, fa) with the server's own code: starts
# the built server on a scratch database, creates and pays one invoice per language through the
# merchant API, and saves what merchant/pdf answers.
# Usage: bash docs/samples/render.sh [path to invoice-server binary, default .build/release/invoice-server]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${1:-.build/release/invoice-server}
PORT=${SAMPLES_PORT:-18090}
OUT=docs/samples
WORK=$(mktemp -d)
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

cp -r config "$WORK/config"
python3 - "$WORK/config/plugins/invoice.json" <<'PY'
import json, sys
path = sys.argv[1]
config = json.load(open(path))
config["store_defaults"].update({"store_name": "Example Trading Ltd · 示例贸易有限公司",
                                 "store_address": "12 Harbour Road, Wan Chai, Hong Kong",
                                 "currency": "USD", "tax_rate_bp": 900, "tax_inclusive": False})
json.dump(config, open(path, "w"))
PY
OPTS=(--config "$WORK/config/server.json" --data-dir "$WORK/data")
"$BIN" migrate "${OPTS[@]}" >/dev/null
"$BIN" user create --name "Sample Customer" --email customer@example.com --password sample-password "${OPTS[@]}" >/dev/null
KEY=$("$BIN" apikey create --store 1 --scopes invoices "${OPTS[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
"$BIN" serve --host 127.0.0.1 --port "$PORT" "${OPTS[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
API="http://127.0.0.1:$PORT/api/plugins/index?pluginsname=invoice&pluginscontrol=merchant"
for i in $(seq 1 150); do curl -s -o /dev/null --max-time 1 "$API&pluginsaction=list" && break; sleep 0.2; done

sample() {  # sample LANG PRODUCTS-JSON
  local created id total
  created=$(curl -s -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' \
    -d "{\"user_id\": 1, \"customer_information\": {\"email\": \"customer@example.com\", \"country\": \"HK\"}, \"products\": $2}" \
    "$API&pluginsaction=create")
  read -r id total < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1])["data"]; print(d["id"], d["payment"]["subtotal"]["total"])' "$created")
  curl -s -H "X-Api-Key: $KEY" -d "id=$id&gateway=stripe&transaction_id=pi_3QxSample$1&amount=$total" "$API&pluginsaction=pay" >/dev/null
  curl -s -X POST -H "X-Api-Key: $KEY" -o "$OUT/invoice-$1.pdf" "$API&pluginsaction=pdf&id=$id&lang=$1"
  echo "wrote $OUT/invoice-$1.pdf ($(pdfinfo "$OUT/invoice-$1.pdf" | awk '/^Pages:/ { print $2 }') page)"
}
sample en '[{"title": "Blue widget", "description": "Aluminium, anodised", "quantity": 2, "amount": "12.50", "have_tax": true},
  {"title": "Consulting hour", "description": "Remote, March", "quantity": 3, "amount": "80.00", "discount_type": 0, "discount_amount": "10", "have_tax": true},
  {"title": "Gift card", "quantity": 1, "amount": "50.00"}]'
sample zh '[{"title": "蓝色小部件", "description": "阳极氧化铝", "quantity": 2, "amount": "12.50", "have_tax": true},
  {"title": "咨询服务（小时）", "description": "远程，三月", "quantity": 3, "amount": "80.00", "discount_type": 0, "discount_amount": "10", "have_tax": true},
  {"title": "礼品卡", "quantity": 1, "amount": "50.00"}]'
sample fa '[{"title": "ویجت آبی", "description": "آلومینیوم آنودایز شده", "quantity": 2, "amount": "12.50", "have_tax": true},
  {"title": "ساعت مشاوره", "description": "از راه دور، اسفند", "quantity": 3, "amount": "80.00", "discount_type": 0, "discount_amount": "10", "have_tax": true},
  {"title": "کارت هدیه", "quantity": 1, "amount": "50.00"}]'
