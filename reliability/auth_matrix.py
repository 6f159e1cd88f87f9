#!/usr/bin/env python3
"""Authorization matrix: every operation of /api/openapi.json x every caller kind, no leak.

Everything the matrix calls comes from the server's own OpenAPI document (generated from the
plugins' route tables): the operations, their access level (`x-access`: public | user | admin |
apikey), the permission an admin needs (`x-permission`), the API-key scope (`x-scope`) and the
declared body parameters. A plugin added later is covered without editing this file.

Callers: none, user A, user B, clerk (an admin whose only permission is system.admin.info),
super-admin, an API key of another store ("other-shop", scope invoices) and an API key of
store 1 (scope invoices).

Before each pass, data owned by user A in store 1 is made through the real API: store 1 gets a
number pattern of its own (so A's invoice numbers are unique), an invoice for A
(invoice/merchant/create with one product, then invoice/merchant/pay through stripe for its
total) and a tax-invoice application by A (invoice/user/save, title "A-secret-title"). A's
markers: A's name and email, the invoice numbers, "A-secret-title".

Each call sends a minimal body: the declared required parameters (a value of the declared type),
`store_id` = 1 when declared (A's store), and every id-like declared parameter (`id`, `ids`,
`number`, integer `*_id`s such as `user_id`) naming one of A's rows; an operation that declares
no parameters at all gets `id` and `ids` (ShopXO's id parameters). Every caller sends the body
naming A's invoice, and, when the application id differs, the one naming A's application. The
foreign callers (none, user B, the clerk, the other store's key) also send it naming rows that
do not exist (id 999999, a number never issued): their answers naming A's rows must be byte for
byte the answer for the missing rows.

Expected, from x-access (pass = any code but -400 and -1000):

    access  none  user A/B  clerk              super-admin  key with the scope (x-scope)
    public  pass  pass      pass               pass         pass
    user    -400  pass      -400               -400         -400
    admin   -400  -1000     -1000, pass with   pass         -1000 or -400
                            the x-permission
    apikey  -400  -1000     -1000, pass with   pass         pass (-1000 without the scope)
                            the x-permission

Every answer must also be an envelope with HTTP 200 and no leaked internals
(`common.envelope_problems`). A cell is ok, WRONG (unexpected code, broken envelope, or an answer
naming A's rows that differs from the missing-row answer) or LEAK (one of A's markers in an
answer to a foreign caller). The database (every table but `tokens`, read-only from the outside)
must be the same before and after the foreign callers' calls, except rows of the other store
(its own key may create in it).

The foreign callers run first; the super-admin, the store-1 key and A last (their calls may
change A's rows). Per caller, cancel/refund/delete actions run after the others and logout
actions last (they revoke the token
presented; tokens are renewed through system/user/login and system/admin/login between
passes). Full mode runs the matrix twice: the OpenAPI path form with credentials in headers,
then ShopXO's query form (/api/plugins/index?pluginsname=...&token=...).

AUTH_MATRIX_ACCEPT="op.id ..." marks the WRONG cells of those operations as "known" (printed,
not failing) while a defect is being fixed; a LEAK always fails.

    python3 reliability/auth_matrix.py short
"""

import json
import os
import re
import secrets
import sys
from collections import Counter
from urllib.parse import urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from common import AnswerView, Context, Server, ServerError, Table, call, envelope_problems, open_db_readonly, ping  # noqa: E402

BUILD_COMMAND = "cd {root} && flock /tmp/swift-build.lock swift build -c release --product invoice-server"

MISSING_ID = 999999
OTHER_STORE = "other-shop"   # the store of the foreign API key
CALLERS = ["none", "userA", "userB", "clerk", "superadmin", "key-other", "key-store1"]
FOREIGN = ["none", "userB", "clerk", "key-other"]          # must never see A's rows
OWNERS = ["superadmin", "key-store1", "userA"]             # may see and change them
# Within one caller's turn, actions with these names run after the others (they change or remove
# A's rows, so the other actions still find them); logout always runs last.
DESTRUCTIVE = ("cancel", "refund", "delete")
# Tables a foreign caller changes by logging itself out or in (not compared before and after).
SELF_CHANGED = ("tokens", "cache_generations")
# system/<control>/* actions that change accounts by id (see Operation.names_accounts).
ACCOUNT_CONTROLS = ("users", "admins", "stores", "apikeys")
CLERK_PERMISSIONS = ["system.admin.info"]
PASSWORD = "pw-matrix-123"
KEY_SCOPES = {"key-other": ["invoices"], "key-store1": ["invoices"]}
GUARDS = (-400, -1000)
# Operations whose WRONG cells are known defects being fixed elsewhere: space or comma separated
# operationIds. Their WRONG cells print as "known" and do not fail the check; a LEAK always fails.
ACCEPT_ENV = "AUTH_MATRIX_ACCEPT"
# The kernel's login actions (system plugin), used only to get fresh tokens between passes.
USER_LOGIN = "/api/plugins/system/user/login"
ADMIN_LOGIN = "/api/plugins/system/admin/login"


