import Contracts
import PluginSDK

/// `invoice/auditinfo`: an application pending review and the audit choices.
enum AuditInfo {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let (application, zone) = try await AdminApplication.load(context)
        guard application.status == .pending else { throw ApplicationMessages.notPendingReview }
        let language = context.language
        return .ok([
            "data": application.row(language, zone: zone),
            "audit_status_list": [
                ["id": .int(ApplicationStatus.toBeIssued.rawValue), "name": .string(ShopXOLabels.approve(language))],
                ["id": .int(ApplicationStatus.refused.rawValue), "name": .string(ShopXOLabels.refuse(language))],
            ],
        ])
    }
}

/// `invoice/audit`: approves (`status` 1) or refuses (`status` 3, with `refuse_reason`) an
/// application pending review. Refusing releases its orders. Publishes `application.audited`.
enum AuditApplication {
    static let maxReasonLength = 230

    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let id = try params.requiredInt("id")
        guard let value = params["status"]?.intValue, let status = ApplicationStatus(rawValue: value),
            status == .toBeIssued || status == .refused
        else { throw ApplicationMessages.auditChoice }
        let reason = (params.string("refuse_reason") ?? "").trimmingCharacters()
        if status == .refused {
            guard !reason.isEmpty else { throw ApplicationMessages.refuseReasonRequired }
            guard reason.count <= maxReasonLength else {
                throw ApplicationMessages.tooLong(ShopXOLabels.field("refuse_reason"), max: maxReasonLength)
            }
        }
        let now = context.now
        try await context.storage.write { db in
            guard let application = try ApplicationRecords.find(db, id: id) else { throw KernelError.notFound }
            guard application.status == .pending else { throw ApplicationMessages.notPendingReview }
            try ApplicationRecords.move(
                db, application, to: status, changes: [("refuse_reason", status == .refused ? reason : "")], now: now)
            if !status.isLive { try ApplicationRecords.setLive(db, applicationID: id, false) }
            guard let audited = try ApplicationRecords.find(db, id: id) else { throw KernelError.notFound }
            try context.services.hooks.publish(
                HookEvent(InvoiceEvents.applicationAudited, storeID: audited.storeID, payload: audited.eventPayload(zone: try SettingsRecords.load(db, storeID: audited.storeID, context: context).timeZone)),
                in: db)
        }
        return .ok()
    }
}
