#!/usr/bin/env python3
"""Schemathesis against the server's own OpenAPI document: no 5xx, no crash, envelopes only.

The server describes every registered action in `GET /api/openapi.json` (generated from the
plugins' route tables, so plugins added later are covered without editing this file). This check
starts a fresh server, fetches that document and runs schemathesis (PyPI) against every
operation, once per caller:

  super-admin  Authorization: Bearer <super-admin token>: passes every admin and apikey action
               (an admin acts for store_id, default 1); user actions answer -400
  apikey       (full mode only) X-Api-Key: a key of store 1 with scope invoices
  user         Authorization: Bearer <user token>: passes user and public actions
  none         no credentials (schemathesis may invent security parameters): public actions run,
               the rest must answer -400 (-401 where it invented an API key)

Schemathesis runs its examples, coverage (boundary values, wrong types, missing required
fields, unexpected methods) and fuzzing phases with a fixed seed in short mode (a random one,
printed, in full mode; RELIABILITY_SEED=N reruns one) and at most 15 (full: 100) examples per
operation as super-admin, 5 (full: 50) for the other callers.

Every answer must be HTTP 200 with an envelope {"msg": str, "code": int, "data": ...} (404, 405
and 413 are the only other statuses docs/errors.md allows, still with an envelope), never 5xx,
and, after removing the values the request itself carried, never contain SQL, "sqlite", file
paths, ".swift" or stack-trace words (`common.envelope_problems`). Invalid input is answered with
HTTP 200 and code -5000 or -1 by design (ShopXO compatibility), so schemathesis' checks that
expect 4xx for negative cases are not used: only `not_a_server_error` and this module's own
`envelope_contract` check (registered through SCHEMATHESIS_HOOKS=openapi_fuzz). At the end the
server must still be alive and answer ping, its log must hold no crash report, and the
super-admin token must still work (no fuzzed call revoked it).

Logout actions (`*.logout`, `*.logout_all`) revoke the presented token, so they are fuzzed only
in the unauthenticated run; every other operation is in every run.

    python3 reliability/openapi_fuzz.py            # RELIABILITY_MODE (default full)
    python3 reliability/openapi_fuzz.py short      # ~1 minute on 2 cores

Needs schemathesis (pinned: SCHEMATHESIS_VERSION below); installs it with pip when missing.
"""

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from common import AnswerView, Context, Server, ServerError, Table, call, envelope_problems, ping  # noqa: E402

SCHEMATHESIS_VERSION = "4.32.5"  # works on Python 3.9+ (tested on 3.11.7)
BUILD_COMMAND = "cd {root} && flock /tmp/swift-build.lock swift build -c release --product invoice-server"

LOG_ENV = "OPENAPI_FUZZ_LOG"    # where the envelope_contract check appends one JSON line per answer
RUN_ENV = "OPENAPI_FUZZ_RUN"    # the label of the current run (super-admin, user, none)
ALLOWED_STATUS = (200, 404, 405, 413)
CRASH_PATTERNS = r"Fatal error|Program crashed|Thread \d+ crashed|SIGSEGV|SIGABRT|SIGILL|SIGTRAP|SIGBUS"


# ------------------------------------------------------------------------------------------------
# The schemathesis side: a custom check, registered when schemathesis imports this module as its
# hooks module (SCHEMATHESIS_HOOKS=openapi_fuzz, PYTHONPATH=reliability/).
# ------------------------------------------------------------------------------------------------


