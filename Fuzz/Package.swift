// swift-tools-version:6.0
// The fuzz targets: one libFuzzer executable per hand-written parser that sees network input.
// A package of its own so the server's build and `make test` never compile it; `make fuzz` runs
// it (Fuzz/README.md). The server's files are compiled from the tree itself through the
// `Project/Sources` and `Project/Plugins` links, instrumented for coverage and AddressSanitizer.
import PackageDescription

/// The server's files each fuzz target needs, by the module they belong to - the one table to
/// update when files move between targets. Each module keeps the server's module name, so the
/// files compile unchanged.
let serverModules: [(name: String, path: String, files: [String], dependencies: [Target.Dependency])] = [
    (
        "Kernel", "Project/Sources/Kernel",
        [
            "JSON/JSON.swift", "JSON/JSONParser.swift", "JSON/JSON+Coding.swift",
            "Dispatch/Params.swift",
            "Envelope/KernelError.swift", "Envelope/KernelMessages.swift", "Envelope/Language.swift", "Envelope/ResultCode.swift",
            "Auth/Access.swift", "Auth/SignedPayload.swift",
            "Hooks/HookPoints.swift",
            "Plugins/PluginManifest.swift", "Plugins/PluginName.swift",
            "Remote/RemoteManifest.swift",
            "Outbox/SMTPReplyReader.swift",
        ],
        [.product(name: "Crypto", package: "swift-crypto")]
    ),
    ("Server", "Project/Sources/Server", ["QueryString.swift", "MultipartForm.swift", "BodyParser.swift"], ["Kernel"]),
    ("SchedulePlugin", "Project/Plugins/Schedule", ["Model/FormShape.swift"], ["Kernel"]),
]

/// The fuzz targets: the name (its harness is `Targets/<name>`, its seeds `Corpus/<name>`, its
/// tokens `Dictionaries/<name>.dict`) and the modules above it exercises (and any other it uses).
let fuzzTargets: [(name: String, modules: [Target.Dependency])] = [
    ("json", ["Kernel"]),
    ("form", ["Kernel", "Server"]),
    ("multipart", ["Kernel", "Server"]),
    ("signature", ["Kernel", .product(name: "Crypto", package: "swift-crypto")]),
    ("manifest", ["Kernel"]),
    ("form-shape", ["Kernel", "SchedulePlugin"]),
    ("smtp-reply", ["Kernel"]),
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
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3")
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
