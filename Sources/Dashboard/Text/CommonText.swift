import Kernel
import PluginSDK

/// Words many pages share, in English, Chinese and Persian.
enum CommonText {
    static let brand = LocalizedText(en: "Invoices", zh: "发票中心", fa: "صورتحساب‌ها")
    static let saved = LocalizedText(en: "Done.", zh: "操作成功。", fa: "انجام شد.")
    static let save = LocalizedText(en: "Save", zh: "保存", fa: "ذخیره")
    static let filter = LocalizedText(en: "Filter", zh: "筛选", fa: "پالایش")
    static let status = LocalizedText(en: "Status", zh: "状态", fa: "وضعیت")
    static let actions = LocalizedText(en: "Actions", zh: "操作", fa: "عملیات")
    static let all = LocalizedText(en: "All", zh: "全部", fa: "همه")
    static let none = LocalizedText(en: "Nothing here yet.", zh: "暂无数据。", fa: "هنوز چیزی نیست.")
    static let view = LocalizedText(en: "View", zh: "查看", fa: "مشاهده")
    static let amount = LocalizedText(en: "Amount", zh: "金额", fa: "مبلغ")
    static let total = LocalizedText(en: "Total", zh: "合计", fa: "جمع کل")
    static let number = LocalizedText(en: "Number", zh: "编号", fa: "شماره")
    static let name = LocalizedText(en: "Name", zh: "名称", fa: "نام")
    static let email = LocalizedText(en: "Email", zh: "邮箱", fa: "ایمیل")
    static let password = LocalizedText(en: "Password", zh: "密码", fa: "رمز عبور")
    static let created = LocalizedText(en: "Created", zh: "创建时间", fa: "ایجاد")
    static let page = LocalizedText(en: "Page", zh: "页", fa: "صفحه")
    static let previous = LocalizedText(en: "Previous", zh: "上一页", fa: "قبلی")
    static let next = LocalizedText(en: "Next", zh: "下一页", fa: "بعدی")
    static let perPage = LocalizedText(en: "Per page", zh: "每页条数", fa: "در هر صفحه")
    static let logout = LocalizedText(en: "Log out", zh: "退出登录", fa: "خروج")
    static let language = LocalizedText(en: "Language", zh: "语言", fa: "زبان")
    static let downloadPDF = LocalizedText(en: "Download PDF", zh: "下载 PDF", fa: "دریافت PDF")
    static let viewInvoice = LocalizedText(en: "View invoice", zh: "查看发票", fa: "مشاهدهٔ صورتحساب")
    static let yes = LocalizedText(en: "yes", zh: "是", fa: "بله")
    static let no = LocalizedText(en: "no", zh: "否", fa: "خیر")
    static let confirm = LocalizedText(en: "Are you sure?", zh: "确定吗？", fa: "مطمئن هستید؟")
    static let back = LocalizedText(en: "Back", zh: "返回", fa: "بازگشت")
    static let lines = LocalizedText(en: "Lines", zh: "明细", fa: "اقلام")
    static let quantity = LocalizedText(en: "Quantity", zh: "数量", fa: "تعداد")
    static let unitPrice = LocalizedText(en: "Unit price", zh: "单价", fa: "قیمت واحد")
    static let item = LocalizedText(en: "Item", zh: "项目", fa: "قلم")
    static let vat = LocalizedText(en: "VAT", zh: "增值税", fa: "مالیات بر ارزش افزوده")
    static let refunded = LocalizedText(en: "Refunded", zh: "已退款", fa: "بازپرداخت‌شده")
    static let paidAt = LocalizedText(en: "Paid at", zh: "支付时间", fa: "زمان پرداخت")
    static let paymentMethod = LocalizedText(en: "Payment method", zh: "支付方式", fa: "روش پرداخت")
    static let history = LocalizedText(en: "Status history", zh: "状态记录", fa: "تاریخچهٔ وضعیت")
    static let note = LocalizedText(en: "Note", zh: "备注", fa: "یادداشت")
    static let notFound = LocalizedText(en: "Page not found.", zh: "页面不存在。", fa: "صفحه پیدا نشد.")
    static let formExpired = LocalizedText(
        en: "This form has expired or did not come from this site. Reload the page and try again.",
        zh: "表单已过期或并非来自本站，请刷新页面后重试。", fa: "این فرم منقضی شده یا از این سایت نیامده است. صفحه را دوباره بارگذاری کنید.")
    static let skipToContent = LocalizedText(en: "Skip to content", zh: "跳到正文", fa: "پرش به محتوا")
    static let start = LocalizedText(en: "From", zh: "开始日期", fa: "از تاریخ")
    static let end = LocalizedText(en: "To", zh: "结束日期", fa: "تا تاریخ")
    static let reason = LocalizedText(en: "Reason", zh: "原因", fa: "دلیل")
    static let store = LocalizedText(en: "Store", zh: "店铺", fa: "فروشگاه")
    static let enabled = LocalizedText(en: "Enabled", zh: "已启用", fa: "فعال")
    static let disabled = LocalizedText(en: "Disabled", zh: "已禁用", fa: "غیرفعال")
    static let enable = LocalizedText(en: "Enable", zh: "启用", fa: "فعال‌سازی")
    static let disable = LocalizedText(en: "Disable", zh: "禁用", fa: "غیرفعال‌سازی")
    static let create = LocalizedText(en: "Create", zh: "创建", fa: "ایجاد")
    static let profile = LocalizedText(en: "Profile", zh: "个人资料", fa: "نمایه")
    static let search = LocalizedText(en: "Search", zh: "搜索", fa: "جستجو")

    /// An invoice status (the `status` of the invoice model) in words.
    static func invoiceStatus(_ status: String) -> LocalizedText {
        switch status {
        case "pending": LocalizedText(en: "Awaiting payment", zh: "待支付", fa: "در انتظار پرداخت")
        case "paid": LocalizedText(en: "Paid", zh: "已支付", fa: "پرداخت‌شده")
        case "partially_refunded": LocalizedText(en: "Partly refunded", zh: "部分退款", fa: "بخشی بازپرداخت شد")
        case "refunded": LocalizedText(en: "Refunded", zh: "已退款", fa: "بازپرداخت‌شده")
        case "canceled": LocalizedText(en: "Canceled", zh: "已取消", fa: "لغوشده")
        case "failed": LocalizedText(en: "Failed", zh: "支付失败", fa: "ناموفق")
        case "expired": LocalizedText(en: "Expired", zh: "已过期", fa: "منقضی")
        default: LocalizedText(verbatim: status)
        }
    }

    /// The statuses of the invoice model, in the order filters list them.
    static let invoiceStatuses = ["paid", "partially_refunded", "refunded", "pending", "failed", "canceled", "expired"]
}
