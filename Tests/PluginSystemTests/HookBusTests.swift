import Kernel
import Logging
import TestSupport
import Testing

@Suite struct HookBusTests {
    private func bus() -> HookBus {
        HookBus(logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func listenersRunByPriorityThenNameThenRegistration() async throws {
        let bus = bus()
        let recorder = Recorder()
        // Added out of order on purpose.
        for (index, (priority, name)) in [(100, "b"), (5, "z"), (100, "a"), (100, "a"), (200, "a"), (5, "m")].enumerated() {
            bus.on(.invoicePaid, priority: priority, name: name) { _ in recorder.append("\(priority)-\(name)#\(index)") }
        }
        bus.on("something.else", priority: 0, name: "0") { _ in recorder.append("other") }
        await bus.publish(HookEvent(.invoicePaid, payload: [:]))
        #expect(recorder.all == ["5-m#5", "5-z#1", "100-a#2", "100-a#3", "100-b#0", "200-a#4"])
    }

    @Test func aFailingListenerIsSkippedAndTheOthersStillRun() async throws {
        let bus = bus()
        let recorder = Recorder()
        bus.on("invoice.created", priority: 1, name: "first") { _ in throw ListenerBroke() }
        bus.on("invoice.created", priority: 2, name: "second") { event in recorder.append(event.payload["id"]?.stringValue ?? "") }
        await bus.publish(HookEvent(name: "invoice.created", payload: ["id": 7]))
        #expect(recorder.all == ["7"])
        #expect(bus.hasListeners("invoice.created"))
        bus.removeHandlers(named: "second")
        bus.removeHandlers(named: "first")
        #expect(!bus.hasListeners("invoice.created"))
    }

    @Test func filtersChangeTheValueInOrderAndAFailingOneLeavesItAsItWas() async throws {
        let bus = bus()
        bus.addFilter(.invoicePDFData, priority: 20, name: "footer") { data in
            var object = data.objectValue ?? [:]
            object["footer"] = .string("Thanks, \(object["title"]?.stringValue ?? "")")
            return .object(object)
        }
        bus.addFilter(.invoicePDFData, priority: 10, name: "title") { data in
            var object = data.objectValue ?? [:]
            object["title"] = "Rechnung"
            return .object(object)
        }
        bus.addFilter(.invoicePDFData, priority: 15, name: "broken") { _ in throw ListenerBroke() }
        let result = await bus.apply(.invoicePDFData, to: ["title": "Invoice", "total": "10.00"])
        #expect(result == ["title": "Rechnung", "total": "10.00", "footer": "Thanks, Rechnung"])
    }

    @Test func aVetoStopsAtTheFirstRefusal() async throws {
        let bus = bus()
        let recorder = Recorder()
        bus.addVeto(.pluginInstall, priority: 1, name: "allow") { subject in recorder.append("allow \(subject.name)") }
        bus.addVeto(.pluginInstall, priority: 2, name: "policy") { subject in
            if subject.source == "remote" { throw KernelError.invalid(LocalizedText(verbatim: "no remote plugins here")) }
        }
        bus.addVeto(.pluginInstall, priority: 3, name: "crash") { _ in throw ListenerBroke() }
        bus.addVeto(.pluginInstall, priority: 4, name: "last") { _ in recorder.append("last") }

        await #expect(throws: KernelError.self) {
            try await bus.check(.pluginInstall, PluginInstallation(name: "x", version: "1", source: "remote"))
        }
        #expect(recorder.all == ["allow x"])
        do {
            try await bus.check(.pluginInstall, PluginInstallation(name: "y", version: "1", source: "builtin"))
            Issue.record("the crashing veto should refuse")
        } catch {
            #expect(error.code == .failure)
            #expect(error.message(.en) == "refused by 'crash'")
            #expect(error.message(.zh).contains("crash"))
        }
        #expect(recorder.all == ["allow x", "allow y"])
    }

    @Test func aFailingListenerDoesNotBreakTheRequestThatPublished() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            let recorder = Recorder()
            server.kernel.services.hooks.on("greeter.added", priority: 1, name: "broken") { _ in throw ListenerBroke() }
            server.kernel.services.hooks.on("greeter.added", priority: 2, name: "works") { event in
                recorder.append(event.payload["name"]?.stringValue ?? "")
            }
            let answer = try await server.call("greeter", "name", "add", ["name": "Ann"])
            #expect(answer.code == 0)
            #expect(answer.data?["greeting"] == "hello Ann")
            #expect(recorder.all == ["Ann"])
            let count = try await server.call("greeter", "name", "count")
            #expect(count.data?["count"] == 1)
        }
    }

    @Test func aFilterRegisteredByAnotherPluginReachesTheAction() async throws {
        try await TestServer.with(plugins: [GreeterPlugin()]) { server in
            server.kernel.services.hooks.addFilter(.invoicePDFData, name: "stamp") { data in
                var object = data.objectValue ?? [:]
                object["stamp"] = "PAID"
                return .object(object)
            }
            let answer = try await server.call("greeter", "card", "render")
            #expect(answer.data == ["title": "Invoice", "stamp": "PAID"])
        }
    }
}
