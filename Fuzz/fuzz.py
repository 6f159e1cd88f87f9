#!/usr/bin/env python3
"""Builds the fuzz targets (Fuzz/Package.swift) and runs each with libFuzzer for a set time.

    python3 Fuzz/fuzz.py                     # every target, 600 s each
    python3 Fuzz/fuzz.py --seconds 30        # the short form CI runs
    python3 Fuzz/fuzz.py --targets json,form --no-build --workers 2

Each target starts from its committed seeds (Fuzz/Corpus/<target>) and what earlier runs on
this machine found (Fuzz/.work/corpus/<target>), with its dictionary (Fuzz/Dictionaries). Any
crash, property violation, leak, timeout (a unit over 1 s) or out-of-memory is kept under
Fuzz/.work/findings/<target>/ and fails the run. The table of executions, coverage and findings
is printed and written to Fuzz/.work/report.md.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
WORK = FUZZ / ".work"
FINDING_PREFIXES = ("crash-", "leak-", "timeout-", "oom-")
LIBFUZZER_OPTIONS = [
    "-timeout=1",          # a unit running over 1 s is a finding (a hang)
    "-rss_limit_mb=2048",
    "-malloc_limit_mb=512",
    "-use_value_profile=1",
    "-print_final_stats=1",
]


def swift():
    return os.environ.get("SWIFT", "swift")


def build():
    started = time.monotonic()
    result = subprocess.run(
        [swift(), "build", "--package-path", str(FUZZ), "-c", "release"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # SwiftPM warns about every server file a module leaves out; the table in Package.swift
    # leaves most out on purpose.
    lines = [line for line in result.stdout.splitlines()
             if "unhandled; explicitly declare" not in line and not line.startswith("    /")]
    if result.returncode != 0:
        print("\n".join(lines))
        sys.exit("fuzz: build failed")
    seconds = time.monotonic() - started
    print(f"fuzz: built in {seconds:.0f} s")
    return seconds


def targets():
    described = subprocess.run(
        [swift(), "package", "--package-path", str(FUZZ), "describe", "--type", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True)
    package = json.loads(described.stdout)
    return [product["name"] for product in package["products"] if "executable" in product["type"]]


def binary(target):
    found = subprocess.run(
        [swift(), "build", "--package-path", str(FUZZ), "-c", "release", "--show-bin-path"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True)
    return Path(found.stdout.strip()) / target


def run(target, seconds, workers):
    corpus = WORK / "corpus" / target
    findings = WORK / "findings" / target
    corpus.mkdir(parents=True, exist_ok=True)
    findings.mkdir(parents=True, exist_ok=True)
    before = set(os.listdir(findings))
    command = [str(binary(target)), f"-max_total_time={seconds}", *LIBFUZZER_OPTIONS,
               f"-artifact_prefix={findings}/"]
    dictionary = FUZZ / "Dictionaries" / f"{target}.dict"
    if dictionary.exists():
        command.append(f"-dict={dictionary}")
    command += [str(corpus), str(FUZZ / "Corpus" / target)]
    # Swift's own crash backtracer reads the stack in a way AddressSanitizer reports; libFuzzer
    # and the sanitizer print the stack instead. Recording where each block was allocated costs
    # a third of the run; a finding replayed alone (see the report) shows it again.
    environment = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    environment.setdefault("ASAN_OPTIONS", "malloc_context_size=0")
    # Workers share the corpus folder and pick up each other's finds.
    logs = [WORK / f"{target}.{worker}.log" for worker in range(workers)]
    started = time.monotonic()
    processes = [subprocess.Popen(command, stdout=open(log, "w"), stderr=subprocess.STDOUT, env=environment) for log in logs]
    statuses = [process.wait() for process in processes]
    elapsed = time.monotonic() - started
    executions = per_second = edges = features = 0
    for log in logs:
        text = log.read_text(errors="replace")
        stats = dict(re.findall(r"^stat::(\w+):\s+(\d+)", text, re.MULTILINE))
        executions += int(stats.get("number_of_executed_units", 0))
        per_second += int(stats.get("average_exec_per_sec", 0))
        coverage = re.findall(r"cov: (\d+) ft: (\d+)", text)
        if coverage:
            edges = max(edges, int(coverage[-1][0]))
            features = max(features, int(coverage[-1][1]))
    new = sorted(set(os.listdir(findings)) - before)
    kinds = {kind: [name for name in new if name.startswith(kind + "-")] for kind in ("crash", "leak", "timeout", "oom")}
    return {
        "target": target,
        "seconds": round(elapsed),
        "workers": workers,
        "executions": executions,
        "per_second": per_second,
        "edges": edges,
        "features": features,
        "corpus": len(os.listdir(corpus)),
        "findings": {kind: len(names) for kind, names in kinds.items()},
        "artifacts": [str(findings / name) for name in new if name.startswith(FINDING_PREFIXES)],
        "status": max(statuses),
        "log": ", ".join(str(log) for log in logs),
    }


def report(results, build_seconds):
    lines = [
        "| target | seconds | workers | executions | exec/s | edges | features | corpus | crashes | leaks | timeouts | ooms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        f = r["findings"]
        lines.append(
            f"| {r['target']} | {r['seconds']} | {r['workers']} | {r['executions']:,} | {r['per_second']:,} | {r['edges']} | {r['features']} "
            f"| {r['corpus']} | {f['crash']} | {f['leak']} | {f['timeout']} | {f['oom']} |")
    text = "\n".join(lines)
    if build_seconds is not None:
        text = f"Build: {build_seconds:.0f} s\n\n" + text
    for r in results:
        for artifact in r["artifacts"]:
            text += f"\n\nFinding in {r['target']}: {artifact}\n(replay: {binary(r['target'])} {artifact}; log: {r['log']})"
        if r["status"] != 0 and not r["artifacts"]:
            text += f"\n\n{r['target']} stopped with status {r['status']} (log: {r['log']})"
    WORK.mkdir(exist_ok=True)
    (WORK / "report.md").write_text(text + "\n")
    with open(WORK / "history.jsonl", "a") as history:
        for r in results:
            history.write(json.dumps(dict(r, at=int(time.time()))) + "\n")
    print(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=600, help="time per target (default 600)")
    parser.add_argument("--targets", help="comma-separated targets (default: every one)")
    parser.add_argument("--workers", type=int, default=1, help="fuzzing processes per target (default 1)")
    parser.add_argument("--no-build", action="store_true", help="use the targets as last built")
    args = parser.parse_args()

    build_seconds = None if args.no_build else build()
    known = targets()
    chosen = args.targets.split(",") if args.targets else known
    unknown = [name for name in chosen if name not in known]
    if unknown:
        sys.exit(f"fuzz: unknown targets {', '.join(unknown)} (known: {', '.join(known)})")
    results = []
    for target in chosen:
        print(f"fuzz: {target} for {args.seconds} s ({args.workers} worker{'s' if args.workers > 1 else ''})", flush=True)
        results.append(run(target, args.seconds, args.workers))
    report(results, build_seconds)
    failed = [r["target"] for r in results if r["artifacts"] or r["status"] != 0]
    if failed:
        sys.exit(f"fuzz: findings in {', '.join(failed)}")


if __name__ == "__main__":
    main()
