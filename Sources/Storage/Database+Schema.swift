extension Database {
    /// Names of the tables whose name starts with `prefix` (a plugin's own tables).
    public func tableNames(withPrefix prefix: String) throws -> [String] {
        try query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .compactMap { $0.string("name") }
            .filter { $0.hasPrefix(prefix) }
    }

    /// Drops a table by name (quoted as an identifier, never interpolated raw).
    public func dropTable(_ name: String) throws {
        let quoted = "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        try executeScript("DROP TABLE IF EXISTS \(quoted)")
    }
}
