#!/usr/bin/env python3
"""Runs the reliability checks in order and prints `reliability: N passed, M failed`.

    python3 reliability/run.py                       # every check, full mode
    python3 reliability/run.py --mode short          # CI: the short mode (or RELIABILITY_MODE=short)
    python3 reliability/run.py hostile overload      # only these checks (or RELIABILITY_CHECKS=...)
    python3 reliability/run.py --list

Exits 0 when every check passed, 1 otherwise. See reliability/README.md.
"""

import argparse
import importlib
import os
import signal
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import Context, Table  # noqa: E402

# The checks, in the order they run: (name, module, what it proves). Each module has
# `run(ctx: common.Context) -> bool`, prints its own table, and cleans up after itself.
#
# To add a check: write reliability/<module>.py with a `run(ctx)` like the others and add one
# line here.
CHECKS = [
    ("crash_safety", "crash_safety", "SIGKILL under write load: no acknowledged invoice lost or duplicated"),
    ("event_safety", "event_safety", "SIGKILL under create and pay load: every event row exactly once, all delivered"),
    ("hostile", "hostile", "hostile and malformed requests: no crash, no 5xx, envelopes only, no leaks"),
    ("overload", "overload", "2,000 connections: alive, bounded memory, recovers within seconds"),
    ("openapi", "openapi_fuzz", "schemathesis against /api/openapi.json: no 5xx, envelopes only"),
    ("authz", "auth_matrix", "every action x every caller kind: expected code, no leak"),
    ("login_flood", "login_flood", "16 connections of wrong passwords: ping p99 < 10 ms, the right password logs in after the backoff"),
]


def main():
    parser = argparse.ArgumentParser(description="invoice-server reliability checks")
    parser.add_argument("checks", nargs="*", help="names of the checks to run (default: all)")
    parser.add_argument("--mode", choices=("short", "full"), default=None,
                        help="short (CI, under 2 minutes) or full (default; or RELIABILITY_MODE)")
    parser.add_argument("--list", action="store_true", help="list the checks and exit")
    args = parser.parse_args()

    if args.list:
        for name, module, what in CHECKS:
            print(f"{name:14} {what}")
        return 0

    wanted = args.checks or [c for c in os.environ.get("RELIABILITY_CHECKS", "").replace(",", " ").split() if c]
    known = {name for name, _, _ in CHECKS}
    unknown = [w for w in wanted if w not in known]
    if unknown:
        print(f"unknown check(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    selected = [c for c in CHECKS if not wanted or c[0] in wanted]

    ctx = Context(mode=args.mode)
    if not os.access(ctx.binary, os.X_OK):
        print(f"{ctx.binary} not found: build it first (make build)", file=sys.stderr)
        return 2

    # A CI timeout sends SIGTERM: unwind so every started server is stopped.
    def on_term(signum, frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_term)

    print(f"reliability: mode {ctx.mode}, binary {os.path.relpath(ctx.binary, ctx.root)}, "
          f"checks {', '.join(c[0] for c in selected)}")
    results = []
    started = time.monotonic()
    for name, module, what in selected:
        print(f"\n== {name}: {what}")
        t0 = time.monotonic()
        try:
            ok = bool(importlib.import_module(module).run(ctx))
        except KeyboardInterrupt:
            print(f"  interrupted during {name}")
            results.append((name, False, time.monotonic() - t0))
            break
        except Exception:  # a bug in a check is a failed check, and the others still run
            traceback.print_exc()
            ok = False
        seconds = time.monotonic() - t0
        results.append((name, ok, seconds))
        print(f"  -> {name}: {'passed' if ok else 'FAILED'} in {seconds:.1f} s")

    passed = sum(1 for _, ok, _ in results if ok)
    failed = len(results) - passed
    print()
    t = Table("check", "result", "seconds")
    for name, ok, seconds in results:
        t.add(name, "passed" if ok else "FAILED", f"{seconds:.1f}")
    t.print()
    print(f"  total {time.monotonic() - started:.1f} s")
    print(f"reliability: {passed} passed, {failed} failed")
    return 0 if failed == 0 and results else 1


if __name__ == "__main__":
    sys.exit(main())
