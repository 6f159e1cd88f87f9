"""A real invoice-server process on a temporary data folder and a free port, seeded through its
command line and its API, and Debian's chromium driven by playwright."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
import uuid

import pytest
from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("INVOICE_SERVER_BIN", os.path.join(ROOT, ".build", "debug", "invoice-server"))
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PASSWORDS = {"root": "root-password", "ann": "ann-password", "bob": "bob-password"}


class Server:
    """The server process and the accounts and invoices made for the tests."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="invoice-browser-")
        self.config = os.path.join(self.folder, "server.json")
        with open(self.config, "w") as handle:
            json.dump({"password_iterations": 1000, "check_declared_params": True}, handle)
        self.common = ["--data-dir", os.path.join(self.folder, "data"), "--config", self.config]
        self.admin = self.cli("admin", "create", "--name", "root", "--password", PASSWORDS["root"])
        self.ann = self.cli("user", "create", "--name", "ann", "--email", "ann@example.com", "--password", PASSWORDS["ann"])
        self.bob = self.cli("user", "create", "--name", "bob", "--email", "bob@example.com", "--password", PASSWORDS["bob"])
        self.key = self.cli("apikey", "create", "--store", "1", "--scopes", "invoices")["key"]
        self.log = open(os.path.join(self.folder, "server.log"), "w+")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--host", "127.0.0.1", "--port", "0"] + self.common, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = self.wait_for_port()

    def cli(self, *arguments):
        output = subprocess.run([BINARY, *arguments, *self.common], check=True, capture_output=True, text=True).stdout
        return json.loads(output.strip().splitlines()[-1])

    def wait_for_port(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            self.log.seek(0)
            found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", self.log.read())
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def call(self, plugin, control, action, body, token=None, api_key=None, admin=False):
        path = "/admin/plugins/index" if admin else "/api/plugins/index"
        url = f"{self.base}{path}?pluginsname={plugin}&pluginscontrol={control}&pluginsaction={action}"
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if api_key:
            headers["X-Api-Key"] = api_key
        request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
        with urllib.request.urlopen(request) as answer:
            return json.loads(answer.read())

    def invoice(self, user_id, amount="100.00", gateway="stripe", title="Widget", kind="order"):
        """An invoice for a user, paid through `gateway` (None leaves it pending)."""
        created = self.call("invoice", "merchant", "create", {
            "user_id": user_id, "kind": kind, "checkout_url": "https://pay.example.com/checkout",
            "products": [{"code": "P", "title": title, "quantity": 1, "amount": amount}]}, api_key=self.key)
        assert created["code"] == 0, created
        invoice = created["data"]
        if gateway:
            paid = self.call("invoice", "merchant", "pay", {
                "id": invoice["id"], "gateway": gateway, "transaction_id": "tx-" + uuid.uuid4().hex,
                "amount": invoice["payment"]["subtotal"]["total"]}, api_key=self.key)
            assert paid["code"] == 0, paid
            invoice = paid["data"]
        return invoice

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    running = Server()
    settings = running.call("invoice", "settings", "save", {
        "currency": "CNY", "tax_rate_bp": 1300, "store_name": "Demo Shop", "store_address": "1 Market Street"},
        token=running.admin["token"], admin=True)
    assert settings["code"] == 0, settings
    running.paid = [running.invoice(running.ann["id"], amount=f"{100 + n}.00", title=f"Plan {n}") for n in range(12)]
    running.balance = running.invoice(running.ann["id"], amount="30.00", gateway="balance", title="Top-up")
    running.recharge = running.invoice(running.ann["id"], amount="50.00", title="Wallet top-up", kind="recharge")
    running.pending = running.invoice(running.bob["id"], amount="45.00", gateway=None, title="Consulting")
    running.bobs = running.invoice(running.bob["id"], amount="77.00", title="Bob's plan")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 800}, accept_downloads=True, locale="en-US")
    yield context.new_page()
    context.close()


def log_in(page, server, name, kind="user"):
    """Logs in through the login page with the keyboard only."""
    page.goto(server.base + "/login?lang=en")
    if kind == "admin":
        page.get_by_label("Merchant or admin").check()
    page.get_by_label("Account name or email").focus()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORDS[name])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(my|manage)/"))
