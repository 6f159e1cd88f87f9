#!/usr/bin/env python3
"""The benchmark's typical invoice: 10 lines. Prints it as the JSON body of merchant/create, or
(with --html FILE) writes the same invoice as an HTML page for the headless-Chromium baseline,
with the same texts, fonts and table as the server's PDF."""
import html
import json
import sys

LINES = [
    ("Blue widget", "Aluminium, anodised", 2, "12.50"),
    ("Consulting hour", "Remote, March", 3, "80.00"),
    ("Gift card", "", 1, "50.00"),
    ("Shipping box (large)", "Double-walled cardboard", 10, "1.20"),
    ("USB-C cable 2 m", "", 4, "9.90"),
    ("Desk lamp", "LED, warm white", 1, "34.00"),
    ("Notebook A5", "Dotted, 120 pages", 6, "4.75"),
    ("Ink cartridge", "Black", 2, "27.30"),
    ("Support plan", "12 months, business hours", 1, "199.00"),
    ("Installation", "On site, half a day", 1, "120.00"),
]
STORE = ("Example Trading Ltd", "12 Harbour Road, Wan Chai, Hong Kong")


def body():
    return {
        "user_id": 1,
        "products": [
            {"code": f"P{i + 1}", "title": t, "description": d, "quantity": q, "amount": a, "have_tax": True}
            for i, (t, d, q, a) in enumerate(LINES)
        ],
    }


def page():
    rows = []
    subtotal = 0
    for i, (t, d, q, a) in enumerate(LINES):
        cents = int(a.replace(".", "")) * q
        tax = (cents * 13 + 50) // 100
        subtotal += cents
        rows.append(
            f"<tr><td>{i + 1}</td><td>{html.escape(t)}<br>{html.escape(d)}</td><td class=n>{q}</td>"
            f"<td class=n>{a} USD</td><td></td><td class=n>{tax / 100:.2f} USD</td><td class=n>{(cents + tax) / 100:,.2f} USD</td></tr>"
        )
    vat = sum((int(a.replace(".", "")) * q * 13 + 50) // 100 for _, _, q, a in LINES)
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 40pt }}
body {{ font-family: 'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans Arabic'; font-size: 8.5pt }}
h1 {{ font-size: 18pt; text-align: right; margin: 0 }} .store {{ font-size: 13pt; font-weight: bold }}
table {{ width: 100%; border-collapse: collapse }} th {{ background: #e6e6e6; text-align: left }}
td, th {{ padding: 4pt }} tr:nth-child(even) td {{ background: #f6f6f6 }} .n {{ text-align: right }}
</style></head><body>
<div class=store>{STORE[0]}</div><div>{STORE[1]}</div><h1>INVOICE</h1><div style="text-align:right">INV-2026-000001</div><hr>
<p>Invoice no. INV-2026-000001<br>Issued 2026-11-27 10:15 UTC<br>Paid 2026-11-27 10:16 UTC<br>Customer user1
<br>Payment method Stripe<br>Transaction ID pi_bench<br>Status Paid</p>
<table><tr><th>#</th><th>Item</th><th>Qty</th><th>Unit price</th><th>Discount</th><th>Tax</th><th>Amount</th></tr>
{''.join(rows)}</table>
<p style="text-align:right">Subtotal {subtotal / 100:,.2f} USD<br>VAT 13% {vat / 100:,.2f} USD<br>
<b>Total {(subtotal + vat) / 100:,.2f} USD</b></p>
<p>This invoice confirms the payment above and may be kept as a voucher for reimbursement and reconciliation.</p>
<p style="text-align:center">Page 1 / 1</p></body></html>"""


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--html":
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(page())
    else:
        print(json.dumps(body()))
