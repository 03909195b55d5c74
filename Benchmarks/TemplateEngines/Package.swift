// swift-tools-version:6.0
// A benchmark of sitegen's own Mustache engine against hummingbird-project/swift-mustache, on
// the same views and templates. A package of its own, so that swift-mustache stays out of
// sitegen's dependencies. It reads sitegen's internal types: build it with testing enabled,
// `swift build -c release -Xswiftc -enable-testing` (see README.md).
import PackageDescription

let package = Package(
    name: "TemplateEngines",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "sitegen", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
    ],
    targets: [
        .executableTarget(
            name: "TemplateEngines",
            dependencies: [
                .product(name: "SitegenCore", package: "sitegen"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Top-level code shares the loaded site with the rendering closures without ceremony.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
