import Foundation
import InvoicePlugin
import Kernel
import Contracts
import PluginSDK
import Synchronization
import TestSupport
import Testing

/// Issue 16: batch requests. Each call runs as if sent alone; an atomic batch keeps all or nothing.
/// A real server on a real port, the invoice plugin, and the SQLite file read by the sqlite3 tool.
@Suite struct BatchTests {
    /// A server with the invoice plugin, an API key of store 1 (scope `invoices`) and an admin.
    private struct Shop: Sendable {
        let server: TestServer
        let key: String

        static func with(configure: @Sendable (inout ServerConfiguration) -> Void = { _ in }, _ body: @Sendable (Shop) async throws -> Void) async throws {
            try await TestServer.with(plugins: [InvoicePlugin()], configure: configure) { server in
                let key = try await server.kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["invoices"]).key
                try await body(Shop(server: server, key: key))
            }
        }

        /// Posts a batch body (JSON text, sent as is) with the API key unless `headers` are given.
        func batch(_ body: String, path: String = "/api/plugins/batch", headers: [(String, String)]? = nil) async throws -> HTTPResult {
            try await RawHTTP.send(
                port: server.port, target: path, headers: headers ?? [("X-Api-Key", key), ("Content-Type", "application/json")],
                body: Array(body.utf8))
        }

        func batch(_ body: JSON, path: String = "/api/plugins/batch", headers: [(String, String)]? = nil) async throws -> HTTPResult {
            try await batch(body.text, path: path, headers: headers)
        }

        func merchant(_ action: String, _ params: JSON) async throws -> HTTPResult {
            try await server.call("invoice", "merchant", action, params, headers: [("X-Api-Key", key)])
        }

