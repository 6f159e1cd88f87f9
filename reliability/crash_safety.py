"""Crash safety: no acknowledged write is ever lost or duplicated, whatever the moment of a crash.

Client threads create invoices (merchant/create) with unique idempotency keys (request_id), on
two stores, and record every acknowledged key (HTTP 200, code 0, the invoice carries that key)
and every key whose request got no answer. The server is killed with SIGKILL at random moments
while the load runs and restarted on the same data dir. After the last kill the database is read
(read-only) before the server touches it again; then the server restarts, every key that was not
acknowledged is retried once (it must succeed, once), and a sample of acknowledged keys is
retried too (it must answer the same invoice). Finally, with the server stopped by SIGTERM (exit
0), the database must show:

- every acknowledged key exactly once, with the id and number the client was given (lost = 0,
  duplicates = 0);
- numbers unique per store and gapless: for each counter (store, period), the numbers' sequence
  values are exactly 1..last_value;
- every invoice with its lines and history row (no half-written invoice), no orphan lines;
- PRAGMA integrity_check = ok and PRAGMA foreign_key_check empty.
"""

import http.client
import json
import random
import re
import sys
import time

from common import (CREATE_PATH, HOST, LIST_PATH, ClientThreads, Context, Server, ServerError, Table,
                    integrity_check, open_db_readonly, report_problems)

THREADS = 8


