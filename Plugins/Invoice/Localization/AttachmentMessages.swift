import PluginSDK

/// What attachment uploads and the lists that name attachments answer, in English, Chinese and
/// Persian. A `file` that cannot be taken is -5000 (the parameter is wrong); the store's limits,
/// unknown ids and locked downloads are -1, as for coupons.
enum AttachmentMessages {
    static let empty = fileProblem(LocalizedText(en: "file is empty", zh: "文件为空", fa: "فایل خالی است"))

    private static func fileProblem(_ message: LocalizedText) -> KernelError {
        KernelError(code: .badParameter, message: message)
    }

    static func tooLarge(bytes: Int64, limit: Int64) -> KernelError {
        fileProblem(
            LocalizedText(
                en: "file is \(bytes) bytes; an attachment may have at most \(limit)", zh: "文件为 \(bytes) 字节；附件最多 \(limit) 字节",
                fa: "فایل \(bytes) بایت است؛ هر پیوست حداکثر \(limit) بایت می‌تواند باشد"))
    }

    static func unsupportedType(declared: String) -> KernelError {
        let said = declared.isEmpty ? "" : " (\(declared) was declared, the content decides)"
        let saidZH = declared.isEmpty ? "" : "（声明为 \(declared)，以内容为准）"
        let saidFA = declared.isEmpty ? "" : " (\(declared) اعلام شده، محتوا تعیین‌کننده است)"
        return fileProblem(
            LocalizedText(
                en: "file must be a PDF, a PNG or JPEG picture, or UTF-8 text\(said)", zh: "文件必须是 PDF、PNG 或 JPEG 图片，或 UTF-8 文本\(saidZH)",
                fa: "فایل باید PDF، تصویر PNG یا JPEG، یا متن UTF-8 باشد\(saidFA)"))
    }

    static func storeCountReached(_ limit: Int64) -> KernelError {
        KernelError.invalid(
            LocalizedText(
                en: "the store already has \(limit) attachments, the most it may keep: delete one first",
                zh: "本店已有 \(limit) 个附件，已达上限：请先删除一个", fa: "این فروشگاه \(limit) پیوست دارد که حداکثر مجاز است: ابتدا یکی را حذف کنید"))
    }

    static func storeBytesReached(used: Int64, adding: Int64, limit: Int64) -> KernelError {
        KernelError.invalid(
            LocalizedText(
                en: "the store's attachments would take \(used + adding) bytes, over its \(limit): delete some first",
                zh: "本店附件将占用 \(used + adding) 字节，超过上限 \(limit)：请先删除部分附件",
                fa: "پیوست‌های این فروشگاه \(used + adding) بایت می‌شوند که از سقف \(limit) بیشتر است: ابتدا برخی را حذف کنید"))
    }

    /// Ids that name no attachment of the store.
    static func unknown(_ field: String, _ ids: [String]) -> KernelError {
        let list = ids.joined(separator: ", ")
        return KernelError.invalid(
            LocalizedText(en: "\(field): unknown attachment(s) \(list)", zh: "\(field)：未知附件 \(list)", fa: "\(field): پیوست(های) ناشناخته \(list)"))
    }

    static func inUse(_ numbers: [String]) -> KernelError {
        let list = numbers.joined(separator: ", ")
        return KernelError(
            code: .conflict,
            message: LocalizedText(
                en: "the attachment is listed by invoice(s) \(list) and cannot be deleted", zh: "该附件被发票 \(list) 使用，不能删除",
                fa: "این پیوست در صورتحساب(های) \(list) آمده و حذف نمی‌شود"))
    }

    static let afterPayment = KernelError.invalid(
        LocalizedText(
            en: "this attachment is available once the invoice is paid", zh: "发票付款后才能下载此附件",
            fa: "این پیوست پس از پرداخت صورتحساب در دسترس است"))
}