def permission_matches(granted, needed):
    if not needed:
        return False
    for g in granted:
        if g == needed or (g.endswith(".*") and needed.startswith(g[:-1])) or g == "*":
            return True
    return False


def expected(access, caller, op):
    """(set of acceptable codes or None, description) -- None means 'pass': anything but -400/-1000."""
    perm = op.get("x-permission")
    scope = op.get("x-scope")
    if access == "public":
        return None, "pass"
    if access == "user":
        if caller in ("userA", "userB"):
            return None, "pass"
        return {-400}, "-400"
    if access == "admin":
        if caller == "none":
            return {-400}, "-400"
        if caller == "superadmin":
            return None, "pass"
        if caller == "clerk" and (perm is None or permission_matches(CLERK_PERMISSIONS, perm)):
            return None, "pass"  # no x-permission: any admin may call it
        if caller.startswith("key-"):
            return {-1000, -400}, "-1000/-400"
        return {-1000}, "-1000"
    if access == "apikey":
        if caller == "none":
            return {-400}, "-400"
        if caller == "superadmin":
            return None, "pass"
        if caller == "clerk" and permission_matches(CLERK_PERMISSIONS, perm):
            return None, "pass"
        if caller.startswith("key-") and (scope is None or scope in KEY_SCOPES[caller]):
            return None, "pass"
        return {-1000}, "-1000"
    return "unknown", f"unknown x-access {access!r}"


# ------------------------------------------------------------------------------------------------
# The document
# ------------------------------------------------------------------------------------------------

class Operation:
    def __init__(self, method, path, spec):
        self.method = method.upper()
        self.path = path
        self.spec = spec
        self.id = spec.get("operationId") or f"{method} {path}"
        self.access = spec.get("x-access", "?")
        schema = (((spec.get("requestBody") or {}).get("content") or {}).get("application/json") or {}).get("schema") or {}
        self.properties = schema.get("properties") or {}
        self.required = list(schema.get("required") or [])
        for p in spec.get("parameters") or []:  # GET operations: query parameters
            if isinstance(p, dict) and p.get("in") == "query":
                self.properties.setdefault(p["name"], p.get("schema") or {})
                if p.get("required"):
                    self.required.append(p["name"])
        m = re.match(r"^/(api|admin)/plugins/([a-z0-9_]+)/([a-z0-9_]+)/([a-z0-9_]+)$", path)
        self.surface, self.plugin, self.control, self.action = m.groups() if m else ("api", None, None, None)

    @property
    def is_logout(self):
        return self.action in ("logout", "logout_all")

    @property
    def names_accounts(self):
        """The system plugin's account management: its ids name users, admins, stores and keys,
        which the matrix's own callers are, so they are always sent a missing id."""
        return self.plugin == "system" and self.control in ACCOUNT_CONTROLS

    @property
    def turn(self):
        """When this operation runs within a caller's turn: readers, then destructive, then
        logout_all (it needs a live token), then logout (public: it answers without one)."""
        if self.is_logout:
            return 3 if self.action == "logout" else 2
        return 1 if self.action in DESTRUCTIVE else 0

    def get(self, name):
        return self.spec.get(name)


def operations(doc):
    ops = []
    for path, item in sorted(doc.get("paths", {}).items()):
        for method, spec in sorted(item.items()):
            if method.lower() in ("get", "post") and isinstance(spec, dict):
                ops.append(Operation(method, path, spec))
    return ops


def filler(schema):
    """A minimal value of the declared type."""
    if "enum" in schema and schema["enum"]:
        return schema["enum"][0]
    types = schema.get("type", "string")
    types = types if isinstance(types, list) else [types]
    if "integer" in types or "number" in types:
        return max(1, int(schema.get("minimum", 1)))
    if "boolean" in types:
        return False
    if "array" in types:
        return []
    if "object" in types:
        return {}
    return "1"


