#!/usr/bin/env python3
"""Runs the Postman collection (docs/postman/invoice-server.postman_collection.json, v2.1) against
a fresh invoice-server process, the way Postman's runner would: a new data folder and a free port,
the collection's accounts created with the CLI first, then every request in the collection's
order with its variables filled in, the variables its test scripts set taken from the answers.

Each answer must be what the reference says: the code of the example answer saved with the
request (0 or the documented error) and, for an envelope that succeeded, the same keys and JSON
types at the top of `data`; a file where the reference shows a file. Exits 1 naming every request
that differs. Needs only the Python standard library.

    python3 Tests/Postman/run_collection.py [--server .build/debug/invoice-server] [--collection PATH]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SETS = re.compile(r'pm\.collectionVariables\.set\("(\w+)", pm\.response\.json\(\)\.data((?:\.\w+|\[\d+\])*)\);')
VARIABLE = re.compile(r"\{\{(\w+)\}\}")
PLACEHOLDER = re.compile(r"^\(\w+\)$")


class Server:
    """`invoice-server serve` on a fresh data folder and a free port."""

    def __init__(self, binary, folder):
        self.binary = binary
        self.config = os.path.join(folder, "server.json")
        with open(self.config, "w") as f:
            json.dump({"password_iterations": 1000}, f)
        self.common = ["--data-dir", os.path.join(folder, "data"), "--config", self.config]
        self.log_path = os.path.join(folder, "server.log")
        self.process = None

    def cli(self, *arguments):
        subprocess.run([self.binary, *arguments, *self.common], check=True, stdout=subprocess.DEVNULL)

    def start(self):
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--host", "127.0.0.1", "--port", "0", *self.common], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with open(self.log_path) as f:
                found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", f.read())
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise SystemExit("run_collection: the server did not start:\n" + open(self.log_path).read())

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def fill(text, variables, where):
    def value(match):
        name = match.group(1)
        if name not in variables or variables[name] == "":
            raise KeyError(f"{where}: {{{{{name}}}}} is not set by any earlier request")
        return str(variables[name])
    return VARIABLE.sub(value, text)


def member(data, path):
    for part in re.findall(r"\.(\w+)|\[(\d+)\]", path):
        data = data[part[0]] if part[0] else data[int(part[1])]
    return data


def kind(value):
    if value is None:
        return None
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object"}[type(value)]


def differences(expected, actual):
    """How the real envelope differs from the documented one: the code, then for a success the
    keys and JSON types at the top of `data`."""
    if actual.get("code") != expected["code"]:
        return [f"code {actual.get('code')} ({actual.get('msg')}), documented {expected['code']}"]
    if expected["code"] != 0:
        return []
    want, got = expected["data"], actual.get("data")
    if kind(want) != kind(got) and not (isinstance(want, str) and PLACEHOLDER.match(want)):
        return [f"data is {kind(got)}, documented {kind(want)}"]
    if not isinstance(want, dict):
        return []
    problems = []
    if set(want) != set(got):
        problems.append(f"data keys {sorted(set(got) ^ set(want))} differ from the documented answer")
    for key in set(want) & set(got):
        documented, real = want[key], got[key]
        if documented is None or real is None or (isinstance(documented, str) and PLACEHOLDER.match(documented)):
            continue
        if kind(documented) != kind(real):
            problems.append(f"data.{key} is {kind(real)}, documented {kind(documented)}")
    return problems


def send(request, variables, where):
    url = fill(request["url"]["raw"], variables, where)
    body = fill(request["body"]["raw"], variables, where).encode()
    headers = {h["key"]: fill(h["value"], variables, where) for h in request.get("header", [])}
    call = urllib.request.Request(url, data=body, headers=headers, method=request["method"])
    try:
        with urllib.request.urlopen(call, timeout=60) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def run(collection, server):
    variables = {v["key"]: v["value"] for v in collection["variable"]}
    for prefix in sorted({k[:-5] for k in variables if k.endswith("_name")}):
        account = ["--name", variables[prefix + "_name"], "--password", variables[prefix + "_password"]]
        server.cli("admin" if "admin" in prefix else "user", "create", *account)
    variables["base_url"] = server.start()
    failures, count = [], 0
    for folder in collection["item"]:
        for item in folder["item"]:
            count += 1
            where = f"{folder['name']}: {item['name']}"
            saved = item["response"][0]
            saved_type = next(h["value"] for h in saved["header"] if h["key"] == "Content-Type")
            try:
                status, content_type, body = send(item["request"], variables, where)
            except KeyError as error:
                failures.append(str(error.args[0]))
                continue
            if saved_type != "application/json":
                if status != 200 or content_type.startswith("application/json"):
                    failures.append(f"{where}: documented a file ({saved_type}), got {status} {content_type} {body[:200]!r}")
                elif saved_type != "*/*" and not content_type.startswith(saved_type):
                    failures.append(f"{where}: documented {saved_type}, got {content_type}")
                continue
            envelope = json.loads(body)
            problems = differences(json.loads(saved["body"]), envelope)
            failures += [f"{where}: {problem}" for problem in problems]
            for event in item.get("event", []):
                for line in event["script"]["exec"]:
                    found = SETS.fullmatch(line)
                    if not found:
                        failures.append(f"{where}: a script line the runner cannot read: {line}")
                        continue
                    try:
                        variables[found.group(1)] = member(envelope.get("data"), found.group(2))
                    except (KeyError, IndexError, TypeError):
                        failures.append(f"{where}: the answer has no data{found.group(2)} for {{{{{found.group(1)}}}}}")
    return count, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.path.join(ROOT, ".build/debug/invoice-server"))
    parser.add_argument("--collection", default=os.path.join(ROOT, "docs/postman/invoice-server.postman_collection.json"))
    options = parser.parse_args()
    with open(options.collection, encoding="utf-8") as f:
        collection = json.load(f)
    folder = tempfile.mkdtemp(prefix="invoice-server-postman-")
    server = Server(options.server, folder)
    started = time.monotonic()
    try:
        count, failures = run(collection, server)
    finally:
        server.stop()
    if failures:
        print(f"run_collection: {len(failures)} of {count} requests differ from the reference (server log: {server.log_path}):")
        for failure in failures:
            print("  " + failure)
        sys.exit(1)
    shutil.rmtree(folder, ignore_errors=True)
    print(f"run_collection: {count} requests answered as documented in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
