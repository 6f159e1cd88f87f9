import PluginSDK

/// Every action of the schedule plugin: API keys with scope `schedules`, or admins.
enum ScheduleRoutes {
    static let scope = "schedules"
    static let storeID = Param.integer("store_id", range: 1...Int64.max, "The store an admin acts for (default 1)")
    static let paging: [Param] = [.integer("page", range: 1...1_000_000), .integer("page_size", range: 1...100), storeID]
    static let code = Param.string("code", required: true, maxLength: 64)
    /// Customer tags: an array or "a,b" text, checked by the action.
    static let tags = Param.array("tags", maxCount: 50, "Tags grouping customers for tagIds (an array, or comma-separated text)").checkedByTheAction()
    /// An item's tax flag, in PayPing's spelling or ours.
    static let haveTax: [Param] = [.boolean("haveTax", "Whether tax applies"), .boolean("have_tax", "The same as haveTax")]

    static var all: [Route] { customers + items + schedules + settings + deliveries }

    static let customers: [Route] = [
        Route(
            "customer", "create", access: .apiKey(scope: scope),
            params: [
                .string("code", maxLength: 64, "Stable per store; generated when absent"), .string("name", required: true, maxLength: 200),
                .string("email", maxLength: 254), .string("phone", maxLength: 21), .string("language", allowed: ["en", "zh", "fa"]),
                tags, storeID,
            ],
            summary: "Create a customer (code, name, email, phone, tags, language)", handler: CustomerActions.create
        ).markedTransactionSafe()
        .described(zh: "创建客户（编码、姓名、邮箱、电话、标签、语言）", fa: "ایجاد مشتری (کد، نام، ایمیل، تلفن، برچسب‌ها، زبان)")
        .example([
            "code": "cust-1", "name": "Sara Ahmadi", "email": "sara@example.com", "phone": "+989121234567", "language": "fa", "tags": ["monthly"],
        ]),
        Route(
            "customer", "update", access: .apiKey(scope: scope),
            params: [
                code, .string("name", maxLength: 200), .string("email", maxLength: 254), .string("phone", maxLength: 21),
                .string("language", allowed: ["en", "zh", "fa"]), tags, storeID,
            ],
            summary: "Change a customer (its code stays)", handler: CustomerActions.update
        ).markedTransactionSafe().example(["code": "cust-1", "phone": "+989121234568"]),
        Route(
            "customer", "list", access: .apiKey(scope: scope), params: paging + [.string("tag", maxLength: 40)],
            summary: "The store's customers, optionally of one tag", handler: CustomerActions.list
        ).markedTransactionSafe().example(["tag": "monthly"]),
        Route("customer", "delete", access: .apiKey(scope: scope), params: [code, storeID], summary: "Delete a customer", handler: CustomerActions.delete).markedTransactionSafe()
            .example(["code": "cust-gone"]),
    ]

    static let items: [Route] = [
        Route(
            "item", "create", access: .apiKey(scope: scope),
            params: [
                .string("code", maxLength: 64), .string("title", required: true, maxLength: 500), .string("description", maxLength: 2_000),
                .decimal("amount", required: true), storeID,
            ] + haveTax,
            summary: "Create a catalog item (code, title, description, amount, haveTax)", handler: ItemActions.create
        ).markedTransactionSafe().example(["code": "plan-basic", "title": "Basic plan", "amount": "250000", "haveTax": false]),
        Route(
            "item", "update", access: .apiKey(scope: scope),
            params: [code, .string("title", maxLength: 500), .string("description", maxLength: 2_000), .decimal("amount"), storeID] + haveTax,
            summary: "Change a catalog item (its code stays)", handler: ItemActions.update
        ).markedTransactionSafe().example(["code": "plan-basic", "description": "Everything a small shop needs"]),
        Route("item", "list", access: .apiKey(scope: scope), params: paging, summary: "The store's catalog items", handler: ItemActions.list).markedTransactionSafe()
            .example(["page": 1]),
        Route("item", "delete", access: .apiKey(scope: scope), params: [code, storeID], summary: "Delete a catalog item", handler: ItemActions.delete).markedTransactionSafe()
            .example(["code": "plan-gone"]),
    ]

