import Contracts
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

/// The hook bus as plugins use it (`PluginHooks`), over a real kernel and SQLite file.
@Suite struct HookBusTests {
    @Test func listenersRunByPriorityThenNameThenRegistration() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let hooks = server.kernel.access.services(for: "observer").hooks
            let recorder = Recorder()
            // Added out of order on purpose.
            for (index, (priority, name)) in [(100, "b"), (5, "z"), (100, "a"), (100, "a"), (200, "a"), (5, "m")].enumerated() {
                hooks.onCommitted(InvoiceEvents.paid, priority: priority, name: name) { _ in recorder.append("\(priority)-\(name)#\(index)") }
            }
            hooks.onCommitted("something.else", priority: 0, name: "0") { _ in recorder.append("other") }
            try await hooks.publish(HookEvent(InvoiceEvents.paid, payload: [:]))
            #expect(recorder.all == ["5-m#5", "5-z#1", "100-a#2", "100-a#3", "100-b#0", "200-a#4"])
        }
    }

    @Test func aDurableListenerWritesInThePublishersTransactionAndOnlyItsOwnTables() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let access = server.kernel.access
            try await access.storage.write { db in try db.executeScript("CREATE TABLE audit_log (name TEXT NOT NULL)") }
            let audit = access.services(for: "audit").hooks
            audit.on(GreeterPlugin.added, priority: 1, name: "broken") { _, db in
                try db.execute("INSERT INTO audit_log (name) VALUES ('from the broken one')")
                throw ListenerBroke()
            }
            audit.on(GreeterPlugin.added, priority: 2, name: "record") { event, db in
                try db.execute("INSERT INTO audit_log (name) VALUES (?)", event.payload["name"]?.stringValue ?? "")
            }
            let intruder = access.services(for: "intruder").hooks
            intruder.on(GreeterPlugin.added, priority: 3, name: "peek") { _, db in _ = try db.query("SELECT * FROM users") }

            #expect(try await server.call("greeter", "name", "add", ["name": "Ann"]).code == 0)
            let refused = try await server.call("greeter", "name", "add", ["name": "Bob", "fail": true])
            #expect(refused.code == -1)
            #expect(refused.msg == "refused after publishing")

            let logged = try await access.storage.read { db in try db.query("SELECT name FROM audit_log").compactMap { $0.string("name") } }
            #expect(logged == ["Ann"], "the failed write took its listener's row with it; the broken listener's row is gone alone")
            #expect(try await server.call("greeter", "name", "count").data?["count"] == 1)
        }
    }

    @Test func inMemoryListenersRunOnlyAfterTheWriteCommitted() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let recorder = Recorder()
            server.kernel.access.services(for: "observer").hooks.onCommitted(GreeterPlugin.added, name: "seen") { event in
                recorder.append(event.payload["name"]?.stringValue ?? "")
            }
            let added = try await server.call("greeter", "name", "add", ["name": "Ann"])
            #expect(added.code == 0)
            let refused = try await server.call("greeter", "name", "add", ["name": "Bob", "fail": true])
            #expect(refused.code == -1)
            #expect(recorder.all == ["Ann"], "ran before the answer, and never for the rolled-back write")
        }
    }

    @Test func filtersChangeTheValueInOrderAndAFailingOneLeavesItAsItWas() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let hooks = server.kernel.access.services(for: "printer").hooks
            hooks.addFilter(InvoiceFilters.pdfData, priority: 20, name: "footer") { data in
                var object = data.objectValue ?? [:]
                object["footer"] = .string("Thanks, \(object["title"]?.stringValue ?? "")")
                return .object(object)
            }
            hooks.addFilter(InvoiceFilters.pdfData, priority: 10, name: "title") { data in
                var object = data.objectValue ?? [:]
                object["title"] = "Rechnung"
                return .object(object)
            }
            hooks.addFilter(InvoiceFilters.pdfData, priority: 15, name: "broken") { _ in throw ListenerBroke() }
            let result = await hooks.apply(InvoiceFilters.pdfData, to: ["title": "Invoice", "total": "10.00"])
            #expect(result == ["title": "Rechnung", "total": "10.00", "footer": "Thanks, Rechnung"])
            let answer = try await server.call("greeter", "card", "render")
            #expect(answer.data == ["title": "Rechnung", "footer": "Thanks, Rechnung"], "a filter of one plugin reaches another's action")
        }
    }

    @Test func aVetoStopsAtTheFirstRefusal() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let hooks = server.kernel.access.services(for: "policy").hooks
            let recorder = Recorder()
            hooks.addVeto(.pluginInstall, priority: 1, name: "allow") { subject in recorder.append("allow \(subject.name)") }
            hooks.addVeto(.pluginInstall, priority: 2, name: "remote") { subject in
                if subject.source == "remote" { throw KernelError.invalid(LocalizedText(verbatim: "no remote plugins here")) }
            }
            hooks.addVeto(.pluginInstall, priority: 3, name: "crash") { _ in throw ListenerBroke() }
            hooks.addVeto(.pluginInstall, priority: 4, name: "last") { _ in recorder.append("last") }

            await #expect(throws: KernelError.self) {
                try await hooks.check(.pluginInstall, PluginInstallation(name: "x", version: "1", source: "remote"))
            }
            #expect(recorder.all == ["allow x"])
            do {
                try await hooks.check(.pluginInstall, PluginInstallation(name: "y", version: "1", source: "builtin"))
                Issue.record("the crashing veto should refuse")
            } catch let error as KernelError {
                #expect(error.code == .failure)
                #expect(error.message(.en) == "refused by 'policy.crash'")
                #expect(error.message(.zh).contains("policy.crash"))
            } catch {
                Issue.record("unexpected \(error)")
            }
            #expect(recorder.all == ["allow x", "allow y"])
        }
    }

    @Test func handlersOfADisabledPluginAreSkipped() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let access = server.kernel.access
            let recorder = Recorder()
            access.services(for: "greeter").hooks.onCommitted(GreeterPlugin.added, name: "own") { _ in recorder.append("greeter") }
            #expect(try await server.call("greeter", "name", "add", ["name": "Ann"]).code == 0)
            try await access.registry.setEnabled("greeter", false, clock: access.clock)
            try await access.services(for: "other").hooks.publish(HookEvent(GreeterPlugin.added, payload: [:]))
            #expect(recorder.all == ["greeter"])
        }
    }
}