ID_LIKE = re.compile(r"^(id|ids|number|.+_id)$")


def _types(schema):
    t = schema.get("type", "string")
    return t if isinstance(t, list) else [t]


def id_params(op):
    """The id-like parameters the operation declares: id, ids, number and integer `*_id`s (not
    store_id, nor string keys such as request_id); ShopXO's id and ids when it declares none."""
    if not op.properties:
        return ["id", "ids"]
    names = []
    for n, schema in op.properties.items():
        if n == "store_id" or not ID_LIKE.match(n):
            continue
        if n.endswith("_id") and "integer" not in _types(schema):
            continue
        names.append(n)
    return names


def never_issued(number):
    """A number of the same shape that was never issued: its trailing digits all 9."""
    m = re.match(r"^(.*?)(\d+)$", number or "")
    return (m.group(1) + "9" * len(m.group(2))) if m else "NO-SUCH-NUMBER-999999"


def body_for(op, refs):
    """The minimal body: required parameters, store 1, id-like parameters from `refs`."""
    body = {}
    for name in op.required:
        body[name] = filler(op.properties.get(name, {}))
    if "store_id" in op.properties:
        body["store_id"] = 1
    for name in id_params(op):
        if name in ("id",):
            body[name] = refs["id"]
        elif name == "ids":
            body[name] = str(refs["id"])
        elif name == "number":
            body[name] = refs["number"]
        elif name == "user_id":
            body[name] = refs["user_id"]
        else:
            body[name] = refs["id"]
    return body


# ------------------------------------------------------------------------------------------------
# Calls
# ------------------------------------------------------------------------------------------------

class Caller:
    def __init__(self, kind, token=None, key=None, login=None):
        self.kind = kind
        self.token = token
        self.key = key
        self.login = login  # (surface-free login path, accounts, password) to get a fresh token


def relogin(port, callers):
    """A fresh token for every token caller: each pass ends with logout calls, which revoke them."""
    for c in callers.values():
        if c.login:
            path, accounts, pwd = c.login
            status, j, raw = call(port, path, {"accounts": accounts, "pwd": pwd})
            c.token = must(status, j, raw, f"login of {c.kind}")["token"]


def send(port, op, caller, body, form):
    """Calls `op` as `caller`. form 'path': the document's path, credentials in headers;
    form 'query': /api|admin/plugins/index?pluginsname=..., the credential as `token`."""
    headers = {}
    if form == "path":
        path = op.path
        if caller.token:
            headers["Authorization"] = f"Bearer {caller.token}"
        if caller.key:
            headers["X-Api-Key"] = caller.key
    else:
        q = {"pluginsname": op.plugin, "pluginscontrol": op.control, "pluginsaction": op.action}
        if caller.token or caller.key:
            q["token"] = caller.token or caller.key
        path = f"/{op.surface}/plugins/index?{urlencode(q)}"
    if op.method == "GET":
        if body:
            path += ("&" if "?" in path else "?") + urlencode({k: (json.dumps(v) if isinstance(v, (list, dict)) else v)
                                                              for k, v in body.items()})
        return call(port, path, None, headers=headers, method="GET")
    return call(port, path, body, headers=headers, method="POST")


def answer_text(raw, parsed):
    text = raw.decode("utf-8", "replace")
    if parsed is not None:
        text += "\n" + json.dumps(parsed, ensure_ascii=False)
    return text


# ------------------------------------------------------------------------------------------------
# Setup: A's rows through the real API
# ------------------------------------------------------------------------------------------------

def must(status, j, raw, what):
    if status != 200 or not isinstance(j, dict) or j.get("code") != 0:
        raise RuntimeError(f"setup: {what} answered HTTP {status}: {raw[:400]!r}")
    return j["data"]