def _sent_strings(value, out):
    """Every string a request carried (values and keys), so echoes of them are not leaks."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, bytes):
        out.append(value.decode("utf-8", "replace"))
    elif isinstance(value, dict):
        for k, v in value.items():
            _sent_strings(str(k), out)
            _sent_strings(v, out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _sent_strings(v, out)
    elif value is not None:
        out.append(str(value))
    return out


_log_lock = threading.Lock()


def _record(line):
    path = os.environ.get(LOG_ENV)
    if not path:
        return
    with _log_lock:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


def envelope_problems_of(status, content, case):
    sent = []
    for part in ("body", "query", "headers", "path_parameters", "cookies"):
        _sent_strings(getattr(case, part, None), sent)
    return envelope_problems(AnswerView(status, content or b""), sent=sent, allow_status=ALLOWED_STATUS)


def _register_schemathesis_check():
    try:
        import schemathesis
    except ImportError:
        return

    @schemathesis.check
    def envelope_contract(ctx, response, case):
        """HTTP 200 (or the documented 404/405/413), an envelope {msg, code, data}, no leaked internals."""
        status = response.status_code
        content = response.content or b""
        problems = envelope_problems_of(status, content, case)
        code = None
        try:
            j = json.loads(content.decode("utf-8"))
            if isinstance(j, dict) and isinstance(j.get("code"), int):
                code = j["code"]
        except (ValueError, UnicodeDecodeError):
            pass
        line = {"run": os.environ.get(RUN_ENV, ""), "op": case.operation.label, "status": status,
                "code": code, "problems": problems}
        if problems or os.environ.get("OPENAPI_FUZZ_VERBOSE"):
            body = case.body
            if isinstance(body, bytes):
                body = body.decode("utf-8", "replace")
            line["request"] = {"method": case.method, "path": case.formatted_path, "query": case.query,
                               "body": body if body is None or isinstance(body, (str, int, float, bool, list, dict))
                               else repr(body),
                               "media_type": getattr(case, "media_type", None)}
            line["answer"] = content[:500].decode("utf-8", "replace")
        _record(line)
        if problems:
            raise AssertionError("; ".join(problems) + f" (HTTP {status}, code {code})")


if os.environ.get(RUN_ENV):  # only inside the schemathesis process this harness starts
    _register_schemathesis_check()


# ------------------------------------------------------------------------------------------------
# The harness side
# ------------------------------------------------------------------------------------------------

def ensure_binary(ctx):
    if os.access(ctx.binary, os.X_OK):
        return True
    cmd = BUILD_COMMAND.format(root=ctx.root)
    print(f"  {ctx.binary} missing: {cmd}")
    return subprocess.run(cmd, shell=True).returncode == 0 and os.access(ctx.binary, os.X_OK)


def ensure_schemathesis():
    """The installed schemathesis version, installing the pinned one with pip when missing."""
    probe = [sys.executable, "-c", "import schemathesis; print(schemathesis.__version__)"]
    out = subprocess.run(probe, capture_output=True, text=True)
    if out.returncode != 0:
        print(f"  installing schemathesis=={SCHEMATHESIS_VERSION} (pip)")
        pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"schemathesis=={SCHEMATHESIS_VERSION}"],
                             capture_output=True, text=True)
        if pip.returncode != 0:
            print(pip.stderr[-2000:])
            return None
        out = subprocess.run(probe, capture_output=True, text=True)
        if out.returncode != 0:
            return None
    return out.stdout.strip()


def operations(doc):
    """[(method, path, operationId, x-access)] of the document."""
    ops = []
    for path, item in sorted(doc.get("paths", {}).items()):
        for method, op in item.items():
            if method.lower() in ("get", "post", "put", "patch", "delete", "head", "options") and isinstance(op, dict):
                ops.append((method.upper(), path, op.get("operationId", f"{method} {path}"), op.get("x-access", "?")))
    return ops


def run_schemathesis(ctx, server, workdir, label, doc_url, headers, examples, seed, exclude_regex, log_path,
                     security_parameters, timeout):
    """One `schemathesis run`; returns (exit code, seconds, tail of its output)."""
    cmd = [sys.executable, "-m", "schemathesis.cli", "run", doc_url,
           "--checks", "not_a_server_error,envelope_contract",
           "--max-examples", str(examples),
           "--seed", str(seed),
           "--workers", "2",
           "--phases", "examples,coverage,fuzzing",
           "--generation-database", "none",
           "--generation-with-security-parameters", "true" if security_parameters else "false",
           "--suppress-health-check", "all",
           "--continue-on-failure",
           "--request-timeout", "10",
           "--no-color",
           "--report", "junit", "--report-dir", os.path.join(workdir, f"report-{label}")]
    if exclude_regex:
        cmd += ["--exclude-operation-id-regex", exclude_regex]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    env = dict(os.environ)
    env["SCHEMATHESIS_HOOKS"] = "openapi_fuzz"
    env["PYTHONPATH"] = HERE + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env[LOG_ENV] = log_path
    env[RUN_ENV] = label
    env.setdefault("SCHEMATHESIS_TELEMETRY", "false")
    out_path = os.path.join(workdir, f"schemathesis-{label}.txt")
    t0 = time.monotonic()
    with open(out_path, "w") as out:
        try:
            rc = subprocess.run(cmd, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT,
                                timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    seconds = time.monotonic() - t0
    with open(out_path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return rc, seconds, text, out_path


def read_log(path):
    lines = []
    try:
        with open(path, encoding="utf-8") as f:
            for raw in f:
                try:
                    lines.append(json.loads(raw))
                except ValueError:
                    pass
    except OSError:
        pass
    return lines


def probe_admin_token(port, doc, token):
    """Does the super-admin token still pass an admin action's access check? (None: no admin action)"""
    for path, item in sorted(doc.get("paths", {}).items()):
        op = item.get("post")
        if op and op.get("x-access") == "admin":
            status, j, _ = call(port, path, {}, headers={"Authorization": f"Bearer {token}"})
            return isinstance(j, dict) and j.get("code") not in (-400, -1000)
    return None


