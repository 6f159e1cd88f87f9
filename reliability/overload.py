"""Overload: far more connections than the server can serve at once.

wrk holds 2,000 connections (short mode: 500) on system/ping for 30 s (short: 8 s) while a probe
thread makes one ping per second on its own connection and a sampler reads the server's VmRSS
from /proc every 0.25 s. The server must stay alive, answer only envelopes and never 5xx (it may
answer -429 or answer slower), keep its memory bounded (peak RSS <= 500 MiB), answer the probe
during the load, answer again within 5 s after the load stops, and still drain and exit 0 on
SIGTERM.

The open-file limit is raised first (65,536 when allowed): wrk needs a descriptor per
connection and the server, which inherits the limit, one per accepted connection.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from common import HOST, PING_PATH, Context, Server, ServerError, Table, find_wrk, ping, raise_nofile_limit, report_problems

RSS_LIMIT_MIB = 500
RECOVERY_LIMIT_S = 5.0

# Counts answers by HTTP status and envelope code ("none" when the body has no code).
WRK_LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; codes = {} end
function response(status, headers, body)
  local s = tostring(status)
  statuses[s] = (statuses[s] or 0) + 1
  local c = body and string.match(body, '"code":%s*(%-?%d+)') or "none"
  codes[c] = (codes[c] or 0) + 1
end
function done(summary, latency, requests)
  local st, co = {}, {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do st[k] = (st[k] or 0) + v end
    for k, v in pairs(t:get("codes")) do co[k] = (co[k] or 0) + v end
  end
  for k, v in pairs(st) do io.write(string.format("lua-status %s %d\n", k, v)) end
  for k, v in pairs(co) do io.write(string.format("lua-code %s %d\n", k, v)) end
end
"""


