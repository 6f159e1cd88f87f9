#!/usr/bin/env python3
"""Reads wrk 4.x output (run with --latency) on stdin and prints `reqs p50ms p99ms`.

Latencies are converted to milliseconds. Socket errors and non-2xx/3xx responses are
reported on stderr (one line each) so that a fast error path is not mistaken for speed.
Exits 1 if Requests/sec or the 50%/99% latency lines are missing.
"""
import re
import sys

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
LATENCY = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([0-9.]+)\s*(us|ms|s|m|h)\s*$")
REQS = re.compile(r"^\s*Requests/sec:\s+([0-9.]+)\s*$")
NON2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(\d+)")
SOCKET = re.compile(r"^\s*Socket errors:\s+(.*)$")


def parse(text):
    reqs = None
    pct = {}
    warnings = []
    for line in text.splitlines():
        m = LATENCY.match(line)
        if m:
            pct[m.group(1)] = float(m.group(2)) * UNIT_MS[m.group(3)]
            continue
        m = REQS.match(line)
        if m:
            reqs = float(m.group(1))
            continue
        m = NON2XX.match(line)
        if m:
            warnings.append(f"non-2xx/3xx responses: {m.group(1)}")
            continue
        m = SOCKET.match(line)
        if m:
            warnings.append(f"socket errors: {m.group(1).strip()}")
    return reqs, pct.get("50"), pct.get("99"), warnings


def main():
    reqs, p50, p99, warnings = parse(sys.stdin.read())
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if reqs is None or p50 is None or p99 is None:
        print("parse_wrk: could not find Requests/sec and 50%/99% latency lines "
              "(was wrk run with --latency?)", file=sys.stderr)
        return 1
    print(f"{reqs:.2f} {p50:.3f} {p99:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
