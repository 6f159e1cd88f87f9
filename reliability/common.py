"""Shared helpers for the reliability checks (Python 3 standard library only).

- `Context`: the run's mode (short/full), the binary and repository paths.
- `Server`: an invoice-server process on a temporary data dir with a temporary config,
  started, SIGKILLed, restarted and stopped on the same data dir and port.
- `exchange` / `call`: one raw HTTP/1.1 exchange over a socket, and an ordinary JSON call.
- `envelope_problems`: what is wrong with an answer (5xx, not an envelope, leaked internals).
- `open_db_readonly`, `integrity_check`: the SQLite file, read-only, from the outside.
- `Table`: a small fixed-width result table.

Everything talks to 127.0.0.1 only, and every wait is bounded in time.
"""

import json
import os
import re
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import http.client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = "127.0.0.1"

PING_PATH = "/api/plugins/index?pluginsname=system&pluginscontrol=system&pluginsaction=ping"
CREATE_PATH = "/api/plugins/index?pluginsname=invoice&pluginscontrol=merchant&pluginsaction=create"
LIST_PATH = "/api/plugins/index?pluginsname=invoice&pluginscontrol=merchant&pluginsaction=list"


def route_path(plugin, control, action, surface="api", extra=""):
    """The canonical query-form path of an action."""
    path = f"/{surface}/plugins/index?pluginsname={plugin}&pluginscontrol={control}&pluginsaction={action}"
    return path + ("&" + extra if extra else "")


class Context:
    """What every check receives: the mode and where things are."""

    def __init__(self, mode=None, binary=None):
        self.mode = (mode or os.environ.get("RELIABILITY_MODE") or "full").strip().lower()
        if self.mode not in ("short", "full"):
            raise SystemExit(f"RELIABILITY_MODE must be short or full, not {self.mode!r}")
        self.root = ROOT
        self.binary = binary or os.environ.get(
            "INVOICE_SERVER_BIN", os.path.join(ROOT, ".build", "release", "invoice-server"))
        self.keep = os.environ.get("RELIABILITY_KEEP", "") not in ("", "0")

    @property
    def short(self):
        return self.mode == "short"

    def pick(self, short, full):
        """`short` in short mode, `full` otherwise."""
        return short if self.short else full


def raise_nofile_limit(target=65536):
    """Raises this process's open-file limit to `target` (children, the server and wrk,
    inherit it). Root may raise the hard limit; otherwise, or where a container caps it, the
    soft limit goes up to the hard limit. Returns the soft limit now in force."""
    inf = resource.RLIM_INFINITY
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == inf or soft >= target:
        return target if soft == inf else soft
    attempts = [(target, inf if hard == inf else max(hard, target))]
    if hard != inf:
        attempts.append((hard, hard))
    for limits in attempts:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, limits)
            break
        except (ValueError, OSError):
            continue
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def find_wrk():
    """The path of wrk, or None after printing why the check cannot run."""
    wrk = shutil.which("wrk")
    if not wrk:
        print("  FAIL: wrk not found (make deps installs it)")
    return wrk


def report_problems(server, problems, limit=None):
    """Prints each problem (the first `limit` of them, when given) as a FAIL line, keeps the
    server's temp dir when there is one, and answers whether the check passed."""
    for p in problems[:limit]:
        print(f"  FAIL: {p}")
    if limit is not None and len(problems) > limit:
        print(f"  FAIL: ... and {len(problems) - limit} more")
    if problems:
        server.ok = False
    return not problems


class ClientThreads:
    """Client threads running `self.worker(tid)` until `finish()`; subclasses record what they
    see under `self.lock`."""

    def __init__(self, threads):
        self.threads = threads
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.workers = []

    def start(self):
        for tid in range(self.threads):
            t = threading.Thread(target=self.worker, args=(tid,), daemon=True)
            t.start()
            self.workers.append(t)

    def finish(self):
        self.stop.set()
        for t in self.workers:
            t.join(timeout=15)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------------
# The server process
# --------------------------------------------------------------------------------------------

class ServerError(Exception):
    pass


