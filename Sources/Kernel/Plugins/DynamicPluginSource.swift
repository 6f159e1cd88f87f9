import PluginSDK
import Storage

/// Plugins that exist as rows rather than compiled code (remote plugins): the registry loads
/// them whenever plugin state changes, and asks the source to forget one that is uninstalled
/// without keeping its data.
public protocol DynamicPluginSource: Sendable {
    /// What the plugin list calls them (`remote`).
    var sourceName: String { get }
    /// Every plugin of this source as stored now.
    func loadPlugins(_ db: Database) throws -> [any Plugin]
    /// Deletes what the source keeps about `name`.
    func forget(_ name: String, in db: Database) throws
}
