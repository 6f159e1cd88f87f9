#!/usr/bin/env bash
# Renders the sample invoice PDFs in this folder with the server's own code, and a PNG of each
# first page: starts the built server on a scratch database, sets the store's details and logo,
# creates and pays one invoice per language (en, zh, fa) through the merchant API, and one
# unpaid English invoice (its pro forma bill), and saves what merchant/pdf answers.
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
                                 "store_address": "12 Harbour Road, Wan Chai, Hong Kong", "store_tax_id": "HK-BR-71234567",
                                 "currency": "USD", "tax_rate_bp": 900, "tax_inclusive": False})
json.dump(config, open(path, "w"))
PY
# A small logo: a dark blue badge with a light stripe (PNG written with zlib).
python3 - "$WORK/logo.png" <<'PY'
import struct, sys, zlib
width, height = 180, 48
rows = []
for y in range(height):
    row = bytearray([0])
    for x in range(width):
        inside = 4 <= y < height - 4 and 4 <= x < 60
        stripe = inside and 20 <= y < 28
        row += bytes((242, 242, 242)) if stripe else bytes((31, 58, 147)) if inside else bytes((255, 255, 255))
    rows.append(bytes(row))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
OPTS=(--config "$WORK/config/server.json" --data-dir "$WORK/data")
"$BIN" migrate "${OPTS[@]}" >/dev/null
"$BIN" user create --name "Sample Customer" --email customer@example.com --password sample-password "${OPTS[@]}" >/dev/null
KEY=$("$BIN" apikey create --store 1 --scopes invoices "${OPTS[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
ADMIN=$("$BIN" admin create --name samples --password sample-admin "${OPTS[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$BIN" serve --host 127.0.0.1 --port "$PORT" "${OPTS[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
API="http://127.0.0.1:$PORT/api/plugins/index?pluginsname=invoice&pluginscontrol=merchant"
for i in $(seq 1 150); do curl -s -o /dev/null --max-time 1 "$API&pluginsaction=list" && break; sleep 0.2; done
curl -s -o /dev/null -F "store_logo=@$WORK/logo.png;type=image/png" \
  "http://127.0.0.1:$PORT/admin/plugins/index?pluginsname=invoice&pluginscontrol=settings&pluginsaction=save&token=$ADMIN"

CUSTOMER='{"name": "Acme Trading GmbH", "email": "billing@acme.example", "address": "Hauptstrasse 5, 10115 Berlin",
  "country": "DE", "tax_id": "DE123456789"}'

sample() {  # sample NAME LANG PAY(yes|no) PRODUCTS-JSON
  local created id total
  created=$(curl -s -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' \
    -d "{\"user_id\": 1, \"customer_information\": $CUSTOMER, \"expires_at\": \"$(date -u -d '+14 days' +%Y-%m-%dT12:00:00Z)\",
         \"checkout_url\": \"https://pay.example.com/c/cs_sample_$1\", \"products\": $4}" \
    "$API&pluginsaction=create")
  read -r id total < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1])["data"]; print(d["id"], d["payment"]["subtotal"]["total"])' "$created")
  if [ "$3" = yes ]; then
    curl -s -H "X-Api-Key: $KEY" -d "id=$id&gateway=stripe&transaction_id=pi_3QxSample$2&amount=$total" "$API&pluginsaction=pay" >/dev/null
  fi
  curl -s -X POST -H "X-Api-Key: $KEY" -o "$OUT/$1.pdf" "$API&pluginsaction=pdf&id=$id&lang=$2"
  pdftoppm -r 80 -f 1 -l 1 -singlefile -png "$OUT/$1.pdf" "$OUT/$1"
  echo "wrote $OUT/$1.pdf ($(pdfinfo "$OUT/$1.pdf" | awk '/^Pages:/ { print $2 }') page) and $OUT/$1.png"
}
sample invoice-en en yes '[{"title": "Blue widget", "description": "Aluminium, anodised", "quantity": 2, "amount": "12.50", "have_tax": true},
  {"title": "Consulting hour", "description": "Remote, March", "quantity": 3, "amount": "80.00", "discount_type": 0, "discount_amount": "10", "have_tax": true},
  {"title": "🎁 Gift card", "quantity": 1, "amount": "50.00"}]'
sample invoice-zh zh yes '[{"title": "蓝色小部件", "description": "阳极氧化铝", "quantity": 2, "amount": "12.50", "have_tax": true},
  {"title": "咨询服务（小时）", "description": "远程，三月", "quantity": 3, "amount": "80.00", "discount_type": 0, "discount_amount": "10", "have_tax": true},
  {"title": "🎁 礼品卡", "quantity": 1, "amount": "50.00"}]'
sample invoice-fa fa yes '[{"title": "ویجت آبی", "description": "آلومینیوم آنودایز شده", "quantity": 2, "amount": "12.50", "have_tax": true},
  {"title": "ساعت مشاوره", "description": "از راه دور، اسفند", "quantity": 3, "amount": "80.00", "discount_type": 0, "discount_amount": "10", "have_tax": true},
  {"title": "🎁 کارت هدیه", "quantity": 1, "amount": "50.00"}]'
sample pro-forma-en en no '[{"title": "Support plan", "description": "12 months, business hours", "quantity": 1, "amount": "199.00", "have_tax": true},
  {"title": "Installation", "description": "On site, half a day", "quantity": 1, "amount": "120.00", "have_tax": true}]'
