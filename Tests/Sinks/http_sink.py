"""A local HTTP server for tests that records every request it receives.

Each request becomes one JSON line in --record: {"method", "path", "headers", "body"}.
The first --fail-first requests are answered 500, the rest 200; the first request is answered
only after --delay-first seconds (a slow receiver). Prints "PORT <n>" once listening.
"""
import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--record", required=True)
parser.add_argument("--fail-first", type=int, default=0)
parser.add_argument("--delay-first", type=float, default=0)
args = parser.parse_args()

lock = threading.Lock()
seen = {"count": 0}


class Recorder(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        with lock:
            seen["count"] += 1
            number = seen["count"]
            failing = number <= args.fail_first
            entry = {
                "method": self.command,
                "path": self.path,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
                "answered": 500 if failing else 200,
            }
            with open(args.record, "a", encoding="utf-8") as out:
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        if number == 1 and args.delay_first > 0:
            time.sleep(args.delay_first)
        self.send_response(500 if failing else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "11")
        self.end_headers()
        self.wfile.write(b'{"ok":true}')

    def log_message(self, *_):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
print(f"PORT {server.server_address[1]}", flush=True)
server.serve_forever()
