// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "invoice-server",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Kernel", targets: ["Kernel"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "Server", targets: ["Server"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
        .library(name: "InvoicePlugin", targets: ["InvoicePlugin"]),
        .library(name: "Printing", targets: ["Printing"]),
        .library(name: "InvoiceServerCLI", targets: ["InvoiceServerCLI"]),
        .library(name: "SchedulePlugin", targets: ["SchedulePlugin"]),
        .library(name: "CopyPlugin", targets: ["CopyPlugin"]),
        .executable(name: "invoice-server", targets: ["invoice-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .target(
            name: "Printing",
            dependencies: ["CPangoCairo"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Storage",
            dependencies: ["CSQLite"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Kernel",
            dependencies: [
                "Storage",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Dashboard",
            dependencies: ["Kernel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Server",
            dependencies: [
                "Kernel", "Dashboard",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "InvoicePlugin",
            dependencies: [
                "Kernel", "Storage", "Printing",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Plugins/Invoice",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SchedulePlugin",
            dependencies: ["Kernel", "Storage", .product(name: "Logging", package: "swift-log")],
            path: "Plugins/Schedule",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CopyPlugin",
            dependencies: ["Kernel", "Storage"],
            path: "Plugins/Copy",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "InvoiceServerCLI",
            dependencies: [
                "Server", "Kernel", "Storage", "InvoicePlugin", "SchedulePlugin", "CopyPlugin",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "invoice-server",
            dependencies: ["InvoiceServerCLI"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bench-tick",
            dependencies: [
                "Kernel", "Storage", "InvoicePlugin", "SchedulePlugin", .product(name: "Logging", package: "swift-log"),
            ],
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
                "Server", "Kernel",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage"], swiftSettings: swiftSettings),
        .testTarget(name: "KernelTests", dependencies: ["Kernel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "InvoicePluginTests",
            dependencies: [
                "InvoicePlugin", "Server", "Kernel", "Storage", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PluginSystemTests",
            dependencies: [
                "Server", "Kernel", "Storage", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchedulePluginTests",
            dependencies: ["SchedulePlugin", "InvoicePlugin", "CopyPlugin", "Server", "Kernel", "Storage", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutboxTests",
            dependencies: ["Kernel", "Storage", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Kernel", "Storage", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
