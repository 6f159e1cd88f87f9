import Foundation
import PluginSDK

/// `invoice/issueinfo`: an approved application waiting to be issued.
enum IssueInfo {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let (application, zone) = try await AdminApplication.load(context)
        guard application.status == .toBeIssued else { throw ApplicationMessages.notToBeIssued }
        return .ok(["data": application.row(context.language, zone: zone)])
    }
}

/// `invoice/issue`: records the issued invoice of an approved application: the files of an
/// e-invoice (`electronic_invoice` as `[{title, url}]`, an array or its JSON text), or the
/// courier and tracking number of a paper one.
enum IssueApplication {
    static let maxFiles = 20
    static let maxExpressLength = 60

    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let id = try params.requiredInt("id")
        let files = params["electronic_invoice"]
        let expressName = (params.string("express_name") ?? "").trimmingCharacters()
        let expressNumber = (params.string("express_number") ?? "").trimmingCharacters()
        let now = context.services.clock.unixSeconds()
        try await context.storage.write { db in
            guard let application = try ApplicationRecords.find(db, id: id) else { throw KernelError.notFound }
            guard application.status == .toBeIssued else { throw ApplicationMessages.notToBeIssued }
            let changes: [(String, any SQLBindable)]
            if application.form.invoiceType.isElectronic {
                changes = [("electronic_invoice", try electronicInvoice(files).text)]
            } else {
                guard !expressName.isEmpty, !expressNumber.isEmpty, expressName.count <= maxExpressLength,
                    expressNumber.count <= maxExpressLength
                else { throw ApplicationMessages.expressRequired }
                changes = [("express_name", expressName), ("express_number", expressNumber)]
            }
            try ApplicationRecords.move(db, application, to: .issued, changes: changes, now: now)
        }
        return .ok()
    }

    /// The e-invoice files: 1 to 20 entries, each a non-empty title and an http(s) url.
    static func electronicInvoice(_ value: JSON?) throws -> JSON {
        var value = value ?? .null
        if case .string(let text) = value { value = (try? JSON.parse(Array(text.utf8))) ?? .null }
        guard let entries = value.arrayValue, (1...maxFiles).contains(entries.count) else {
            throw ApplicationMessages.electronicInvoiceRequired
        }
        return .array(try entries.map { entry in
            guard let title = entry["title"]?.stringValue?.trimmingCharacters(), !title.isEmpty, title.count <= 200,
                let url = entry["url"]?.stringValue?.trimmingCharacters(), url.count <= 1_000, isWebURL(url)
            else { throw ApplicationMessages.electronicInvoiceRequired }
            return ["title": .string(title), "url": .string(url)]
        })
    }

    private static func isWebURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { return false }
        return scheme == "http" || scheme == "https"
    }
}
