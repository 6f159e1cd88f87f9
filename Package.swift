// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

let package = Package(
    name: "invoice-server",
    platforms: [.macOS(.v15)],
    products: [
        // What a plugin author needs: the plugin API and the storage handle.
        .library(name: "PluginSDK", targets: ["PluginSDK"]),
        // The first-party plugins' contracts: their events, filters and services.
        .library(name: "Contracts", targets: ["Contracts"]),
        // The whole command line, for a server executable with its own plugins.
        .library(name: "InvoiceServerCLI", targets: ["InvoiceServerCLI"]),
        .executable(name: "invoice-server", targets: ["invoice-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),

        // Storage: the backend-neutral handle and protocols, and the SQLite backend.
        .target(name: "Storage", swiftSettings: swiftSettings),
        .target(name: "SQLiteStorage", dependencies: ["Storage", "CSQLite"], swiftSettings: swiftSettings),

        // The plugin SDK: everything a plugin sees, nothing of the host.
        .target(name: "PluginSDK", dependencies: ["Storage", crypto, logging], swiftSettings: swiftSettings),

        // The kernel: dispatch, accounts, registry, hooks, caches, the system plugin.
        .target(
            name: "Kernel",
            dependencies: [
                "PluginSDK", "Storage", "SQLiteStorage", crypto, logging,
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The host's other parts, each in its own target.
        .target(
            name: "OutboundHTTP",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Outbox",
            dependencies: [
                "Kernel", "PluginSDK", "Storage", "OutboundHTTP", logging,
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "RemotePlugins", dependencies: ["Kernel", "PluginSDK", "Storage", "OutboundHTTP", logging], swiftSettings: swiftSettings),
        .target(
            name: "Dashboard",
            dependencies: ["Kernel", "PluginSDK", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Server",
            dependencies: [
                "Kernel", "PluginSDK", "Outbox", "Dashboard",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                logging,
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "Printing", dependencies: ["CPangoCairo"], swiftSettings: swiftSettings),

        // First-party plugins; they import the SDK and the contracts, never each other.
        .target(name: "Contracts", dependencies: ["PluginSDK"], path: "Plugins/Contracts", swiftSettings: swiftSettings),
        .target(
            name: "InvoicePlugin",
            dependencies: ["PluginSDK", "Contracts", "Printing", crypto],
            path: "Plugins/Invoice",
            swiftSettings: swiftSettings
        ),
        .target(name: "SchedulePlugin", dependencies: ["PluginSDK", "Contracts", logging], path: "Plugins/Schedule", swiftSettings: swiftSettings),
        .target(name: "CopyPlugin", dependencies: ["PluginSDK", "Contracts"], path: "Plugins/Copy", swiftSettings: swiftSettings),
        // The example third-party plugin, compiled here for the tests (it is also a package of its own).
        .target(name: "HelloPlugin", dependencies: ["PluginSDK", "Contracts"], path: "Examples/HelloPlugin/Sources/HelloPlugin", swiftSettings: swiftSettings),

        .target(
            name: "InvoiceServerCLI",
            dependencies: [
                "Server", "Kernel", "Outbox", "RemotePlugins", "PluginSDK", "SQLiteStorage", "InvoicePlugin", "SchedulePlugin", "CopyPlugin",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                logging,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "invoice-server", dependencies: ["InvoiceServerCLI"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "bench-tick",
            dependencies: ["Kernel", "PluginSDK", "InvoiceServerCLI", "InvoicePlugin", "SchedulePlugin", logging],
            path: "bench/Tick",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bench-baseline",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "bench/Baseline"
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "Server", "Kernel", "PluginSDK", "InvoiceServerCLI",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                logging,
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "SQLiteStorage"], swiftSettings: swiftSettings),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "PluginSDK"], swiftSettings: swiftSettings),
        .testTarget(
            name: "InvoicePluginTests",
            dependencies: ["InvoicePlugin", "Contracts", "Printing", "Server", "Kernel", "PluginSDK", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PluginSystemTests",
            dependencies: ["Server", "Kernel", "PluginSDK", "Contracts", "Outbox", "HelloPlugin", "TestSupport", "InvoicePlugin"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchedulePluginTests",
            dependencies: [
                "SchedulePlugin", "InvoicePlugin", "CopyPlugin", "Contracts", "Server", "Kernel", "PluginSDK", "InvoiceServerCLI", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "OutboxTests", dependencies: ["Outbox", "Kernel", "PluginSDK", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Kernel", "PluginSDK", "InvoiceServerCLI", "TestSupport"], swiftSettings: swiftSettings),
    ]
)