    static let schedules: [Route] = [
        Route(
            "merchant", "create", access: .apiKey(scope: scope), params: [.string("request_id", maxLength: 128), storeID],
            summary: "Create a schedule from PayPing's /v2/invoice/Schedule body (JSON or form)", handler: CreateSchedule.handle
        ).markedTransactionSafe()
        .described(zh: "按 PayPing 的 /v2/invoice/Schedule 请求体创建定期发票计划（JSON 或表单）", fa: "ایجاد زمان‌بندی از بدنهٔ /v2/invoice/Schedule پی‌پینگ (JSON یا فرم)")
        .example([
            "customers": [["code": "cust-1"]], "createStatus": 1, "number": "SUB-2031-01", "title": "Monthly subscription",
            "sendDate": "2031-01-01T10:00:00Z", "discountAmount": 10, "discountType": 0, "notes": "Thank you",
            "schedule": ["interval": 1, "scheduleType": 2, "count": 12, "dueDateAfterHowManyDay": 7],
            "products": [["code": "plan-basic", "quantity": 1]],
        ]),
        Route("merchant", "view", access: .apiKey(scope: scope), params: [code, storeID], summary: "One schedule", handler: ScheduleActions.view).markedTransactionSafe()
            .example(["code": "SUB-2031-01"]),
        Route(
            "merchant", "list", access: .apiKey(scope: scope),
            params: paging + [.string("status", allowed: ["active", "paused", "cancelled", "completed"])],
            summary: "The store's schedules, newest first", handler: ScheduleActions.list
        ).markedTransactionSafe().example(["status": "active"]),
        Route("merchant", "pause", access: .apiKey(scope: scope), params: [code, storeID], summary: "Pause a schedule", handler: ScheduleActions.pause).markedTransactionSafe()
            .example(["code": "SUB-2031-01"]),
        Route(
            "merchant", "resume", access: .apiKey(scope: scope), params: [code, storeID],
            summary: "Resume a paused schedule (periods passed while paused are skipped)", handler: ScheduleActions.resume
        ).markedTransactionSafe().example(["code": "SUB-2031-01"]),
        Route(
            "merchant", "occurrences", access: .apiKey(scope: scope),
            params: [code] + paging + [.integer("next", range: 1...100, "Upcoming occurrences shown for a schedule without end (default 10)")],
            summary: "What was sent (with invoice numbers) and the remaining plan, both paged", handler: ScheduleActions.occurrences
        ).markedTransactionSafe().example(["code": "SUB-2031-01", "page_size": 3]),
        Route("merchant", "cancel", access: .apiKey(scope: scope), params: [code, storeID], summary: "End a schedule", handler: ScheduleActions.cancel).markedTransactionSafe()
            .example(["code": "SUB-2031-01"]),
    ]

    static let settings: [Route] = [
        Route("settings", "view", access: .apiKey(scope: scope), params: [storeID], summary: "The store's weekend days and reminder offsets", handler: ScheduleSettings.view).markedTransactionSafe()
            .example([:]),
        Route(
            "settings", "save", access: .apiKey(scope: scope),
            params: [
                .array("weekend_days", maxCount: 6, "e.g. [\"friday\"]"), .array("reminder_offsets", maxCount: 10, "Days from the due date, e.g. [-3, 1, 7]"),
                storeID,
            ],
            summary: "Set the store's weekend days and reminder offsets", handler: ScheduleSettings.save
        ).markedTransactionSafe().example(["weekend_days": ["friday"], "reminder_offsets": [-3, 1, 7]]),
        Route(
            "template", "view", access: .apiKey(scope: scope), params: [storeID],
            summary: "The store's invoice and reminder texts per language", handler: TemplateActions.view).markedTransactionSafe(),
        Route(
            "template", "save", access: .apiKey(scope: scope),
            params: [
                .string("kind", required: true, allowed: ["invoice", "reminder"]), .string("language", required: true, allowed: ["en", "zh", "fa"]),
                .string("subject", required: true, maxLength: 200), .string("body", required: true, maxLength: 5_000),
                .string("sms", required: true, maxLength: 500), storeID,
            ],
            summary: "Set a white-label text; unknown placeholders are refused", handler: TemplateActions.save
        ).markedTransactionSafe().example([
            "kind": "reminder", "language": "en", "subject": "A friendly reminder", "body": "Your invoice is due soon. Thank you!",
            "sms": "Your invoice is due soon.",
        ]),
    ]

    /// The store's delivery log (the kernel's outbox), shared with the invoice plugin.
    static let deliveries: [Route] = DeliveryLog.routes(scope: scope)
}