def parse_wrk(text):
    out = {"rps": None, "requests": 0, "connect": 0, "read": 0, "write": 0, "timeout": 0, "non2xx": 0,
           "p50": "-", "p99": "-", "max": "-", "statuses": {}, "codes": {}}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        out["rps"] = float(m.group(1))
    if m := re.search(r"(\d+) requests in", text):
        out["requests"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        out["connect"], out["read"], out["write"], out["timeout"] = map(int, m.groups())
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        out["non2xx"] = int(m.group(1))
    if m := re.search(r"^\s+50%\s+(\S+)", text, re.M):
        out["p50"] = m.group(1)
    if m := re.search(r"^\s+99%\s+(\S+)", text, re.M):
        out["p99"] = m.group(1)
    if m := re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", text, re.M):
        out["max"] = m.group(1)
    for k, v in re.findall(r"^lua-status (\S+) (\d+)", text, re.M):
        out["statuses"][k] = int(v)
    for k, v in re.findall(r"^lua-code (\S+) (\d+)", text, re.M):
        out["codes"][k] = int(v)
    return out


def run(ctx):
    connections = ctx.pick(500, 2000)
    duration = ctx.pick(8, 30)
    problems = []
    wrk = find_wrk()
    if not wrk:
        return False
    nofile = raise_nofile_limit(65536)
    if nofile < connections + 100:
        problems.append(f"open-file limit {nofile} is below {connections + 100}; raise it (ulimit -n) or run as root")
    with Server(ctx, "overload") as server:
        try:
            server.start()
            url = f"http://{HOST}:{server.port}{PING_PATH}"
            # Warm up, then the resting RSS.
            for _ in range(50):
                ping(server.port)
            rss_idle = server.rss_kib() or 0

            stop = threading.Event()
            samples = []            # (t, rss KiB, fds)
            probe = []              # (t, ok, latency s, phase)
            phase = ["load"]

            def sampler():
                for _ in range(int((duration + 60) / 0.25)):
                    if stop.is_set():
                        return
                    samples.append((time.monotonic(), server.rss_kib(), server.open_fds()))
                    time.sleep(0.25)

            def prober():
                for _ in range(duration + 60):
                    if stop.is_set():
                        return
                    t0 = time.monotonic()
                    ok = ping(server.port, timeout=5)
                    probe.append((t0, ok, time.monotonic() - t0, phase[0]))
                    time.sleep(max(0.0, 1.0 - (time.monotonic() - t0)))

            workdir = tempfile.mkdtemp(prefix="reliability-wrk-")
            lua = os.path.join(workdir, "count.lua")
            with open(lua, "w") as f:
                f.write(WRK_LUA)
            threads = [threading.Thread(target=sampler, daemon=True), threading.Thread(target=prober, daemon=True)]
            for t in threads:
                t.start()
            cmd = [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", "-s", lua, url]
            print(f"  $ {' '.join(cmd)}   (open-file limit {nofile})")
            try:
                result = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
                wrk_out = result.stdout + result.stderr
            except subprocess.TimeoutExpired as e:
                wrk_out = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
                problems.append("wrk did not finish in time")
            load_end = time.monotonic()
            shutil.rmtree(workdir, ignore_errors=True)

            # Recovery: how long until a fresh ping answers code 0 again.
            phase[0] = "recovery"
            recovered = None
            for _ in range(int(RECOVERY_LIMIT_S * 10) + 20):
                if not server.alive():
                    break
                if ping(server.port, timeout=1):
                    recovered = time.monotonic() - load_end
                    break
                if time.monotonic() - load_end > RECOVERY_LIMIT_S + 2:
                    break
                time.sleep(0.1)
            time.sleep(5)           # memory after the storm
            rss_after = server.rss_kib() or 0
            phase[0] = "after"
            stop.set()
            for t in threads:
                t.join(timeout=10)
            alive = server.alive()
            exit_status = server.stop() if alive else server.proc.returncode

            w = parse_wrk(wrk_out)
            rss_values = [r for _, r, _ in samples if r]
            peak_rss = max(rss_values, default=0)
            peak_fds = max((f for _, _, f in samples if f), default=0)
            during = [p for p in probe if p[3] == "load" and p[0] < load_end]
            during_ok = [p for p in during if p[1]]
            max_latency = max((p[2] for p in during), default=0.0)

            if not alive:
                problems.append(f"server died under load (exit {server.proc.returncode}); log:\n{server.log_tail(15)}")
            elif exit_status != 0:
                problems.append(f"SIGTERM after the load: exit status {exit_status} (expected 0)")
            if peak_rss / 1024 > RSS_LIMIT_MIB:
                problems.append(f"peak RSS {peak_rss / 1024:.0f} MiB > {RSS_LIMIT_MIB} MiB")
            if recovered is None:
                problems.append(f"no answer within {RECOVERY_LIMIT_S} s after the load stopped")
            elif recovered > RECOVERY_LIMIT_S:
                problems.append(f"recovery took {recovered:.1f} s (> {RECOVERY_LIMIT_S} s)")
            if not w["requests"]:
                problems.append("wrk got no answers at all")
            if during and not during_ok:
                problems.append(f"the probe got no answer during the load ({len(during)} tries)")
            fivexx = sum(v for k, v in w["statuses"].items() if k.startswith("5"))
            if fivexx:
                problems.append(f"{fivexx} answers with HTTP 5xx")
            if w["codes"].get("none"):
                problems.append(f"{w['codes']['none']} answers without an envelope code")

            t = Table("measure", "value")
            t.add("connections x seconds", f"{connections} x {duration} s (wrk -t2)")
            t.add("requests answered", w["requests"])
            t.add("requests/s", f"{w['rps']:.0f}" if w["rps"] is not None else "-")
            t.add("latency p50 / p99 / max", f"{w['p50']} / {w['p99']} / {w['max']}")
            t.add("answers by HTTP status", ", ".join(f"{k}: {v}" for k, v in sorted(w["statuses"].items())) or "-")
            t.add("answers by envelope code", ", ".join(f"{k}: {v}" for k, v in sorted(w["codes"].items())) or "-")
            t.add("socket errors c/r/w/timeout", f"{w['connect']} / {w['read']} / {w['write']} / {w['timeout']}")
            t.add("non-2xx answers", w["non2xx"])
            t.add("RSS idle / peak / 5 s after", f"{rss_idle / 1024:.0f} / {peak_rss / 1024:.0f} / {rss_after / 1024:.0f} MiB")
            t.add("peak open descriptors (server)", peak_fds)
            t.add("probe during load: answered", f"{len(during_ok)}/{len(during)}")
            t.add("probe max latency during load", f"{max_latency * 1000:.0f} ms")
            t.add("recovery after load", f"{recovered:.2f} s" if recovered is not None else "none")
            t.add("server alive, SIGTERM exit", f"{alive}, {exit_status}")
            t.print()
            if not w["requests"]:
                print("  wrk output:\n" + "\n".join("    " + l for l in wrk_out.splitlines()[-20:]))
        except ServerError as e:
            problems.append(str(e))
        passed = report_problems(server, problems)
    return passed


if __name__ == "__main__":
    sys.exit(0 if run(Context()) else 1)