def setup_callers(server, port, tag):
    """The seven callers (CLI-made accounts and keys) and store 1's number pattern."""
    root = server.cli("admin", "create", "--name", "root", "--password", PASSWORD)
    a = server.cli("user", "create", "--name", f"alice-{tag}", "--email", f"alice-{tag}@example.com", "--password", PASSWORD)
    b = server.cli("user", "create", "--name", f"bob-{tag}", "--email", f"bob-{tag}@example.com", "--password", PASSWORD)
    clerk = server.cli("admin", "create", "--name", "clerk", "--password", PASSWORD,
                       "--permissions", ",".join(CLERK_PERMISSIONS))
    try:
        server.cli("store", "create", "--name", "other-shop")
    except ServerError:
        pass  # made by an earlier pass on the same data folder
    key_other = server.cli("apikey", "create", "--store", "other-shop", "--scopes", ",".join(KEY_SCOPES["key-other"]))
    key1 = server.cli("apikey", "create", "--store", "1", "--scopes", ",".join(KEY_SCOPES["key-store1"]))
    callers = {
        "none": Caller("none"),
        "userA": Caller("userA", token=a["token"], login=(USER_LOGIN, f"alice-{tag}", PASSWORD)),
        "userB": Caller("userB", token=b["token"], login=(USER_LOGIN, f"bob-{tag}", PASSWORD)),
        "clerk": Caller("clerk", token=clerk["token"], login=(ADMIN_LOGIN, "clerk", PASSWORD)),
        "superadmin": Caller("superadmin", token=root["token"], login=(ADMIN_LOGIN, "root", PASSWORD)),
        "key-other": Caller("key-other", key=key_other["key"]),
        "key-store1": Caller("key-store1", key=key1["key"]),
    }
    # Store 1 numbers its invoices with a pattern no other store uses, so A's numbers are unique.
    must(*call(port, "/admin/plugins/invoice/settings/save",
               {"store_id": 1, "number_pattern": f"INV-A{tag.upper()}-{{YYYY}}-{{SEQ:6}}"},
               headers={"Authorization": f"Bearer {root['token']}"}), "invoice/settings/save")
    return callers, {"user": a["id"], "name": f"alice-{tag}", "email": f"alice-{tag}@example.com"}


def make_rows(port, callers, a, n):
    """A fresh paid invoice for user A and A's tax-invoice application for it (each pass gets its
    own: the owners' calls of the previous pass may have refunded or deleted them)."""
    key_h = {"X-Api-Key": callers["key-store1"].key}
    inv = must(*call(port, "/api/plugins/invoice/merchant/create",
                     {"request_id": f"matrix-{a['name']}-{n}", "user_id": a["user"],
                      "customer_information": {"email": a["email"]},
                      "products": [{"code": "PLAN", "title": "Annual plan", "quantity": 1, "amount": "159.00", "have_tax": True}]},
                     headers=key_h), "invoice/merchant/create")
    total = ((inv.get("payment") or {}).get("subtotal") or {}).get("total") or "159.00"
    must(*call(port, "/api/plugins/invoice/merchant/pay",
               {"id": inv["id"], "gateway": "stripe", "transaction_id": f"pi_{a['name']}_{n}", "amount": total},
               headers=key_h), "invoice/merchant/pay")
    a_h = {"Authorization": f"Bearer {callers['userA'].token}"}
    must(*call(port, "/api/plugins/invoice/user/save",
               {"ids": str(inv["id"]), "type": "0", "invoice_type": 0, "apply_type": 0, "invoice_title": "A-secret-title",
                "invoice_content": "商品明细", "email": "a@example.com"}, headers=a_h), "invoice/user/save")
    listing = must(*call(port, "/api/plugins/invoice/user/index", {"page": 1}, headers=a_h), "invoice/user/index")
    rows = [r for r in (listing.get("data_list") or []) if r.get("status") == 0 and isinstance(r.get("id"), int)]
    if not rows:
        raise RuntimeError("setup: A's application is not in invoice/user/index")
    ids = {"user": a["user"], "invoice": inv["id"], "number": inv["number"], "application": max(r["id"] for r in rows)}
    return ids, [a["name"], a["email"], inv["number"], "A-secret-title"]


def db_snapshot(path):
    """Every row of every table but `tokens` and `cache_generations` (a caller's logout, logout_all
    and login legitimately change them: revoking a token bumps the callers' cache generation), and
    but the rows of the other store, which its own API key may legitimately create and change (a
    coupon of its own, say)."""
    conn = open_db_readonly(path)
    try:
        other = conn.execute("SELECT id FROM stores WHERE name = ?", (OTHER_STORE,)).fetchone()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        snapshot = {}
        for t in tables:
            if t in SELF_CHANGED:
                continue
            columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')}
            if other and "store_id" in columns:
                rows = conn.execute(f'SELECT * FROM "{t}" WHERE store_id IS NOT ?', (other[0],))
            else:
                rows = conn.execute(f'SELECT * FROM "{t}"')
            snapshot[t] = sorted(map(repr, rows.fetchall()))
        return snapshot
    finally:
        conn.close()


