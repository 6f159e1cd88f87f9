"""Hostile input: a corpus of malicious and malformed requests over raw sockets.

For every case the server must stay alive, never answer 5xx, and any HTTP answer it gives must be
an envelope {"msg", "code", "data"} that leaks no stack trace, SQL, "sqlite" or file path. Some
cases also expect a specific status or code (413 for a huge body, -5000 for a malformed routing
name, ...), taken from docs/errors.md. Waiting games (slowloris, slow body, 200 half-open
connections) run side by side while a probe keeps calling ping: the server must close the
stalled connections within about its idle timeout (3 s here) and keep serving others.

Besides the fixed corpus, every action the server describes in /api/openapi.json (or, while
that document is not served, a built-in list of known actions) is called with hostile values in
every declared parameter (SQL injection, path traversal, NUL bytes, wrong types, 70 KiB strings)
under a caller that passes its access check: new plugins are covered without editing this file.

After the corpus: ping answers code 0, the canary invoices created before it are intact,
PRAGMA integrity_check is ok and the server log shows no crash.

Verdicts: ok; FAIL (breaks the contract); warn (worth a look, not a contract break, e.g. the
HTTP layer answering a request that is not valid HTTP with a bare 400). RELIABILITY_STRICT=1
turns warnings into failures.
"""

import json
import os
import random
import select
import socket
import sys
import threading
import time

from common import (CREATE_PATH, HOST, LIST_PATH, Context, Server, ServerError, Table,
                    envelope_problems, exchange, integrity_check, open_db_readonly, ping, request_bytes,
                    route_path)

IDLE_TIMEOUT = 3
MIB = 1 << 20

SQLI = ["' OR 1=1 --", "\"; DROP TABLE invoice_invoices; --", "1 UNION SELECT name, sql FROM sqlite_master --",
        "system' --", "1; ATTACH DATABASE '/tmp/x.db' AS x; --"]
TRAVERSAL = ["../../etc/passwd", "..%2f..%2fetc%2fpasswd", "....//....//etc/passwd", "/etc/passwd",
             "..\\..\\windows\\win.ini"]
WRONG_TYPES = [{"a": [None, True, -1e308]}, {"$gt": ""}, -9223372036854775808, 1.7e308, [[[]]], True, None, ""]
NULS = ["\u0000", "a\u0000b", "system\u0000", "\u0000' OR 1=1 --"]
# Answers may echo stored hostile values (a list shows earlier invoices): never count them as leaks.
ALL_PAYLOADS = tuple(SQLI + TRAVERSAL + NULS + ["/tmp/x.db", "file:///etc/passwd", "../../../../etc/passwd"])

# Actions to attack when the server does not serve /api/openapi.json:
# (surface, plugin, control, action, access, [param names]).
FALLBACK_ROUTES = [
    ("api", "system", "system", "ping", "public", []),
    ("api", "system", "system", "version", "public", []),
    ("api", "system", "system", "plugins", "public", []),
    ("api", "system", "user", "login", "public", ["accounts", "pwd"]),
    ("api", "system", "user", "info", "user", []),
    ("api", "system", "admin", "login", "public", ["accounts", "pwd"]),
    ("api", "invoice", "merchant", "create", "apikey", ["request_id", "products", "currency", "kind", "user_id", "customer",
                                                         "expires_at", "feedback", "webhooks", "checkout_url"]),
    ("api", "invoice", "merchant", "view", "apikey", ["id", "number"]),
    ("api", "invoice", "merchant", "list", "apikey", ["page", "page_size", "status", "keywords"]),
    ("api", "invoice", "merchant", "update", "apikey", ["id", "number", "products", "customer"]),
    ("api", "invoice", "merchant", "cancel", "apikey", ["id", "number", "note"]),
    ("api", "invoice", "merchant", "pay", "apikey", ["id", "number", "amount", "gateway"]),
    ("api", "invoice", "merchant", "refund", "apikey", ["id", "number", "amount", "note"]),
    ("api", "invoice", "user", "index", "user", ["page", "keywords"]),
    ("api", "invoice", "user", "detail", "user", ["id"]),
    ("api", "invoice", "user", "save", "user", ["ids", "business_type", "invoice_title"]),
    ("api", "invoice", "order", "index", "user", ["page", "keywords"]),
    ("admin", "invoice", "admin", "index", "admin", []),
    ("admin", "invoice", "invoice", "index", "admin", ["page", "keywords", "status"]),
    ("admin", "invoice", "invoice", "detail", "admin", ["id"]),
    ("admin", "invoice", "invoice", "delete", "admin", ["ids"]),
    ("admin", "invoice", "settings", "view", "admin", ["store_id"]),
]


def q(plugin="system", control="system", action="ping", extra="", surface="api"):
    return route_path(plugin, control, action, surface=surface, extra=extra)


def product(amount="10.00", quantity=1, title="Widget"):
    return {"title": title, "amount": amount, "quantity": quantity}


MUTATION_BYTES = (b'"', b"{", b"}", b"[", b"]", b"\\u0000", b"\x00", b"\xff", b"%", b"%00", b"%ff", b"\r\n",
                  b"[" * 200, b"9" * 40, b"-", b"e999", b"null", b'"a":', b",", b"\\", b"\\ud800", b"&a[]=",
                  b"' OR 1=1 --", b"../", b"\xe2\x80\xae", b"\r\n--b\r\n", b"Content-Disposition: form-data; name=",
                  b": ", b"\r\n\r\n")
MUTATION_STRINGS = tuple(x.decode("latin-1") for x in MUTATION_BYTES)


MUTATION_TEMPLATES = ["create JSON", "list JSON", "login JSON", "view form", "create multipart", "GET query"]


def mutation_corpus(seed, count, api_key):
    """`count` damaged copies of valid requests, the same for the same seed: a list of
    (template index, raw request); MUTATION_TEMPLATES names the templates."""
    rng = random.Random(seed)
    key = [("X-Api-Key", api_key)]
    seeds = [
        ("POST", CREATE_PATH, json.dumps({"request_id": "m", "currency": "EUR", "customer": {"name": "A", "email": "a@b.c"},
                                          "products": [product("10.00", 2), product("0.99", 1, "Bolt")],
                                          "webhooks": ["https://example.com/h"]}), "application/json", key),
        ("POST", LIST_PATH, json.dumps({"page": 1, "page_size": 20, "status": "pending"}), "application/json", key),
        ("POST", q("system", "user", "login"), json.dumps({"accounts": "ann", "pwd": "ann-pass"}), "application/json", []),
        ("POST", q("invoice", "merchant", "view"), "id=1&number=INV-1", "application/x-www-form-urlencoded", key),
        ("POST", CREATE_PATH, '--b\r\nContent-Disposition: form-data; name="request_id"\r\n\r\nmp\r\n--b\r\n'
                              'Content-Disposition: form-data; name="products[]"; filename="a.txt"\r\n'
                              'Content-Type: text/plain\r\n\r\nx\r\n--b--\r\n',
         "multipart/form-data; boundary=b", key),
        ("GET", q(extra="lang=zh&uuid=1&application=app&application_client_type=h5"), "", None, []),
    ]

    def damage(data):
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            if not b:
                b += rng.choice(MUTATION_BYTES)
                continue
            pos = rng.randrange(len(b))
            op = rng.randrange(6)
            if op == 0:
                b[pos] = rng.randrange(256)
            elif op == 1:
                b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
            elif op == 2:
                del b[pos:pos + rng.randint(1, 16)]
            elif op == 3:
                b[pos:pos] = bytes(b[pos:pos + rng.randint(1, 64)]) * rng.randint(2, 50)
            elif op == 4:
                b[pos:pos] = rng.choice(MUTATION_BYTES)
            else:
                b[pos] ^= 1 << rng.randrange(8)
        return bytes(b)

    work = []
    for i in range(count):
        template = i % len(seeds)
        method, path, body, ctype, headers = seeds[template]
        r = rng.random()
        if r < 0.8 and body:
            data = request_bytes(method, path, damage(body.encode()), headers=headers, content_type=ctype)
        elif r < 0.9:
            data = request_bytes(method, damage(path.encode()), body, headers=headers, content_type=ctype)
        else:
            data = damage(request_bytes(method, path, body, headers=headers, content_type=ctype))
        work.append((template, data))
    return work


