import Foundation
import HelloPlugin
import InvoiceServerCLI
import Kernel
import PluginSDK
import TestSupport
import Testing

/// Examples/HelloPlugin, compiled into this package from its own sources (it is also a package of
/// its own, which CI builds once to prove it stands alone): its actions, its config schema
/// enforced by the kernel, and its listener counting paid invoices inside the paying write.
@Suite struct ExamplePluginTests {
    @Test func theHelloExampleServesItsPluginBesideTheBuiltInOnes() async throws {
        try await TestServer.with(plugins: BuiltInPlugins.all + [HelloPlugin()]) { server in
            func call(_ target: String, _ body: JSON = .emptyObject) async throws -> HTTPResult {
                try await RawHTTP.send(port: server.port, target: target, headers: [("Content-Type", "application/json")], body: body.serialized())
            }
            let plugins = try await call("/api/plugins/index?pluginsname=system&pluginscontrol=system&pluginsaction=plugins")
            let names = plugins.data?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names.contains("hello") && names.contains("invoice"))

            let greeting = try await call("/api/plugins/index?pluginsname=hello&pluginscontrol=greet&pluginsaction=say&lang=zh", ["name": "Ann"])
            #expect(greeting.code == 0)
            #expect(greeting.data?["greeting"] == "你好, Ann!")
            let viaGET = try await RawHTTP.send(port: server.port, method: "GET", target: "/api/plugins/hello/greet/say?name=Bo&lang=fa")
            #expect(viaGET.data?["greeting"] == "سلام, Bo!")
            #expect(try await call("/api/plugins/index?pluginsname=hello&pluginscontrol=greet&pluginsaction=mine").code == -400)

            // Its config schema is enforced through the admin actions of the kernel.
            let token = try await server.admin("root")
            let adminPath = "/admin/plugins/index?pluginsname=system&pluginscontrol=plugin&token=\(token)&pluginsaction="
            let refused = try await call(adminPath + "saveconfig", ["name": "hello", "config": ["punctuation": "~"]])
            #expect(refused.code == -5000)
            #expect(try await call(adminPath + "saveconfig", ["name": "hello", "config": ["punctuation": "?"]]).code == 0)
            let asked = try await call("/api/plugins/index?pluginsname=hello&pluginscontrol=greet&pluginsaction=say", ["name": "Cy"])
            #expect(asked.data?["greeting"] == "Hello, Cy?")

            // A paid invoice is counted by its durable listener, in the write that records the payment.
            let key = try await server.kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["invoices"]).key
            let merchant = "/api/plugins/index?pluginsname=invoice&pluginscontrol=merchant&pluginsaction="
            let created = try await RawHTTP.send(
                port: server.port, target: merchant + "create", headers: [("Content-Type", "application/json"), ("X-Api-Key", key)],
                body: (["products": [["title": "Plan", "amount": "10.00"]]] as JSON).serialized())
            let id = try #require(created.data?["id"])
            let paid = try await RawHTTP.send(
                port: server.port, target: merchant + "pay", headers: [("Content-Type", "application/json"), ("X-Api-Key", key)],
                body: (["id": id, "gateway": "stripe", "transaction_id": "tx-hello", "amount": "10.00"] as JSON).serialized())
            #expect(paid.code == 0, "\(paid.text)")
            let counted = try await call("/admin/plugins/index?pluginsname=hello&pluginscontrol=stats&pluginsaction=paid&token=\(token)")
            #expect(counted.data == [["store_id": 1, "count": 1]])
        }
    }
}
