"""A real SMTP server for tests (aiosmtpd) that records every message it accepts.

Each message becomes one JSON line in --record: {"mail_from", "rcpt_tos", "data"}.
Prints "PORT <n>" once listening and runs until killed.
"""
import argparse
import json
import socket
import threading

from aiosmtpd.controller import Controller

parser = argparse.ArgumentParser()
parser.add_argument("--record", required=True)
args = parser.parse_args()


class Recorder:
    async def handle_DATA(self, server, session, envelope):
        entry = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
        }
        with open(args.record, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return "250 Message accepted"


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Recorder(), hostname="127.0.0.1", port=port)
controller.start()
print(f"PORT {port}", flush=True)
threading.Event().wait()
