#!/usr/bin/env python3
"""Prints the names of the test suites that spawn processes, as one regular expression for
`swift test --filter/--skip`. `make test` runs these one test at a time and every other suite in
parallel: Foundation's Process.run() can crash while other threads open and close descriptors.

A suite spawns processes when its file uses one of the helpers that do (a server or CLI binary,
a Python sink or plugin, pdftotext and the other poppler tools) or Foundation's Process itself.
"""
import os
import re
import sys

SPAWNERS = re.compile(r"\b(ServerProcess|ServerBinary|SinkProcess|SQLiteFile|PythonRemotePlugin|PDFText|PDFInfo|Process\(\))")
SUITE = re.compile(r"^(?:@Suite[^\n]*?\s)?(?:final\s+)?(?:struct|class)\s+([A-Za-z0-9_]+Tests)\b", re.M)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)))
    names = set()
    for folder, _, files in os.walk(root):
        if os.path.basename(folder) in ("Support", "TestSupport") or "/TestSupport" in folder:
            continue
        for name in files:
            if not name.endswith(".swift"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            if SPAWNERS.search(text):
                names.update(SUITE.findall(text))
    if not names:
        sys.exit("serial_suites: no suite found; the patterns no longer match the tests")
    print("(" + "|".join(sorted(names)) + ")")


if __name__ == "__main__":
    main()
