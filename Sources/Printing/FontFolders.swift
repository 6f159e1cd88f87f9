import Foundation

/// Where the fonts made for printing are (the TrueType conversion of Noto Sans CJK SC that
/// `make deps` writes to `fonts/generated`), found the same way whatever the working directory:
/// 1. `$INVOICE_SERVER_FONTS`, a folder, for installs that keep them anywhere else;
/// 2. `<prefix>/share/invoice-server/fonts` beside an installed `<prefix>/bin/invoice-server`;
/// 3. `fonts/generated` of the package the running executable was built in: SwiftPM puts
///    binaries and test bundles under `<package>/.build/...`, so `make run`, the tests, the
///    benchmarks and the example plugin's server all find it.
public enum FontFolders {
    /// The environment variable naming a fonts folder.
    public static let environmentKey = "INVOICE_SERVER_FONTS"

    /// The folders that exist, in the order above.
    public static func search(
        environment: [String: String] = ProcessInfo.processInfo.environment, executable: String? = executablePath()
    ) -> [String] {
        var candidates: [String] = []
        if let folder = environment[environmentKey], !folder.isEmpty { candidates.append(folder) }
        if let executable {
            let binFolder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            candidates.append(binFolder.deletingLastPathComponent().appendingPathComponent("share/invoice-server/fonts").path)
            if let tree = sourceTreeFonts(above: binFolder) { candidates.append(tree) }
        }
        var seen = Set<String>()
        return candidates.filter { isFolder($0) && seen.insert($0).inserted }
    }

    /// `fonts/generated` in the nearest folder above `start` that holds a `Package.swift` and one.
    private static func sourceTreeFonts(above start: URL) -> String? {
        var folder = start
        for _ in 0..<8 {
            let fonts = folder.appendingPathComponent("fonts/generated").path
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) && isFolder(fonts) {
                return fonts
            }
            let parent = folder.deletingLastPathComponent()
            guard parent.path != folder.path else { return nil }
            folder = parent
        }
        return nil
    }

    private static func isFolder(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// The running executable with symbolic links resolved (`/proc/self/exe` on Linux).
    public static func executablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }
}