        func count(_ table: String, where condition: String = "1") async throws -> Int {
            try await SQLiteFile.count(dataDir: server.dataDir, table, where: condition)
        }
    }

    private static func call(_ plugin: String, _ control: String, _ action: String, _ params: JSON? = nil) -> JSON {
        var call: JSONObject = ["pluginsname": .string(plugin), "pluginscontrol": .string(control), "pluginsaction": .string(action)]
        if let params { call["params"] = params }
        return .object(call)
    }

    private static func create(_ title: String, amount: String = "10.00", webhooks: [String] = []) -> JSON {
        call("invoice", "merchant", "create", [
            "products": [["title": .string(title), "quantity": 1, "amount": .string(amount)]], "webhooks": .array(webhooks.map { .string($0) }),
        ])
    }

    private static func codes(_ answer: HTTPResult) -> [Int64?] {
        answer.data?.arrayValue?.map { $0["code"]?.intValue } ?? []
    }

    @Test func aBatchAnswersEachCallsOwnEnvelopeInOrderAndKeepsWhatSucceeded() async throws {
        try await Shop.with { shop in
            let answer = try await shop.batch([
                "calls": [
                    Self.call("system", "system", "ping"),
                    Self.create("Pen"),
                    Self.call("invoice", "merchant", "view", ["id": 999]),
                    Self.call("nosuch", "a", "b"),
                    Self.call("invoice", "merchant", "create", ["products": []]),
                    Self.call("invoice", "merchant", "list"),
                ]
            ])
            #expect(answer.status == 200)
            #expect(answer.code == 0, "\(answer.text)")
            #expect(Self.codes(answer) == [0, 0, -1, -10, -1, 0])
            let answers = try #require(answer.data?.arrayValue)
            #expect(answers[0]["data"]?["pong"] == true)
            #expect(answers[1]["data"]?["products"]?.arrayValue?.first?["title"] == "Pen")
            #expect(answers[2]["msg"] == "not found")
            #expect(answers[3]["msg"] == "plugin 'nosuch' is not installed")
            #expect(answers[4]["msg"] == "an invoice needs at least one product line")
            #expect(answers[5]["data"]?["total"] == 1, "a later call sees what an earlier one wrote")
            #expect(try await shop.count("invoice_invoices") == 1)
        }
    }

    @Test func eachCallIsAuthorisedOnItsOwn() async throws {
        try await Shop.with { shop in
            let user = try await shop.server.user("ann").token
            let admin = try await shop.server.admin("root")
            let body: JSON = [
                "token": .string(user), "lang": "en",
                "calls": [
                    Self.call("system", "user", "info"),
                    Self.call("invoice", "settings", "view"),
                    Self.call("system", "users", "list"),
                    Self.call("invoice", "settings", "view", ["token": .string(admin)]),
                ],
            ]
            for path in ["/api/plugins/batch", "/admin/plugins/batch"] {
                let answer = try await shop.batch(body, path: path, headers: [("Content-Type", "application/json")])
                #expect(answer.code == 0)
                #expect(Self.codes(answer) == [0, -1000, -1000, 0], "\(path): \(answer.text)")
                #expect(answer.data?.arrayValue?[0]["data"]?["name"] == "ann")
            }
            let anonymous = try await shop.batch(["calls": [Self.call("system", "user", "info")]], headers: [])
            #expect(Self.codes(anonymous) == [-400])
            let keyed = try await shop.batch(["calls": [Self.call("invoice", "merchant", "list"), Self.call("system", "user", "info")]])
            #expect(Self.codes(keyed) == [0, -400], "the API key opens merchant actions only")
        }
    }

    @Test func aBatchOverTheLimitRunsNothing() async throws {
        try await Shop.with { shop in
            let tooMany = try await shop.batch(["calls": .array((0...50).map { Self.create("n\($0)") })])
            #expect(tooMany.code == -5000)
            #expect(tooMany.msg == "a batch may carry at most 50 calls, this one has 51; nothing was run")
            #expect(try await shop.count("invoice_invoices") == 0)
            let fifty = try await shop.batch(["calls": .array((0..<50).map { Self.create("n\($0)") })])
            #expect(Self.codes(fifty).count == 50 && Self.codes(fifty).allSatisfy { $0 == 0 })
            #expect(try await shop.count("invoice_invoices") == 50)
        }
        try await Shop.with(configure: { $0.batchMaxCalls = 2 }) { shop in
            let answer = try await shop.batch(["atomic": true, "calls": [Self.create("a"), Self.create("b"), Self.create("c")]])
            #expect(answer.code == -5000)
            #expect(try await shop.count("invoice_invoices") == 0)
        }
    }

    @Test func fileAnswersAreRefusedInsideABatch() async throws {
        try await Shop.with { shop in
            let invoice = try await shop.merchant("create", ["products": [["title": "T", "amount": "5.00"]]])
            let id = invoice.data?["id"] ?? .null
            let plain = try await shop.batch(["calls": [Self.call("invoice", "merchant", "pdf", ["id": id]), Self.call("invoice", "merchant", "view", ["id": id])]])
            #expect(plain.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(Self.codes(plain) == [-5000, 0])
            #expect(plain.data?.arrayValue?[0]["msg"] == "this action answers a file and cannot run inside a batch")
            let atomic = try await shop.batch(["atomic": true, "calls": [Self.create("before"), Self.call("invoice", "merchant", "pdf", ["id": id])]])
            #expect(atomic.code == -5000)
            #expect(atomic.data?["failed"] == 1)
            #expect(try await shop.count("invoice_invoices") == 1, "the call before it never ran")
        }
    }

    @Test func anAtomicBatchCommitsEveryCallAndItsReadsSeeItsOwnWrites() async throws {
        try await Shop.with { shop in
            let answer = try await shop.batch([
                "atomic": true,
                "calls": [Self.create("a"), Self.create("b"), Self.create("c"), Self.call("invoice", "merchant", "list")],
            ])
            #expect(answer.code == 0, "\(answer.text)")
            #expect(Self.codes(answer) == [0, 0, 0, 0])
            #expect(answer.data?.arrayValue?[3]["data"]?["total"] == 3)
            #expect(try await shop.count("invoice_invoices") == 3)
            #expect(try await SQLiteFile.scalar(dataDir: shop.server.dataDir, "SELECT group_concat(title) FROM invoice_lines") == "a,b,c")
        }
    }

    @Test func anAtomicBatchFailingAtOneCallKeepsNoRowEventOrOutboxMessageOfAnyCall() async throws {
        try await Shop.with { shop in
            let hook = "http://127.0.0.1:9/hooks"
            let first = try await shop.merchant("create", ["products": [["title": "A", "amount": "10.00"]], "webhooks": [.string(hook)]])
            let second = try await shop.merchant("create", ["products": [["title": "B", "amount": "10.00"]], "webhooks": [.string(hook)]])
            let (firstID, secondID) = (first.data?["id"] ?? .null, second.data?["id"] ?? .null)
            let historyBefore = try await shop.count("invoice_history")
            let answer = try await shop.batch([
                "atomic": true,
                "calls": [
                    Self.call("invoice", "merchant", "pay", ["id": firstID, "gateway": "stripe", "transaction_id": "t1", "amount": "10.00"]),
                    Self.create("C", webhooks: [hook]),
                    Self.call("invoice", "merchant", "cancel", ["id": secondID]),
                    Self.call("invoice", "merchant", "pay", ["id": 999, "gateway": "stripe", "transaction_id": "t2", "amount": "1.00"]),
                    Self.create("never run"),
                ],
            ])
            #expect(answer.code == -1, "the failing call's own code")
            #expect(answer.msg == "calls[3] failed, so nothing of this batch was kept: not found")
            #expect(answer.data?["failed"] == 3)
            #expect(answer.data?["answer"]?["msg"] == "not found")
            #expect(try await shop.count("invoice_invoices") == 2, "the created invoice is gone")
            #expect(try await shop.count("invoice_invoices", where: "status = 'pending'") == 2, "neither paid nor canceled")
            #expect(try await shop.count("invoice_history") == historyBefore, "no status event of any call")
            #expect(try await shop.count("outbox") == 0, "no webhook message of the payment or the cancellation")
            #expect(try await shop.count("invoice_gateway_events") == 0)
            let next = try await shop.merchant("create", ["products": [["title": "D", "amount": "1.00"]]])
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            #expect(next.data?["number"] == .string("INV-\(year)-000003"), "the rolled-back invoice used no number")
            // The same calls without the failing one commit together, with their events and messages.
            let kept = try await shop.batch([
                "atomic": true,
                "calls": [
                    Self.call("invoice", "merchant", "pay", ["id": firstID, "gateway": "stripe", "transaction_id": "t1", "amount": "10.00"]),
                    Self.call("invoice", "merchant", "cancel", ["id": secondID]),
                ],
            ])
            #expect(kept.code == 0, "\(kept.text)")
            #expect(try await shop.count("outbox") == 2)
            #expect(try await shop.count("invoice_invoices", where: "status = 'pending'") == 1)
        }
    }

    @Test func inMemoryListenersHearAnAtomicBatchOnlyOnceItCommittedAndNeverWhenItRolledBack() async throws {
        try await Shop.with { shop in
            let storage = shop.server.kernel.access.storage
            // Each invoice.created heard, with how many invoices a reader saw committed at that moment.
            let heard = Mutex<[Int]>([])
            shop.server.kernel.access.services(for: "test").hooks.onCommitted(InvoiceEvents.created, name: "recorder") { _ in
                let committed = (try? await storage.read { db in try db.scalar("SELECT COUNT(*) FROM invoice_invoices").int }) ?? nil
                heard.withLock { $0.append(committed ?? -1) }
            }
            let doomed = try await shop.batch(["atomic": true, "calls": [Self.create("a"), Self.create("b"), Self.call("invoice", "merchant", "view", ["id": 999])]])
            #expect(doomed.code == -1)
            #expect(heard.withLock { $0 }.isEmpty, "a rolled-back batch is never heard")
            let kept = try await shop.batch(["atomic": true, "calls": [Self.create("a"), Self.create("b")]])
            #expect(kept.code == 0)
            #expect(heard.withLock { $0 } == [2, 2], "both heard once, after both were committed")
            let plain = try await shop.batch(["calls": [Self.create("c")]])
            #expect(plain.code == 0)
            #expect(heard.withLock { $0 } == [2, 2, 3])
        }
    }

    @Test func anActionThatIsNotTransactionSafeFailsAnAtomicBatchBeforeAnythingRuns() async throws {
        try await Shop.with { shop in
            let admin = try await shop.server.admin("root")
            let answer = try await shop.batch(
                [
                    "atomic": true, "token": .string(admin),
                    "calls": [Self.create("a"), Self.call("system", "stores", "create", ["name": "second"]), Self.call("invoice", "gateway", "stripe")],
                ], headers: [("Content-Type", "application/json")])
            #expect(answer.code == -5000)
            #expect(answer.data?["failed"] == 1)
            #expect(answer.msg == "calls[1] failed, so nothing of this batch was kept: system/stores/create cannot take part in an atomic batch (it is not transaction-safe)")
            #expect(try await shop.count("invoice_invoices") == 0)
            #expect(try await shop.count("stores") == 1)
            let unknown = try await shop.batch(["atomic": true, "calls": [Self.create("a"), Self.call("invoice", "merchant", "nosuch")]])
            #expect(unknown.code == -1)
            #expect(unknown.data?["failed"] == 1)
            #expect(try await shop.count("invoice_invoices") == 0)
        }
    }

    @Test func malformedBatchesAnswerAClearMinus5000AndRunNothing() async throws {
        try await Shop.with { shop in
            let cases: [(String, String)] = [
                ("not json", "malformed request body"),
                (#"[1,2]"#, "malformed request body"),
                (#"{"calls":{}}"#, "calls must be an array of 1 to 50 calls"),
                (#"{"calls":[]}"#, "calls must be an array of 1 to 50 calls"),
                (#"{}"#, "calls must be an array of 1 to 50 calls"),
                (#"{"calls":[1]}"#, "calls[0] must be an object with pluginsname, pluginscontrol, pluginsaction and params"),
                (#"{"calls":[{"pluginsname":"invoice","pluginscontrol":"merchant"}]}"#, "missing parameter 'calls[0].pluginsaction'"),
                (#"{"calls":[{"pluginsname":"../x","pluginscontrol":"a","pluginsaction":"b"}]}"#, "malformed parameter 'calls[0].pluginsname'"),
                (#"{"calls":[{"pluginsname":"a","pluginscontrol":"b","pluginsaction":"c","params":[1]}]}"#, "malformed parameter 'calls[0].params'"),
                (#"{"calls":[{"pluginsname":"a","pluginscontrol":"b","pluginsaction":"c","id":1}]}"#,
                 "calls[0] has an unknown key 'id' (a call's parameters go in its params)"),
                (#"{"calls":[{"calls":[]}]}"#, "calls[0] is itself a batch; batches cannot nest"),
                (#"{"atomic":"maybe","calls":[{"pluginsname":"a","pluginscontrol":"b","pluginsaction":"c"}]}"#, "malformed parameter 'atomic'"),
            ]
            let valid = #"{"pluginsname":"invoice","pluginscontrol":"merchant","pluginsaction":"create","params":{"products":[{"title":"x","amount":"1.00"}]}}"#
            for (body, message) in cases {
                let answer = try await shop.batch(body)
                #expect(answer.code == -5000, "\(body)")
                #expect(answer.msg == message, "\(body): \(answer.text)")
                let withValidFirst = body.replacingOccurrences(of: #"{"calls":["#, with: #"{"calls":[\#(valid),"#)
                if withValidFirst != body { #expect(try await shop.batch(withValidFirst).code == -5000) }
            }
            #expect(try await shop.count("invoice_invoices") == 0, "no call of a malformed batch ran")
            let get = try await RawHTTP.send(port: shop.server.port, method: "GET", target: "/api/plugins/batch")
            #expect(get.status == 405)
            #expect(get.code == -5000)
        }
    }

    @Test func shopXOEntryFilesSelectABatchWithSPluginsBatch() async throws {
        try await Shop.with { shop in
            let admin = try await shop.server.admin("root")
            let body: JSON = ["calls": [Self.call("system", "system", "ping"), Self.call("invoice", "settings", "view", ["token": .string(admin)])]]
            for path in ["/api.php?s=plugins/batch", "/api.php?s=/plugins/batch.html&lang=zh", "/admin.php?s=plugins/batch"] {
                let answer = try await shop.batch(body, path: path, headers: [("Content-Type", "application/x-www-form-urlencoded")])
                #expect(answer.code == 0, "\(path): \(answer.text)")
                #expect(Self.codes(answer) == [0, 0])
            }
            let chinese = try await shop.batch(body, path: "/api.php?s=plugins/batch&lang=zh")
            #expect(chinese.msg == "操作成功")
            let other = try await shop.batch(body, path: "/api.php?s=plugins/other")
            #expect(other.code == -5000)
            #expect(other.msg == "parameter 's' must be one of: plugins/index, plugins/batch")
        }
    }

    @Test func singleRequestsKeepWorkingWhileBatchesRun() async throws {
        try await Shop.with { shop in
            let results = try await withThrowingTaskGroup(of: (kind: String, codes: [Int64?]).self) { group in
                for round in 0..<6 {
                    group.addTask {
                        let calls = (0..<20).map { Self.create("atomic-\(round)-\($0)") }
                        return ("atomic", [try await shop.batch(["atomic": true, "calls": .array(calls)]).code])
                    }
                    group.addTask {
                        let calls = (0..<19).map { Self.create("doomed-\(round)-\($0)") } + [Self.call("invoice", "merchant", "view", ["id": 999_999])]
                        return ("doomed", [try await shop.batch(["atomic": true, "calls": .array(calls)]).code])
                    }
                    group.addTask {
                        let calls = (0..<20).map { _ in Self.call("invoice", "merchant", "list") }
                        return ("reads", Self.codes(try await shop.batch(["calls": .array(calls)])))
                    }
                    group.addTask {
                        var codes: [Int64?] = []
                        for index in 0..<10 {
                            codes.append(try await shop.merchant("create", ["products": [["title": .string("single-\(round)-\(index)"), "amount": "1.00"]]]).code)
                        }
                        return ("single", codes)
                    }
                }
                return try await group.reduce(into: [String: [Int64?]]()) { $0[$1.kind, default: []] += $1.codes }
            }
            #expect(results["atomic"] == Array(repeating: 0, count: 6))
            #expect(results["doomed"] == Array(repeating: -1, count: 6))
            #expect(results["reads"]?.count == 120 && results["reads"]?.allSatisfy { $0 == 0 } == true)
            #expect(results["single"]?.count == 60 && results["single"]?.allSatisfy { $0 == 0 } == true)
            #expect(try await shop.count("invoice_invoices") == 6 * 20 + 60)
            #expect(try await shop.count("invoice_lines", where: "title LIKE 'doomed-%'") == 0)
            #expect(try await SQLiteFile.scalar(dataDir: shop.server.dataDir, "PRAGMA integrity_check") == "ok")
        }
    }
}
