"""The dashboard's flows in a real browser (Debian's chromium through playwright)."""
import json
import os
import re
import subprocess
import struct
import tempfile
import urllib.request
import uuid
import zlib

from playwright.sync_api import expect

from conftest import log_in

SCREENSHOTS = os.environ.get("SCREENSHOTS")


def png(width, height):
    """A small grey PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def rows(page):
    return page.locator("table tbody tr")


def test_a_customer_logs_in_with_the_keyboard_filters_orders_and_changes_the_page_size(page, server):
    log_in(page, server, "ann")
    expect(page.get_by_role("heading", name="Orders")).to_be_visible()
    expect(rows(page)).to_have_count(10)
    expect(rows(page).first).to_contain_text(server.balance["number"])
    expect(rows(page).first).to_contain_text("Paid from balance: no invoice")
    latest = rows(page).nth(1)
    expect(latest).to_contain_text(server.paid[-1]["number"])
    expect(latest.get_by_role("link", name="Download PDF")).to_be_visible()
    page.get_by_label("Per page").select_option("20")
    page.wait_for_url(re.compile(r"page_size=20"))
    expect(rows(page)).to_have_count(13)

    page.get_by_label("Status").select_option("paid")
    page.get_by_label("Payment method").select_option("balance")
    page.get_by_role("button", name="Filter").click()
    expect(rows(page)).to_have_count(1)
    balance = rows(page).first
    expect(balance).to_contain_text(server.balance["number"])
    expect(balance).to_contain_text("Paid from balance: no invoice")
    expect(balance.get_by_role("link", name="Download PDF")).to_have_count(0)


def test_recharges_are_listed_and_applied_for_apart_from_orders(page, server):
    log_in(page, server, "ann")
    page.get_by_role("link", name="Recharges").click()
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text(server.recharge["number"])
    rows(page).first.get_by_role("link", name="View invoice").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(server.recharge["number"])
    page.goto(server.base + "/my/recharges")
    page.get_by_label(f"Choose {server.recharge['number']}").check()
    page.get_by_role("button", name="Apply for a tax invoice").click()
    expect(page.locator("dl.facts")).to_contain_text("1 recharge(s) in total")


def test_a_customer_downloads_an_invoice_pdf_that_pdftotext_reads(page, server):
    log_in(page, server, "ann")
    with page.expect_download() as download:
        rows(page).filter(has_text=server.paid[-1]["number"]).get_by_role("link", name="Download PDF").click()
    path = os.path.join(tempfile.mkdtemp(), "invoice.pdf")
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True, text=True).stdout
    assert server.paid[-1]["number"] in text
    assert "Demo Shop" in text


def test_a_customer_submits_an_application_and_sees_the_apis_own_messages(page, server):
    log_in(page, server, "ann")
    order = server.paid[0]["number"]
    page.goto(server.base + "/my/orders?page_size=50")
    page.get_by_label(f"Choose {order}").check()
    page.get_by_role("button", name="Apply for a tax invoice").click()
    expect(page.get_by_role("heading", name="Apply for a tax invoice")).to_be_visible()
    page.get_by_label("Invoice type").select_option(label="VAT normal e-invoice")
    expect(page.get_by_label("Mailing address")).to_be_hidden()
    page.get_by_label("Applicant").select_option(label="Company")
    expect(page.get_by_label("Taxpayer ID")).to_be_visible()
    page.get_by_label("Applicant").select_option(label="Individual")
    page.get_by_label("Invoice title (name or company)").fill("Ann Example")
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Email (for e-invoices)").fill("ann@example.com")
    page.get_by_role("button", name="Submit application").click()
    page.wait_for_url(re.compile(r"/my/applications$"))
    expect(rows(page).first).to_contain_text(order)
    expect(rows(page).first).to_contain_text("Pending review")


def test_an_admin_approves_and_issues_the_application_and_the_customer_sees_it(browser, page, server):
    application = server.call("invoice", "user", "index", {"page": 1}, token=server.ann["token"])["data"]["data_list"][0]["id"]
    log_in(page, server, "root", kind="admin")
    page.goto(server.base + "/manage/applications")
    page.get_by_role("link", name=f"#{application}").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Done.")
    page.get_by_label("E-invoice title").fill("VAT e-invoice")
    page.get_by_label("E-invoice link (https)").fill("https://files.example.com/e-invoice.pdf")
    page.get_by_role("button", name="Issue").click()
    expect(page.get_by_role("link", name="VAT e-invoice")).to_be_visible()

    customer = browser.new_context(viewport={"width": 1100, "height": 800}).new_page()
    log_in(customer, server, "ann")
    customer.goto(server.base + "/my/applications")
    expect(rows(customer).first).to_contain_text("Issued")
    expect(rows(customer).first.get_by_role("link", name="VAT e-invoice")).to_have_attribute("href", "https://files.example.com/e-invoice.pdf")
    customer.context.close()


def test_a_merchant_refunds_part_of_an_invoice(page, server):
    invoice = server.paid[5]
    log_in(page, server, "root", kind="admin")
    page.goto(server.base + "/manage/invoices")
    page.get_by_role("link", name=invoice["number"]).click()
    page.get_by_label("Amount").fill("10.00")
    page.get_by_label("Note").fill("damaged box")
    page.get_by_role("button", name="Refund").click()
    expect(page.get_by_role("status")).to_contain_text("Done.")
    expect(page.locator("dl.facts")).to_contain_text("Partly refunded")
    expect(page.locator("dl.facts")).to_contain_text("10.00 CNY")
    expect(page.get_by_role("table", name="Status history")).to_contain_text("damaged box")
    page.get_by_label("Amount").fill("99999")
    page.get_by_role("button", name="Refund").click()
    api = server.call("invoice", "merchant", "refund", {"id": invoice["id"], "amount": "99999"}, api_key=server.key)
    expect(page.get_by_role("alert")).to_have_text(api["msg"])


def test_an_admin_creates_an_api_key_seen_once_and_revokes_it(page, server):
    log_in(page, server, "root", kind="admin")
    page.goto(server.base + "/manage/apikeys")
    page.get_by_label("Name", exact=True).fill("till")
    page.get_by_label("invoices", exact=True).check()
    page.get_by_role("button", name="Create").click()
    key = page.get_by_label("New API key").input_value()
    assert key.startswith("isk_") and len(key) == 68
    assert server.call("invoice", "merchant", "list", {}, api_key=key)["code"] == 0
    page.goto(server.base + "/manage/apikeys")
    row = rows(page).filter(has_text=key[:12])
    expect(row).to_contain_text("till")
    assert key not in page.content()
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Revoke").click()
    expect(rows(page).filter(has_text=key[:12])).to_contain_text("Revoked")
    assert server.call("invoice", "merchant", "list", {}, api_key=key)["code"] == -401  # a revoked key


def test_a_form_posted_without_its_csrf_token_is_refused(page, server):
    log_in(page, server, "ann")
    refused = page.request.post(server.base + "/my/profile/logout-all", form={"anything": "1"})
    assert refused.status == 403
    forged = page.request.post(server.base + "/my/profile/logout-all", form={"_csrf": "0" * 64})
    assert forged.status == 403
    page.goto(server.base + "/my/orders")
    expect(page.get_by_role("heading", name="Orders")).to_be_visible()


def test_a_customer_cannot_open_another_customers_invoice(page, server):
    log_in(page, server, "ann")
    other = page.goto(server.base + f"/my/orders/{server.bobs['id']}")
    assert other.status == 404
    expect(page.get_by_role("alert")).to_have_text("not found")
    assert page.goto(server.base + f"/my/orders/{server.bobs['id']}/pdf").status == 404
    link = server.call("invoice", "merchant", "link", {"id": server.bobs["id"]}, api_key=server.key)["data"]["link"]
    mine = server.paid[0]["id"]
    assert page.goto(server.base + f"/i/{mine}-{link.split('-')[1]}").status == 404
    assert page.goto(server.base + f"/i/{link}").status == 200
    expect(page.get_by_role("heading")).to_contain_text(server.bobs["number"])


def test_the_hosted_page_offers_payment_while_unpaid_and_reads_right_to_left_in_persian(page, server):
    link = server.call("invoice", "merchant", "link", {"id": server.pending["id"]}, api_key=server.key)["data"]["link"]
    page.goto(server.base + f"/i/{link}?lang=fa")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("link", name="پرداخت")).to_have_attribute("href", "https://pay.example.com/checkout")
    expect(page.get_by_role("link", name="دریافت PDF")).to_have_count(0)


def upload_attachment(server, name, content, content_type):
    """Uploads a file to invoice/attachment/upload as a multipart form, as curl -F does."""
    boundary = "browser-" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        server.base + "/api/plugins/index?pluginsname=invoice&pluginscontrol=attachment&pluginsaction=upload", data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "X-Api-Key": server.key}, method="POST")
    with urllib.request.urlopen(request) as answer:
        uploaded = json.loads(answer.read())
    assert uploaded["code"] == 0, uploaded
    return uploaded["data"]


def test_the_hosted_page_gives_an_invoices_attachment_only_once_it_is_paid(page, server):
    content = b"%PDF-1.4\n" + bytes(range(256)) * 40
    attachment = upload_attachment(server, "Welcome guide.pdf", content, "application/pdf")
    created = server.call("invoice", "merchant", "create", {
        "products": [{"title": "Course", "amount": "20.00"}], "attachments": [attachment["id"]],
        "send_attachments_after_payment": True}, api_key=server.key)["data"]
    link = server.call("invoice", "merchant", "link", {"id": created["id"]}, api_key=server.key)["data"]["link"]
    page.goto(server.base + f"/i/{link}?lang=en")
    expect(page.get_by_role("heading", name="Attachments")).to_be_visible()
    expect(page.get_by_text("1 file(s) will be available here once the invoice is paid.")).to_be_visible()
    expect(page.get_by_role("link", name="Welcome guide.pdf")).to_have_count(0)
    paid = server.call("invoice", "merchant", "pay", {
        "id": created["id"], "gateway": "stripe", "transaction_id": "tx-" + uuid.uuid4().hex,
        "amount": created["payment"]["subtotal"]["total"]}, api_key=server.key)
    assert paid["code"] == 0, paid
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Welcome guide.pdf").click()
    path = os.path.join(tempfile.mkdtemp(), "guide.pdf")
    download.value.save_as(path)
    with open(path, "rb") as saved:
        assert saved.read() == content


def test_every_admin_page_opens_and_settings_save_through_their_actions(page, server):
    log_in(page, server, "root", kind="admin")
    for path, heading in [
        ("/manage/invoices", "Invoices"), ("/manage/applications", "Applications"), ("/manage/schedules", "Schedules"),
        ("/manage/deliveries", "Deliveries"), ("/manage/settings", "Store settings"), ("/manage/invoice-config", "Invoice settings"),
        ("/manage/plugins", "Plugins"), ("/manage/users", "Users"), ("/manage/admins", "Admins"), ("/manage/stores", "Stores"),
        ("/manage/apikeys", "API keys"), ("/manage/profile", "Profile"), ("/manage/plugins/invoice", "Configure invoice"),
    ]:
        assert page.goto(server.base + path).status == 200, path
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)

    page.goto(server.base + "/manage/settings")
    page.get_by_label("Store name").fill("Renamed Shop")
    page.get_by_label("Currency (ISO 4217)").fill("ZZ")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_have_text("malformed parameter 'currency'")
    expect(page.get_by_label("Store name")).to_have_value("Renamed Shop")
    page.get_by_label("Currency (ISO 4217)").fill("CNY")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Done.")
    assert server.call("invoice", "settings", "view", {}, token=server.admin["token"], admin=True)["data"]["settings"]["store_name"] == "Renamed Shop"

    logo = os.path.join(tempfile.mkdtemp(), "logo.png")
    with open(logo, "wb") as handle:
        handle.write(png(4, 3))
    page.get_by_label("Logo (PNG, at most 48 KiB)").set_input_files(logo)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Done.")
    expect(page.get_by_role("img", name="Logo (PNG, at most 48 KiB)")).to_be_visible()
    page.get_by_label("Store name").fill("Renamed Shop 2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("img", name="Logo (PNG, at most 48 KiB)")).to_be_visible()
    page.get_by_label("Remove the logo").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("img", name="Logo (PNG, at most 48 KiB)")).to_have_count(0)

    page.goto(server.base + "/manage/invoice-config")
    page.get_by_label("Content types (one a line)").fill("Software\nConsulting")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Done.")
    expect(page.get_by_label("Content types (one a line)")).to_have_value("Software\nConsulting")

    page.goto(server.base + "/manage/users?search=bob")
    expect(rows(page)).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.accept())
    rows(page).first.get_by_role("button", name="Disable").click()
    expect(rows(page).first).to_contain_text("Disabled")
    assert server.call("system", "user", "info", {}, token=server.bob["token"])["code"] == -400
    rows(page).first.get_by_role("button", name="Enable").click()
    expect(rows(page).first).to_contain_text("Enabled")


def test_pages_fit_a_375_pixel_phone(browser, server):
    phone = browser.new_context(viewport={"width": 375, "height": 740}).new_page()
    log_in(phone, server, "ann")
    for path in ["/my/orders", "/my/applications", "/my/profile?lang=fa"]:
        phone.goto(server.base + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, path
    phone.context.close()


def test_screenshots_of_the_main_pages(browser, server):
    """Writes docs/screenshots/*.png when SCREENSHOTS names a folder (`make screenshots`)."""
    if not SCREENSHOTS:
        return
    link = server.call("invoice", "merchant", "link", {"id": server.pending["id"]}, api_key=server.key)["data"]["link"]
    pages = [
        ("login", None, "/login"), ("orders", "ann", "/my/orders"), ("application", "ann", f"/my/applications/new?ids={server.paid[1]['id']}"),
        ("invoices", "root", "/manage/invoices"), ("invoice", "root", f"/manage/invoices/{server.paid[5]['id']}"), ("hosted", None, f"/i/{link}"),
    ]
    for language in ["en", "zh", "fa"]:
        context = browser.new_context(viewport={"width": 1000, "height": 700}, locale=language)
        page = context.new_page()
        for name, account, path in pages:
            if account:
                log_in(page, server, account, kind="admin" if account == "root" else "user")
            separator = "&" if "?" in path else "?"
            page.goto(server.base + path + separator + "lang=" + language)
            page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-{language}.png"))
            context.clear_cookies()
        context.close()
