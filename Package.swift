// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SitegenCore", targets: ["SitegenCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "CSystemShims"),
        .target(name: "CCmarkShims"),
        .target(
            name: "SitegenCore",
            dependencies: [
                "CCmarkGFM",
                "CCmarkShims",
                "CSystemShims",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            // Generic types named in this code get their metadata from direct accessors, not by
            // demangling their names at run time: that checked each generic requirement by scanning
            // every protocol conformance of the executable, 8 % of an edit in place.
            swiftSettings: [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release sitegen carries the Swift runtime and Foundation inside: loading them as
            // shared libraries took 5 of the 35 ms of an up-to-date build of 10,000 activities.
            // Linked at a fixed address, its 105,000 pointers need no relocating at start, and it
            // exports only the symbols the shared libraries need (the cmark shim): the Swift runtime
            // finds its own path at start-up with dladdr, which searched 22,800 exported symbols
            // (0.6 ms). Together `sitegen --version` went from 5.5 to 3.4 ms. The price: the
            // executable's own code is not placed at a random address; sitegen reads local files
            // and serves only 127.0.0.1.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "-no-pie", "-Xlinker", "--no-export-dynamic"],
                                          .when(configuration: .release))]
        ),
        .testTarget(
            name: "SitegenCoreTests",
            dependencies: ["SitegenCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SitegenCommandTests",
            dependencies: ["sitegen", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
    ]
)