def db_changes(before, after):
    changed = []
    for t in sorted(set(before) | set(after)):
        b, a = set(before.get(t, [])), set(after.get(t, []))
        if a != b:
            changed.append(f"{t} (+{len(a - b)} -{len(b - a)})")
    return changed


# ------------------------------------------------------------------------------------------------
# The matrix
# ------------------------------------------------------------------------------------------------

class Cell:
    def __init__(self):
        self.codes = []
        self.verdict = "ok"
        self.notes = []

    def worse(self, verdict, note):
        rank = {"ok": 0, "known": 1, "WRONG": 2, "LEAK": 3}
        if rank[verdict] > rank[self.verdict]:
            self.verdict = verdict
        self.notes.append(note)

    def text(self):
        code = self.codes[0] if self.codes else "-"
        return f"{code} {self.verdict}"


def accepted_ops():
    return {x for x in os.environ.get(ACCEPT_ENV, "").replace(",", " ").split() if x}


def run_matrix(port, ops, callers, ids, markers, form, db_path):
    a_invoice = {"id": ids["invoice"], "number": ids["number"], "user_id": ids["user"]}
    a_application = {"id": ids["application"], "number": ids["number"], "user_id": ids["user"]}
    missing = {"id": MISSING_ID, "number": never_issued(ids["number"]), "user_id": MISSING_ID}
    cells = {}
    calls = 0
    order = FOREIGN + OWNERS
    before = db_snapshot(db_path)
    changed = None
    for kind in order:
        if kind == OWNERS[0]:
            # Foreign callers must have changed nothing (beyond their own tokens).
            changed = db_changes(before, db_snapshot(db_path))
        caller = callers[kind]
        # logout revokes the presented token: each caller's logout calls come last.
        for op in sorted(ops, key=lambda o: o.turn):
            cell = cells.setdefault((op.id, kind), Cell())
            variants = [("A's invoice", a_invoice)]
            if id_params(op) and ids["application"] != ids["invoice"]:
                variants.append(("A's application", a_application))
            if kind in FOREIGN and id_params(op):
                variants.append(("missing", missing))
            if op.is_logout:
                variants = variants[:1]  # the first call ends the session (logout_all: every one)
            want, want_text = expected(op.access, kind, op)
            answers, bodies = {}, {}
            for label, refs in variants:
                body = body_for(op, missing if op.names_accounts else refs)
                bodies[label] = body
                try:
                    status, parsed, raw = send(port, op, caller, body, form)
                except OSError as e:
                    cell.codes.append("ERR")
                    cell.worse("WRONG", f"{label}: no answer ({e.__class__.__name__}) body={json.dumps(body)}")
                    continue
                calls += 1
                answers[label] = raw
                code = parsed.get("code") if isinstance(parsed, dict) else None
                if status == 200 and raw.startswith(b"%PDF-"):
                    code = 0  # a file action's success answer is the file itself
                cell.codes.append(code)
                problems = envelope_problems(AnswerView(status, raw), sent=[json.dumps(body)] + [str(v) for v in body.values()],
                                             allow_status=(200,))
                if problems:
                    cell.worse("WRONG", f"{label}: {', '.join(problems)} (HTTP {status}) body={json.dumps(body)} "
                                        f"answer={raw[:200]!r}")
                if want == "unknown":
                    cell.worse("WRONG", want_text)
                elif want is None and (code in GUARDS or code is None):
                    cell.worse("WRONG", f"{label}: code {code}, expected {want_text} body={json.dumps(body, ensure_ascii=False)} "
                                        f"answer={raw[:160].decode('utf-8', 'replace')}")
                elif want is not None and code not in want:
                    cell.worse("WRONG", f"{label}: code {code}, expected {want_text} body={json.dumps(body, ensure_ascii=False)} "
                                        f"answer={raw[:160].decode('utf-8', 'replace')}")
                if kind in FOREIGN:
                    text = answer_text(raw, parsed)
                    found = [m for m in markers if m in text]
                    if found:
                        cell.worse("LEAK", f"{label}: answer contains {found} body={json.dumps(body, ensure_ascii=False)} "
                                           f"answer={raw[:300].decode('utf-8', 'replace')}")
            if kind in FOREIGN and "missing" in answers:
                for label in ("A's invoice", "A's application"):
                    if label in answers and answers[label] != answers["missing"]:
                        cell.worse("WRONG", f"naming {label} answers differently from a missing id: "
                                            f"{answers[label][:200].decode('utf-8', 'replace')} <> "
                                            f"{answers['missing'][:200].decode('utf-8', 'replace')} "
                                            f"(body {json.dumps(bodies[label], ensure_ascii=False)} <> "
                                            f"{json.dumps(bodies['missing'], ensure_ascii=False)})")
    known = accepted_ops()
    for (op_id, kind), cell in cells.items():
        if op_id in known and cell.verdict == "WRONG":
            cell.verdict = "known"
    return cells, calls, changed


