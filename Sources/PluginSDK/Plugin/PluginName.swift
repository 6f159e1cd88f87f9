/// The names of plugins, controls, actions and API-key scopes: `^[a-z0-9_]{1,60}$`, the only
/// names that reach any lookup.
public enum PluginName {
    /// True for 1 to 60 of `a-z`, `0-9` and `_`.
    public static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        return (1...60).contains(bytes.count)
            && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }
}
