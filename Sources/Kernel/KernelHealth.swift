import PluginSDK

extension Kernel {
    /// How far behind each enabled plugin's background work is (those that report it), in
    /// seconds at `now`. A plugin whose report fails counts as its failure's message.
    public func backgroundLag(now: Int64) async -> [(plugin: String, seconds: Int64?, error: String?)] {
        var lags: [(plugin: String, seconds: Int64?, error: String?)] = []
        for (work, services) in enabledBackgroundWork {
            guard let reporting = work as? any LagReporting else { continue }
            do {
                lags.append((work.manifest.name, try await reporting.lagSeconds(services, now: now), nil))
            } catch {
                lags.append((work.manifest.name, nil, "\(error)"))
            }
        }
        return lags
    }
}
