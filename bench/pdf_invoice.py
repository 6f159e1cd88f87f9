#!/usr/bin/env python3
"""The benchmark's typical invoice: 10 lines, in English, Chinese or Persian (--lang). Prints it
as the JSON body of merchant/create, or (with --html FILE) writes the same invoice as an HTML
page for the headless-Chromium baseline, with the same texts, fonts and table as the server's
PDF."""
import argparse
import html
import json

# Each line: quantity, unit price, then its title and description in en, zh and fa.
TABLE = [
    (2, "12.50", ("Blue widget", "Aluminium, anodised"), ("蓝色小部件", "阳极氧化铝"), ("ویجت آبی", "آلومینیوم آنودایز شده")),
    (3, "80.00", ("Consulting hour", "Remote, March"), ("咨询服务（小时）", "远程，三月"), ("ساعت مشاوره", "از راه دور، اسفند")),
    (1, "50.00", ("Gift card", ""), ("礼品卡", ""), ("کارت هدیه", "")),
    (10, "1.20", ("Shipping box (large)", "Double-walled cardboard"), ("快递纸箱（大号）", "双层瓦楞纸板"),
     ("جعبه ارسال (بزرگ)", "مقوای دو لایه")),
    (4, "9.90", ("USB-C cable 2 m", ""), ("USB-C 数据线 2 米", ""), ("کابل USB-C دو متری", "")),
    (1, "34.00", ("Desk lamp", "LED, warm white"), ("台灯", "LED，暖白光"), ("چراغ مطالعه", "ال‌ای‌دی، نور گرم")),
    (6, "4.75", ("Notebook A5", "Dotted, 120 pages"), ("A5 笔记本", "点阵，120 页"), ("دفترچه A5", "نقطه‌چین، ۱۲۰ برگ")),
    (2, "27.30", ("Ink cartridge", "Black"), ("墨盒", "黑色"), ("کارتریج جوهر", "مشکی")),
    (1, "199.00", ("Support plan", "12 months, business hours"), ("技术支持套餐", "12 个月，工作时间"),
     ("طرح پشتیبانی", "۱۲ ماه، ساعات اداری")),
    (1, "120.00", ("Installation", "On site, half a day"), ("上门安装", "现场服务半天"), ("نصب", "در محل، نیم روز")),
]
LANGUAGES = ("en", "zh", "fa")
# (title, description, quantity, unit price) of each line, by language.
LINES = {
    lang: [(texts[index][0], texts[index][1], quantity, amount) for quantity, amount, *texts in TABLE]
    for index, lang in enumerate(LANGUAGES)
}
STORE = ("Example Trading Ltd", "12 Harbour Road, Wan Chai, Hong Kong")
LABELS = {
    "en": ("INVOICE", "Invoice no.", "Issued", "Paid", "Bill to", "Payment method", "Transaction ID", "Status", "Paid",
           ["#", "Item", "Qty", "Unit price", "Discount", "Tax", "Amount"], "Subtotal", "VAT 13%", "Total",
           "This invoice confirms the payment above and may be kept as a voucher for reimbursement and reconciliation.",
           "Page 1 / 1"),
    "zh": ("付款凭证", "单据编号", "开单日期", "支付时间", "付款方", "支付方式", "交易号", "状态", "已支付",
           ["序号", "商品", "数量", "单价", "折扣", "税额", "金额"], "小计", "增值税 13%", "合计",
           "本凭证确认上述付款，可留存用于报销和对账。", "页 1 / 1"),
    "fa": ("صورتحساب", "شماره صورتحساب", "تاریخ صدور", "زمان پرداخت", "مشخصات خریدار", "روش پرداخت", "شناسه تراکنش",
           "وضعیت", "پرداخت شده", ["ردیف", "شرح کالا", "تعداد", "فی", "تخفیف", "مالیات", "مبلغ"], "جمع جزء",
           "مالیات بر ارزش افزوده ۱۳٪", "مبلغ کل",
           "این صورتحساب پرداخت بالا را تأیید می‌کند و می‌تواند به عنوان سند هزینه و تطبیق حساب نگهداری شود.", "صفحه ۱ / ۱"),
}


def body(lang):
    return {
        "user_id": 1,
        "products": [
            {"code": f"P{i + 1}", "title": t, "description": d, "quantity": q, "amount": a, "have_tax": True}
            for i, (t, d, q, a) in enumerate(LINES[lang])
        ],
    }


def page(lang):
    (heading, number, issued, paid, bill_to, method, transaction, status, paid_status, columns, subtotal_label,
     vat_label, total_label, footer, page_label) = LABELS[lang]
    rows = []
    subtotal = 0
    vat = 0
    for i, (t, d, q, a) in enumerate(LINES[lang]):
        cents = int(a.replace(".", "")) * q
        tax = (cents * 13 + 50) // 100
        subtotal += cents
        vat += tax
        rows.append(
            f"<tr><td>{i + 1}</td><td>{html.escape(t)}<br><small>{html.escape(d)}</small></td><td class=n>{q}</td>"
            f"<td class=n>{a} USD</td><td></td><td class=n>{tax / 100:.2f} USD</td><td class=n>{(cents + tax) / 100:,.2f} USD</td></tr>"
        )
    direction = "rtl" if lang == "fa" else "ltr"
    header = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    return f"""<!doctype html><html dir="{direction}"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 40pt }}
body {{ font-family: 'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans Arabic'; font-size: 8.5pt }}
h1 {{ font-size: 18pt; text-align: end; margin: 0 }} .store {{ font-size: 13pt; font-weight: bold }}
table {{ width: 100%; border-collapse: collapse }} th {{ background: #e6e6e6; text-align: start }}
td, th {{ padding: 4pt }} tr:nth-child(even) td {{ background: #f6f6f6 }} .n {{ text-align: end }}
small {{ font-size: 7.5pt; color: #595959 }}
</style></head><body>
<div class=store>{STORE[0]}</div><div>{STORE[1]}</div><h1>{heading}</h1><div style="text-align:end">INV-2026-000001</div><hr>
<p><b>{bill_to}</b><br>user1</p>
<p>{number} INV-2026-000001<br>{issued} 2026-11-27 10:15 UTC<br>{paid} 2026-11-27 10:16 UTC
<br>{method} Stripe<br>{transaction} pi_bench<br>{status} {paid_status}</p>
<table><tr>{header}</tr>
{''.join(rows)}</table>
<p style="text-align:end">{subtotal_label} {subtotal / 100:,.2f} USD<br>{vat_label} {vat / 100:,.2f} USD<br>
<b>{total_label} {(subtotal + vat) / 100:,.2f} USD</b></p>
<p>{footer}</p>
<p style="text-align:center">{page_label}</p></body></html>"""


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=sorted(LINES), default="en")
    parser.add_argument("--html", metavar="FILE")
    args = parser.parse_args()
    if args.html:
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(page(args.lang))
    else:
        print(json.dumps(body(args.lang)))
