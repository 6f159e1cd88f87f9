"""Event safety: a SIGKILL at any moment loses no event and duplicates none.

A remote plugin (a small HTTP sink in this process, registered with `plugin register`) subscribes
to `invoice.created` and `invoice.paid`; the kernel turns each event into an outbox row in the
same transaction as the change that caused it. Client threads create invoices and pay most of
them (`merchant/create`, then `merchant/pay`), each create with its own idempotency key, while the
server is killed with SIGKILL at random moments and restarted on the same data dir.

After the last kill the database is read (read-only) as the crash left it:

- every invoice has exactly one `invoice.created` outbox row, and every paid invoice exactly one
  `invoice.paid` row; no unpaid invoice has one (no event lost, none duplicated, none invented);
- every acknowledged create and payment is in the database;

then the server restarts, every row is delivered (a row a killed process had claimed waits out
its lease, `lease_seconds` = 3 here) to the sink (at least once, each under its own
event id, signed with the plugin's secret), and the server stops with SIGTERM (exit 0).
"""

import hashlib
import hmac
import http.client
import json
import os
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from common import (CREATE_PATH, HOST, ClientThreads, Context, Server, ServerError, Table,
                    integrity_check, open_db_readonly, route_path, report_problems)

THREADS = 6
PAY_PATH = route_path("invoice", "merchant", "pay")
TOPICS = ("invoice.created", "invoice.paid")
LEASE_SECONDS = 3


