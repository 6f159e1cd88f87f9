"""A real SMTP server for tests (aiosmtpd) that records every message it accepts.

--mode plain (default): no TLS; starttls: plain text until STARTTLS (required before MAIL);
implicit: TLS from the first byte. --cert/--key: the server's certificate for TLS.
--user/--password: AUTH PLAIN is offered and checked (with STARTTLS, only after it). Each
message becomes one JSON line in --record: {"mail_from", "rcpt_tos", "data", "tls", "login"}.
Prints "PORT <n>" once listening and runs until killed.
"""
import argparse
import json
import socket
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--record", required=True)
parser.add_argument("--mode", choices=["plain", "starttls", "implicit"], default="plain")
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--user")
parser.add_argument("--password")
args = parser.parse_args()

context = None
if args.mode != "plain":
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
          and auth_data.password.decode() == args.password)
    return AuthResult(success=ok, auth_data=auth_data)


class Recorder:
    async def handle_DATA(self, server, session, envelope):
        entry = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "login": session.auth_data.login.decode() if session.authenticated and session.auth_data else None,
        }
        with open(args.record, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return "250 Message accepted"


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
# With implicit TLS aiosmtpd does not know the connection is encrypted: AUTH is offered as is.
options = {"authenticator": authenticator, "auth_require_tls": args.mode == "starttls"} if args.user else {}
if args.mode == "plain":
    controller = Controller(Recorder(), hostname="127.0.0.1", port=port, **options)
elif args.mode == "starttls":
    controller = Controller(Recorder(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            server_hostname="localhost", **options)
else:
    controller = Controller(Recorder(), hostname="127.0.0.1", port=port, ssl_context=context,
                            server_hostname="localhost", **options)
controller.start()
print(f"PORT {port}", flush=True)
threading.Event().wait()