class Case:
    """One hostile request (or several, `requests`), what it may answer, and why."""

    def __init__(self, name, data=None, requests=None, status=None, code=None, not_code=None, transport=False,
                 sent=(), timeout=15.0, read_answers=1, allow_close=False, extra_check=None, send_chunks=None,
                 close_warn=None, head=False):
        self.name = name
        self.requests = requests if requests is not None else [data]
        self.status = status            # allowed HTTP statuses (None: any non-5xx)
        self.code = code                # allowed envelope codes (None: any)
        self.not_code = not_code        # forbidden envelope codes (e.g. {0} for a login with SQL)
        self.transport = transport      # not valid HTTP: a bare 4xx or a close is acceptable (warn)
        self.sent = tuple(sent)
        self.timeout = timeout
        self.read_answers = read_answers
        self.allow_close = allow_close  # closing without an answer is a correct outcome
        self.extra_check = extra_check  # fn(answer) -> problem text or None
        self.send_chunks = send_chunks
        self.close_warn = close_warn    # closing without an answer is tolerated but worth a warning
        self.head = head                # a HEAD request: the answer has no body


class Hostile:
    def __init__(self, ctx, server):
        self.ctx = ctx
        self.server = server
        self.strict = os.environ.get("RELIABILITY_STRICT", "") not in ("", "0")
        self.table = Table("case", "HTTP", "code", "verdict", "note")
        self.failures = []
        self.warnings = []
        self.crashes = 0

    # -- credentials ---------------------------------------------------------------------------
    def setup(self):
        s = self.server
        self.api_key = s.api_key(store="1")
        self.api_key_other = s.api_key(store=s.new_store("hostile-two"))
        self.admin_token = s.cli("admin", "create", "--name", "root", "--password", "root-pass")["token"]
        self.user_token = s.cli("user", "create", "--name", "ann", "--password", "ann-pass")["token"]
        s.start()
        # Canary invoices: they must all still be there, unchanged, after the corpus.
        self.canaries = {}
        for i in range(5):
            status, j = self.post_json(CREATE_PATH, {"request_id": f"canary-{i}", "products": [product("12.34", 2)]})
            if status != 200 or j.get("code") != 0:
                raise ServerError(f"canary create failed: {status} {j}")
            self.canaries[f"canary-{i}"] = (j["data"]["id"], j["data"]["number"])

    def post_json(self, path, obj, headers=None):
        h = [("X-Api-Key", self.api_key)] + list(headers or [])
        a = exchange(self.server.port, request_bytes("POST", path, json.dumps(obj), headers=h))[0]
        return a.status, (a.json() or {})

    def apikey_headers(self):
        return [("X-Api-Key", self.api_key)]

    # -- verdicts ------------------------------------------------------------------------------
    def record(self, name, status, code, problems, warns=(), note=""):
        if problems:
            verdict = "FAIL"
            self.failures.append(f"{name}: {'; '.join(problems)}")
        elif warns and self.strict:
            verdict = "FAIL"
            self.failures.append(f"{name}: {'; '.join(warns)} (strict)")
        elif warns:
            verdict = "warn"
            self.warnings.append((name, "; ".join(warns)))
        else:
            verdict = "ok"
        detail = "; ".join(list(problems) + list(warns)) or note
        self.table.add(name, status, code, verdict, detail)

    def ensure_alive(self, name):
        """After every case: the process must live and answer a ping. A Swift trap prints a
        symbolicated backtrace before the process dies (seconds), so a ping that fails waits
        for the exit. A crash or a hang is a failure; the server is restarted so the remaining
        cases still run."""
        if self.server.alive() and ping(self.server.port, timeout=3):
            return []
        deadline = time.monotonic() + 40
        while self.server.alive() and time.monotonic() < deadline:
            if ping(self.server.port, timeout=1):
                return []
            time.sleep(0.2)
        if self.server.alive():
            self.server.kill()
            what = "SERVER STOPPED ANSWERING (killed)"
        else:
            what = f"SERVER CRASHED (exit {self.server.proc.returncode})"
        self.crashes += 1
        crash = self.server.log_grep(r"Program crashed|Fatal error", limit=2, current_run=True)
        frames = self.server.log_grep(r"^\s+[0-4] \[", limit=5, current_run=True)
        print(f"  !! {what} after case {name!r}")
        for line in crash + frames:
            print(f"     {line.strip()[:220]}")
        self.server.start()
        return [what]

    def judge(self, case, answer):
        """Problems and warnings for one answer of a case."""
        problems, warns = [], []
        if answer.status is None:
            if case.close_warn:
                return problems, [case.close_warn]
            if case.allow_close or case.transport:
                return problems, warns
            return [f"no answer ({answer.error})"], warns
        if case.head:
            if answer.status >= 500:
                problems.append(f"HTTP {answer.status}")
            return problems, warns
        if case.transport and answer.status in (400, 408, 413, 414, 431, 501, 505) and not _is_envelope(answer):
            if answer.status >= 500:
                problems.append(f"HTTP {answer.status}")
            else:
                warns.append(f"HTTP layer answered {answer.status} without an envelope")
            return problems, warns
        problems += envelope_problems(answer, sent=case.sent + ALL_PAYLOADS,
                                      allow_status=case.status or (200, 404, 405, 413))
        code = answer.code
        if case.code is not None and code is not None and code not in case.code:
            # A hostile request that succeeds is a failure; another error code than the
            # documented one is a warning.
            (problems if code == 0 else warns).append(f"code {code}, docs/errors.md says {sorted(case.code)}")
        if case.not_code is not None and code in case.not_code:
            problems.append(f"code {code} must not be answered here")
        injected = [k for k, _ in answer.headers if k.startswith("x-injected") or k == "set-cookie"]
        if injected:
            problems.append(f"injected response header {injected}")
        if case.extra_check:
            extra = case.extra_check(answer)
            if extra:
                problems.append(extra)
        return problems, warns

    def run_case(self, case):
        statuses, codes, problems, warns = [], [], [], []
        many = len(case.requests) > 1
        for n, data in enumerate(case.requests):
            answers = exchange(self.server.port, data, timeout=case.timeout, read_answers=case.read_answers,
                               send_chunks=case.send_chunks)
            for a in answers:
                statuses.append(str(a.status) if a.status is not None else (a.error or "none"))
                codes.append(str(a.code) if a.code is not None else "-")
                p, w = self.judge(case, a)
                problems += [f"#{n + 1}: {x}" if many else x for x in p]
                warns += w
            if many and answers[-1].status is None:
                # Find out now which request of the group it was.
                problems += [f"#{n + 1}: {x}" for x in self.ensure_alive(f"{case.name} #{n + 1}")]
        problems += self.ensure_alive(case.name)
        self.record(case.name, _summ(statuses), _summ(codes), _dedupe(problems), _dedupe(warns))

    # -- the fixed corpus ----------------------------------------------------------------------
    def corpus(self):
        key = self.apikey_headers()
        R = request_bytes
        cases = []

        # Body size (max_body_bytes = 1 MiB): 413 with an envelope.
        big = json.dumps({"request_id": "big", "feedback": "x" * (MIB + MIB // 2)})
        cases.append(Case("body 1.5 MiB JSON", R("POST", CREATE_PATH, big, headers=key), status={413}, code={-5000}))
        chunk = b"x" * 65536
        chunked_head = (b"POST " + q().encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        pieces = [chunked_head] + [b"10000\r\n" + chunk + b"\r\n"] * 40 + [b"0\r\n\r\n"]
        cases.append(Case("body 2.5 MiB chunked", send_chunks=pieces, status={413}, code={-5000}))
        cases.append(Case("Content-Length 10 GiB, 1 KiB sent",
                          R("POST", q(), b"{" + b" " * 1024, content_length=False, headers=[("Content-Length", "10737418240")]),
                          status={413}, code={-5000}, timeout=IDLE_TIMEOUT + 8,
                          close_warn="no 413: the server waited for the declared body and closed at the idle timeout"))
        exact = json.dumps({"pad": "x" * (MIB - 20)})
        exact = exact[:-2] + "x" * (MIB - len(exact)) + exact[-2:]
        cases.append(Case("body exactly 1 MiB", R("POST", q(), exact), status={200}))
        cases.append(Case("Content-Length -1", R("POST", q(), b"", content_length=False, headers=[("Content-Length", "-1")]),
                          transport=True))
        cases.append(Case("two different Content-Lengths",
                          R("POST", q(), b"{}", content_length=False, headers=[("Content-Length", "2"), ("Content-Length", "40")]),
                          transport=True))
        cases.append(Case("Content-Length + chunked (smuggling)",
                          R("POST", q(), b"0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", content_length=False,
                            headers=[("Content-Length", "6"), ("Transfer-Encoding", "chunked")]), transport=True,
                          read_answers=2, allow_close=True, extra_check=_no_second_answer))

        # Deep JSON: rejected (or handled), never a stack overflow.
        for depth, kind in ((10_000, "arrays"), (10_000, "objects"), (100_000, "arrays"), (400_000, "arrays")):
            if kind == "arrays":
                nested = "[" * depth + "]" * depth
            else:
                nested = '{"a":' * depth + "1" + "}" * depth
            cases.append(Case(f"JSON {depth:,} nested {kind}", R("POST", CREATE_PATH, '{"products":' + nested + "}", headers=key),
                              status={200}, not_code={0}))
        cases.append(Case("JSON top level 10,000 nested", R("POST", q(), "[" * 10_000 + "]" * 10_000), status={200}, code={-5000}))
        cases.append(Case("JSON 10,000 nested in query param",
                          R("GET", q(extra="products=" + "%5B" * 10_000 + "%5D" * 10_000), close=True), status={431}))

        # Invalid UTF-8.
        prod = json.dumps([product()]).encode()
        cases.append(Case("invalid UTF-8 in JSON string",
                          R("POST", CREATE_PATH, b'{"request_id":"\xff\xfe\xfd","products":' + prod + b"}", headers=key),
                          status={200}, code={-5000}))
        cases.append(Case("overlong UTF-8 '/' in JSON",
                          R("POST", CREATE_PATH, b'{"request_id":"\xc0\xaf\xc0\xaf","products":' + prod + b"}", headers=key),
                          status={200}, code={-5000}))
        cases.append(Case("UTF-8 surrogate bytes in JSON",
                          R("POST", CREATE_PATH, b'{"request_id":"\xed\xa0\x80","products":' + prod + b"}", headers=key),
                          status={200}, code={-5000}))
        cases.append(Case("lone surrogate escape \\ud800",
                          R("POST", CREATE_PATH, b'{"request_id":"x\\ud800y","products":' + prod + b"}", headers=key),
                          status={200}))
        cases.append(Case("invalid UTF-8 %FF%FE in query", R("GET", q(extra="lang=%ff%fe")), status={200}, code={-5000}))
        cases.append(Case("invalid UTF-8 in routing name", R("GET", q(plugin="sys%ff")), status={200}, code={-5000}))
        cases.append(Case("raw 0xFF bytes in request line", R("GET", q().encode() + b"&x=\xff\xfe"), transport=True))
        cases.append(Case("invalid UTF-8 in form body",
                          R("POST", q(), b"a=\xff\xfe&b=1", content_type="application/x-www-form-urlencoded"),
                          status={200}, code={-5000}))
        cases.append(Case("invalid UTF-8 in header", R("GET", q(), headers=[b"X-Api-Key: \xff\xfe\xfd"]), status={200},
                          transport=True))

        # Wrong content types.
        xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
        cases.append(Case("text/xml (XXE)", R("POST", CREATE_PATH, xxe, content_type="text/xml", headers=key),
                          status={200}, code={-5000}))
        cases.append(Case("application/octet-stream", R("POST", CREATE_PATH, bytes(random.Random(1).randrange(256) for _ in range(4096)),
                                                         content_type="application/octet-stream", headers=key), status={200}, code={-5000}))
        cases.append(Case("multipart without boundary", R("POST", CREATE_PATH, b"--x\r\n\r\n", content_type="multipart/form-data",
                                                           headers=key), status={200}, code={-5000}))
        cases.append(Case("multipart garbage", R("POST", CREATE_PATH, b"--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\n\x00\xff--",
                                                  content_type="multipart/form-data; boundary=b", headers=key), status={200}, code={-5000}))
        cases.append(Case("multipart header name with byte >= 0x80",
                          R("POST", q(), b"--b\r\n\xc3\xa9: x\r\n\r\nv\r\n--b--\r\n", content_type="multipart/form-data; boundary=b"),
                          status={200}, code={-5000}))
        mp = (b"--b\r\nContent-Disposition: form-data; name=\"products\"; filename=\"../../../../etc/passwd\"\r\n"
              b"Content-Type: application/x-sh\r\n\r\n#!/bin/sh\r\nrm -rf /\r\n--b--\r\n")
        cases.append(Case("multipart file named ../../etc/passwd", R("POST", CREATE_PATH, mp, content_type="multipart/form-data; boundary=b",
                                                                     headers=key), status={200}, not_code={0},
                          sent=("../../../../etc/passwd",)))
        cases.append(Case("JSON content type, form body", R("POST", CREATE_PATH, "request_id=x&products=1", headers=key),
                          status={200}, code={-5000}))
        cases.append(Case("Content-Type 8 KiB long", R("POST", q(), "{}", content_type="application/json;" + "a" * 8192),
                          status={200}))
        cases.append(Case("JSON body that is a string", R("POST", q(), '"hello"'), status={200}, code={-5000}))
        cases.append(Case("JSON body with trailing garbage", R("POST", q(), '{"a":1} {"b":2}'), status={200}, code={-5000}))
        cases.append(Case("JSON number 1e999999", R("POST", CREATE_PATH, '{"request_id":"n","products":[{"title":"W","amount":1e999999,'
                                                     '"quantity":1e999999}]}', headers=key), status={200}, not_code={0}))

        # Parameter counts and sizes (256 top-level, 20,000 values, 64 KiB strings).
        many = "&".join(f"p{i}=1" for i in range(10_000))
        cases.append(Case("10,000 query parameters", R("GET", q(extra=many)), status={431}, code={-5000}))
        cases.append(Case("10,000 form parameters", R("POST", q(), many, content_type="application/x-www-form-urlencoded"),
                          status={200}, code={-5000}))
        cases.append(Case("300 JSON parameters", R("POST", q(), json.dumps({f"p{i}": i for i in range(300)})), status={200},
                          code={-5000}))
        cases.append(Case("25,000 values in one JSON array",
                          R("POST", CREATE_PATH, json.dumps({"request_id": "v", "products": [1] * 25_000}), headers=key),
                          status={200}, code={-5000}))
        cases.append(Case("25,000 ids[] in a form body", R("POST", q(), "&".join(["ids[]=1"] * 25_000),
                                                           content_type="application/x-www-form-urlencoded"),
                          status={200}, code={-5000}))
        cases.append(Case("10,000 duplicate JSON keys", R("POST", q(), "{" + ",".join(['"a":1'] * 10_000) + "}"), status={200}))
        long = "a" * (70 * 1024)
        cases.append(Case("70 KiB string in JSON", R("POST", CREATE_PATH, json.dumps({"request_id": "l", "feedback": long,
                                                                                      "products": [product()]}), headers=key),
                          status={200}, code={-5000}))
        cases.append(Case("70 KiB string in query", R("GET", q(extra="lang=" + long)), status={431}, code={-5000}))
        cases.append(Case("70 KiB JSON key", R("POST", q(), json.dumps({long: 1})), status={200}))
        cases.append(Case("70 KiB product title", R("POST", CREATE_PATH, json.dumps({"request_id": "t", "products": [product(title=long)]}),
                                                    headers=key), status={200}, code={-5000}))
        cases.append(Case("70 KiB X-Api-Key header", R("POST", CREATE_PATH, "{}", headers=[("X-Api-Key", long)]), status={431},
                          code={-5000}, transport=True))
        cases.append(Case("2,000 request headers", R("GET", q(), headers=[(f"X-H{i}", "v") for i in range(2000)]), status={200, 431},
                          transport=True))
        cases.append(Case("200 KiB request line", R("GET", q(extra="x=" + "a" * (200 * 1024))), status={200, 431}, transport=True))

        # SQL injection in every routing name and in parameters.
        for name in ("pluginsname", "pluginscontrol", "pluginsaction"):
            reqs = []
            for payload in SQLI:
                parts = {"pluginsname": "invoice", "pluginscontrol": "merchant", "pluginsaction": "list", name: payload}
                path = "/api/plugins/index?" + "&".join(f"{k}={_pct(v)}" for k, v in parts.items())
                reqs.append(R("POST", path, "{}", headers=key))
            cases.append(Case(f"SQL injection in {name} (x{len(SQLI)})", requests=reqs, status={200}, code={-5000}, sent=SQLI))
        cases.append(Case("SQL injection in ShopXO s=", requests=[
            R("POST", "/api.php?s=" + _pct(p) + "&pluginsname=system&pluginscontrol=system&pluginsaction=ping") for p in SQLI],
            status={200}, code={-5000}, sent=SQLI))
        cases.append(Case("SQL injection in login", requests=[
            R("POST", q("system", "user", "login"), json.dumps({"accounts": p, "pwd": p})) for p in SQLI + ["' OR '1'='1"]],
            status={200}, not_code={0}, sent=SQLI))
        cases.append(Case("SQL injection in X-Api-Key", requests=[
            R("POST", LIST_PATH, "{}", headers=[("X-Api-Key", p)]) for p in SQLI], status={200}, code={-401}, sent=SQLI))
        cases.append(Case("SQL injection in token / Bearer", requests=[
            R("POST", q("system", "user", "info", extra="token=" + _pct(p)), "{}") for p in SQLI] + [
            R("POST", q("system", "user", "info"), "{}", headers=[("Authorization", "Bearer " + p)]) for p in SQLI],
            status={200}, code={-400}, sent=SQLI))
        cases.append(Case("SQL injection in merchant/view id, number", requests=[
            R("POST", q("invoice", "merchant", "view"), json.dumps({k: p}), headers=key) for p in SQLI for k in ("id", "number")],
            status={200}, not_code={0}, sent=SQLI))
        cases.append(Case("SQL injection in list page/page_size", requests=[
            R("POST", LIST_PATH, json.dumps({k: p}), headers=key) for p in SQLI for k in ("page", "page_size", "status")],
            status={200}, sent=SQLI, extra_check=_list_not_widened))
        cases.append(Case("SQL injection stored as request_id", requests=[
            R("POST", CREATE_PATH, json.dumps({"request_id": p, "products": [product(title=p)]}), headers=key) for p in SQLI],
            status={200}, code={0}, sent=SQLI, extra_check=_echo_request_id))
        other = [("X-Api-Key", self.api_key_other)]
        canary_id, canary_number = self.canaries["canary-0"]
        cases.append(Case("another store's key reads a canary", requests=[
            R("POST", q("invoice", "merchant", "view"), json.dumps({"id": canary_id}), headers=other),
            R("POST", q("invoice", "merchant", "view"), json.dumps({"number": canary_number}), headers=other),
            R("POST", q("invoice", "merchant", "view"), json.dumps({"id": canary_id, "store_id": 1}), headers=other)],
            status={200}, not_code={0}))
        cases.append(Case("SQL injection in lang", requests=[R("GET", q(extra="lang=" + _pct(p))) for p in SQLI],
                          status={200}, code={0}, sent=SQLI))

        # Path traversal.
        cases.append(Case("traversal as pluginsname", requests=[
            R("POST", q(plugin=_pct(p) if "%" not in p else p), "{}") for p in TRAVERSAL], status={200}, code={-5000}, sent=TRAVERSAL))
        cases.append(Case("traversal as pluginscontrol/action", requests=[
            R("POST", q(plugin="invoice", control=_pct(p), action="x"), "{}") for p in TRAVERSAL] + [
            R("POST", q(plugin="invoice", control="merchant", action=_pct(p)), "{}") for p in TRAVERSAL],
            status={200}, code={-5000}, sent=TRAVERSAL))
        for path in ("/../../etc/passwd", "/api/plugins/index/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                     "/api/plugins/..%2f..%2f..%2fetc%2fpasswd/x/y", "/api/plugins/invoice/../../../etc/passwd",
                     "/static/../../../../etc/passwd", "//etc/passwd", "/api/plugins/index%00.json"):
            cases.append(Case(f"URL {path}", R("GET", path), status={200, 404, 405}, not_code={0}, allow_close=True,
                              transport=True))
        cases.append(Case("absolute-form file:///etc/passwd", R("GET", "file:///etc/passwd"), status={200, 404}, transport=True))
        cases.append(Case("absolute-form http://evil/", R("GET", "http://evil.example/api/plugins/index?pluginsname=system"
                                                                 "&pluginscontrol=system&pluginsaction=ping"), status={200, 404},
                          transport=True))
        cases.append(Case("ShopXO s=../../etc/passwd", R("POST", "/api.php?s=../../etc/passwd&pluginsname=system&pluginscontrol=system"
                                                                  "&pluginsaction=ping"), status={200}, code={-5000}))
        cases.append(Case("traversal in lang", R("GET", q(extra="lang=../../../../etc/passwd")), status={200}, code={0}))

        # Header injection (response splitting) and odd headers.
        cases.append(Case("CRLF in query value (lang)", R("GET", q(extra="lang=en%0d%0aX-Injected:%201%0d%0aSet-Cookie:%20a=b")),
                          status={200}, code={0}))
        cases.append(Case("CRLF in request_id (JSON)", R("POST", CREATE_PATH, json.dumps({"request_id": "crlf\r\nX-Injected: 1",
                                                                                         "products": [product()]}), headers=key),
                          status={200}, sent=("crlf\r\nX-Injected: 1",)))
        cases.append(Case("CRLF in Idempotency-Key header", R("POST", CREATE_PATH, json.dumps({"products": [product()]}),
                                                              headers=[b"X-Api-Key: " + self.api_key.encode(),
                                                                       b"Idempotency-Key: a\rX-Injected: 1"]),
                          status={200}, transport=True))
        cases.append(Case("obs-fold header continuation", R("GET", q(), headers=[b"X-Foo: a", b" X-Injected: 1"]), status={200},
                          transport=True))
        cases.append(Case("header name with space", R("GET", q(), headers=[b"X Injected: 1"]), status={200}, transport=True))
        cases.append(Case("client X-Request-Id with CRLF", R("GET", q(), headers=[("X-Request-Id", "abc%0d%0aX-Injected: 1")]),
                          status={200}, code={0}))
        cases.append(Case("Host header injection", R("GET", q(), headers=[b"Host: evil.example\r\nX-Injected: 1"]),
                          status={200}, transport=True))

        # NUL bytes.
        cases.append(Case("NUL in routing names", requests=[R("GET", q(plugin="system%00")), R("GET", q(action="ping%00x")),
                                                            R("GET", q(plugin="%00"))], status={200}, code={-5000}))
        cases.append(Case("NUL in query value", R("GET", q(extra="lang=%00%00")), status={200}, code={0}))
        cases.append(Case("raw NUL in JSON body", R("POST", q(), b'{"a":\x00}'), status={200}, code={-5000}))
        cases.append(Case("raw NUL in URL", R("GET", q().encode() + b"&x=\x00"), transport=True))
        cases.append(Case("NUL in header value", R("GET", q(), headers=[b"X-Api-Key: a\x00b"]), transport=True))
        cases.append(Case("NUL in form body", R("POST", q(), b"a=\x00&b=%00", content_type="application/x-www-form-urlencoded"),
                          status={200}))

        # Money and numbers: overflow must be a validation error, never a trap.
        invalid = {0}     # must be refused
        number_cases = [
            ("quantity = Int64.max", {"products": [product("10.00", 9223372036854775807)]}, invalid),
            ("amount 92233720368547758.07", {"products": [product("92233720368547758.07", 1)]}, invalid),
            ("amount 9999999999999.99 x 1,000,000", {"products": [product("9999999999999.99", 1000000)]}, invalid),
            ("2,000 lines of 9999999999999.99", {"products": [product("9999999999999.99", 1)] * 2000}, invalid),
            ("negative amount", {"products": [product("-10.00", 1)]}, invalid),
            ("quantity -1", {"products": [product("10.00", -1)]}, invalid),
            ("quantity 0", {"products": [product("10.00", 0)]}, invalid),
            ("amount NaN", {"products": [product("NaN", 1)]}, invalid),
            ("amount 1e308", {"products": [product("1e308", 1)]}, invalid),
            ("discount_amount 10^20", {"products": [{"title": "W", "amount": "10.00", "quantity": 1,
                                                     "discount_amount": "99999999999999999999", "discount_type": 1}]}, invalid),
            ("discount_type 9", {"products": [{"title": "W", "amount": "10.00", "quantity": 1, "discount_amount": "-5",
                                               "discount_type": 9}]}, invalid),
            ("expires_at = Int64.max", {"products": [product()], "expires_at": 9223372036854775807}, None),
            ("expires_at = Int64.min", {"products": [product()], "expires_at": -9223372036854775808}, None),
            ("user_id = 2^63", {"products": [product()], "user_id": 9223372036854775808}, invalid),
            ("currency XXXXXXXX", {"products": [product()], "currency": "XXXXXXXX"}, invalid),
            ("webhooks file:///etc/passwd", {"products": [product()], "webhooks": ["file:///etc/passwd"]}, invalid),
            ("customer email 60,000 chars", {"products": [product()], "customer": {"email": "a" * 60000}}, None),
        ]
        for i, (label, body, refused) in enumerate(number_cases):
            body = dict(body, request_id=f"num-{i}")
            cases.append(Case(f"create: {label}", R("POST", CREATE_PATH, json.dumps(body), headers=key), status={200},
                              not_code=refused, sent=("file:///etc/passwd",)))
        cases.append(Case("overflowing quantity", R("POST", CREATE_PATH, json.dumps(
            {"request_id": "ovf", "products": [product("10.00", 9223372036854775807)]}), headers=key), status={200}, not_code={0}))
        cases.append(Case("total over Int64 (2,000 lines)", R("POST", CREATE_PATH, json.dumps(
            {"request_id": "ovf2", "products": [product("9999999999999.99", 999999)] * 2000}), headers=key), status={200},
            not_code={0}))
        cases.append(Case("list page/page_size extremes", requests=[
            R("POST", LIST_PATH, json.dumps({"page": p, "page_size": s}), headers=key)
            for p, s in ((9223372036854775807, 100), (-9223372036854775808, 100), (1, 1_000_000_000), (0, 0), (1, -1),
                         ("1e3", "1e3"), (1.5, 2.5), (None, None), ([1], {"a": 1}))], status={200}))

        # Methods and protocol oddities.
        for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"):
            cases.append(Case(f"method {method}", R(method, q(), "{}"), status={200, 404, 405}, transport=True))
        cases.append(Case("HEAD on ping", R("HEAD", q()), head=True))
        cases.append(Case("GET on a POST-only action", R("GET", CREATE_PATH, headers=key), status={405}, code={-5000}))
        cases.append(Case("HTTP/1.0 request", R("GET", q(), version="HTTP/1.0", close=False), status={200}, code={0}))
        cases.append(Case("HTTP/0.9 request", b"GET /\r\n\r\n", transport=True, allow_close=True))
        cases.append(Case("HTTP/2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", transport=True, allow_close=True))
        cases.append(Case("TLS ClientHello", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(64), transport=True,
                          allow_close=True))
        cases.append(Case("garbage request line", b"HELLO WORLD\r\n\r\n", transport=True, allow_close=True))
        cases.append(Case("OPTIONS *", b"OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", status={200, 404, 405},
                          transport=True))
        cases.append(Case("Expect: 100-continue, 1.5 MiB", R("POST", q(), b"", content_length=False,
                                                             headers=[("Content-Length", str(MIB + MIB // 2)),
                                                                      ("Expect", "100-continue")]),
                          status={413, 417}, transport=True, timeout=IDLE_TIMEOUT + 8,
                          close_warn="no 413/417 to Expect: 100-continue; closed at the idle timeout"))
        pipelined = b"".join(R("GET", q(), close=(i == 49)) for i in range(50))
        cases.append(Case("50 pipelined pings", pipelined, status={200}, code={0}, read_answers=50))
        return cases

    def nul_key_collision(self):
        """Two idempotency keys that differ only after a NUL byte must be two invoices (or both be
        refused): truncating at the NUL would hand one client the other's invoice."""
        key = self.apikey_headers()
        answers = []
        for suffix in ("x", "y"):
            body = json.dumps({"request_id": "nul-key\u0000" + suffix, "products": [product()]})
            answers.append(exchange(self.server.port, request_bytes("POST", CREATE_PATH, body, headers=key))[0])
        problems = []
        for a in answers:
            problems += envelope_problems(a)
        ids = [((a.json() or {}).get("data") or {}).get("id") if a.code == 0 else None for a in answers]
        rids = [((a.json() or {}).get("data") or {}).get("request_id") if a.code == 0 else None for a in answers]
        if ids[0] is not None and ids[0] == ids[1]:
            problems.append(f"both keys answered invoice {ids[0]} (key truncated at NUL: {rids})")
        elif ids[0] is not None and rids[0] != "nul-key\u0000x":
            problems.append(f"request_id came back as {rids[0]!r}")
        problems += self.ensure_alive("NUL key collision")
        self.record("keys differing after a NUL", ",".join(str(a.status) for a in answers), ",".join(str(a.code) for a in answers),
                    problems, [], f"invoice ids {ids}")

    # -- waiting games: slowloris, slow body, half-open connections, stalled reader -------------
    def waiting_games(self):
        port = self.server.port
        results = {}
        limit = IDLE_TIMEOUT * 2 + 1      # "about the idle timeout", with slack for a loaded 2-core box
        bound = IDLE_TIMEOUT * 3 + 5      # never wait longer than this

        def dribble(name, head, per_byte, rest_bytes):
            """Sends `head` at once, then `rest_bytes` one byte per `per_byte` s; returns seconds
            until the server closed (None if it never did within `bound`) and any answer."""
            start = time.monotonic()
            try:
                s = socket.create_connection((HOST, port), timeout=5)
            except OSError as e:
                results[name] = (None, f"connect {e}")
                return
            try:
                if head:
                    s.sendall(head)
                i = 0
                got = b""
                while time.monotonic() - start < bound:
                    r, _, _ = select.select([s], [], [], per_byte)
                    if r:
                        try:
                            data = s.recv(65536)
                        except OSError:
                            data = b""
                        if not data:
                            results[name] = (time.monotonic() - start, got)
                            return
                        got += data
                        continue
                    try:
                        s.sendall(rest_bytes[i % len(rest_bytes):i % len(rest_bytes) + 1])
                    except OSError:
                        results[name] = (time.monotonic() - start, got)
                        return
                    i += 1
                results[name] = (None, got)
            finally:
                s.close()

        slowloris_bytes = (b"GET " + q().encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: " + b"b" * 1000)
        slow_body_head = request_bytes("POST", q(), b"", content_length=False, headers=[("Content-Length", "100000")],
                                       content_type="application/json") + b"{\"a\":\""
        threads = [
            threading.Thread(target=dribble, args=("slowloris (header 1 byte/s)", b"", 1.0, slowloris_bytes), daemon=True),
            threading.Thread(target=dribble, args=("slow body (1 byte/s)", slow_body_head, 1.0, b"x"), daemon=True),
        ]

        # 200 half-open connections: silent, a partial request line, a partial request then FIN.
        half = []
        for i in range(200):
            try:
                s = socket.create_connection((HOST, port), timeout=5)
            except OSError:
                continue
            if i % 4 == 1:
                s.sendall(b"GET /api/plugins/ind")
            elif i % 4 == 2:
                s.sendall(b"POST " + q().encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{\"a")
            elif i % 4 == 3:
                s.sendall(b"GET /api/plugins/index?plug")
                s.shutdown(socket.SHUT_WR)
            s.setblocking(False)
            half.append(s)
        half_opened = len(half)
        start = time.monotonic()
        for t in threads:
            t.start()

        # Stalled reader: 5,000 pipelined pings, never read; closed after 2 s.
        stalled_ok = True
        try:
            stalled = socket.create_connection((HOST, port), timeout=5)
            stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            stalled.setblocking(False)
            payload = b"".join(request_bytes("GET", q(), close=False) for _ in range(5000))
            sent = 0
            t0 = time.monotonic()
            while sent < len(payload) and time.monotonic() - t0 < 2:
                try:
                    sent += stalled.send(payload[sent:sent + 65536])
                except BlockingIOError:
                    time.sleep(0.05)
                except OSError:
                    break
        except OSError:
            stalled_ok = False
            sent = 0

        # Meanwhile the probe: pings must keep answering promptly.
        probe = []
        closed_at = {}
        while time.monotonic() - start < bound:
            t0 = time.monotonic()
            ok = ping(port, timeout=5)
            probe.append((ok, time.monotonic() - t0))
            for idx, s in enumerate(half):
                if idx in closed_at:
                    continue
                try:
                    data = s.recv(65536)
                    if not data:
                        closed_at[idx] = time.monotonic() - start
                except BlockingIOError:
                    pass
                except OSError:
                    closed_at[idx] = time.monotonic() - start
            if len(closed_at) == len(half) and not any(t.is_alive() for t in threads):
                break
            time.sleep(0.25)
        try:
            stalled.close()
        except (OSError, UnboundLocalError):
            pass
        for s in half:
            s.close()
        for t in threads:
            t.join(timeout=bound)

        alive = self.ensure_alive("waiting games")
        for name in ("slowloris (header 1 byte/s)", "slow body (1 byte/s)"):
            closed, got = results.get(name, (None, b""))
            problems, warns = list(alive), []
            status = "-"
            if isinstance(got, bytes) and got.startswith(b"HTTP/"):
                status = got.split(b" ", 2)[1].decode()
                if status.startswith("5"):
                    problems.append(f"HTTP {status}")
            note = f"closed after {closed:.1f} s" if closed is not None else f"still open after {bound} s"
            if closed is None or closed > limit:
                msg = f"not closed within {limit} s ({note})"
                if name.startswith("slowloris"):
                    problems.append(msg)
                else:
                    warns.append(msg + "; every body byte restarts the idle timer")
            self.record(name, status, "-", problems, warns, note)
        closed_times = sorted(closed_at.values())
        still_open = half_opened - len(closed_times)
        problems = list(alive)
        if half_opened < 200:
            problems.append(f"only {half_opened} of 200 connections opened")
        if still_open:
            problems.append(f"{still_open} half-open connections still open after {bound} s")
        elif closed_times and closed_times[-1] > limit:
            problems.append(f"last half-open connection closed after {closed_times[-1]:.1f} s (limit {limit} s)")
        note = (f"{len(closed_times)} closed, last after {closed_times[-1]:.1f} s" if closed_times else "none closed")
        self.record("200 half-open connections", "-", "-", problems, [], note)
        fails = [lat for ok, lat in probe if not ok]
        slow = max((lat for _, lat in probe), default=0)
        problems = [f"{len(fails)} of {len(probe)} pings failed"] if fails or not probe else []
        if slow > 2:
            problems.append(f"a ping took {slow:.1f} s")
        self.record("ping while stalled (probe)", "200", "0" if not fails else "-", problems, [],
                    f"{len(probe)} pings, max {slow * 1000:.0f} ms")
        self.record("stalled reader (5,000 pipelined, unread)", "-", "-", [] if stalled_ok else ["could not connect"], [],
                    f"{sent // 1024} KiB sent before the server pushed back")

    # -- mutation fuzzing: valid requests with random damage -----------------------------------
    def mutations(self):
        """Valid requests (create, list, login, form, multipart, GET) with random byte damage,
        sent by 8 threads. The seed is printed (RELIABILITY_SEED=<seed> reproduces a run).

        When the server stops answering, the requests in flight are replayed one by one on a
        restarted server to find the one that kills it (saved next to the server log); the rest
        of that request's template is then skipped, so that one known crash does not hide the
        others, and fuzzing goes on (at most 3 crashes per run, 1 in short mode)."""
        count = self.ctx.pick(300, 10_000)
        budget = self.ctx.pick(25, 150)
        # Short mode (CI) uses a fixed seed so that it is repeatable; full mode explores.
        seed = int(os.environ.get("RELIABILITY_SEED", "0") or 0) or (20261127 if self.ctx.short else random.randrange(1, 1 << 30))
        work = mutation_corpus(seed, count, self.api_key)
        lock = threading.Lock()
        stats = {"status": {}, "code": {}, "problems": [], "done": 0, "transport": 0}
        dead_templates = set()
        crashes = []
        deadline = time.monotonic() + budget
        next_index = [0]

        def worker(stop, in_flight, suspects):
            while time.monotonic() < deadline and not stop.is_set():
                with lock:
                    while next_index[0] < len(work) and work[next_index[0]][0] in dead_templates:
                        next_index[0] += 1
                    i = next_index[0]
                    next_index[0] += 1
                    if i >= len(work):
                        return
                    in_flight.add(i)
                a = exchange(self.server.port, work[i][1], timeout=IDLE_TIMEOUT + 4)[0]
                problems = []
                if a.status is None and not ping(self.server.port, timeout=3):
                    with lock:
                        suspects.update(in_flight)
                    stop.set()
                    return
                if a.status is not None:
                    if a.status >= 500:
                        problems.append(f"HTTP {a.status}")
                    elif a.status == 400 and not _is_envelope(a):
                        with lock:
                            stats["transport"] += 1
                    else:
                        problems += envelope_problems(a, sent=ALL_PAYLOADS + MUTATION_STRINGS)
                with lock:
                    in_flight.discard(i)
                    stats["done"] += 1
                    st = a.status if a.status is not None else "none"
                    stats["status"][st] = stats["status"].get(st, 0) + 1
                    stats["code"][a.code] = stats["code"].get(a.code, 0) + 1
                    if problems:
                        stats["problems"].append((i, problems))

        problems = []
        max_crashes = self.ctx.pick(1, 3)
        while next_index[0] < len(work) and time.monotonic() < deadline and len(crashes) < max_crashes:
            stop, in_flight, suspects = threading.Event(), set(), set()
            threads = [threading.Thread(target=worker, args=(stop, in_flight, suspects), daemon=True) for _ in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=budget + IDLE_TIMEOUT + 10)
            alive_problems = self.ensure_alive(f"mutations (seed {seed})")
            if not suspects and not alive_problems:
                break
            found = self.isolate(sorted(suspects), work, f"mutation-{seed}")
            crashes.append(found)
            problems += alive_problems + [found[1]]
            if found[0] is not None:
                dead_templates.add(work[found[0]][0])
        for i, p in stats["problems"][:5]:
            path = os.path.join(self.server.dir, f"mutation-{seed}-{i}.bin")
            with open(path, "wb") as f:
                f.write(work[i][1])
            problems.append(f"request {i} ({path}): {'; '.join(p)}")
            self.server.ok = False
        if not crashes and stats["done"] < count:
            problems.append(f"only {stats['done']} of {count} sent within {budget} s")
        skipped = ", ".join(MUTATION_TEMPLATES[t] for t in sorted(dead_templates))
        top_codes = dict(sorted(stats["code"].items(), key=lambda kv: -kv[1])[:4])
        note = f"{stats['transport']} bare 400s from the HTTP layer" + (f"; skipped after a crash: {skipped}" if skipped else "")
        self.record(f"mutated requests ({stats['done']}, seed {seed})", _hist(stats["status"]), _hist(top_codes),
                    _dedupe(problems), [], note)

    def isolate(self, suspects, work, label):
        """Replays each suspect request alone (ping after each) to find the one that kills or
        hangs the server; saves it. Returns (index or None, problem text)."""
        self.server.ok = False
        for i in suspects[:8]:
            exchange(self.server.port, work[i][1], timeout=IDLE_TIMEOUT + 4)
            if self.ensure_alive(f"replay of request {i}"):
                path = os.path.join(self.server.dir, f"{label}-{i}-culprit.bin")
                with open(path, "wb") as f:
                    f.write(work[i][1])
                return i, f"request {i} ({MUTATION_TEMPLATES[work[i][0]]}) kills the server: {path}"
        return None, f"none of the {len(suspects)} requests in flight kills the server alone"

    # -- derived from the route tables -----------------------------------------------------------
    def discover_routes(self):
        """Every action from /api/openapi.json (paths /api|admin/plugins/{p}/{c}/{a}, x-access,
        declared body properties); the built-in list when the document is not served."""
        answer = exchange(self.server.port, request_bytes("GET", "/api/openapi.json"), timeout=10)[0]
        doc = answer.json() if answer.status == 200 else None
        if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
            return FALLBACK_ROUTES, "built-in list (/api/openapi.json not served)"
        routes = []
        for path, item in doc["paths"].items():
            parts = path.strip("/").split("/")
            if len(parts) != 5 or parts[1] != "plugins" or not isinstance(item, dict):
                continue
            op = item.get("post") or item.get("get") or {}
            access = str(op.get("x-access", "public")).split("(")[0].lower().replace("_", "")
            schema = (((op.get("requestBody") or {}).get("content") or {}).get("application/json") or {}).get("schema") or {}
            params = list((schema.get("properties") or {}).keys())
            routes.append((parts[0], parts[2], parts[3], parts[4], access, params))
        return routes, f"/api/openapi.json ({len(routes)} actions)"

    def credentials(self, access):
        if access.startswith("apikey"):
            return [("X-Api-Key", self.api_key)]
        if access.startswith("admin"):
            return [("Authorization", "Bearer " + self.admin_token)]
        if access.startswith("user"):
            return [("Authorization", "Bearer " + self.user_token)]
        return []

    def derived(self):
        routes, source = self.discover_routes()
        print(f"  actions attacked: {source}")
        long = "a" * (70 * 1024)
        payload_sets = [
            ("SQL injection", lambda i: SQLI[i % len(SQLI)], SQLI),
            ("path traversal", lambda i: TRAVERSAL[i % len(TRAVERSAL)], TRAVERSAL),
            ("NUL bytes", lambda i: NULS[i % len(NULS)], NULS),
            ("wrong types", lambda i: WRONG_TYPES[i % len(WRONG_TYPES)], ()),
            ("70 KiB strings", lambda i: long, ()),
        ]
        for label, value, sent in payload_sets:
            statuses, codes, problems = {}, {}, []
            for surface, plugin, control, action, access, params in routes:
                names = params or ["id", "page", "keywords", "name"]
                body = {n: value(i) for i, n in enumerate(names)}
                if label == "70 KiB strings":
                    body = {names[0]: long}
                query_value = value(0) if isinstance(value(0), str) else "x"
                path = q(plugin, control, action, surface=surface, extra=f"{names[0]}={_pct(query_value[:2000])}")
                data = request_bytes("POST", path, json.dumps(body), headers=self.credentials(access))
                a = exchange(self.server.port, data, timeout=15)[0]
                statuses[a.status] = statuses.get(a.status, 0) + 1
                codes[a.code] = codes.get(a.code, 0) + 1
                p = envelope_problems(a, sent=tuple(sent) + (long,))
                if p:
                    problems.append(f"{plugin}/{control}/{action}: {'; '.join(p)}")
                problems += self.ensure_alive(f"{label} on {plugin}/{control}/{action}")
            self.record(f"every action x {label} ({len(routes)})", _hist(statuses), _hist(codes), problems[:5])

    # -- after the corpus ----------------------------------------------------------------------
    def aftermath(self):
        problems = []
        if not ping(self.server.port):
            problems.append("ping does not answer code 0")
        self.record("ping after the corpus", "200" if not problems else "-", "0" if not problems else "-", problems)
        conn = open_db_readonly(self.server.db_path)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            rows = {r[0]: (r[1], r[2]) for r in conn.execute(
                "SELECT request_id, id, number FROM invoice_invoices WHERE request_id LIKE 'canary-%'")}
            injected = conn.execute("SELECT count(*) FROM invoice_invoices WHERE request_id IN (%s)" % ",".join("?" * len(SQLI)),
                                    SQLI).fetchone()[0]
        finally:
            conn.close()
        problems = []
        for t in ("invoice_invoices", "invoice_counters", "invoice_lines"):
            if t not in tables:
                problems.append(f"table {t} is gone")
        if rows != self.canaries:
            problems.append(f"canary invoices changed: {rows} != {self.canaries}")
        if injected != len(SQLI):
            problems.append(f"{injected} of {len(SQLI)} SQL-looking request_ids stored literally")
        self.record("canaries and tables intact", "-", "-", problems, [],
                    f"{len(rows)} canaries, {injected} SQL strings stored as data")
        ic = integrity_check(self.server.db_path)
        self.record("integrity_check", "-", "-", [] if ic == "ok" else [ic], [], ic)
        crashes = self.server.log_grep(r"Program crashed|Fatal error|Segmentation fault|Illegal instruction", limit=100)
        self.record("crash reports in the server log", "-", str(len(crashes)), [f"{len(crashes)} crash reports"] if crashes else [],
                    [], "; ".join(c.strip()[:80] for c in crashes[:1]))


def _is_envelope(a):
    j = a.json()
    return isinstance(j, dict) and {"msg", "code", "data"} <= set(j)


def _pct(s):
    from urllib.parse import quote
    return quote(s, safe="")


def _summ(values):
    out = []
    for v in values:
        if v not in out:
            out.append(v)
    text = ",".join(out)
    return text if len(values) == 1 else f"{text} (x{len(values)})" if len(out) == 1 else text


def _hist(d):
    return ",".join(f"{k}:{v}" for k, v in sorted(d.items(), key=lambda kv: -kv[1]))


def _dedupe(items):
    out = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def _no_second_answer(a):
    """The request smuggled behind `Transfer-Encoding: chunked` (GET /healthz) must not be answered."""
    if b'"alive"' in a.body:
        return "the smuggled GET /healthz was answered"
    return None


def _list_not_widened(a):
    """An injected filter must not widen a list beyond the store's own rows (checked loosely:
    a code-0 list must still be an object with a total)."""
    j = a.json() or {}
    if j.get("code") == 0 and not isinstance((j.get("data") or {}).get("total"), int):
        return "list answered code 0 without a total"
    return None


def _echo_request_id(a):
    j = a.json() or {}
    if j.get("code") == 0:
        rid = (j.get("data") or {}).get("request_id")
        if rid not in SQLI:
            return f"request_id came back as {rid!r}"
    return None


def run(ctx):
    with Server(ctx, "hostile", config={"idle_timeout_seconds": IDLE_TIMEOUT}) as server:
        h = Hostile(ctx, server)
        try:
            h.setup()
            for case in h.corpus():
                h.run_case(case)
            h.nul_key_collision()
            h.waiting_games()
            h.mutations()
            h.derived()
            h.aftermath()
        except ServerError as e:
            h.failures.append(str(e))
        h.table.print()
        counts = {}
        for row in h.table.rows:
            counts[row[3]] = counts.get(row[3], 0) + 1
        print(f"  {len(h.table.rows)} cases: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
              + f"; server crashes: {h.crashes}")
        grouped = {}
        for name, why in h.warnings:
            grouped.setdefault(why, []).append(name)
        for why, names in grouped.items():
            print(f"  warn: {why}: {', '.join(names)}")
        for f in h.failures:
            print(f"  FAIL: {f}")
        if h.failures:
            server.ok = False
    return not h.failures




if __name__ == "__main__":
    sys.exit(0 if run(Context()) else 1)
