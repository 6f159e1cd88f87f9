#!/usr/bin/env python3
"""Seeds a migrated invoice-server database for the benchmarks.

Usage: seed.py DB_PATH [INVOICES] [USERS]

Writes USERS users (default 1,000) with one login token each, INVOICES paid invoices (default
100,000) spread over them with one line and their history, and one API key of store 1 with
scope `invoices`. Rows go straight into SQLite in one transaction, because seeding 100,000
invoices through the API would take longer than the benchmark; the write path itself is
measured by the `invoice/merchant/create` scenario. The measured user also gets ten tax-invoice
applications. Prints one JSON line: that user's token, one of its invoice ids, one of its
real-money orders no application holds (`order_id`), and the API key.
"""
import hashlib
import json
import random
import secrets
import sqlite3
import sys
import time


def main() -> None:
    path = sys.argv[1]
    invoices = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    users = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000
    rng = random.Random(42)
    now = int(time.time())
    year = time.gmtime(now).tm_year
    db = sqlite3.connect(path, timeout=30)
    db.execute("PRAGMA journal_mode = WAL")
    with db:
        tokens = []
        for index in range(users):
            cursor = db.execute(
                "INSERT INTO users (store_id, name, email, password_hash, created_at) VALUES (1, ?, ?, NULL, ?)",
                (f"bench-user-{index}", f"bench-user-{index}@example.com", now),
            )
            token = secrets.token_hex(32)
            db.execute(
                "INSERT INTO tokens (token_hash, subject_kind, subject_id, created_at, expires_at) VALUES (?, 'user', ?, ?, ?)",
                (hashlib.sha256(token.encode()).digest(), cursor.lastrowid, now, now + 86_400),
            )
            tokens.append((cursor.lastrowid, token))
        key = "isk_" + secrets.token_hex(32)
        db.execute(
            "INSERT INTO api_keys (store_id, key_hash, scopes, created_at) VALUES (1, ?, 'invoices', ?)",
            (hashlib.sha256(key.encode()).digest(), now),
        )
        first_invoice_of = {}
        bench_user_orders = []   # the measured user's real-money orders: (id, number, total)
        gateways = ["stripe", "stripe", "stripe", "paypal", "paypal", "balance"]
        for sequence in range(1, invoices + 1):
            user_id, _ = tokens[sequence % users]
            total = rng.randint(100, 100_000)
            paid_at = now - rng.randint(3_600, 300 * 86_400)
            gateway = gateways[sequence % len(gateways)]
            cursor = db.execute(
                """INSERT INTO invoice_invoices (store_id, number, kind, user_id, status, currency, total, vat, original_amount,
                       full_price, tax_rate_bp, tax_inclusive, gateway_type, transaction_id, paid_amount, paid_at, customer,
                       created_at, updated_at)
                   VALUES (1, ?, 'order', ?, 'paid', 'CNY', ?, 0, ?, ?, 0, 1, ?, ?, ?, ?, '{}', ?, ?)""",
                (f"INV-{year}-{sequence:06d}", user_id, total, total, total, gateway, f"tx-{sequence}", total, paid_at,
                 paid_at - 60, paid_at),
            )
            invoice_id = cursor.lastrowid
            first_invoice_of.setdefault(user_id, invoice_id)
            if user_id == tokens[1 % users][0] and gateway != "balance":
                bench_user_orders.append((invoice_id, f"INV-{year}-{sequence:06d}", total))
            db.execute(
                """INSERT INTO invoice_lines (invoice_id, position, code, title, description, have_tax, quantity, amount,
                       discount_amount, discount_type, discount, vat, total)
                   VALUES (?, 0, 'SKU', 'Bench item', '', 0, 1, ?, 0, 0, 0, 0, ?)""",
                (invoice_id, total, total),
            )
            db.executemany(
                "INSERT INTO invoice_history (invoice_id, status, at, note) VALUES (?, ?, ?, ?)",
                [(invoice_id, "pending", paid_at - 60, "created"), (invoice_id, "paid", paid_at, "paid")],
            )
        # Ten tax-invoice applications of the measured user (ShopXO's user/index lists them),
        # each for one of its orders but the first, which user/saveinfo asks about.
        for index, (invoice_id, number, total) in enumerate(bench_user_orders[1:11]):
            cursor = db.execute(
                """INSERT INTO invoice_applications (store_id, user_id, business_type, status, currency, total_price,
                       apply_type, invoice_type, invoice_content, invoice_title, email, add_time)
                   VALUES (1, ?, 0, ?, 'CNY', ?, 0, 0, '明细', '个人', 'bench@example.com', ?)""",
                (tokens[1 % users][0], index % 4, total, now - index * 3_600),
            )
            db.execute(
                "INSERT INTO invoice_application_items (application_id, invoice_id, business_no, live) VALUES (?, ?, ?, 1)",
                (cursor.lastrowid, invoice_id, number),
            )
        db.execute(
            "INSERT INTO invoice_counters (store_id, period, last_value) VALUES (1, ?, ?) "
            "ON CONFLICT (store_id, period) DO UPDATE SET last_value = excluded.last_value",
            (str(year), invoices),
        )
    user_id, token = tokens[1 % users]
    print(json.dumps({"token": token, "invoice_id": first_invoice_of.get(user_id), "api_key": key,
                      "order_id": bench_user_orders[0][0]}))


if __name__ == "__main__":
    main()