def run(ctx):
    version = ensure_schemathesis()
    if not version:
        print("  FAIL: schemathesis is not installed and could not be installed")
        return False
    if not ensure_binary(ctx):
        print("  FAIL: no release binary")
        return False
    seed_env = os.environ.get("RELIABILITY_SEED", "").strip()
    seed = int(seed_env) if seed_env.isdigit() else (20261127 if ctx.short else random.randrange(1, 2 ** 31))
    examples = ctx.pick(15, 100)
    other_examples = ctx.pick(5, 50)
    timeout = ctx.pick(240, 3600)
    print(f"  schemathesis {version}, seed {seed} (RELIABILITY_SEED reruns it), mode {ctx.mode}: "
          f"{examples} examples per operation as super-admin, {other_examples} for the other callers")

    ok = True
    with Server(ctx, "openapi") as server:
        server.start()
        root = server.cli("admin", "create", "--name", "root", "--password", "pw-fuzz-123")
        user = server.cli("user", "create", "--name", "fuzz-user", "--email", "fuzz-user@example.com", "--password", "pw-fuzz-123")
        status, doc, raw = call(server.port, "/api/openapi.json", method="GET")
        if status != 200 or not isinstance(doc, dict) or not str(doc.get("openapi", "")).startswith("3."):
            print(f"  FAIL: GET /api/openapi.json answered HTTP {status}: {raw[:200]!r}")
            server.ok = False
            return False
        with open(os.path.join(server.dir, "openapi.json"), "wb") as f:
            f.write(raw)
        ops = operations(doc)
        access = Counter(a for _, _, _, a in ops)
        print(f"  /api/openapi.json: OpenAPI {doc.get('openapi')}, {len(ops)} operations "
              f"({', '.join(f'{n} {a}' for a, n in sorted(access.items()))})")

        doc_url = f"http://127.0.0.1:{server.port}/api/openapi.json"
        log_path = os.path.join(server.dir, "answers.jsonl")
        # schemathesis 4.32.5 itself crashes on invoice/admin/save (CPython's "AST constructor
        # recursion depth mismatch" while hypothesis names a lambda of its array parameters, in
        # the coverage phase), whatever the server answers; the hostile check covers that action.
        tool_crash = r"^invoice\.admin\.save$"
        logout = r"(^|\.)logout(_all)?(\.get)?$|" + tool_crash
        runs = [
            ("super-admin", {"Authorization": f"Bearer {root['token']}"}, examples, logout, False),
            ("user", {"Authorization": f"Bearer {user['token']}"}, other_examples, logout, False),
            ("none", {}, other_examples, tool_crash, True),
        ]
        if not ctx.short:
            # full mode: also as store 1's API key (scope invoices), through the X-Api-Key header
            runs.insert(1, ("apikey", {"X-Api-Key": server.api_key("1", "invoices")}, other_examples, logout, False))
        results = []
        for label, headers, n, exclude, secparams in runs:
            rc, seconds, text, out_path = run_schemathesis(ctx, server, server.dir, label, doc_url, headers, n, seed,
                                                           exclude, log_path, secparams, timeout)
            alive = server.alive() and ping(server.port)
            results.append((label, rc, seconds, out_path, alive, text))
            if not alive:
                print(f"  FAIL: the server died during the {label} run:\n{server.log_tail(40)}")
                ok = False
                server.ok = False
                # keep going on a fresh process, so the other runs still say something
                server.kill()
                try:
                    server.start()
                except ServerError as e:
                    print(f"  cannot restart: {e}")
                    break

        answers = read_log(log_path)
        token_ok = probe_admin_token(server.port, doc, root["token"])
        alive_end = server.alive() and ping(server.port)
        crash_lines = server.log_grep(CRASH_PATTERNS, limit=5)
        fuzzed = [op for op in ops if not re.search(tool_crash, op[2])]
        ok = summarize(ok, fuzzed, answers, results, token_ok, alive_end, crash_lines)
        if not ok:
            server.ok = False
    return ok


