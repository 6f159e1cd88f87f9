// swift-tools-version:6.0
import Foundation
import PackageDescription

// invoice-server is the checkout two folders up. SwiftPM names a path dependency after its
// folder, so the name is read from the path instead of assumed.
let serverPath = "../.."
let serverPackage = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "HelloPlugin",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "HelloPlugin", targets: ["HelloPlugin"]),
        .executable(name: "hello-server", targets: ["hello-server"]),
    ],
    dependencies: [
        .package(path: serverPath)
    ],
    targets: [
        .target(
            name: "HelloPlugin",
            dependencies: [
                .product(name: "PluginSDK", package: serverPackage),
                .product(name: "Contracts", package: serverPackage),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "hello-server",
            dependencies: [
                "HelloPlugin",
                .product(name: "PluginSDK", package: serverPackage),
                .product(name: "InvoiceServerCLI", package: serverPackage),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
