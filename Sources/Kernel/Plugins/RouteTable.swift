import PluginSDK

/// A plugin's routes indexed by `control/action`.
struct RouteTable: Sendable {
    private let routes: [String: Route]

    init(_ routes: [Route]) {
        var table: [String: Route] = [:]
        for route in routes { table["\(route.control)/\(route.action)"] = route }
        self.routes = table
    }

    func route(control: String, action: String) -> Route? {
        routes["\(control)/\(action)"]
    }

    var all: [Route] { routes.values.sorted { ($0.control, $0.action) < ($1.control, $1.action) } }
}