def summarize(ok, ops, answers, results, token_ok, alive_end, crash_lines):
    """Prints the tables; True when nothing broke the contract."""
    by_run = defaultdict(list)
    for a in answers:
        by_run[a.get("run")].append(a)
    t = Table("run", "operations", "examples sent", "HTTP status", "envelope codes", "failures", "st exit", "seconds")
    for label, rc, seconds, out_path, alive, text in results:
        rows = by_run.get(label, [])
        statuses = Counter(r["status"] for r in rows)
        codes = Counter(r["code"] for r in rows)
        failures = sum(1 for r in rows if r["problems"])
        top_codes = ", ".join(f"{c}:{n}" for c, n in codes.most_common(6))
        t.add(label, len({r["op"] for r in rows}), len(rows),
              ", ".join(f"{s}:{n}" for s, n in sorted(statuses.items())), top_codes, failures, rc, f"{seconds:.1f}")
    print()
    t.print()

    kinds = Counter()
    examples_of = {}
    for a in answers:
        for p in a["problems"]:
            kind = p.split(" (")[0]
            kinds[(a["run"], kind)] += 1
            examples_of.setdefault((a["run"], kind), a)
    # schemathesis' own failures that never reached our check (5xx seen by not_a_server_error,
    # connection errors, timeouts) show up in its output and exit code.
    st_problems = []
    for label, rc, seconds, out_path, alive, text in results:
        if rc not in (0,):
            own = sum(n for (run_label, _), n in kinds.items() if run_label == label)
            if own == 0:
                st_problems.append((label, rc, out_path, text))
    print()
    k = Table("failure kind", "run", "count", "first example")
    for (label, kind), n in sorted(kinds.items()):
        ex = examples_of[(label, kind)]
        req = ex.get("request", {})
        k.add(kind, label, n, f"{req.get('method', '')} {req.get('path', ex['op'])} "
                              f"body={json.dumps(req.get('body'), ensure_ascii=False)[:80]} "
                              f"-> {ex.get('answer', '')[:120]}")
    for label, rc, out_path, text in st_problems:
        k.add("schemathesis error", label, "-", f"exit {rc}, see {out_path}")
    if not crash_lines and alive_end and token_ok is not False and not kinds and not st_problems:
        k.add("(none)", "-", 0, "")
    if not alive_end:
        k.add("server not alive at the end", "-", 1, "")
    if crash_lines:
        k.add("crash report in server log", "-", len(crash_lines), crash_lines[0][:120])
    if token_ok is False:
        k.add("super-admin token revoked during the run", "-", 1, "a fuzzed call logged the token out")
    k.print()

    all_ops = {f"{m} {p}" for m, p, _, _ in ops}
    tested = {a["op"] for a in answers}
    untested = sorted(all_ops - tested)
    if untested:
        print(f"  operations never answered: {', '.join(untested)}")
    for label, rc, out_path, text in st_problems:
        tail = "\n".join(text.strip().splitlines()[-25:])
        print(f"  --- schemathesis {label} (exit {rc}), last lines of {out_path}:\n{tail}")
    for (label, kind), ex in sorted(examples_of.items()):
        print(f"  {label}: {kind}: {json.dumps(ex.get('request'), ensure_ascii=False)[:400]}")
        print(f"      answered HTTP {ex['status']}: {ex.get('answer', '')[:300]}")

    ok = ok and alive_end and not crash_lines and not kinds and not st_problems and token_ok is not False \
        and not untested and all(rc == 0 for _, rc, _, _, _, _ in results)
    print(f"\n  openapi_fuzz: {'ok' if ok else 'FAIL'}: {len(answers)} answers checked over "
          f"{len(tested)}/{len(all_ops)} operations, {sum(kinds.values())} contract failures, "
          f"server {'alive' if alive_end else 'DEAD'} at the end")
    return ok


def main(mode: str) -> bool:
    """Runs the check in `mode` ("short" or "full"); True when it passed."""
    return run(Context(mode=mode))


if __name__ == "__main__":
    arg = sys.argv[1] if len(sys.argv) > 1 else None
    sys.exit(0 if main(arg or os.environ.get("RELIABILITY_MODE") or "full") else 1)
