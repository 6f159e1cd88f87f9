import PluginSDK

/// `template/view|save`: the store's white-label texts per kind (`invoice`, `reminder`) and
/// language. A placeholder that does not exist is refused here, not discovered when sending.
enum TemplateActions {
    static func view(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let all = try await context.storage.read { db -> [JSON] in
            var list: [JSON] = []
            for kind in MessageTemplate.Kind.allCases {
                for language in Language.allCases {
                    let template = try MessageTemplate.load(db, storeID: storeID, kind: kind, language: language)
                    list.append([
                        "kind": .string(kind.rawValue), "language": .string(language.rawValue), "subject": .string(template.subject),
                        "body": .string(template.body), "sms": .string(template.sms),
                        "custom": .bool(template != MessageTemplate.standard(kind, language)),
                    ])
                }
            }
            return list
        }
        return .ok(["placeholders": .array(MessageTemplate.placeholders.map { .string("{\($0)}") }), "templates": .array(all)])
    }

    static func save(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let params = context.params
        guard let kind = MessageTemplate.Kind(rawValue: try params.requiredString("kind")) else {
            throw KernelError.badParameter("kind", .notOneOf(MessageTemplate.Kind.allCases.map(\.rawValue)))
        }
        guard let language = Language(rawValue: try params.requiredString("language")) else {
            throw KernelError.badParameter("language", .notOneOf(Language.allCases.map(\.rawValue)))
        }
        let template = MessageTemplate(
            subject: try params.requiredString("subject"), body: try params.requiredString("body"), sms: try params.requiredString("sms"))
        try MessageTemplate.validate(template.subject, field: "subject")
        try MessageTemplate.validate(template.body, field: "body")
        try MessageTemplate.validate(template.sms, field: "sms")
        let now = context.services.clock.unixSeconds()
        try await context.storage.write { db in
            try db.execute(
                """
                INSERT INTO schedule_templates (store_id, kind, language, subject, body, sms, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (store_id, kind, language) DO UPDATE SET subject = excluded.subject, body = excluded.body, sms = excluded.sms,
                    updated_at = excluded.updated_at
                """, storeID, kind.rawValue, language.rawValue, template.subject, template.body, template.sms, now)
        }
        return .ok([
            "kind": .string(kind.rawValue), "language": .string(language.rawValue), "subject": .string(template.subject),
            "body": .string(template.body), "sms": .string(template.sms),
        ])
    }
}