class Load(ClientThreads):
    """N client threads creating invoices; each key is recorded as acknowledged, unanswered
    (sent, no answer), or rejected (answered with another code)."""

    def __init__(self, port, keys, threads, deadline, max_per_thread=200_000):
        super().__init__(threads)
        self.port = port
        self.keys = keys                  # [(store label, api key)]
        self.deadline = deadline
        self.max_per_thread = max_per_thread
        self.acked = {}                   # request_id -> (store label, id, number)
        self.unanswered = set()           # sent, no answer
        self.rejected = {}                # request_id -> (HTTP status, code)
        self.wrong = []                   # code 0 but not the invoice of this key
        self.refused = 0                  # connection refused: nothing sent, key reused

    def worker(self, tid):
        store, api_key = self.keys[tid % len(self.keys)]
        headers = {"Content-Type": "application/json", "X-Api-Key": api_key}
        conn = None
        seq = 0
        while not self.stop.is_set() and time.monotonic() < self.deadline and seq < self.max_per_thread:
            key = f"cs-{tid}-{seq}"
            if conn is None:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
                try:
                    conn.connect()
                except OSError:
                    conn = None
                    with self.lock:
                        self.refused += 1
                    time.sleep(0.02)
                    continue  # nothing was sent: the key is still unused
            try:
                conn.request("POST", CREATE_PATH, body=body_for(key), headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
            except (OSError, http.client.HTTPException):
                with self.lock:
                    self.unanswered.add(key)
                conn.close()
                conn = None
                seq += 1
                continue
            seq += 1
            try:
                j = json.loads(raw)
            except ValueError:
                j = None
            with self.lock:
                if resp.status == 200 and isinstance(j, dict) and j.get("code") == 0:
                    data = j.get("data") or {}
                    if data.get("request_id") == key:
                        self.acked[key] = (store, data.get("id"), data.get("number"))
                    else:
                        self.wrong.append((key, data.get("request_id")))
                else:
                    self.rejected[key] = (resp.status, j.get("code") if isinstance(j, dict) else None)
            if resp.will_close:
                conn.close()
                conn = None
        if conn is not None:
            conn.close()

    def acked_count(self):
        with self.lock:
            return len(self.acked)


def body_for(key):
    """The create body of an idempotency key: one to three lines drawn from the key itself, so a
    retry sends exactly the parameters of the first attempt (the same key with other parameters
    is refused, -101)."""
    rng = random.Random(key)
    lines = [{"title": f"Widget {i}", "amount": f"{rng.randint(1, 99999) / 100:.2f}", "quantity": rng.randint(1, 5)}
             for i in range(rng.randint(1, 3))]
    return json.dumps({"request_id": key, "products": lines})


def create(port, api_key, key, timeout=10):
    """One create with an existing key (the retry, with the first attempt's body): returns (status, code, data)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("POST", CREATE_PATH, body=body_for(key), headers={"Content-Type": "application/json", "X-Api-Key": api_key})
        resp = conn.getresponse()
        j = json.loads(resp.read())
        return resp.status, j.get("code"), j.get("data") or {}
    finally:
        conn.close()


def api_total(port, api_key):
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("POST", LIST_PATH, body=json.dumps({"page_size": 100, "page": 1}),
                     headers={"Content-Type": "application/json", "X-Api-Key": api_key})
        j = json.loads(conn.getresponse().read())
        return j.get("data", {}).get("total") if j.get("code") == 0 else None
    finally:
        conn.close()


def read_rows(db_path):
    """request_id -> [(store_id, id, number)] from a read-only connection."""
    conn = open_db_readonly(db_path)
    try:
        rows = {}
        for request_id, store_id, id_, number in conn.execute(
                "SELECT request_id, store_id, id, number FROM invoice_invoices"):
            rows.setdefault(request_id, []).append((store_id, id_, number))
        return rows
    finally:
        conn.close()


def verify_database(db_path):
    """Everything the database itself must show: returns (facts dict, list of problems)."""
    problems = []
    facts = {}
    conn = open_db_readonly(db_path)
    try:
        facts["rows"] = conn.execute("SELECT count(*) FROM invoice_invoices").fetchone()[0]
        dup_numbers = conn.execute(
            "SELECT store_id, number, count(*) FROM invoice_invoices GROUP BY store_id, number HAVING count(*) > 1").fetchall()
        if dup_numbers:
            problems.append(f"duplicate numbers: {dup_numbers[:5]}")
        facts["duplicate numbers"] = len(dup_numbers)
        # Gapless: each counter (store, period) covers exactly the invoices of that period.
        gaps = 0
        for store_id, period, last_value in conn.execute("SELECT store_id, period, last_value FROM invoice_counters"):
            if period == "all":
                rows = conn.execute("SELECT number FROM invoice_invoices WHERE store_id = ?", (store_id,)).fetchall()
            else:
                rows = conn.execute(
                    "SELECT number FROM invoice_invoices WHERE store_id = ? AND strftime('%Y', created_at, 'unixepoch') = ?",
                    (store_id, period)).fetchall()
            seqs = sorted(int(m.group(1)) for (n,) in rows if (m := re.search(r"(\d+)$", n)))
            if seqs != list(range(1, last_value + 1)):
                gaps += 1
                missing = sorted(set(range(1, last_value + 1)) - set(seqs))[:10]
                problems.append(f"store {store_id} period {period}: counter {last_value}, {len(seqs)} invoices, "
                                f"missing sequence values {missing}")
        facts["counter gaps"] = gaps
        no_lines = conn.execute(
            "SELECT count(*) FROM invoice_invoices i WHERE NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)").fetchone()[0]
        no_history = conn.execute(
            "SELECT count(*) FROM invoice_invoices i WHERE NOT EXISTS (SELECT 1 FROM invoice_history h WHERE h.invoice_id = i.id)").fetchone()[0]
        orphan_lines = conn.execute(
            "SELECT count(*) FROM invoice_lines l WHERE NOT EXISTS (SELECT 1 FROM invoice_invoices i WHERE i.id = l.invoice_id)").fetchone()[0]
        facts["partial invoices"] = no_lines + no_history + orphan_lines
        if facts["partial invoices"]:
            problems.append(f"half-written invoices: {no_lines} without lines, {no_history} without history, "
                            f"{orphan_lines} orphan lines")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {fk[:5]}")
    finally:
        conn.close()
    facts["integrity_check"] = integrity_check(db_path)
    if facts["integrity_check"] != "ok":
        problems.append(f"integrity_check: {facts['integrity_check']}")
    return facts, problems


def run(ctx):
    kills = ctx.pick(5, 40)
    load_budget = ctx.pick(45, 240)          # seconds: hard bound on the load phase
    min_acks = ctx.pick(100, 250)             # acknowledged creates after a restart before the next kill
    rng = random.Random(int(time.time()))
    problems = []
    with Server(ctx, "crash") as server:
        try:
            keys = [("store 1", server.api_key(store="1")), ("store 2", server.api_key(store=server.new_store("crash-two")))]
            server.start()
            started = time.monotonic()
            load = Load(server.port, keys, THREADS, deadline=started + load_budget)
            load.start()
            kill_times = []
            early_kills = 0
            terms = ctx.pick(1, 5)
            term_exits = []
            # SIGKILLs, with a few graceful stops (SIGTERM under load: drain, exit 0) mixed in;
            # the last stop is always a SIGKILL.
            plan = ["kill"] * (kills - 1) + ["term"] * terms
            rng.shuffle(plan)
            plan.append("kill")
            for i, how in enumerate(plan):
                if i > 0 and how == "kill" and rng.random() < 0.2:
                    # Now and then a kill right after start-up: crash during recovery or first writes.
                    early_kills += 1
                    time.sleep(rng.uniform(0.0, 0.05))
                else:
                    base = load.acked_count()
                    t0 = time.monotonic()
                    while load.acked_count() - base < min_acks and time.monotonic() - t0 < 5:
                        time.sleep(0.01)
                    time.sleep(rng.uniform(0.0, ctx.pick(0.4, 0.8)))
                if not server.alive():
                    problems.append(f"server died on its own before stop {i + 1} (exit {server.proc.returncode})")
                    break
                if how == "kill":
                    server.kill()
                    kill_times.append(time.monotonic() - started)
                else:
                    t0 = time.monotonic()
                    status = server.stop(timeout=20)
                    term_exits.append((status, time.monotonic() - t0))
                    if status != 0:
                        problems.append(f"SIGTERM under load: exit status {status} after {time.monotonic() - t0:.1f} s")
                if i < len(plan) - 1:
                    time.sleep(rng.uniform(0.0, 0.2))
                    server.start()
                if time.monotonic() > load.deadline:
                    problems.append(f"load budget of {load_budget} s spent after {i + 1} stops")
                    break
            load.finish()
            load_seconds = time.monotonic() - started
            acked = dict(load.acked)
            unanswered = set(load.unanswered)
            rejected = dict(load.rejected)
            if load.wrong:
                problems.append(f"code 0 with another key's invoice: {load.wrong[:5]}")

            # 1. The database as the crash left it, before the server recovers it.
            rows = read_rows(server.db_path)
            lost_before = [k for k in acked if k not in rows]
            committed_unanswered = {k for k in unanswered | set(rejected) if k in rows}

            # 2. Restart; retry every key that was not acknowledged, and a sample of those that were.
            server.start()
            store_of_key = lambda k: keys[int(k.split("-")[1]) % len(keys)]
            retry_failed = []
            created_by_retry = 0
            for key in sorted(unanswered | set(rejected)):
                _, api_key = store_of_key(key)
                status, code, data = create(server.port, api_key, key)
                if status != 200 or code != 0 or data.get("request_id") != key:
                    retry_failed.append((key, status, code))
                elif key not in committed_unanswered:
                    created_by_retry += 1
            sample = rng.sample(sorted(acked), min(50, len(acked)))
            changed = []
            for key in sample:
                _, api_key = store_of_key(key)
                status, code, data = create(server.port, api_key, key)
                if code != 0 or (data.get("id"), data.get("number")) != acked[key][1:]:
                    changed.append((key, acked[key][1:], (data.get("id"), data.get("number"), code)))
            totals = [api_total(server.port, k) for _, k in keys]
            exit_status = server.stop()
            if exit_status != 0:
                problems.append(f"SIGTERM: exit status {exit_status} (expected 0)")

            # 3. The final database.
            rows = read_rows(server.db_path)
            facts, db_problems = verify_database(server.db_path)
            problems += db_problems
            duplicates = {k: v for k, v in rows.items() if k is not None and len(v) > 1}
            lost = [k for k in acked if k not in rows]
            moved = [k for k in acked if k in rows and (rows[k][0][1], rows[k][0][2]) != acked[k][1:]]
            retried = unanswered | set(rejected)
            missing_retried = [k for k in retried if len(rows.get(k, [])) != 1]
            strangers = [k for k in rows if k not in acked and k not in retried]
            db_rows = facts["rows"]
            if lost or lost_before:
                problems.append(f"lost acknowledged keys: {len(lost)} after restart, {len(lost_before)} right after the "
                                f"crash (e.g. {(lost or lost_before)[:5]})")
            if duplicates:
                problems.append(f"duplicated keys: {list(duplicates.items())[:5]}")
            if moved:
                problems.append(f"acknowledged invoices whose id/number changed: {moved[:5]}")
            if retry_failed:
                problems.append(f"retries that did not answer code 0 with their invoice: {retry_failed[:5]}")
            if missing_retried:
                problems.append(f"retried keys not present exactly once: {missing_retried[:5]}")
            if changed:
                problems.append(f"acknowledged keys answered differently when retried: {changed[:5]}")
            if strangers:
                problems.append(f"rows with keys no client sent: {strangers[:5]}")
            if len(kill_times) < kills:
                problems.append(f"only {len(kill_times)} of {kills} kills happened")
            per_store = {}
            for v in rows.values():
                for store_id, _, _ in v:
                    per_store[store_id] = per_store.get(store_id, 0) + 1
            if sorted(t for t in totals if t is not None) != sorted(per_store.values()) or None in totals:
                problems.append(f"merchant/list totals {totals} differ from the rows per store {per_store}")

            t = Table("count", "value")
            t.add("kills (SIGKILL)", len(kill_times))
            t.add("  of them right after a start", early_kills)
            t.add("SIGTERM under load (exit 0, drain s)",
                  f"{sum(1 for st, _ in term_exits if st == 0)}/{len(term_exits)}, "
                  f"max {max((d for _, d in term_exits), default=0):.2f} s")
            t.add("server starts", server.starts)
            t.add("start-up to listening (avg / max s)",
                  f"{sum(server.start_seconds) / len(server.start_seconds):.2f} / {max(server.start_seconds):.2f}")
            t.add("load seconds", f"{load_seconds:.1f}")
            t.add("acknowledged creates", len(acked))
            t.add("acknowledged creates/s", f"{len(acked) / max(load_seconds, 0.001):.0f}")
            t.add("unanswered (sent, no answer)", len(unanswered))
            t.add("rejected (answered, code != 0)", len(rejected))
            t.add("connects refused (nothing sent)", load.refused)
            t.add("unacknowledged retried", len(retried))
            t.add("  committed before the crash", len(committed_unanswered))
            t.add("  created by the retry", created_by_retry)
            t.add("  retry failed", len(retry_failed))
            t.add("acknowledged re-sent (same invoice)", f"{len(sample) - len(changed)}/{len(sample)}")
            t.add("rows in invoice_invoices", db_rows)
            t.add("merchant/list totals per store", ", ".join(str(x) for x in totals))
            t.add("duplicates", len(duplicates))
            t.add("lost", len(set(lost) | set(lost_before)))
            t.add("number gaps", facts["counter gaps"])
            t.add("duplicate numbers", facts["duplicate numbers"])
            t.add("half-written invoices", facts["partial invoices"])
            t.add("integrity_check", facts["integrity_check"])
            t.print()
            if rejected:
                codes = {}
                for status, code in rejected.values():
                    codes[(status, code)] = codes.get((status, code), 0) + 1
                print(f"  rejected answers by (HTTP status, code): {codes}")
            if len(acked) == 0:
                problems.append("no create was acknowledged at all")
        except ServerError as e:
            problems.append(str(e))
        passed = report_problems(server, problems)
    return passed


if __name__ == "__main__":
    sys.exit(0 if run(Context()) else 1)