class Sink:
    """The remote plugin's `/events` endpoint: checks each delivery's signature and records its
    event id and type."""

    def __init__(self):
        self.lock = threading.Lock()
        self.secret = None
        self.received = []        # (event id, type, invoice id)
        self.unsigned = 0
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                ok = sink.verified(self.headers.get("X-Signature", ""), body)
                event = json.loads(body) if ok else {}
                with sink.lock:
                    if ok:
                        data = event.get("data") or {}
                        sink.received.append((event.get("id"), event.get("type"), data.get("id")))
                    else:
                        sink.unsigned += 1
                answer = json.dumps({"msg": "received" if ok else "bad signature", "code": 0 if ok else -1, "data": ""}).encode()
                self.send_response(200 if ok else 401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        class Listener(ThreadingHTTPServer):
            request_queue_size = 128   # the outbox posts a batch at once; 5 would drop SYNs

        self.server = Listener((HOST, 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://{HOST}:{self.server.server_address[1]}"

    def verified(self, header, body):
        fields = dict(part.strip().split("=", 1) for part in header.split(",") if "=" in part)
        if self.secret is None or "t" not in fields or "v1" not in fields:
            return False
        expected = hmac.new(self.secret.encode(), fields["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, fields["v1"])

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class Load(ClientThreads):
    """Threads that create an invoice and pay three in four of them; each acknowledged create and
    payment is recorded by invoice id."""

    def __init__(self, port, api_key, deadline):
        super().__init__(THREADS)
        self.port = port
        self.headers = {"Content-Type": "application/json", "X-Api-Key": api_key}
        self.deadline = deadline
        self.created = set()      # invoice ids whose create was acknowledged
        self.paid = set()         # invoice ids whose payment was acknowledged
        self.unanswered = 0

    def post(self, conn, path, body):
        conn.request("POST", path, body=json.dumps(body), headers=self.headers)
        resp = conn.getresponse()
        answer = json.loads(resp.read())
        return answer if resp.status == 200 and answer.get("code") == 0 else None

    def worker(self, tid):
        rng = random.Random(tid)
        conn = None
        seq = 0
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            seq += 1
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
                    conn.connect()
                created = self.post(conn, CREATE_PATH, {
                    "request_id": f"ev-{tid}-{seq}",
                    "products": [{"title": "Widget", "amount": f"{rng.randint(100, 9999) / 100:.2f}", "quantity": 1}]})
                if created is None:
                    continue
                invoice = created["data"]
                with self.lock:
                    self.created.add(invoice["id"])
                if rng.random() < 0.75:
                    paid = self.post(conn, PAY_PATH, {
                        "id": invoice["id"], "gateway": "manual", "transaction_id": f"tx-{tid}-{seq}",
                        "amount": invoice["payment"]["subtotal"]["total"]})
                    if paid is not None:
                        with self.lock:
                            self.paid.add(invoice["id"])
            except (OSError, http.client.HTTPException, ValueError):
                with self.lock:
                    self.unanswered += 1
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.01)
        if conn is not None:
            conn.close()

    def count(self):
        with self.lock:
            return len(self.created)


def read_state(db_path, destination):
    """(invoice id -> status, {(topic, invoice id): [event ids]}, {event id: status}) from a
    read-only connection."""
    conn = open_db_readonly(db_path)
    try:
        statuses = dict(conn.execute("SELECT id, status FROM invoice_invoices"))
        events, delivery = {}, {}
        for event_id, topic, payload, status in conn.execute(
                "SELECT event_id, topic, payload, status FROM outbox WHERE destination = ?", (destination,)):
            invoice_id = (json.loads(payload) or {}).get("id")
            events.setdefault((topic, invoice_id), []).append(event_id)
            delivery[event_id] = status
        return statuses, events, delivery
    finally:
        conn.close()


def event_problems(statuses, events):
    """Each invoice's events against its state: exactly one created, exactly one paid when paid."""
    problems = []
    for invoice_id, status in statuses.items():
        created = len(events.get(("invoice.created", invoice_id), []))
        paid = len(events.get(("invoice.paid", invoice_id), []))
        if created != 1:
            problems.append(f"invoice {invoice_id}: {created} invoice.created rows")
        expected = 1 if status == "paid" else 0
        if paid != expected:
            problems.append(f"invoice {invoice_id} ({status}): {paid} invoice.paid rows")
    strangers = [key for key in events if key[1] not in statuses or key[0] not in TOPICS]
    if strangers:
        problems.append(f"outbox rows for no invoice or another topic: {strangers[:5]}")
    return problems


def run(ctx):
    kills = ctx.pick(5, 25)
    load_budget = ctx.pick(40, 180)
    min_creates = ctx.pick(60, 150)
    rng = random.Random(int(time.time()))
    problems = []
    with Sink() as sink, Server(ctx, "events") as server:
        try:
            # A killed process's claimed messages wait out their lease before another try: keep
            # it short so the run does not wait two minutes for them.
            with open(os.path.join(server.config_dir, "outbox.json"), "w") as f:
                json.dump({"lease_seconds": LEASE_SECONDS, "poll_ms": 100}, f)
            api_key = server.api_key(store="1")
            manifest_path = os.path.join(server.dir, "manifest.json")
            with open(manifest_path, "w") as f:
                json.dump({"name": "ledger", "version": "1.0.0", "title": "Ledger",
                           "actions": [{"control": "entries", "action": "sync", "access": "public"}],
                           "events": list(TOPICS), "timeout_seconds": 5}, f)
            sink.secret = server.cli("plugin", "register", "--manifest", manifest_path, "--base-url", sink.url)["secret"]
            destination = sink.url + "/events"
            server.start()
            started = time.monotonic()
            load = Load(server.port, api_key, deadline=started + load_budget)
            load.start()
            early = 0
            for i in range(kills):
                if i > 0 and rng.random() < 0.2:
                    early += 1
                    time.sleep(rng.uniform(0.0, 0.05))
                else:
                    base = load.count()
                    t0 = time.monotonic()
                    while load.count() - base < min_creates and time.monotonic() - t0 < 5:
                        time.sleep(0.01)
                    time.sleep(rng.uniform(0.0, 0.3))
                if not server.alive():
                    problems.append(f"server died on its own before kill {i + 1} (exit {server.proc.returncode})")
                    break
                server.kill()
                if i < kills - 1:
                    time.sleep(rng.uniform(0.0, 0.2))
                    server.start()
            load.finish()
            load_seconds = time.monotonic() - started

            # 1. The database as the last SIGKILL left it.
            statuses, events, _ = read_state(server.db_path, destination)
            problems += event_problems(statuses, events)
            lost_creates = sorted(i for i in load.created if i not in statuses)
            lost_payments = sorted(i for i in load.paid if statuses.get(i) != "paid")
            if lost_creates or lost_payments:
                problems.append(f"acknowledged but missing: creates {lost_creates[:5]}, payments {lost_payments[:5]}")
            rows = sum(len(v) for v in events.values())

            # 2. Restart: every row is delivered.
            server.start()
            delivery_started = time.monotonic()
            deadline = time.monotonic() + ctx.pick(60, 180)
            while time.monotonic() < deadline:
                _, _, delivery = read_state(server.db_path, destination)
                if all(status == "delivered" for status in delivery.values()):
                    break
                time.sleep(0.2)
            delivery_seconds = time.monotonic() - delivery_started
            exit_status = server.stop()
            if exit_status != 0:
                problems.append(f"SIGTERM: exit status {exit_status} (expected 0)")
            statuses, events, delivery = read_state(server.db_path, destination)
            problems += event_problems(statuses, events)
            with sink.lock:
                received = list(sink.received)
                unsigned = sink.unsigned
            ids = {e for e, _, _ in received}
            undelivered = [e for e, s in delivery.items() if s != "delivered"]
            never_received = [e for e in delivery if e not in ids]
            unknown = [e for e in ids if e not in delivery]
            mismatched = [(e, t, i) for e, t, i in received if e in delivery and (t, i) not in
                          {k for k, v in events.items() if e in v}]
            if undelivered or never_received:
                problems.append(f"not delivered: {len(undelivered)} rows not marked delivered, "
                                f"{len(never_received)} never received (e.g. {(undelivered or never_received)[:3]})")
            if unknown or mismatched:
                problems.append(f"deliveries of unknown events {unknown[:3]} or with another type/invoice {mismatched[:3]}")
            if unsigned:
                problems.append(f"{unsigned} deliveries whose signature did not verify")
            integrity = integrity_check(server.db_path)
            if integrity != "ok":
                problems.append(f"integrity_check: {integrity}")
            if not load.created:
                problems.append("no create was acknowledged at all")

            paid_count = sum(1 for s in statuses.values() if s == "paid")
            t = Table("count", "value")
            t.add("kills (SIGKILL)", kills)
            t.add("  of them right after a start", early)
            t.add("load seconds", f"{load_seconds:.1f}")
            t.add("acknowledged creates / payments", f"{len(load.created)} / {len(load.paid)}")
            t.add("unanswered requests", load.unanswered)
            t.add("invoices in the database / paid", f"{len(statuses)} / {paid_count}")
            t.add("event rows (created + paid)", rows)
            t.add("  expected (invoices + paid)", len(statuses) + paid_count)
            t.add("seconds until all were delivered", f"{delivery_seconds:.1f}")
            t.add("deliveries received / distinct events", f"{len(received)} / {len(ids)}")
            t.add("  redelivered after a kill (same id)", len(received) - len(ids))
            lost = sum(1 for i in statuses if not events.get(("invoice.created", i))) + \
                sum(1 for i, s in statuses.items() if s == "paid" and not events.get(("invoice.paid", i)))
            t.add("events lost / duplicated", f"{lost} / {sum(len(v) - 1 for v in events.values() if len(v) > 1)}")
            t.add("integrity_check", integrity)
            t.print()
        except ServerError as e:
            problems.append(str(e))
        passed = report_problems(server, problems, limit=20)
    return passed


if __name__ == "__main__":
    sys.exit(0 if run(Context()) else 1)
