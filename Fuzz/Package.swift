// swift-tools-version:6.0
// The fuzz targets: one libFuzzer executable per hand-written parser that sees network input.
// A package of its own so the server's build and `make test` never compile it; `make fuzz` runs
// it (Fuzz/README.md). The server's files are compiled from the tree itself through the
// `Project/Sources` and `Project/Plugins` links, instrumented for coverage and AddressSanitizer.
import PackageDescription

let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")

/// The server's modules the fuzz targets compile, with the files of each (nil: all of them) and
/// what they import - the one table to update when files move between targets. Each keeps the
/// server's module name, so its files compile unchanged; a module taken in part takes only what
/// the parsers need, so none of the server's heavier dependencies is built.
let serverModules: [(name: String, path: String, files: [String]?, dependencies: [Target.Dependency])] = [
    ("Storage", "Project/Sources/Storage", nil, []),
    ("PluginSDK", "Project/Sources/PluginSDK", nil, ["Storage", crypto, .product(name: "Logging", package: "swift-log")]),
    ("Server", "Project/Sources/Server", ["QueryString.swift", "MultipartForm.swift", "BodyParser.swift"], ["PluginSDK"]),
    ("RemotePlugins", "Project/Sources/RemotePlugins", ["RemoteManifest.swift"], ["PluginSDK"]),
    ("Outbox", "Project/Sources/Outbox", ["SMTPReplyReader.swift"], []),
    ("SchedulePlugin", "Project/Plugins/Schedule", ["Model/FormShape.swift"], ["PluginSDK"]),
]

/// The fuzz targets: the name (its harness is `Targets/<name>`, its seeds `Corpus/<name>`, its
/// tokens `Dictionaries/<name>.dict`) and the modules it exercises.
let fuzzTargets: [(name: String, modules: [Target.Dependency])] = [
    ("json", ["PluginSDK"]),
    ("form", ["PluginSDK", "Server"]),
    ("multipart", ["PluginSDK", "Server"]),
    ("signature", ["PluginSDK", crypto]),
    ("manifest", ["PluginSDK", "RemotePlugins"]),
    ("form-shape", ["PluginSDK", "SchedulePlugin"]),
    ("smtp-reply", ["Outbox"]),
]

let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
/// Coverage for libFuzzer and AddressSanitizer (which brings LeakSanitizer). `undefined` is not
/// offered for Swift on Linux; Swift itself traps on overflow and out-of-bounds access.
let sanitizers = "-sanitize=fuzzer,address"
/// Harnesses reach the parsers' internal types with `@testable import`.
let instrumented = upcomingFeatures + [.unsafeFlags([sanitizers, "-enable-testing"])]

let package = Package(
    name: "invoice-server-fuzz",
    products: fuzzTargets.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: serverModules.map { module in
        .target(name: module.name, dependencies: module.dependencies, path: module.path, sources: module.files, swiftSettings: instrumented)
    } + [
        .target(name: "CLibFuzzer", path: "Support/CLibFuzzer"),
        .target(name: "FuzzCheck", dependencies: ["CLibFuzzer"], path: "Support/FuzzCheck", swiftSettings: instrumented),
    ] + fuzzTargets.map { target in
        .executableTarget(
            name: target.name,
            dependencies: target.modules + ["FuzzCheck"],
            path: "Targets/\(target.name)",
            swiftSettings: instrumented,
            linkerSettings: [.unsafeFlags([sanitizers])]
        )
    }
)
