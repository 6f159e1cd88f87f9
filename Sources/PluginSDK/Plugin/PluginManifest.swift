/// What a plugin says about itself.
public struct PluginManifest: Sendable {
    /// Unique name, `^[a-z0-9_]{1,60}$`; also the prefix of its tables (`<name>_...`).
    public let name: String
    public let title: String
    public let version: String
    public let author: String
    public let description: String
    /// Client types it serves (`pc`, `h5`, `ios`, `android`, `weixin`, ...); empty means all.
    public let clientTypes: [String]

    public init(
        name: String, title: String, version: String, author: String, description: String, clientTypes: [String] = []
    ) {
        self.name = name
        self.title = title
        self.version = version
        self.author = author
        self.description = description
        self.clientTypes = clientTypes
    }
}