def print_matrix(ops, cells, title):
    print(f"\n  {title}")
    t = Table("operation", "access", *CALLERS)
    for op in ops:
        t.add(op.id, op.access + (f"({op.get('x-scope')})" if op.get("x-scope") else ""),
              *(cells[(op.id, k)].text() for k in CALLERS))
    t.print()
    counts = Counter(c.verdict for c in cells.values())
    return counts


def ensure_binary(ctx):
    import subprocess
    if os.access(ctx.binary, os.X_OK):
        return True
    cmd = BUILD_COMMAND.format(root=ctx.root)
    print(f"  {ctx.binary} missing: {cmd}")
    return subprocess.run(cmd, shell=True).returncode == 0 and os.access(ctx.binary, os.X_OK)


def run(ctx):
    if not ensure_binary(ctx):
        print("  FAIL: no release binary")
        return False
    forms = ctx.pick(["path"], ["path", "query"])
    ok = True
    with Server(ctx, "authmatrix") as server:
        server.start()
        port = server.port
        status, doc, raw = call(port, "/api/openapi.json", method="GET")
        if status != 200 or not isinstance(doc, dict):
            print(f"  FAIL: GET /api/openapi.json answered HTTP {status}: {raw[:200]!r}")
            server.ok = False
            return False
        ops = operations(doc)
        callers, a = setup_callers(server, port, secrets.token_hex(3))
        totals = Counter()
        details = []
        total_calls = 0
        db_changed = []
        markers = []
        for n, form in enumerate(forms):
            if n:
                relogin(port, callers)
            ids, new_markers = make_rows(port, callers, a, n)
            markers += [m for m in new_markers if m not in markers]
            print(f"  {len(ops)} operations from /api/openapi.json x {len(CALLERS)} callers; A's rows: user {ids['user']}, "
                  f"invoice {ids['invoice']} ({ids['number']}), application {ids['application']}; "
                  f"markers: {', '.join(markers)}")
            cells, calls, changed = run_matrix(port, ops, callers, ids, markers, form, server.db_path)
            total_calls += calls
            counts = print_matrix(ops, cells, f"matrix ({form} form, {calls} calls): cell = code answered to the first body, verdict")
            totals.update(counts)
            if changed:
                db_changed += [f"[{form}] {c}" for c in changed]
            for op in ops:
                for k in CALLERS:
                    c = cells[(op.id, k)]
                    if c.verdict != "ok":
                        for n in c.notes:
                            details.append((form, op.id, k, c.verdict, n))
        alive = server.alive() and ping(port)
        crash = server.log_grep(r"Fatal error|Program crashed|Thread \d+ crashed|SIGSEGV|SIGABRT|SIGILL|SIGTRAP|SIGBUS", limit=3)
        if details or db_changed:
            print("\n  problems:")
            for form, op_id, k, verdict, note in details:
                print(f"  - [{form}] {op_id} as {k}: {verdict}: {note[:600]}")
            for c in db_changed:
                print(f"  - the foreign callers' calls changed table {c}")
        ok = totals.get("LEAK", 0) == 0 and totals.get("WRONG", 0) == 0 and alive and not crash and not db_changed
        s = Table("cells", "ok", "WRONG", "LEAK", f"known ({ACCEPT_ENV})", "calls", "db changed by foreign callers",
                  "server alive", "crash in log")
        s.add(sum(totals.values()), totals.get("ok", 0), totals.get("WRONG", 0), totals.get("LEAK", 0),
              totals.get("known", 0), total_calls, "; ".join(db_changed) or "no",
              "yes" if alive else "NO", crash[0][:60] if crash else "none")
        print()
        s.print()
        print(f"\n  auth_matrix: {'ok' if ok else 'FAIL'}")
        if not ok:
            server.ok = False
    return ok


def main(mode: str) -> bool:
    """Runs the check in `mode` ("short" or "full"); True when it passed."""
    return run(Context(mode=mode))


if __name__ == "__main__":
    arg = sys.argv[1] if len(sys.argv) > 1 else None
    sys.exit(0 if main(arg or os.environ.get("RELIABILITY_MODE") or "full") else 1)
