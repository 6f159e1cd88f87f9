"""A mail server that answers as a script says, for testing how the SMTP client reads replies.

--mode well-formed: RFC 5321 replies, multi-line ones included, lines ending in a bare LF; the
  message is recorded as one JSON line in --record ({"data"}).
--mode endless: after the greeting, answers EHLO with continuation lines ("250-...") that never
  end (until the client hangs up, or 64 MiB).
--mode bad-code: answers EHLO with a code run into its text ("250ok").
Prints "PORT <n>" once listening and runs until killed.
"""
import argparse
import json
import socket
import threading

parser = argparse.ArgumentParser()
parser.add_argument("--record", required=True)
parser.add_argument("--mode", required=True, choices=["well-formed", "endless", "bad-code"])
args = parser.parse_args()

WELL_FORMED = {
    "EHLO": b"250-mail.example.test greets you\n250-SIZE 1000000\n250 8BITMIME\n",
    "MAIL": b"250 2.1.0 Ok\n",
    "RCPT": b"250 2.1.5 Ok\n",
    "DATA": b"354 End data with <CR><LF>.<CR><LF>\n",
    "QUIT": b"221 2.0.0 Bye\n",
}


def serve(connection):
    with connection:
        reader = connection.makefile("rb")
        connection.sendall(b"220-mail.example.test\r\n220 ready\r\n")
        data = None
        for line in reader:
            if data is not None:
                if line in (b".\r\n", b".\n"):
                    with open(args.record, "a", encoding="utf-8") as out:
                        out.write(json.dumps({"data": b"".join(data).decode("utf-8", "replace")}) + "\n")
                    data = None
                    connection.sendall(b"250 2.0.0 Ok: queued\n")
                else:
                    data.append(line)
                continue
            verb = line[:4].decode("ascii", "replace").upper()
            if args.mode == "endless" and verb == "EHLO":
                chunk = b"".join(b"250-%08d capability that never ends\r\n" % n for n in range(1000))
                try:
                    for _ in range(64 * 1024 * 1024 // len(chunk)):
                        connection.sendall(chunk)
                except OSError:
                    pass
                return
            if args.mode == "bad-code" and verb == "EHLO":
                connection.sendall(b"250ok\r\n")
                continue
            connection.sendall(WELL_FORMED.get(verb, b"502 5.5.2 Error: command not recognized\n"))
            if verb == "DATA":
                data = []
            if verb == "QUIT":
                return


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen()
print(f"PORT {listener.getsockname()[1]}", flush=True)
while True:
    client, _ = listener.accept()
    threading.Thread(target=serve, args=(client,), daemon=True).start()