class Server:
    """invoice-server on a fresh temporary data dir, with a temporary config that makes CLI
    password hashing cheap (`password_iterations`) plus any `config` overrides. The port is
    chosen once and reused across restarts, so clients need not follow it."""

    LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")

    def __init__(self, ctx, name, config=None, env=None):
        self.ctx = ctx
        self.name = name
        self.dir = tempfile.mkdtemp(prefix=f"reliability-{name}-")
        self.data_dir = os.path.join(self.dir, "data")
        self.config_dir = os.path.join(self.dir, "config")
        os.makedirs(self.data_dir)
        os.makedirs(self.config_dir)
        src_plugins = os.path.join(ctx.root, "config", "plugins")
        if os.path.isdir(src_plugins):
            shutil.copytree(src_plugins, os.path.join(self.config_dir, "plugins"))
        settings = {"password_iterations": 1000}
        settings.update(config or {})
        self.config_path = os.path.join(self.config_dir, "server.json")
        with open(self.config_path, "w") as f:
            json.dump(settings, f)
        self.log_path = os.path.join(self.dir, "server.log")
        self.env = dict(os.environ)
        # A crash prints a short, fast backtrace (the crashed thread, with source lines) to the log.
        self.env.setdefault("SWIFT_BACKTRACE", "threads=crashed,images=none,registers=none,symbolicate=fast")
        self.env.update(env or {})
        self.port = free_port()
        self.proc = None
        self.starts = 0
        self.log_offset = 0      # where the current run's output starts in the log
        self.start_seconds = []  # start-up time (to 'listening on') of each start
        self.ok = True  # set False by a failed check, so the temp dir is kept

    @property
    def db_path(self):
        return os.path.join(self.data_dir, "invoice-server.sqlite")

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def cli(self, *args, timeout=60):
        """Runs `invoice-server ARGS --data-dir D --config C` and parses its JSON output."""
        cmd = [self.ctx.binary, *args, "--data-dir", self.data_dir, "--config", self.config_path]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=self.env)
        if out.returncode != 0:
            raise ServerError(f"{' '.join(args)} exited {out.returncode}: {out.stderr.strip()[-500:]}")
        line = out.stdout.strip().splitlines()[-1]
        return json.loads(line)

    def api_key(self, store="1", scopes="invoices"):
        return self.cli("apikey", "create", "--store", str(store), "--scopes", scopes)["key"]

    def new_store(self, name):
        """Creates a store (the CLI makes stores only with `store create`); returns its id."""
        return self.cli("store", "create", "--name", name)["id"]

    def start(self, timeout=30.0):
        """Starts the server and waits until it logs that it listens (or fails)."""
        if self.alive():
            raise ServerError("already running")
        with open(self.log_path, "ab") as log:
            offset = log.tell()
            self.log_offset = offset
            log.write(f"---- start {self.starts + 1} ----\n".encode())
            log.flush()
            self.proc = subprocess.Popen(
                [self.ctx.binary, "serve", "--host", HOST, "--port", str(self.port),
                 "--data-dir", self.data_dir, "--config", self.config_path],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=self.env)
        self.starts += 1
        began = time.monotonic()
        deadline = began + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError(f"server exited with {self.proc.returncode} during start-up:\n{self.log_tail()}")
            with open(self.log_path, "rb") as f:
                f.seek(offset)
                text = f.read().decode("utf-8", "replace")
            if self.LISTENING.search(text):
                self.start_seconds.append(time.monotonic() - began)
                return
            time.sleep(0.02)
        self.kill()
        raise ServerError(f"server did not log 'listening on' within {timeout:.0f} s:\n{self.log_tail()}")

    def kill(self):
        """SIGKILL, then reap."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        return self.proc.returncode

    def stop(self, timeout=20.0):
        """SIGTERM (drain) and wait; SIGKILL after `timeout`. Returns the exit status
        (negative: killed by that signal)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.proc.returncode

    def rss_kib(self):
        """VmRSS of the server process in KiB (None when it is gone)."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except (OSError, AttributeError, ValueError):
            return None
        return None

    def open_fds(self):
        try:
            return len(os.listdir(f"/proc/{self.proc.pid}/fd"))
        except OSError:
            return None

    def log_tail(self, lines=30):
        try:
            with open(self.log_path, "rb") as f:
                f.seek(max(0, os.path.getsize(self.log_path) - 64 * 1024))
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def log_grep(self, pattern, limit=5, current_run=False):
        """Lines of the server log matching `pattern` (a regex), at most `limit`; with
        `current_run`, only from the latest start on."""
        found = []
        rx = re.compile(pattern)
        try:
            with open(self.log_path, "rb") as f:
                if current_run:
                    f.seek(self.log_offset)
                for raw in f:
                    line = raw.decode("utf-8", "replace")
                    if rx.search(line):
                        found.append(line.rstrip())
                        if len(found) >= limit:
                            break
        except OSError:
            pass
        return found

    def cleanup(self):
        """Stops the process; removes the temp dir unless a check failed or RELIABILITY_KEEP is set."""
        if self.alive():
            self.kill()
        if self.ok and not self.ctx.keep:
            shutil.rmtree(self.dir, ignore_errors=True)
        else:
            print(f"  (kept {self.dir} for inspection)")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is not None:
            self.ok = False
        self.cleanup()
        return False


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------

class AnswerView:
    """A status and a body from any HTTP client, in the shape `envelope_problems` reads."""

    def __init__(self, status, body):
        self.status = status
        self.body = body

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None


class Answer:
    """One HTTP answer read from a raw socket (or why there was none)."""

    def __init__(self):
        self.status = None
        self.reason = ""
        self.headers = []      # [(name lower-case, value)]
        self.body = b""
        self.error = None      # "closed" / "reset" / "timeout" / other text, when no full answer
        self.elapsed = 0.0
        self.raw_head = b""

    def header(self, name):
        name = name.lower()
        for k, v in self.headers:
            if k == name:
                return v
        return None

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    @property
    def code(self):
        j = self.json()
        if isinstance(j, dict) and isinstance(j.get("code"), int):
            return j["code"]
        return None

    def __repr__(self):
        return f"<Answer {self.status} code={self.code} error={self.error} {len(self.body)} bytes>"


def _read_answer(sock, deadline, answer, max_bytes=8 << 20):
    """Reads one HTTP/1.x response from `sock` into `answer` (Content-Length, chunked or
    until close)."""
    buf = b""

    def more():
        nonlocal buf
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout()
        sock.settimeout(remaining)
        chunk = sock.recv(65536)
        if not chunk:
            return False
        buf += chunk
        if len(buf) > max_bytes:
            raise ValueError("answer too large")
        return True

    while b"\r\n\r\n" not in buf:
        if not more():
            answer.error = "closed" if not buf else "closed mid-head"
            answer.raw_head = buf
            return buf
    head, _, rest = buf.partition(b"\r\n\r\n")
    answer.raw_head = head
    lines = head.split(b"\r\n")
    parts = lines[0].decode("latin-1").split(" ", 2)
    try:
        answer.status = int(parts[1])
    except (IndexError, ValueError):
        answer.error = f"bad status line {lines[0][:80]!r}"
        return buf
    answer.reason = parts[2] if len(parts) > 2 else ""
    for line in lines[1:]:
        name, _, value = line.decode("latin-1").partition(":")
        answer.headers.append((name.strip().lower(), value.strip()))
    buf = rest
    length = answer.header("content-length")
    if answer.header("transfer-encoding") and "chunked" in answer.header("transfer-encoding").lower():
        body = b""
        while True:
            while b"\r\n" not in buf:
                if not more():
                    answer.error = "closed mid-body"
                    answer.body = body
                    return b""
            size_line, _, buf = buf.partition(b"\r\n")
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while b"\r\n" not in buf and more():
                    pass
                buf = buf.partition(b"\r\n")[2]
                break
            while len(buf) < size + 2:
                if not more():
                    answer.error = "closed mid-body"
                    answer.body = body + buf
                    return b""
            body += buf[:size]
            buf = buf[size + 2:]
        answer.body = body
        return buf
    if length is not None:
        n = int(length)
        while len(buf) < n:
            if not more():
                answer.error = "closed mid-body"
                break
        answer.body = buf[:n]
        return buf[n:]
    if answer.status in (204, 304) or 100 <= answer.status < 200:
        return buf
    while more():
        pass
    answer.body = buf
    return b""


def exchange(port, data, timeout=15.0, send_chunks=None, chunk_delay=0.0, read_answers=1, shut_write=False):
    """Sends `data` (bytes) on a fresh connection to 127.0.0.1:`port` and reads up to
    `read_answers` HTTP answers. Sending runs in its own thread, so an early answer (413) is
    read even while the client is still writing. Returns a list of `Answer` (the last one may
    carry `error`)."""
    answers = []
    start = time.monotonic()
    deadline = start + timeout
    try:
        sock = socket.create_connection((HOST, port), timeout=min(timeout, 10))
    except OSError as e:
        a = Answer()
        a.error = f"connect: {e.__class__.__name__}"
        return [a]
    send_error = []

    def sender():
        try:
            pieces = send_chunks if send_chunks is not None else [data]
            for piece in pieces:
                if time.monotonic() > deadline:
                    break
                sock.sendall(piece)
                if chunk_delay:
                    time.sleep(chunk_delay)
            if shut_write:
                sock.shutdown(socket.SHUT_WR)
        except OSError as e:
            send_error.append(e.__class__.__name__)

    t = threading.Thread(target=sender, daemon=True)
    t.start()
    rest = b""
    try:
        for _ in range(read_answers):
            a = Answer()
            answers.append(a)
            try:
                if rest:
                    # pipelined answers already read: feed them back through a socketpair-like buffer
                    rest = _read_from_buffer(sock, rest, deadline, a)
                else:
                    rest = _read_answer(sock, deadline, a)
            except socket.timeout:
                a.error = "timeout"
            except ConnectionResetError:
                a.error = "reset"
            except OSError as e:
                a.error = e.__class__.__name__
            except ValueError as e:
                a.error = str(e)
            a.elapsed = time.monotonic() - start
            if a.error:
                break
    finally:
        try:
            sock.close()
        except OSError:
            pass
        t.join(timeout=2)
    if send_error and answers and answers[-1].error and answers[-1].status is None:
        answers[-1].error += f" (send: {send_error[0]})"
    return answers


class _Prefixed:
    """A socket whose first reads come from a buffer (for pipelined answers)."""

    def __init__(self, sock, prefix):
        self.sock = sock
        self.prefix = prefix

    def settimeout(self, t):
        self.sock.settimeout(t)

    def recv(self, n):
        if self.prefix:
            out, self.prefix = self.prefix, b""
            return out
        return self.sock.recv(n)


def _read_from_buffer(sock, prefix, deadline, answer):
    return _read_answer(_Prefixed(sock, prefix), deadline, answer)


def request_bytes(method, path, body=b"", headers=None, content_type="application/json", version="HTTP/1.1",
                  close=True, content_length=True):
    """A raw HTTP/1.1 request. `headers` is a list of (name, value) pairs or raw header lines
    (bytes) sent as they are."""
    if isinstance(body, str):
        body = body.encode()
    if isinstance(path, str):
        path = path.encode("latin-1")
    lines = [method.encode() + b" " + path + b" " + version.encode(), b"Host: 127.0.0.1"]
    if content_type is not None and body:
        lines.append(b"Content-Type: " + content_type.encode("latin-1"))
    if content_length and (body or method == "POST"):
        lines.append(b"Content-Length: " + str(len(body)).encode())
    for h in headers or []:
        if isinstance(h, bytes):
            lines.append(h)
        else:
            lines.append(h[0].encode("latin-1") + b": " + (h[1] if isinstance(h[1], bytes) else h[1].encode("utf-8")))
    if close:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def call(port, path, body=None, headers=None, method="POST", timeout=10.0):
    """An ordinary JSON call with http.client: returns (status, parsed JSON or None, raw body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        data = None if body is None else (body if isinstance(body, (bytes, str)) else json.dumps(body))
        conn.request(method, path, body=data, headers=h)
        resp = conn.getresponse()
        raw = resp.read()
        try:
            parsed = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            parsed = None
        return resp.status, parsed, raw
    finally:
        conn.close()


def ping(port, timeout=5.0):
    """True when system/ping answers HTTP 200 with code 0."""
    try:
        status, j, _ = call(port, PING_PATH, method="GET", timeout=timeout)
        return status == 200 and isinstance(j, dict) and j.get("code") == 0
    except (OSError, http.client.HTTPException):
        return False


def wait_until(predicate, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


# --------------------------------------------------------------------------------------------
# The envelope contract
# --------------------------------------------------------------------------------------------

# What must never reach a client: stack traces, SQL, SQLite, source or data paths.
LEAK_PATTERNS = [
    (re.compile(r"\bSELECT\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b|\bCREATE\s+TABLE\b", re.I), "SQL"),
    (re.compile(r"sqlite", re.I), "sqlite"),
    (re.compile(r"SQLITE_[A-Z]+"), "sqlite error"),
    (re.compile(r"/work/|/home/|/root/|/tmp/|/opt/|/usr/"), "file path"),
    (re.compile(r"\.swift\b"), "source file"),
    (re.compile(r"Fatal error|Stack ?trace|Traceback|backtrace|0x[0-9a-f]{8,}", re.I), "stack trace"),
    (re.compile(r"root:x:0:0"), "/etc/passwd"),
]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def leaks(text, sent=()):
    """Names of internals found in `text`, after removing the client's own values (`sent`),
    which an answer may legitimately echo (an invoice's title, a request id)."""
    for s in sorted((x for x in sent if isinstance(x, str) and len(x) >= 3), key=len, reverse=True):
        text = text.replace(s, "")
    return [name for rx, name in LEAK_PATTERNS if rx.search(text)]


def envelope_problems(answer, sent=(), allow_status=None):
    """Why an HTTP answer breaks the contract: empty list when it is fine.

    - status 5xx, or a status not in `allow_status` (default: 200, 404, 405, 413);
    - the body is not a JSON object with msg (string), code (integer) and data (a PDF, which the
      PDF actions answer on success, is the one other body allowed);
    - msg or data contain SQL, "sqlite", a file path, a source file or a stack trace
      (values the client sent are removed first).
    """
    problems = []
    if answer.status is None:
        return ["no answer"]
    allowed = allow_status or (200, 404, 405, 413)
    if answer.status >= 500:
        problems.append(f"HTTP {answer.status}")
    elif answer.status not in allowed:
        problems.append(f"unexpected HTTP {answer.status}")
    if answer.status == 200 and answer.body.startswith(b"%PDF-"):
        return problems
    j = answer.json()
    if not isinstance(j, dict) or not {"msg", "code", "data"} <= set(j.keys()):
        problems.append("not an envelope")
        text = answer.body.decode("utf-8", "replace")
    else:
        if not isinstance(j["msg"], str) or not isinstance(j["code"], int) or isinstance(j["code"], bool):
            problems.append("envelope field types")
        text = "\n".join(_strings(j))
    found = leaks(text, sent)
    if found:
        problems.append("leaks " + ",".join(found))
    return problems


# --------------------------------------------------------------------------------------------
# SQLite from the outside
# --------------------------------------------------------------------------------------------

def open_db_readonly(path):
    """A read-only connection (mode=ro): the check never writes the server's database."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    conn.execute("PRAGMA query_only = ON")
    return conn


def integrity_check(path):
    """PRAGMA integrity_check on a read-only connection: 'ok' or the first problems."""
    conn = open_db_readonly(path)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    finally:
        conn.close()
    return "ok" if rows == ["ok"] else "; ".join(rows[:5])


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

class Table:
    """Prints rows as a fixed-width table (columns sized to their content, capped)."""

    def __init__(self, *columns, widths=None):
        self.columns = columns
        self.rows = []
        self.widths = widths

    def add(self, *values):
        self.rows.append([str(v) for v in values])

    def print(self, indent="  "):
        cap = 60
        widths = self.widths or [
            min(cap, max(len(c), *(len(r[i]) for r in self.rows)) if self.rows else len(c))
            for i, c in enumerate(self.columns)]
        def fmt(values):
            cells = []
            for v, w in zip(values, widths):
                v = v if len(v) <= w else v[: w - 1] + "…"
                cells.append(v.ljust(w))
            return indent + "  ".join(cells).rstrip()
        print(fmt(self.columns))
        print(indent + "  ".join("-" * w for w in widths))
        for r in self.rows:
            print(fmt(r))


def verdict(ok):
    return "ok" if ok else "FAIL"
